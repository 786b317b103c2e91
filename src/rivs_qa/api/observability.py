"""Request ids, one JSON log line per request, and Prometheus metrics at ``GET /api/metrics``.

* Request id: a sane incoming ``X-Request-ID`` (1-128 of ``A-Z a-z 0-9 . _ : / + = -``) is
  kept, anything else is replaced by a fresh uuid4; it is echoed in the response header and
  put in ``request.state.request_id`` and the log line, so a client's report can be matched
  to the server's log.
* Log: the ``rivs_qa.access`` logger writes one JSON object per request to stderr —
  ``method``, ``path``, ``route``, ``status``, ``latency_ms``, ``request_id``, ``client``.
* Metrics (``prometheus_client``): requests by route template, method and status; latency
  by route template and method; answers and abstentions through :func:`record_answer`.
  Metrics live in each process: with ``--workers N`` every worker counts its own, and a
  scrape sees whichever worker answered. Set ``PROMETHEUS_MULTIPROC_DIR`` to an empty
  folder before starting the server to have every scrape add all workers up
  (prometheus_client's multiprocess mode); ``rivs-qa serve --workers N`` does so by itself.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import BaseRoute, Mount, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from prometheus_client import CollectorRegistry, Counter, Histogram

REQUEST_ID_HEADER = "X-Request-ID"
ACCESS_LOGGER = "rivs_qa.access"
UNMATCHED_ROUTE = "<unmatched>"  # one label for every unknown path: bounded cardinality
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")
#: Seconds; from a cached health check (~1 ms) to a slow answer on a busy CPU (~10 s).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

access_log = logging.getLogger(ACCESS_LOGGER)


# -- request ids and the access log ------------------------------------------------------------
def request_id_from(headers: Headers) -> str:
    """The client's ``X-Request-ID`` when it is sane, else a new one (32 hex characters)."""
    incoming = headers.get(REQUEST_ID_HEADER)
    if incoming is not None and _SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class ObservabilityMiddleware:
    """Gives each HTTP request an id, then logs and counts it once it is answered."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.route_template = RouteTemplates(routes)  # the app's own (live) route list

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(Headers(scope=scope))
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500  # stays so if the app raises before it answers

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = self.route_template(scope["path"])
            method = scope["method"]
            metrics = _metrics()
            metrics.requests.labels(method=method, route=route, status=str(status)).inc()
            metrics.latency.labels(method=method, route=route).observe(seconds)
            client = scope.get("client")
            access_log.log(
                logging.ERROR if status >= 500 else logging.INFO,
                "request",
                extra={
                    "fields": {
                        "method": method,
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "latency_ms": round(seconds * 1000, 1),
                        "request_id": request_id,
                        "client": client[0] if client else None,
                    }
                },
            )


class RouteTemplates:
    """Path -> route template (``/api/sections/I.1`` -> ``/api/sections/{section_id}``), for
    metric labels whose number stays bounded. Also for requests refused before routing
    (429, 413), which never reach a route. Built on first use, when every route is there."""

    def __init__(self, routes: list[BaseRoute]) -> None:
        self._routes = routes
        self._table: list[tuple[re.Pattern[str], str]] | None = None

    def __call__(self, path: str) -> str:
        if self._table is None:
            self._table = _compile(_flat_paths(self._routes))
        for pattern, template in self._table:
            if pattern.fullmatch(path):
                return template
        return UNMATCHED_ROUTE


def _flat_paths(routes: list[BaseRoute]) -> list[tuple[str, bool]]:
    """(path template, is a mount) of every route, routers included with a prefix unrolled."""
    try:  # FastAPI >= 0.16x keeps included routers nested; this walks them
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI copies included routes into the app's own list
        contexts: list[object] = list(routes)
    else:
        contexts = list(iter_route_contexts(routes))
    flat = []
    for route in contexts:
        if isinstance(getattr(route, "original_route", route), Mount):
            flat.append((str(route.path), True))  # type: ignore[attr-defined]
        elif getattr(route, "path_format", None):
            flat.append((str(route.path_format), False))  # type: ignore[attr-defined]
    return flat


def _compile(paths: list[tuple[str, bool]]) -> list[tuple[re.Pattern[str], str]]:
    table = []
    for template, is_mount in paths:
        full = template.rstrip("/") + "/{path:path}" if is_mount else template
        pattern, _, _ = compile_path(full)
        table.append((pattern, template))
    return table


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, then the record's ``fields``."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            payload.update(fields)
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False, default=str)


def configure_access_log(level: str = "info") -> None:
    """Send ``rivs_qa.access`` to stderr as JSON lines, once per process however many apps
    are built; ``level`` is ``RIVS_QA_LOG_LEVEL`` (uvicorn's "trace" counts as debug)."""
    access_log.setLevel(logging.DEBUG if level == "trace" else level.upper())
    access_log.propagate = False  # keep JSON lines out of uvicorn's text handlers
    if not any(isinstance(h.formatter, JsonFormatter) for h in access_log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        access_log.addHandler(handler)


# -- metrics -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Metrics:
    registry: CollectorRegistry
    requests: Counter
    latency: Histogram
    answers: Counter
    abstentions: Counter


@functools.cache
def _metrics() -> _Metrics:
    """The process's metrics, made on first use in their own registry (never the global one,
    so building many apps in one process, as tests do, registers them once)."""
    from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics

    disable_created_metrics()  # the *_created series double the output and nobody graphs them
    shared = os.environ.get(MULTIPROC_ENV)
    if shared:
        # prometheus_client writes its per-process files there; a folder removed under us
        # (a stale variable) must not turn every request into an error.
        os.makedirs(shared, exist_ok=True)
    registry = CollectorRegistry(auto_describe=True)
    return _Metrics(
        registry=registry,
        requests=Counter(
            "rivs_qa_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["method", "route", "status"],
            registry=registry,
        ),
        latency=Histogram(
            "rivs_qa_http_request_duration_seconds",
            "Time from request to the end of the response, by route template and method.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        answers=Counter(
            "rivs_qa_answers",
            "Questions answered by /api/ask, by whether the report could answer them.",
            ["answerable"],
            registry=registry,
        ),
        abstentions=Counter(
            "rivs_qa_abstentions",
            "Questions the service declined to answer from the report.",
            registry=registry,
        ),
    )


def record_answer(answerable: bool) -> None:
    """Count one answered turn; the answer service calls this once per /api/ask."""
    metrics = _metrics()
    metrics.answers.labels(answerable="true" if answerable else "false").inc()
    if not answerable:
        metrics.abstentions.inc()


def metrics_text() -> tuple[bytes, str]:
    """The exposition body and its content type: every worker's sum in multiprocess mode."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

    registry = _metrics().registry
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST


metrics_router = APIRouter(tags=["operations"])


@metrics_router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    """Prometheus text format; scrape it from inside your network only."""
    body, content_type = metrics_text()
    return Response(content=body, media_type=content_type)
