"""Follow-ups are searched as the real conversation resolves them (real index, e5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings
from rivs_qa.evaluation.dataset import EvalItem
from rivs_qa.evaluation.followups import resolved_queries
from rivs_qa.evaluation.retrieval import evaluate_retrieval
from rivs_qa.search.model import SearchMode

pytestmark = pytest.mark.slow


def _item(id_: str, question: str, history: list[str], evidence: str) -> EvalItem:
    return EvalItem.model_validate(
        {"id": id_, "lang": "en", "type": "followup", "question": question,
         "history": history, "answer": {}, "evidence": [evidence]}
    )  # fmt: skip


def test_follow_up_query_is_the_resolved_question_and_finds_the_indicator(
    real_index_dir: Path,
) -> None:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    service = AnswerService(report, engine, MemorySessionStore(600, 10))
    follow = _item(
        "f1", "And the women?", ["What share of Roma aged 16-24 are neither working nor studying?"],
        "nemācās, nestrādā un neapgūst arodu",
    )
    plain = EvalItem.model_validate(
        {"id": "p1", "lang": "en", "type": "passage", "question": "Roma housing deprivation",
         "answer": {}, "evidence": ["x"]}
    )  # fmt: skip
    queries = resolved_queries(service, [follow, plain])
    assert queries["p1"] == "Roma housing deprivation"
    assert queries["f1"] == (
        "What share of Roma aged 16-24 are neither working nor studying — for women?"
    )
    report_ = evaluate_retrieval(engine, [follow], [SearchMode.hybrid], queries)
    assert report_.items[0].rank == 1
