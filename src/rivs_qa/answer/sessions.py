"""Where conversation states live between turns: a protocol and an in-memory store.

Session ids come from clients, so they are checked before use. A shared backend (Redis)
implements the same :class:`SessionStore` protocol and keeps states as
``ConversationState.model_dump_json()`` / ``model_validate_json``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from rivs_qa.answer.conversation import ConversationState
from rivs_qa.answer.session_ids import (  # noqa: F401  (the ids are part of this API)
    SESSION_ID_MAX,
    SESSION_ID_RULE,
    new_session_id,
    validate_session_id,
)
from rivs_qa.config import Settings


class SessionStore(Protocol):
    """Conversation states by session id. Every method validates the id."""

    #: True when the store keeps its states in this process: no call waits on I/O.
    in_process: bool

    def get(self, session_id: str) -> ConversationState | None: ...

    def put(self, session_id: str, state: ConversationState) -> None: ...

    def delete(self, session_id: str) -> None: ...

    def __len__(self) -> int: ...


class MemorySessionStore:
    """States in this process, each expiring ``ttl_seconds`` after it was last stored.

    The TTL restarts on ``put`` only (every turn stores its state), like a Redis ``SET … EX``;
    reading does not extend it. Entries are kept in the order they were last stored, which
    is also their expiry order, so expired ones are dropped from the front in amortised
    constant time whenever the store is written or counted, and an expired one that is read
    is dropped then; nothing runs in the background. At most ``max_sessions`` are kept:
    storing one more evicts the one stored longest ago (a conversation stores every turn, so
    that is the least recently used). Safe to share between threads.
    """

    in_process = True

    def __init__(
        self,
        ttl_seconds: float,
        max_sessions: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError(f"ttl_seconds must be positive, not {ttl_seconds!r}")
        if max_sessions < 1:
            raise ValueError(f"max_sessions must be at least 1, not {max_sessions!r}")
        self._ttl = float(ttl_seconds)
        self._max = max_sessions
        self._clock = clock
        self._lock = threading.Lock()
        # session id -> (expiry time, state); least recently stored first
        self._items: OrderedDict[str, tuple[float, ConversationState]] = OrderedDict()

    def get(self, session_id: str) -> ConversationState | None:
        validate_session_id(session_id)
        with self._lock:
            item = self._items.get(session_id)
            if item is None:
                return None
            if item[0] <= self._clock():
                del self._items[session_id]
                return None
            return item[1]

    def put(self, session_id: str, state: ConversationState) -> None:
        validate_session_id(session_id)
        if not isinstance(state, ConversationState):
            raise TypeError(f"expected a ConversationState, not {type(state).__name__}")
        with self._lock:
            now = self._clock()
            self._items[session_id] = (now + self._ttl, state)
            self._items.move_to_end(session_id)
            self._purge(now)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def delete(self, session_id: str) -> None:
        """Forget a session; deleting an unknown one is not an error."""
        validate_session_id(session_id)
        with self._lock:
            self._items.pop(session_id, None)

    def __len__(self) -> int:
        """Sessions that have not expired."""
        with self._lock:
            self._purge(self._clock())
            return len(self._items)

    def _purge(self, now: float) -> None:
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now:
                break
            del self._items[key]


def make_session_store(settings: Settings) -> SessionStore:
    """The configured store: in this process unless ``settings.redis_url`` is set.

    Neither connects here; a Redis that is down shows as 503s on requests, not a failed start.
    """
    if settings.redis_url:
        from rivs_qa.answer.sessions_redis import RedisSessionStore

        return RedisSessionStore.from_settings(settings)
    return MemorySessionStore(settings.session_ttl_seconds, settings.max_sessions)
