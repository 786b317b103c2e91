"""The FastAPI application: wiring only. Routes live in ``routes_*.py`` by area.

``create_app()`` with no arguments is the uvicorn factory (``rivs_qa.api.app:create_app``);
tests pass their own settings and a ``report_loader`` returning a small hand-made report.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from rivs_qa import __version__
from rivs_qa.answer.service import AnswerService
from rivs_qa.api import routes_ask, routes_health, routes_report, routes_search
from rivs_qa.api.deps import AppState
from rivs_qa.api.embedding import LoopThreadEmbedder
from rivs_qa.api.errors import install_error_handlers
from rivs_qa.api.hardening import EXPOSED_HEADERS, install_hardening
from rivs_qa.api.observability import REQUEST_ID_HEADER
from rivs_qa.config import Settings, get_settings
from rivs_qa.errors import NotFound
from rivs_qa.report.model import Report

ReportLoader = Callable[[Settings], Report]
AnswersLoader = Callable[[Settings, Report], "AnswerService"]


def load_configured_report(settings: Settings) -> Report:
    """The real report, from ``settings.report_path``; the default loader."""
    from rivs_qa.report.parse import load_report  # the parser is only needed at startup

    return load_report(settings.report_path)


def load_configured_answers(settings: Settings, report: Report) -> AnswerService:
    """Search index (built when missing or stale), session store and the answer service."""
    from rivs_qa.answer.sessions import make_session_store
    from rivs_qa.search.loader import open_index

    _, _, engine = open_index(settings, report, progress=False)
    engine.use_embedder(LoopThreadEmbedder(engine.embedder))
    engine.warm_up()
    service = AnswerService(
        report, engine, make_session_store(settings), settings=settings,
        max_question_chars=settings.max_question_chars,
    )  # fmt: skip
    service.warm_up()
    return service


def create_app(
    settings: Settings | None = None,
    report_loader: ReportLoader | None = None,
    answers_loader: AnswersLoader | None = None,
) -> FastAPI:
    """The app. With no loaders it serves the real report and answers; a test passing only a
    ``report_loader`` gets the report endpoints without a search index (answers are 503)."""
    settings = settings or get_settings()
    load = report_loader or load_configured_report
    load_answers = answers_loader or (load_configured_answers if report_loader is None else None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Everything heavy happens here, once per worker, never at import.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        report = load(settings)
        answers = load_answers(settings, report) if load_answers is not None else None
        app.state.rivs = AppState(settings=settings, report=report, answers=answers)
        yield
        del app.state.rivs

    app = FastAPI(
        title="rivs-qa",
        version=__version__,
        summary="Cited answers from the EC 2019 report on national Roma integration strategies",
        lifespan=lifespan,
    )
    # Before CORS, so CORS stays the outermost layer and its headers reach 429/413 too.
    install_hardening(app, settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", REQUEST_ID_HEADER],
        expose_headers=EXPOSED_HEADERS,
    )
    install_error_handlers(app)

    api = APIRouter(prefix="/api")
    # Routes are matched in order: the conversation's, the busiest, first.
    api.include_router(routes_ask.build_router(settings.max_question_chars))
    api.include_router(routes_health.router)
    api.include_router(routes_report.router)
    api.include_router(routes_search.router)
    app.include_router(api)

    _mount_web(app, settings)
    return app


def _mount_web(app: FastAPI, settings: Settings) -> None:
    """Serve the web/ folder when it is there; the API works without it."""
    web_dir = settings.web_dir
    if web_dir.is_dir():
        app.mount("/static", StaticFiles(directory=web_dir), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        # Looked up per request, so a web/ written after startup is picked up.
        page = web_dir / "index.html"
        if not page.is_file():
            raise NotFound("Web interface not found")
        return FileResponse(page)
