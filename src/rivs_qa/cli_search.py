"""``rivs-qa index build``, ``rivs-qa search`` and ``rivs-qa eval`` (registered by cli.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rivs_qa.cli_app import JsonFlag, _console, _state, _table, app, index_app

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rivs_qa.evaluation.dataset import EvalItem
    from rivs_qa.report.model import Report
    from rivs_qa.search.engine import SearchEngine

ModeChoice = Annotated[str, typer.Option("--mode", help="hybrid | dense | bm25", show_default=True)]


@index_app.command("build")
def index_build(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild even when the index is current.")
    ] = False,
) -> None:
    """Build the search index under index/ when it is missing or stale (or with --force).

    \b
    Examples:
      rivs-qa index build
      rivs-qa index build --force
    """
    from rivs_qa.search.loader import index_path, open_index

    state = _state(ctx)
    settings = state.get_settings()
    start = time.perf_counter()
    _, index, _ = open_index(settings, state.report(), force=force, progress=True)
    m = index.manifest
    typer.echo(
        f"index ready at {index_path(settings)}: {m.chunk_count} chunks, {m.embedder_id} "
        f"(dim {m.dim}), built {m.built_at} ({time.perf_counter() - start:.1f} s)"
    )


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A question or keywords, Latvian or English.")],
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many passages.")] = 5,
    mode: ModeChoice = "hybrid",
    as_json: JsonFlag = False,
) -> None:
    """Ranked passages of the report for a query.

    \b
    Examples:
      rivs-qa search "Kuras valstis minēja starpniecību izglītībā?"
      rivs-qa search "share of Roma in paid work" -k 3 --mode dense --json
    """
    from rivs_qa.errors import BadQuestion
    from rivs_qa.search.loader import open_index
    from rivs_qa.search.model import SearchMode

    try:
        search_mode = SearchMode.parse(mode)
    except ValueError as exc:
        raise BadQuestion(str(exc)) from None
    state = _state(ctx)
    _, _, engine = open_index(state.get_settings(), state.report(), progress=False)
    hits = engine.search(query, k=k, mode=search_mode)
    if as_json:
        import json

        typer.echo(
            json.dumps([h.model_dump(mode="json") for h in hits], ensure_ascii=False, indent=2)
        )
        return
    table = _table("#", "score", "kind", "section", "text")
    for h in hits:
        table.add_row(str(h.rank), f"{h.score:.3f}", h.chunk.kind, h.chunk.section_id, h.chunk.text)
    _console().print(table)


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Evaluation questions (JSON lines).")],
    mode: Annotated[
        list[str] | None, typer.Option("--mode", help="Modes to compare (default: all three).")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full results here.")
    ] = None,
    answers: Annotated[
        bool, typer.Option("--answers", help="Score answers through POST /api/ask instead.")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option("--url", help="With --answers: a running server (default: start one)."),
    ] = None,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list items the hybrid list did not rank first.")
    ] = False,
) -> None:
    """Retrieval R@1, R@5 and MRR@10 by language and item type, modes side by side; with
    --answers, answer accuracy, abstention and citation recall through the HTTP API.

    \b
    Examples:
      rivs-qa eval ../shared/eval/dev.jsonl
      rivs-qa eval ../shared/eval/dev.jsonl --mode hybrid --json eval.json
      rivs-qa eval ../shared/eval/dev.jsonl --misses
      rivs-qa eval ../shared/eval/dev.jsonl --answers
      rivs-qa eval ../shared/eval/dev.jsonl --answers --url http://127.0.0.1:8000
    """
    if answers:
        from rivs_qa.cli_ask import answer_eval

        answer_eval(ctx, file, url, json_out)
        return
    from rivs_qa.errors import BadQuestion
    from rivs_qa.evaluation.dataset import load_items
    from rivs_qa.evaluation.retrieval import evaluate_retrieval
    from rivs_qa.search.loader import open_index
    from rivs_qa.search.model import SearchMode

    try:
        modes = [SearchMode.parse(m) for m in (mode or [m.value for m in SearchMode])]
    except ValueError as exc:
        raise BadQuestion(str(exc)) from None
    items = load_items(file)
    state = _state(ctx)
    source, _, engine = open_index(state.get_settings(), state.report(), progress=False)
    queries = _resolved_queries(source, engine, items)
    report = evaluate_retrieval(engine, items, modes, queries)
    console = _console()
    table = _table("slice", *(f"{m} R@1 / R@5 / MRR@10" for m in report.modes), title="Retrieval")
    slices = sorted({k for m in report.modes for k in report.by_lang[m]})
    for lang in slices:
        table.add_row(f"lang={lang}", *(_fmt(report.by_lang[m].get(lang)) for m in report.modes))
    for typ in sorted({k for m in report.modes for k in report.by_type[m]}):
        table.add_row(f"type={typ}", *(_fmt(report.by_type[m].get(typ)) for m in report.modes))
    table.add_row("all", *(_fmt(report.overall[m]) for m in report.modes))
    console.print(table)
    if misses:
        _print_misses(engine, items, queries)
    if json_out is not None:
        json_out.write_text(report.model_dump_json(indent=2), encoding="utf-8")
        typer.echo(f"wrote {json_out}")


def _resolved_queries(
    report: Report, engine: SearchEngine, items: list[EvalItem]
) -> dict[str, str]:
    """Follow-ups are searched as the conversation resolves them (in-process service)."""
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore
    from rivs_qa.evaluation.followups import resolved_queries

    if not any(item.history for item in items):
        return {}
    service = AnswerService(report, engine, MemorySessionStore(3600, max(16, len(items))))
    return resolved_queries(service, items)


def _print_misses(engine: SearchEngine, items: list[EvalItem], queries: Mapping[str, str]) -> None:
    from rivs_qa.evaluation.retrieval import explain_misses

    for miss in explain_misses(engine, items, queries=queries):
        typer.echo(
            f"\n{miss.id} [{miss.lang}/{miss.type}] hybrid={miss.hybrid} dense={miss.dense} "
            f"bm25={miss.bm25}: {miss.query}"
        )
        for h in miss.top:
            mark = "*" if h.supports else " "
            typer.echo(
                f"  {mark}{h.rank} d={h.dense_rank} b={h.bm25_rank} {h.kind} {h.section_id}: "
                f"{h.text[:110]}"
            )


def _fmt(m: object) -> str:
    if m is None:
        return "-"
    return f"{m.r_at_1:.2f} / {m.r_at_5:.2f} / {m.mrr_at_10:.2f}  (n={m.n})"  # type: ignore[attr-defined]
