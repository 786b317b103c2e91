"""RedisSessionStore against a real redis-server: shared between instances, TTL, cap, restarts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis
from tests.redis_utils import RedisServer, running_redis
from tests.server_utils import free_port

from rivs_qa.answer.conversation import ConversationState
from rivs_qa.answer.sessions import MemorySessionStore, make_session_store
from rivs_qa.answer.sessions_redis import UNAVAILABLE_DETAIL, RedisSessionStore
from rivs_qa.config import Settings
from rivs_qa.errors import BadQuestion, Unavailable


@pytest.fixture
def server() -> Iterator[RedisServer]:
    with running_redis() as running:
        yield running


def state(turns: int = 1, lang: str = "lv") -> ConversationState:
    return ConversationState(
        lang=lang,  # type: ignore[arg-type]
        turns=turns,
        question=f"q{turns}",
        subject=f"q{turns}",
        countries=("LV", "HU"),
        domain="education",
    )


def store(url: str, ttl: float = 60, max_sessions: int = 100, **kw: object) -> RedisSessionStore:
    return RedisSessionStore(url, ttl, max_sessions, timeout_seconds=1.0, **kw)  # type: ignore[arg-type]


def test_two_instances_share_a_state(server: RedisServer) -> None:
    a, b = store(server.url), store(server.url)
    assert a.get("s1") is None
    a.put("s1", state(1))
    assert b.get("s1") == state(1)  # a round trip through JSON keeps every field
    b.put("s1", state(2))
    assert a.get("s1") == state(2)
    assert len(a) == len(b) == 1
    b.delete("s1")
    b.delete("s1")  # deleting twice is fine
    assert a.get("s1") is None and len(a) == 0


def test_states_are_json_under_the_prefix_with_a_ttl(server: RedisServer) -> None:
    s = store(server.url, ttl=120, prefix="test:")
    s.put("abc", state(3))
    raw = redis.Redis.from_url(server.url)
    assert raw.get("test:session:abc") == state(3).model_dump_json().encode()
    assert 118 <= raw.ttl("test:session:abc") <= 120
    # another prefix is another namespace
    assert store(server.url, prefix="other:").get("abc") is None
    raw.close()


def test_ttl_expiry(server: RedisServer) -> None:
    s = store(server.url, ttl=1)
    s.put("short", state())
    assert s.get("short") == state()
    time.sleep(1.3)
    assert s.get("short") is None
    assert len(s) == 0


def test_put_restarts_the_ttl(server: RedisServer) -> None:
    s = store(server.url, ttl=2)
    s.put("talk", state(1))
    time.sleep(1.2)
    s.put("talk", state(2))  # the next turn
    time.sleep(1.2)
    assert s.get("talk") == state(2)


def test_max_sessions_evicts_the_least_recently_stored(server: RedisServer) -> None:
    clock = iter(float(t) for t in range(1000, 2000))
    s = store(server.url, max_sessions=3, clock=lambda: next(clock))
    for name in ("a", "b", "c"):
        s.put(name, state())
    s.put("a", state(2))  # "a" is now the most recent
    s.put("d", state())
    s.put("e", state())
    assert len(s) == 3
    assert [s.get(n) is not None for n in "abcde"] == [True, False, False, True, True]


def test_ids_are_validated_before_redis_is_touched() -> None:
    s = store(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    for bad in ("", "a b", "x" * 129, "../etc", "é", "a:b"):
        with pytest.raises(BadQuestion, match="invalid session id"):
            s.get(bad)
        with pytest.raises(BadQuestion, match="invalid session id"):
            s.put(bad, state())
        with pytest.raises(BadQuestion, match="invalid session id"):
            s.delete(bad)


def test_an_unreadable_state_starts_afresh(server: RedisServer) -> None:
    s = store(server.url)
    raw = redis.Redis.from_url(server.url)
    raw.set("rivs-qa:session:old", b'{"turns": "many"}')
    assert s.get("old") is None
    assert raw.exists("rivs-qa:session:old") == 0
    raw.close()


def test_redis_down_is_unavailable_not_a_crash() -> None:
    s = store(f"redis://127.0.0.1:{free_port()}/0")
    started = time.monotonic()
    for call in (lambda: s.get("abc"), lambda: s.put("abc", state()), lambda: len(s)):
        with pytest.raises(Unavailable, match=UNAVAILABLE_DETAIL):
            call()
    assert time.monotonic() - started < 10  # fails fast, no long retry loop


def test_reconnects_after_a_restart(server: RedisServer) -> None:
    s = store(server.url)
    s.put("before", state(1))
    assert s.get("before") == state(1)  # the pool now holds a live connection
    server.stop()
    with pytest.raises(Unavailable):
        s.get("before")
    server.start()  # same port; without persistence the data is gone
    assert s.get("before") is None
    s.put("after", state(2))
    assert store(server.url).get("after") == state(2)


def test_reconnects_when_redis_restarts_between_calls(server: RedisServer) -> None:
    s = store(server.url)
    s.put("x", state(1))
    server.restart()  # the pooled connection is dead, but Redis is up again
    s.put("x", state(2))
    assert s.get("x") == state(2)


def test_make_session_store_follows_the_settings(server: RedisServer) -> None:
    assert isinstance(make_session_store(Settings(redis_url=None)), MemorySessionStore)
    built = make_session_store(
        Settings(redis_url=server.url, session_ttl_seconds=30, redis_prefix="mk:")
    )
    assert isinstance(built, RedisSessionStore)
    built.warm_up()
    built.put("k", state())
    assert redis.Redis.from_url(server.url).ttl("mk:session:k") in (29, 30)
