"""Conversation states in Redis, so several workers, servers and restarts share them.

Keys (``prefix`` defaults to ``"rivs-qa:"``)::

    <prefix>session:<id>   ConversationState.model_dump_json(), written with SET … EX ttl
    <prefix>sessions       sorted set of session keys scored by when they were last stored

Redis expires the state keys by itself; the sorted set only serves the ``max_sessions`` cap
and ``len()``. The cap is best-effort: entries are scored with each writer's clock and two
writers may evict at the same moment, so the count can overshoot briefly — it bounds memory,
it is not an exact quota.

Any Redis failure (refused connection, timeout, a server out of memory …) becomes
:class:`~rivs_qa.errors.Unavailable`, which the API turns into a 503; the client reconnects
by itself on the next call once Redis is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pydantic import ValidationError

from rivs_qa.answer.conversation import ConversationState
from rivs_qa.answer.session_ids import validate_session_id
from rivs_qa.errors import Unavailable

if TYPE_CHECKING:
    import redis

    from rivs_qa.config import Settings

log = logging.getLogger(__name__)

UNAVAILABLE_DETAIL = "The session store is not reachable; try again shortly"


class RedisSessionStore:
    """A :class:`~rivs_qa.answer.sessions.SessionStore` on a Redis server.

    Building one does not connect: the client is created on first use (or in
    ``warm_up()``), so an app can start while Redis is still coming up.
    """

    in_process = False  # every call is a round trip, up to ``timeout_seconds``

    def __init__(
        self,
        url: str,
        ttl_seconds: float,
        max_sessions: int,
        *,
        prefix: str = "rivs-qa:",
        timeout_seconds: float = 2.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError(f"ttl_seconds must be positive, not {ttl_seconds!r}")
        if max_sessions < 1:
            raise ValueError(f"max_sessions must be at least 1, not {max_sessions!r}")
        if timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be positive, not {timeout_seconds!r}")
        self.url = url
        self._ttl = max(1, round(ttl_seconds))  # SET … EX takes whole seconds
        self._max = max_sessions
        self._prefix = prefix
        self._index_key = f"{prefix}sessions"
        self._timeout = timeout_seconds
        self._clock = clock  # wall clock: scores are compared across processes
        self._client: redis.Redis | None = None
        self._client_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> RedisSessionStore:
        if settings.redis_url is None:
            raise ValueError("RIVS_QA_REDIS_URL is not set")
        return cls(
            settings.redis_url,
            settings.session_ttl_seconds,
            settings.max_sessions,
            prefix=settings.redis_prefix,
            timeout_seconds=settings.redis_timeout_seconds,
        )

    def warm_up(self) -> None:
        """Connect and PING now; :class:`Unavailable` if Redis does not answer."""
        with self._redis() as client:
            client.ping()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- the SessionStore protocol ---------------------------------------------------------
    def get(self, session_id: str) -> ConversationState | None:
        key = self._key(session_id)
        with self._redis() as client:
            raw = client.get(key)
        if raw is None:
            return None
        try:
            return ConversationState.model_validate_json(raw)  # type: ignore[arg-type]
        except ValidationError:
            # Written by another version of the service: start the conversation afresh.
            log.warning("dropping an unreadable conversation state at %s", key)
            self.delete(session_id)
            return None

    def put(self, session_id: str, state: ConversationState) -> None:
        key = self._key(session_id)
        if not isinstance(state, ConversationState):
            raise TypeError(f"expected a ConversationState, not {type(state).__name__}")
        now = self._clock()
        with self._redis() as client:
            pipe = client.pipeline(transaction=True)
            pipe.set(key, state.model_dump_json(), ex=self._ttl)
            pipe.zadd(self._index_key, {key: now})
            pipe.zremrangebyscore(self._index_key, "-inf", now - self._ttl)
            pipe.expire(self._index_key, self._ttl)
            pipe.zcard(self._index_key)
            count = int(pipe.execute()[-1])
            if count > self._max:
                self._evict(client, count - self._max)

    def delete(self, session_id: str) -> None:
        """Forget a session; deleting an unknown one is not an error."""
        key = self._key(session_id)
        with self._redis() as client:
            pipe = client.pipeline(transaction=True)
            pipe.delete(key)
            pipe.zrem(self._index_key, key)
            pipe.execute()

    def __len__(self) -> int:
        """Sessions stored within the TTL (by this process's clock)."""
        with self._redis() as client:
            pipe = client.pipeline(transaction=True)
            pipe.zremrangebyscore(self._index_key, "-inf", self._clock() - self._ttl)
            pipe.zcard(self._index_key)
            return int(pipe.execute()[-1])

    # -- helpers ---------------------------------------------------------------------------
    def _key(self, session_id: str) -> str:
        return f"{self._prefix}session:{validate_session_id(session_id)}"

    def _evict(self, client: redis.Redis, surplus: int) -> None:
        """Drop the ``surplus`` sessions stored longest ago (least recently used)."""
        oldest: list[tuple[bytes, float]] = client.zpopmin(self._index_key, surplus)  # type: ignore[assignment]
        if oldest:
            client.delete(*[member for member, _score in oldest])

    @contextmanager
    def _redis(self) -> Iterator[redis.Redis]:
        import redis

        with self._client_lock:
            if self._client is None:
                self._client = _connect(self.url, self._timeout)
            client = self._client
        try:
            yield client
        except redis.RedisError as exc:
            log.warning("session store error (%s): %s", type(exc).__name__, exc)
            raise Unavailable(UNAVAILABLE_DETAIL) from exc


def _connect(url: str, timeout: float) -> redis.Redis:
    """A client that fails fast when Redis is down and retries once or twice on a broken
    connection (e.g. after a Redis restart, the pooled sockets are dead but Redis is up)."""
    import redis
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        url,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=2),
        health_check_interval=30,
    )
