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

from typing import Any

from fastapi import FastAPI

from rivs_qa.api.errors import ErrorPublic
from rivs_qa.api.limits import BodySizeLimitMiddleware, RateLimitMiddleware, is_limited
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
    _document_limits(app, rate_limited=bool(settings.rate_limit))


def _document_limits(app: FastAPI, rate_limited: bool) -> None:
    """Add the answers no route declares to the OpenAPI schema: 400 (undecodable) and 413
    wherever a body is taken, 429 on every rate-limited operation; all ``ErrorPublic``."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            error = {"$ref": "#/components/schemas/ErrorPublic"}
            schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
                "ErrorPublic", ErrorPublic.model_json_schema()
            )
            for path, operations in schema.get("paths", {}).items():
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    if "requestBody" in operation:
                        # FastAPI's own answer to a body that is not UTF-8 at all
                        responses.setdefault("400", _response("Request body unreadable", error))
                        responses.setdefault("413", _response("Request body too large", error))
                    if rate_limited and is_limited(path):
                        responses.setdefault("429", _response(TOO_MANY, error, retry_after=True))
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]


TOO_MANY = "Too many requests from this client: wait Retry-After seconds"


def _response(
    description: str, schema: dict[str, str], retry_after: bool = False
) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if retry_after:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        }
    return response
