"""Two request limits as small ASGI middlewares: a per-client rate and a body size cap.

Both answer in the API's error shape, ``{"detail": "…"}``:

* 429 with ``Retry-After`` (whole seconds) when a client has used up ``RIVS_QA_RATE_LIMIT``
  on ``/api/…`` (health and metrics are exempt, so probes never starve). Counting uses the
  ``limits`` package's moving window: in this process by default, so each worker of
  ``--workers N`` counts on its own; in Redis when ``RIVS_QA_REDIS_URL`` is set, so every
  worker and server shares one count. If that Redis fails, requests are let through (a
  limiter outage must not become an API outage) and a warning is logged once a minute.
* 413 when a body is larger than ``RIVS_QA_MAX_BODY_BYTES``: refused from its
  ``Content-Length`` before it is read, or, for a chunked body without one, as soon as the
  bytes read pass the cap. Bodies under the cap are read here and handed on whole.

A client is its address as uvicorn reports it; behind a reverse proxy start uvicorn with
``--forwarded-allow-ips`` so that this is the real client, not the proxy.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from limits.aio.storage import Storage

log = logging.getLogger(__name__)

#: Paths never rate limited: liveness probes and the metrics scraper call them on a timer.
EXEMPT_PATHS = frozenset({"/api/health", "/api/metrics"})
LIMITED_PREFIX = "/api/"
_STORAGE_WARNING_EVERY = 60.0  # seconds between "limiter storage failed" warnings


class RateLimitMiddleware:
    """429 + ``Retry-After`` once a client exceeds any of ``rate_limit``'s limits."""

    def __init__(
        self,
        app: ASGIApp,
        rate_limit: str,
        redis_url: str | None = None,
        key_prefix: str = "rivs-qa:",
        timeout_seconds: float = 2.0,
    ) -> None:
        from limits import parse_many
        from limits.aio.strategies import MovingWindowRateLimiter

        self.app = app
        self.items = parse_many(rate_limit)
        self._limiter = MovingWindowRateLimiter(
            _storage(redis_url, f"{key_prefix}ratelimit", timeout_seconds)
        )
        self._warned_at = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_limited(scope["path"]):
            await self.app(scope, receive, send)
            return
        retry_after = await self._retry_after(_client_key(scope))
        if retry_after is None:
            await self.app(scope, receive, send)
            return
        limits = ", ".join(str(item) for item in self.items)
        response = JSONResponse(
            status_code=429,
            content={
                "detail": f"Too many requests: the limit is {limits} per client; "
                f"retry in {retry_after} s"
            },
            headers={"Retry-After": str(retry_after)},
        )
        await response(scope, receive, send)

    async def _retry_after(self, client: str) -> int | None:
        """Count this request; None when it is allowed, else seconds until it would be."""
        from limits.errors import StorageError

        try:
            for item in self.items:
                if not await self._limiter.hit(item, client):
                    stats = await self._limiter.get_window_stats(item, client)
                    return max(1, math.ceil(stats.reset_time - time.time()))
        except StorageError as exc:
            now = time.monotonic()
            if now - self._warned_at >= _STORAGE_WARNING_EVERY:
                self._warned_at = now
                log.warning("rate limit storage failed, not limiting: %s", exc.storage_error)
        return None


class BodySizeLimitMiddleware:
    """413 for a request body over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, not {max_bytes!r}")
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        body = bytearray()
        first: list[Message] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away: pass that on
                first.append(message)
                break
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                first.append({"type": "http.request", "body": bytes(body), "more_body": False})
                break

        async def replay() -> Message:
            return first.pop(0) if first else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            status_code=413,
            content={"detail": f"Request body too large: the limit is {self.max_bytes} bytes"},
            headers={"Connection": "close"},  # the unread rest of the body is not wanted
        )
        await response(scope, receive, send)


def is_limited(path: str) -> bool:
    return path.startswith(LIMITED_PREFIX) and path.rstrip("/") not in EXEMPT_PATHS


def _client_key(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _storage(redis_url: str | None, key_prefix: str, timeout: float) -> Storage:
    """limits' async storage: Redis (shared) when a URL is given, this process otherwise."""
    from limits.aio.storage import MemoryStorage, RedisStorage

    if redis_url is None:
        return MemoryStorage()
    scheme, sep, rest = redis_url.partition("://")
    uri = f"async+redis+unix://{rest}" if scheme == "unix" else f"async+{redis_url}"
    if not sep or scheme not in ("redis", "rediss", "unix"):
        raise ValueError(f"unsupported Redis URL {redis_url!r}: use redis://, rediss:// or unix://")
    return RedisStorage(
        uri,
        implementation="redispy",
        key_prefix=key_prefix,
        wrap_exceptions=True,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
    )
