"""Turn domain errors and request validation failures into JSON responses.

One table maps each :mod:`rivs_qa.errors` class to a status; the message of a ``NotFound``
or ``BadQuestion`` is written for people and goes out as ``detail`` unchanged. Anything
else is our fault: it is logged with its traceback and the client gets a fixed message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from rivs_qa.errors import BadQuestion, NotFound, RivsError, Unavailable

log = logging.getLogger(__name__)

INTERNAL_DETAIL = "Internal server error"


class ErrorPublic(BaseModel):
    """Every error response: one sentence for people."""

    detail: str


class FieldErrorPublic(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorPublic(ErrorPublic):
    """A 422 from request validation: the sentence plus one entry per invalid field."""

    errors: list[FieldErrorPublic]


#: For a route's ``responses=``: the id in its path may not exist in the report.
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic, "description": "Nothing with this id in the report"}
}

# Most specific first: the first class the error is an instance of wins.
_STATUS: tuple[tuple[type[RivsError], int], ...] = (
    (NotFound, 404),
    (BadQuestion, 422),
    (Unavailable, 503),
)


async def rivs_error_handler(request: Request, exc: Exception) -> JSONResponse:
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return JSONResponse(status_code=status, content={"detail": str(exc)})
    log.error(
        "unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path, exc_info=exc
    )
    return JSONResponse(status_code=500, content={"detail": INTERNAL_DETAIL})


def _where(loc: Sequence[str | int]) -> str:
    """('query', 'domain') -> "query parameter 'domain'"; ('body', 'question') -> "body field …"."""
    if not loc:
        return "request"
    source, *rest = loc
    name = ".".join(str(part) for part in rest)
    if source in ("query", "path", "header", "cookie"):
        return f"{source} parameter '{name}'" if name else f"{source} parameters"
    if source == "body":
        return f"body field '{name}'" if name else "request body"
    return ".".join(str(part) for part in loc)


def _describe(error: dict[str, Any]) -> str:
    if error["type"] == "json_invalid":
        return "Malformed JSON in the request body: " + error["msg"]
    return f"Invalid {_where(error['loc'])}: {error['msg']}"


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = [
        {
            "loc": list(err.get("loc", ())),
            "msg": str(err.get("msg", "")).removeprefix("Value error, "),
            "type": err.get("type", ""),
        }
        for err in exc.errors()
    ]
    detail = "; ".join(_describe(e) for e in errors)
    return JSONResponse(status_code=422, content={"detail": detail, "errors": errors})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RivsError, rivs_error_handler)
    # Anything else is a bug: logged with its traceback, answered as JSON like every error.
    app.add_exception_handler(Exception, rivs_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    _document_validation_errors(app)


def _document_validation_errors(app: FastAPI) -> None:
    """FastAPI documents every 422 as its own ``HTTPValidationError`` (``detail`` a list);
    :func:`validation_error_handler` answers :class:`ValidationErrorPublic` instead, so the
    schema says that (clients generated from it, and schemathesis, then agree with us)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            public = ValidationErrorPublic.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(public.pop("$defs", {}))
            schemas["HTTPValidationError"] = public
            schemas.pop("ValidationError", None)  # FastAPI's item, now unused
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]
