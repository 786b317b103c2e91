"""The ``rivs-qa`` command: read the parsed report, run the API.

Importing this module stays cheap (typer and the standard library only): the report model,
rich, FastAPI and uvicorn load inside the commands that use them. Domain errors become one
``Error: …`` line on stderr and exit status 1, caught once in :class:`_Group`.

The index, search and eval commands live in :mod:`rivs_qa.cli_search`, which registers
them on ``index_app`` and ``app`` when imported at the end of this module.
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

app.add_typer(report_app, name="report")
app.add_typer(index_app, name="index")
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


# --- report -----------------------------------------------------------------------------


@report_app.command("sections")
def report_sections(
    ctx: typer.Context,
    section_id: Annotated[
        str | None, typer.Argument(help="Show this section (e.g. I.1.3) instead of the outline.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The outline of the report, or one section with its paragraphs and footnotes."""
    from rivs_qa.api.schemas import SectionDetail, SectionsPublic, SectionSummary
    from rivs_qa.report import query

    report = _state(ctx).report()
    if section_id is None:
        data = [SectionSummary.of(s) for s in report.sections]
        listing = SectionsPublic(data=data, count=len(data))
        if as_json:
            return _print_json(listing)
        table = _table("Section", "No.", "Title (LV)", "Title (EN)", "Paragraphs")
        for s in listing.data:
            indent = "  " * max(s.level - 1, 0)
            table.add_row(s.id, s.number, indent + s.title_lv, s.title_en, str(s.paragraph_count))
        _console().print(table)
        return

    section = query.get_section(report, section_id)
    detail = SectionDetail.with_footnotes(section, query.section_footnotes(report, section))
    if as_json:
        return _print_json(detail)
    console = _console()
    title = " ".join(part for part in (detail.number, detail.title_lv) if part)
    console.print(
        f"{title}  ({detail.id}; {detail.title_en or 'no English title'})\n", style="bold"
    )
    for p in detail.paragraphs:
        # Put the markers back where the report prints them: "… phrase[3]".
        text = p.text
        for ref in sorted(p.footnotes, key=lambda r: r.offset, reverse=True):
            text = f"{text[: ref.offset]}[{ref.n}]{text[ref.offset :]}"
        console.print(("  • " if p.kind == "list_item" else "") + text + "\n")
    for f in detail.footnotes:
        console.print(f"[{f.n}] {f.text}", style="dim")


@report_app.command("indicators")
def report_indicators(
    ctx: typer.Context,
    domain: Annotated[DomainChoice | None, typer.Option(help="Only this domain.")] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Text in a label, any case, diacritics optional.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The 2016 figures from the report's boxes (FRA survey data on Roma)."""
    from rivs_qa.api.schemas import IndicatorPublic, IndicatorsPublic
    from rivs_qa.report import query

    found = query.filter_indicators(_state(ctx).report(), domain=domain, q=q)
    listing = IndicatorsPublic(
        data=[IndicatorPublic.model_validate(i) for i in found], count=len(found)
    )
    if as_json:
        return _print_json(listing)
    table = _table("Id", "Domain", "Indicator (LV)", "Indicator (EN)", "Value")
    for i in listing.data:
        label = f"{i.group_lv}: {i.label_lv}" if i.group_lv else i.label_lv
        value = i.value_text + "".join(f"\n{k}: {v}" for k, v in i.breakdown_texts.items())
        table.add_row(i.id, i.domain, label, i.label_en, value)
    _console().print(table)


@report_app.command("tables")
def report_tables(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The measures tables: how many measures each country group reported per sub-area."""
    from rivs_qa.api.schemas import TablePublic, TablesPublic

    tables = _state(ctx).report().tables
    listing = TablesPublic(data=[TablePublic.model_validate(t) for t in tables], count=len(tables))
    if as_json:
        return _print_json(listing)
    console = _console()
    for t in listing.data:
        table = _table(
            "Sub-area",
            "Member states",
            "Measures",
            "Enlargement countries",
            "Measures",
            title=f"{t.title_lv} ({t.id}, section {t.section_id})",
        )
        for r in t.rows:
            table.add_row(
                f"{r.sub_area_lv}\n{r.sub_area_en}" if r.sub_area_en else r.sub_area_lv,
                ", ".join(r.member_states),
                str(r.member_state_measures),
                ", ".join(r.enlargement_countries),
                str(r.enlargement_measures),
            )
        console.print(table)


@report_app.command("footnotes")
def report_footnotes(
    ctx: typer.Context,
    n: Annotated[int | None, typer.Argument(help="Show only this footnote.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The report's footnotes, or one of them."""
    from rivs_qa.api.schemas import FootnotePublic, FootnotesPublic
    from rivs_qa.report import query

    report = _state(ctx).report()
    if n is not None:
        one = FootnotePublic.model_validate(query.get_footnote(report, n))
        if as_json:
            return _print_json(one)
        footnotes = [one]
    else:
        footnotes = [FootnotePublic.model_validate(f) for f in report.footnotes]
        if as_json:
            return _print_json(FootnotesPublic(data=footnotes, count=len(footnotes)))
    table = _table("No.", "Section", "Text", "Countries")
    for f in footnotes:
        table.add_row(str(f.n), f.section_id, f.text, ", ".join(f.countries))
    _console().print(table)


@report_app.command("country")
def report_country(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="A country code in any case (lv, BiH) or a name.")],
    as_json: JsonFlag = False,
) -> None:
    """Everything in the report that names one country."""
    from rivs_qa.api.schemas import CountryDetail
    from rivs_qa.report import query

    report = _state(ctx).report()
    detail = CountryDetail.of(query.country_mentions(report, query.find_country(report, code)))
    if as_json:
        return _print_json(detail)
    c = detail.country
    console = _console()
    group = "EU member state" if c.group == "member_state" else "enlargement country"
    console.print(f"{c.code} {c.name_lv} / {c.name_en} ({group})\n", style="bold")
    table = _table("Where", "Id", "Text")
    for p in detail.paragraphs:
        table.add_row(f"paragraph ({p.kind})", p.id, p.text)
    for r in detail.table_rows:
        measures = r.member_state_measures if r.role == "member_state" else r.enlargement_measures
        table.add_row(f"table row ({r.role})", r.id, f"{r.sub_area_lv}: {measures} measures")
    for f in detail.footnotes:
        table.add_row("footnote", str(f.n), f.text)
    for a in detail.approaches:
        table.add_row(a.kind, a.id, a.text)
    console.print(table)


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


from rivs_qa import cli_search  # noqa: E402,F401  (registers index/search/eval commands)


def main() -> None:
    """Console-script entry point (``rivs-qa``)."""
    app(prog_name="rivs-qa")
from rivs_qa import cli_ask  # noqa: E402,F401  (registers ask)
