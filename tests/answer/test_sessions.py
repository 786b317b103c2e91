import threading

import pytest

from rivs_qa.answer.conversation import ConversationState
from rivs_qa.answer.sessions import (
    MemorySessionStore,
    SessionStore,
    new_session_id,
    validate_session_id,
)
from rivs_qa.errors import BadQuestion


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


def state(turns=1, lang="lv"):
    return ConversationState(lang=lang, turns=turns, question=f"q{turns}", subject=f"q{turns}")


def make(ttl=60, max_sessions=3):
    clock = FakeClock()
    return MemorySessionStore(ttl_seconds=ttl, max_sessions=max_sessions, clock=clock), clock


def test_put_get_delete():
    store, _ = make()
    assert store.get("abc") is None
    store.put("abc", state(1))
    store.put("other_1", state(2))
    assert store.get("abc") == state(1)
    assert len(store) == 2
    store.put("abc", state(3))  # replaces
    assert store.get("abc") == state(3)
    assert len(store) == 2
    store.delete("abc")
    store.delete("abc")  # deleting twice is fine
    assert store.get("abc") is None
    assert len(store) == 1


def test_sessions_expire_ttl_after_the_last_put():
    store, clock = make(ttl=60)
    store.put("a", state())
    clock.now += 59.9
    assert store.get("a") == state()  # reading does not extend the TTL
    clock.now += 0.1
    assert store.get("a") is None
    assert len(store) == 0


def test_put_restarts_the_ttl():
    store, clock = make(ttl=60)
    store.put("a", state(1))
    clock.now += 50
    store.put("a", state(2))
    clock.now += 50
    assert store.get("a") == state(2)


def test_len_counts_only_live_sessions():
    store, clock = make(ttl=10, max_sessions=10)
    store.put("a", state())
    clock.now += 5
    store.put("b", state())
    assert len(store) == 2
    clock.now += 5  # "a" expires
    assert len(store) == 1
    clock.now += 5
    assert len(store) == 0


def test_the_oldest_stored_session_is_evicted_at_the_cap():
    store, clock = make(max_sessions=3)
    for i, sid in enumerate(["a", "b", "c"]):
        clock.now += 1
        store.put(sid, state(i))
    clock.now += 1
    store.put("a", state(9))  # "a" is now the most recent
    store.put("d", state(4))
    assert len(store) == 3
    assert store.get("b") is None
    assert [store.get(s) for s in ("a", "c", "d")] == [state(9), state(2), state(4)]


def test_expired_sessions_make_room_before_live_ones_are_evicted():
    store, clock = make(ttl=10, max_sessions=2)
    store.put("old", state(1))
    clock.now += 5
    store.put("mid", state(2))
    clock.now += 6  # "old" has expired
    store.put("new", state(3))
    assert (store.get("mid"), store.get("new")) == (state(2), state(3))


def test_states_are_stored_as_given():
    store, _ = make()
    s = state(5, lang="en")
    store.put("x", s)
    assert store.get("x") is s  # frozen models: nobody can change it behind the store's back


@pytest.mark.parametrize(
    "sid",
    ["", "a" * 129, "has space", "slash/", "dot.", "ümlaut", "new\nline", "abc\n", None, 42],
)
def test_invalid_ids_are_bad_questions(sid):
    store, _ = make()
    message = "invalid session id: a session id is 1-128 characters of A-Z, a-z, 0-9, '_' or '-'"
    for call in (
        lambda: store.get(sid),
        lambda: store.put(sid, state()),
        lambda: store.delete(sid),
        lambda: validate_session_id(sid),
    ):
        with pytest.raises(BadQuestion) as info:
            call()
        assert str(info.value) == message


@pytest.mark.parametrize("sid", ["a", "A-b_9", "x" * 128, "0123456789abcdef0123456789abcdef"])
def test_valid_ids(sid):
    assert validate_session_id(sid) == sid


def test_new_session_ids_are_valid_and_distinct():
    ids = {new_session_id() for _ in range(200)}
    assert len(ids) == 200
    for sid in ids:
        assert len(sid) == 32 and validate_session_id(sid) == sid and sid == sid.lower()


def test_only_states_are_stored():
    store, _ = make()
    with pytest.raises(TypeError, match="expected a ConversationState, not dict"):
        store.put("a", {"turns": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ttl_seconds": 0, "max_sessions": 1}, "ttl_seconds must be positive, not 0"),
        ({"ttl_seconds": -1, "max_sessions": 1}, "ttl_seconds must be positive, not -1"),
        ({"ttl_seconds": 1, "max_sessions": 0}, "max_sessions must be at least 1, not 0"),
    ],
)
def test_arguments_are_checked(kwargs, message):
    with pytest.raises(ValueError) as info:
        MemorySessionStore(**kwargs)
    assert str(info.value) == message


def test_default_clock_is_real_time():
    store = MemorySessionStore(ttl_seconds=3600, max_sessions=10)
    store.put("a", state())
    assert store.get("a") == state()


def test_memory_store_fits_the_protocol():
    store: SessionStore = MemorySessionStore(ttl_seconds=1, max_sessions=1)
    assert len(store) == 0


def _hammer(store, threads=8, per_thread=100):
    errors = []

    def worker(n):
        try:
            for i in range(per_thread):
                store.put(f"t{n}-{i}", state(i))
                store.get(f"t{n}-{i // 2}")
                len(store)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []


def test_concurrent_use_keeps_the_cap():
    store = MemorySessionStore(ttl_seconds=3600, max_sessions=500)
    _hammer(store)
    assert len(store) == 500


def test_concurrent_use_loses_nothing_below_the_cap():
    store = MemorySessionStore(ttl_seconds=3600, max_sessions=1000)
    _hammer(store)
    assert len(store) == 800
    assert all(store.get(f"t{n}-{i}") == state(i) for n in range(8) for i in range(100))


def test_a_state_survives_json_as_a_shared_store_would_keep_it():
    s = ConversationState(lang="en", turns=2, countries=("LV", "BiH"), approach_ids=("a",))
    assert ConversationState.model_validate_json(s.model_dump_json()) == s
