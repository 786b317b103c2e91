"""corpus/training/: the questions the answer verifier learns from, checked against the report.

Labels come from the parsed report: every evidence string is on one line of the report,
every expected figure is a figure of the report as written, every country a code the report
uses, and the mix is what the verifier needs (both languages, every kind, many questions the
report cannot answer).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from rivs_qa.evaluation.dataset import EvalItem, load_items, normalise
from rivs_qa.report.model import Report

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted((CORPUS / "training").glob("*.jsonl"))
ITEMS: list[EvalItem] = [item for path in FILES for item in load_items(path)]
LINES = [normalise(line) for line in (CORPUS / "report_lv.txt").read_text("utf-8").splitlines()]


def test_enough_questions_half_in_each_language() -> None:
    assert len(ITEMS) >= 598
    langs = Counter(i.lang for i in ITEMS)
    assert abs(langs["lv"] - langs["en"]) <= 2


def test_every_kind_and_many_unanswerable() -> None:
    kinds = Counter(i.type for i in ITEMS)
    assert set(kinds) == {
        "indicator", "table", "footnote", "approach", "passage", "country", "followup",
        "unanswerable",
    }  # fmt: skip
    assert kinds["unanswerable"] >= 150
    assert kinds["followup"] >= 60 and all(i.history for i in ITEMS if i.type == "followup")


def test_ids_and_questions_are_unique() -> None:
    assert len({i.id for i in ITEMS}) == len(ITEMS)
    asked = Counter((i.question.strip().lower(), tuple(i.history)) for i in ITEMS)
    assert [q for q, n in asked.items() if n > 1] == []


@pytest.mark.parametrize("item", [i for i in ITEMS if i.evidence], ids=lambda i: i.id)
def test_evidence_is_on_one_line_of_the_report(item: EvalItem) -> None:
    for evidence in item.evidence:
        assert any(normalise(evidence) in line for line in LINES), evidence


def test_expected_figures_and_countries_are_the_reports(real_report: Report) -> None:
    text = (CORPUS / "report_lv.txt").read_text("utf-8")
    flat = re.sub(r"\s+", "", text)
    codes = {c.code for c in real_report.countries}
    for item in ITEMS:
        for value in item.answer.values:
            assert re.sub(r"\s+", "", value) in flat, (item.id, value)
        assert set(item.answer.countries) <= codes, item.id
        if item.answer.unanswerable:
            assert item.type == "unanswerable" and not item.evidence
