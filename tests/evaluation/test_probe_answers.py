"""Regression guard: every question of tests/data/probe_answers.jsonl answered exactly.

The probe questions were written from the parsed data (figures, table rows, footnote lists,
approaches, follow-ups, questions the report cannot answer) and never tuned on; the answers
run in-process on the real index, turn by turn, and are scored like ``rivs-qa eval
--answers`` scores them over HTTP.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskRequest
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings
from rivs_qa.evaluation.answers import score_answer
from rivs_qa.evaluation.dataset import load_items

pytestmark = pytest.mark.slow

PROBE = Path(__file__).resolve().parents[1] / "data" / "probe_answers.jsonl"


def test_every_probe_question_is_answered_exactly(real_index_dir: Path) -> None:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    service = AnswerService(report, engine, MemorySessionStore(600, 100))
    codes = [c.code for c in report.countries]
    items = load_items(PROBE)
    problems = {}
    for item in items:
        session = f"probe-{item.id}"
        for earlier in item.history:
            service.ask(AskRequest(question=earlier, session_id=session))
        response = service.ask(AskRequest(question=item.question, session_id=session))
        score = score_answer(item, response, codes, 0.0)
        if not score.correct:
            problems[item.id] = score.problems
    assert len(items) == 40
    assert problems == {}
