"""corpus/examples.json: every example question a refusal offers is one the report answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskRequest
from rivs_qa.answer.examples import Examples, load_examples
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings

EXAMPLES = load_examples(Path(__file__).resolve().parents[2] / "corpus" / "examples.json")


@pytest.fixture(scope="module")
def service(real_index_dir: Path) -> AnswerService:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    return AnswerService(report, engine, MemorySessionStore(600, 100))


@pytest.mark.parametrize(
    ("lang", "question"),
    [("lv", q) for q in EXAMPLES.lv] + [("en", q) for q in EXAMPLES.en],
)
def test_each_example_is_answered_in_its_language(
    service: AnswerService, lang: str, question: str
) -> None:
    r = service.ask(AskRequest(question=question))
    assert r.answerable and r.lang == lang and r.citations


def test_both_languages_offer_as_many_examples() -> None:
    assert len(EXAMPLES.lv) == len(EXAMPLES.en) >= 3


def test_an_offer_is_three_distinct_examples_stable_per_question() -> None:
    examples = Examples(lv=["a", "b", "c", "d", "e"], en=["A", "B", "C", "D", "E"])
    first = examples.offer("en", "What is the weather in Riga?")
    assert len(set(first)) == 3 and set(first) <= set(examples.en)
    assert examples.offer("en", "What is the weather in Riga?") == first
    assert {tuple(examples.offer("lv", q)) for q in ("x", "y", "z", "w", "v")} != {
        tuple(examples.offer("lv", "x"))
    }
