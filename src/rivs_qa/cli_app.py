"""The ``rivs-qa`` command's apps, shared state and output helpers, and ``serve``.

Importing this module stays cheap (typer and the standard library only): the report model,
rich, FastAPI and uvicorn load inside the commands that use them. Domain errors become one
``Error: …`` line on stderr and exit status 1, caught once in :class:`_Group`.

The other commands live in :mod:`rivs_qa.cli_report`, :mod:`rivs_qa.cli_search`,
:mod:`rivs_qa.cli_ask` and :mod:`rivs_qa.cli_verifier`; each registers them on ``app``,
``report_app``, ``index_app`` or ``verifier_app`` from here. :mod:`rivs_qa.cli` imports
them all and is the entry point.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
import typer.core

from rivs_qa import __version__
from rivs_qa.errors import RivsError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console
    from rich.table import Table

    from rivs_qa.config import Settings
    from rivs_qa.report.model import Report

# Mirrors rivs_qa.report.model.Domain; spelled out so --help can list it without importing
# pydantic. tests/test_cli.py checks the two agree.
DomainChoice = Literal["education", "employment", "health", "housing", "discrimination"]


class _Group(typer.core.TyperGroup):
    """The root command group: turns a domain error anywhere below into one line."""

    def invoke(self, ctx: Any) -> Any:  # typer's click Context type is private
        try:
            return super().invoke(ctx)
        except RivsError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(code=1) from None


@dataclass
class CliState:
    """What commands share: settings and the report, each built on first use.

    Tests pass ``CliState(report_loader=...)`` as the runner's ``obj`` to use a small report.
    """

    settings: Settings | None = None
    report_loader: Callable[[Settings], Report] | None = None
    _report: Report | None = field(default=None, repr=False)

    def get_settings(self) -> Settings:
        if self.settings is None:
            from rivs_qa.config import get_settings

            self.settings = get_settings()
        return self.settings

    def report(self) -> Report:
        if self._report is None:
            load = self.report_loader or _load_configured_report
            self._report = load(self.get_settings())
        return self._report


def _load_configured_report(settings: Settings) -> Report:
    from rivs_qa.report.parse import load_report

    return load_report(settings.report_path)


# "\b" stops click from re-wrapping the paragraph that follows it.
EXAMPLES = """\
\b
Examples:
  rivs-qa report sections                 # the report's outline
  rivs-qa report sections I.1.3           # one section with its footnotes
  rivs-qa report indicators --domain health
  rivs-qa report indicators --q segreg --json
  rivs-qa report country lv               # everything that names Latvia
  rivs-qa serve --port 8001

Settings come from RIVS_QA_* environment variables (RIVS_QA_CORPUS_DIR, RIVS_QA_PORT …).
"""

app = typer.Typer(
    cls=_Group,
    name="rivs-qa",
    help="Cited question answering over the Latvian EC 2019 report on Roma integration (RIVS).",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
report_app = typer.Typer(
    help="Read the parsed report: outline, sections, indicators, tables, footnotes, countries.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
)


# Hooks for later stages: each adds its commands with `@index_app.command(...)` etc.
def _hook(help_text: str) -> typer.Typer:
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)


index_app = _hook("Build and check the search index.")
verifier_app = _hook("Train the answer verifier (a small learned model that refuses misfits).")

app.add_typer(report_app, name="report")
app.add_typer(index_app, name="index")
app.add_typer(verifier_app, name="verifier")
# `search` and `eval` are plain commands (rivs_qa.cli_search), registered at the end.

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (the API's shapes).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rivs-qa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    if ctx.obj is None:
        ctx.obj = CliState()


def _state(ctx: typer.Context) -> CliState:
    # The root callback sets it; a sub-app invoked on its own (in a test) gets a fresh one.
    return ctx.ensure_object(CliState)


def _print_json(model: BaseModel) -> None:
    typer.echo(model.model_dump_json(indent=2))


def _console() -> Console:
    from rich.console import Console

    # No markup: report text has brackets ("[3]", "[…]") that rich would read as tags.
    return Console(markup=False, highlight=False)


# --- serve ------------------------------------------------------------------------------


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Default: RIVS_QA_HOST or 127.0.0.1.")] = None,
    port: Annotated[
        int | None, typer.Option(min=1, max=65535, help="Default: RIVS_QA_PORT or 8000.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Run the HTTP API (and the web page, when web/index.html exists) with uvicorn.

    Each worker builds its own app from RIVS_QA_* settings. The report is parsed here
    first, so a broken corpus fails with one line instead of a worker traceback.
    """
    from rivs_qa import serving

    state = _state(ctx)
    settings = state.get_settings()
    state.report()
    if workers > 1 and not settings.redis_url:
        typer.echo(
            f"warning: {workers} workers without RIVS_QA_REDIS_URL keep conversations and "
            "rate-limit counts each to itself, so a follow-up that reaches another worker "
            "starts a new conversation; set RIVS_QA_REDIS_URL to share them",
            err=True,
        )
    metrics_dir = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each worker keeps its metrics in files here, so /api/metrics adds all workers up.
        metrics_dir = tempfile.mkdtemp(prefix="rivs-qa-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        serving.run(
            "rivs_qa.api.app:create_app",
            factory=True,
            host=host if host is not None else settings.host,
            port=port if port is not None else settings.port,
            workers=workers,
            log_level=settings.log_level,
            timeout_keep_alive=settings.keep_alive_seconds,
            access_log=False,  # the app logs each request as one JSON line (rivs_qa.access)
        )
    finally:
        if metrics_dir is not None:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)  # never point at a removed dir
            shutil.rmtree(metrics_dir, ignore_errors=True)


# --- output helpers ---------------------------------------------------------------------


def _table(*columns: str, title: str | None = None) -> Table:
    from rich.table import Table

    return Table(*columns, title=title, title_justify="left")
