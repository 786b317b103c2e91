"""Broad questions naming an area's subsections alike (``Quoter.named_section``), told apart
by their own titles (``titles.SectionTitles``), and a section's opening run on past a
lead-in its passage cuts off; on the real report and index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskRequest
from rivs_qa.answer.conversation import interpret
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(real_index_dir: Path) -> AnswerService:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    return AnswerService(report, engine, MemorySessionStore(600, 100))


def test_a_tie_between_subsections_goes_to_the_closest_title(service: AnswerService) -> None:
    housing = {"majokl", "politik"}  # the words of every housing subsection's title path
    assert service.quotes.named_section(housing) == ("I.4.1", 1.0)  # alone: the first
    close = {"I.4.1": 0.2, "I.4.2": 0.3, "I.4.3": 0.4, "I.1.3": 0.9}
    assert service.quotes.named_section(housing, lambda: close) == ("I.4.3", 1.0)


def test_a_lessons_question_reads_closest_to_the_policy_learning_title(
    service: AnswerService,
) -> None:
    question = "What lessons does the report draw for housing policy?"
    service.engine.search(question, k=1, lang="en")  # the search embeds the question
    close = service.titles.closeness(question)
    assert max(["I.4.1", "I.4.2", "I.4.3"], key=close.__getitem__) == "I.4.3"


@pytest.mark.parametrize(
    ("question", "section", "opening"),
    [("Kādas politikas atziņas ir mājokļu jomā?", "I.4.3",
      "Mājokļu politikā ir vismazāk daudzsološu pieeju"),
     ("Politikas atziņas nodarbinātības jomā?", "I.2.3",
      "Visbūtiskākie jautājumi nodarbinātības jomā, šķiet, ir šādi")],
)  # fmt: skip
def test_an_areas_lessons_quote_its_policy_learning_section(
    service: AnswerService, question: str, section: str, opening: str
) -> None:
    r = service.ask(AskRequest(question=question))
    assert r.answerable
    assert (r.citations[0].section_id, r.citations[0].quote[: len(opening)]) == (section, opening)


def test_an_opening_runs_on_past_a_lead_in_its_passage_cuts_off(service: AnswerService) -> None:
    res = interpret("Kādas ir izglītības politikas atziņas?", None, vocab=service.vocab)
    r = service.quotes.opening("s", "lv", res, "I.1.3", [], [], 5)
    lead = "Dažas no svarīgajām politikas atziņām šajā jomā ir šādas: ir svarīgi veikt agrīnu"
    assert lead in r.answer  # the passage ends at "šādas:"; the sentence goes on
    assert r.answer.count("ir svarīgi veikt agrīnu iejaukšanos") == 1
