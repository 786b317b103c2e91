"""``rivs-qa ask``: one question (or a short conversation) answered in-process."""

from __future__ import annotations

from typing import Annotated

import typer

from rivs_qa.cli import JsonFlag, _print_json, _state, app


@app.command("ask")
def ask(
    ctx: typer.Context,
    questions: Annotated[
        list[str], typer.Argument(help="One question, or several asked in turn in one conversation.")
    ],
    lang: Annotated[str | None, typer.Option("--lang", help="lv | en (default: detect)")] = None,
    top_k: Annotated[int, typer.Option("-k", "--top-k", min=1, max=20, help="Citations.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Answer questions from the report, with citations; later ones are follow-ups.

    \b
    Examples:
      rivs-qa ask "What share of Roma aged 20-64 are in paid work?" "And men?"
      rivs-qa ask "Kuras valstis minēja starpniecību kā panākumu izglītībā?" --json
    """
    from pydantic import ValidationError

    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.sessions import MemorySessionStore
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.errors import BadQuestion
    from rivs_qa.search.loader import open_index

    state = _state(ctx)
    settings = state.get_settings()
    report, _, engine = open_index(settings, state.report(), progress=True)
    service = AnswerService(report, engine, MemorySessionStore(3600, 16))
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
        for c in response.citations:
            typer.echo(f"  [{c.n}] {c.section_title} ({c.kind}): {c.quote[:160]}")
        for s in response.suggestions:
            typer.echo(f"  see {s.section_id}: {s.title}")
        typer.echo("")
