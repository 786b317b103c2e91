"""``rivs-qa verifier train``: fit the answer verifier on labelled questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rivs_qa.cli_app import _state, verifier_app


@verifier_app.command("train")
def train(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Labelled questions (JSON lines).")],
    out: Annotated[
        Path | None, typer.Option(help="Where to write it (default: the corpus's verifier.json).")
    ] = None,
    precision: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Share of kept answers that must be right.")
    ] = 0.75,
) -> None:
    """Run the questions through the service without the verifier, label each answer with the
    strict scorer, fit the model and choose its refusal threshold on a held-out split.

    Example: rivs-qa verifier train corpus/training/*.jsonl
    """
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore
    from rivs_qa.evaluation.dataset import load_items
    from rivs_qa.evaluation.verifier_train import collect, fit, reliability
    from rivs_qa.search.loader import open_index

    state = _state(ctx)
    settings = state.get_settings()
    report, _, engine = open_index(settings, state.report(), progress=True)
    items = [item for path in files for item in load_items(path)]
    service = AnswerService(
        report, engine, MemorySessionStore(3600, len(items) + 16), verifier="off",
        settings=settings,
    )  # fmt: skip
    cases = collect(service, items, [c.code for c in report.countries])
    verifier, stats, out_of_fold = fit(cases, precision)
    target = out or settings.verifier_path
    verifier.save(target)
    typer.echo(f"{len(items)} questions, {len(cases)} answered; wrote {target}")
    for key, value in stats.items():
        typer.echo(f"  {key}: {value:.3f}")
    typer.echo("reliability (every candidate, predicted by the model of the other folds):")
    for row in reliability(out_of_fold):
        typer.echo(f"  {row}")
