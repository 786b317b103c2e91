"""``rivs-qa ask``: one question (or a short conversation) answered in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from rivs_qa.cli_app import JsonFlag, _console, _print_json, _state, _table, app


@app.command("ask")
def ask(
    ctx: typer.Context,
    questions: Annotated[
        list[str],
        typer.Argument(help="One question, or several asked in turn in one conversation."),
    ],
    lang: Annotated[str | None, typer.Option("--lang", help="lv | en (default: detect)")] = None,
    top_k: Annotated[int, typer.Option("-k", "--top-k", min=1, max=20, help="Citations.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Answer questions from the report, with citations; later ones are follow-ups.

    \b
    Examples:
      rivs-qa ask "What share of Roma aged 20-64 are in paid work?" "Un vīriešiem?"
      rivs-qa ask "Kuras valstis minēja starpniecību kā panākumu izglītībā?" --json
    """
    from pydantic import ValidationError

    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore
    from rivs_qa.errors import BadQuestion
    from rivs_qa.search.loader import open_index

    state = _state(ctx)
    settings = state.get_settings()
    report, _, engine = open_index(settings, state.report(), progress=True)
    service = AnswerService(report, engine, MemorySessionStore(3600, 16), settings=settings)
    session_id = None
    for question in questions:
        try:
            request = AskRequest(question=question, session_id=session_id, lang=lang, top_k=top_k)  # type: ignore[arg-type]
        except ValidationError as exc:
            raise BadQuestion(exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
        response = service.ask(request)
        session_id = response.session_id
        if as_json:
            _print_json(response)
            continue
        typer.echo(f"Q: {question}")
        if response.resolved_question != question:
            typer.echo(f"   (understood as: {response.resolved_question})")
        typer.echo(f"A: {response.answer}")
        if response.translation_note:
            typer.echo(f"   ({response.translation_note})")
        for c in response.citations:
            typer.echo(f"  [{c.n}] {c.section_title} ({c.kind}): {c.quote[:160]}")
        for s in response.suggestions:
            typer.echo(f"  see {s.section_id}: {s.title}")
        for example in response.examples:
            typer.echo(f"  try: {example}")
        typer.echo("")


def answer_eval(ctx: typer.Context, file: Path, url: str | None, json_out: Path | None) -> None:
    """Answer metrics through the real HTTP API (``rivs-qa eval FILE --answers``)."""
    from rivs_qa.evaluation.answers import summarise
    from rivs_qa.evaluation.dataset import load_items
    from rivs_qa.evaluation.http_run import run_items, served

    items = load_items(file)
    codes = [c.code for c in _state(ctx).report().countries]
    if url:
        scores = run_items(url.rstrip("/"), items, codes)
    else:
        with served() as started:
            scores = run_items(started, items, codes)
    table = _table(
        "slice", "n", "accuracy", "R@5", "MRR@10", "refused answerable", "unanswerable refused",
        title=f"Answers through POST /api/ask ({url or 'a server started for this run'})",
    )  # fmt: skip
    for s in summarise(scores):
        table.add_row(
            s.slice, str(s.n), f"{s.accuracy:.2f}",
            "-" if s.recall_at_5 is None else f"{s.recall_at_5:.2f}",
            "-" if s.mrr_at_10 is None else f"{s.mrr_at_10:.2f}",
            str(s.refused_answerable),
            "-" if s.unanswerable_detected is None else f"{s.unanswerable_detected:.2f}",
        )  # fmt: skip
    _console().print(table)
    for s in scores:
        if not s.correct:
            typer.echo(f"  {s.id} ({s.lang}, {s.type}): {'; '.join(s.problems)}")
    if json_out is not None:
        json_out.write_text(
            json.dumps([s.model_dump() for s in scores], ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
        typer.echo(f"wrote {json_out}")
