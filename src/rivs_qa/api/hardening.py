"""Everything that protects and watches the API, installed by one call from ``create_app``.

Request path, outermost first (Starlette runs the last middleware added first)::

    CORS (added by create_app after this)   so 429/413 responses carry CORS headers too
    ObservabilityMiddleware                 request id, JSON access log, metrics
    RateLimitMiddleware                     429 + Retry-After   (when RIVS_QA_RATE_LIMIT)
    BodySizeLimitMiddleware                 413                 (RIVS_QA_MAX_BODY_BYTES)
    routes

plus ``GET /api/metrics`` when ``RIVS_QA_METRICS_ENABLED`` (the default).
"""

from __future__ import annotations

from fastapi import FastAPI

from rivs_qa.api.limits import BodySizeLimitMiddleware, RateLimitMiddleware
from rivs_qa.api.observability import (
    REQUEST_ID_HEADER,
    ObservabilityMiddleware,
    configure_access_log,
    metrics_router,
)
from rivs_qa.config import Settings

#: Response headers a browser page may read (CORS ``expose_headers``).
EXPOSED_HEADERS = ["Retry-After", REQUEST_ID_HEADER]


def install_hardening(app: FastAPI, settings: Settings) -> None:
    """Add the limits, observability and metrics to ``app``. Call it before CORS is added."""
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.rate_limit:
        app.add_middleware(
            RateLimitMiddleware,
            rate_limit=settings.rate_limit,
            redis_url=settings.redis_url,
            key_prefix=settings.redis_prefix,
            timeout_seconds=settings.redis_timeout_seconds,
        )
    configure_access_log(settings.log_level)
    app.add_middleware(ObservabilityMiddleware, routes=app.router.routes)
    if settings.metrics_enabled:
        app.include_router(metrics_router, prefix="/api")
