"""Scoring an /api/ask response against an evaluation item."""

from __future__ import annotations

from rivs_qa.answer.contract import AskResponse, Citation, Fact
from rivs_qa.evaluation.answers import score_answer, summarise
from rivs_qa.evaluation.dataset import EvalItem

CODES = ["AT", "HU", "LV", "ES"]


def _item(**answer: object) -> EvalItem:
    return EvalItem.model_validate(
        {"id": "t1", "lang": "en", "type": "table", "question": "q", "answer": answer,
         "evidence": ["Apkarot cilvēku tirdzniecību"]}
    )  # fmt: skip


def _response(answer: str, answerable: bool = True, countries: list[str] | None = None) -> AskResponse:
    citation = Citation(
        n=1, chunk_id="c", section_id="II.1", section_title="t", kind="table_row",
        text="Apkarot  cilvēku tirdzniecību AT, HU 6", quote="q", score=1.0,
    )  # fmt: skip
    facts = [Fact(kind="table_row", id="x", label="l", countries=countries or [], citation=1)]
    return AskResponse(
        session_id="s", lang="en", answerable=answerable, answer=answer, resolved_question="q",
        facts=facts, citations=[citation] if answerable else [],
    )  # fmt: skip


def test_values_counts_and_countries_must_all_be_in_the_answer() -> None:
    item = _item(values=["31%"], count=6, countries=["AT", "HU"])
    ok = score_answer(item, _response("Share: 31 % — AT (Austria), HU, 6 measures"), CODES, 1.0)
    assert (ok.correct, ok.rank, ok.problems) == (True, 1, [])
    bad = score_answer(item, _response("Share: 13 % — AT, 16 measures"), CODES, 1.0)
    assert bad.problems == [
        "value '31%' not in the answer", "count 6 not in the answer", "countries missing: HU"
    ]


def test_countries_of_facts_count_as_the_answers_codes() -> None:
    item = _item(countries=["LV", "ES"])
    assert score_answer(item, _response("See the table.", countries=["LV", "ES"]), CODES, 1.0).correct


def test_refusals_are_scored_both_ways() -> None:
    unanswerable = _item(unanswerable=True)
    assert score_answer(unanswerable, _response("No.", answerable=False), CODES, 1.0).correct
    assert not score_answer(unanswerable, _response("Yes."), CODES, 1.0).correct
    refused = score_answer(_item(text="x"), _response("No.", answerable=False), CODES, 1.0)
    assert refused.problems == ["refused an answerable question"]
    (row,) = [s for s in summarise([refused]) if s.slice == "all"]
    assert (row.accuracy, row.refused_answerable, row.recall_at_5) == (0.0, 1, 0.0)


def test_a_text_answer_must_quote_its_evidence() -> None:
    """As ../shared/eval/score_api.py scores: in the answer or a first-three quote."""
    item = _item(text="x").model_copy(update={"evidence": ["the report says this"]})
    assert not score_answer(item, _response("Something else."), CODES, 1.0).correct
    assert score_answer(item, _response("Indeed the report says this."), CODES, 1.0).correct
