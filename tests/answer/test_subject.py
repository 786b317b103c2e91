"""Names the report never mentions (pure) and what the service does with them (real index)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.answer.subject import Vocabulary, full_names, names, unknown_names
from rivs_qa.textnorm import fold

VOCAB = Vocabulary.of(["Romu kopiena Tulūzā un Somijā", "Directive 2000/43/EC", "Equality body"])


def topic(question: str) -> list[str]:
    return [fold(w) for w in question.rstrip("?").split()]


def test_inflected_forms_of_a_report_name_are_known() -> None:
    assert VOCAB.knows("Tulūzas") and VOCAB.knows("tuluza") and VOCAB.knows("Somija")
    assert not VOCAB.knows("Kanādā") and not VOCAB.knows("Latgale")
    assert VOCAB.knows("Roma")  # a short word keeps all but its last letter: "rom" as in "romu"


def test_capitalised_runs_skip_the_first_word_and_need_a_subject_word() -> None:
    q = "What did Racial Equality Directive bodies do in Canada?"
    assert names(q, topic(q)) == [["Racial", "Equality", "Directive"], ["Canada"]]
    assert names(q, ["canada"]) == [["Canada"]]  # the run holds no subject word: not a name
    assert names("Canada?", ["canada"]) == []  # a question's first word is capitalised anyway


def test_a_run_is_unknown_only_when_none_of_its_words_is_known() -> None:
    q = "What did Racial Equality Directive bodies do in Canada?"
    assert unknown_names(q, topic(q), VOCAB) == ["Canada"]
    lv = "Cik romu dzīvo Kanādā?"
    assert unknown_names(lv, topic(lv), VOCAB) == ["Kanādā"]
    assert unknown_names("Ko darīja Tulūzas pašvaldība?", ["tuluzas", "pasvaldiba"], VOCAB) == []


def test_an_acronym_must_be_written_as_it_is_whatever_the_words_around_it() -> None:
    vocab = Vocabulary.of(["Eiropas Padomes ieteikums", "NGOs and the NRCP", "ESI fondi"])
    q = "What is the role of the European Council ROMED programme?"
    assert unknown_names(q, topic(q), vocab) == ["European Council ROMED"]
    # singular or plural of a written acronym
    for known in ("Which NGO took part?", "What did NRCPs report?"):
        assert unknown_names(known, topic(known), vocab) == [], known
    assert unknown_names("How much did ESIF pay?", ["esif", "pay"], vocab) == ["ESIF"]


def test_a_full_name_runs_across_the_small_words_joining_it() -> None:
    assert full_names("What did the European Court of Human Rights rule?") == [
        ["European", "Court", "Human", "Rights"]
    ]
    assert full_names("Ko Eiropas Padomes programma dara?") == [["Eiropas", "Padomes"]]
    # one capitalised word is no full name; the first word never counts
    assert full_names("Which Roma live in towns?") == []
    assert full_names("European Semester and Roma?") == []


@pytest.mark.slow
def test_a_name_whose_words_never_stand_together_in_the_report_is_unheard(
    real_index_dir: Path,
) -> None:
    from rivs_qa.answer.keys import KeyIndex
    from rivs_qa.answer.vocab import load_vocab
    from rivs_qa.config import get_settings
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    index = KeyIndex(report, engine, load_vocab())
    for question in (
        "How does the European Semester steer Roma inclusion?",
        "What has the Council of Europe done for Roma?",
        "Ko Eiropas Padomes ziņojums saka par romiem?",
    ):
        assert index.unheard_names(question, "lv" if "Ko " in question else "en"), question
    for question in (
        "What does the Racial Equality Directive require?",
        "What does the Race Equality Directive require?",  # "Race" meets "racial"
        "What did the EU Agency for Fundamental Rights find?",
        "Which National Roma Contact Points reported on housing?",
        "What did Latvia and Lithuania report?",  # country names are no name of a body
    ):
        assert index.unheard_names(question, "en") == [], question


@pytest.mark.slow
def test_service_refuses_unknown_names_and_sums_up_a_named_country(real_index_dir: Path) -> None:
    from rivs_qa.answer.contract import AskRequest
    from rivs_qa.answer.service import AnswerService
    from rivs_qa.answer.sessions import MemorySessionStore
    from rivs_qa.config import get_settings
    from rivs_qa.search.loader import open_index

    report, _, engine = open_index(get_settings(), progress=False)
    service = AnswerService(report, engine, MemorySessionStore(60, 10))
    for question in (
        "How many Roma live in Canada?",
        "Cik romu dzīvo Kanādā?",
        "What did the European Court of Human Rights (ECHR) rule on segregation?",
    ):
        r = service.ask(AskRequest(question=question))
        assert (r.answerable, r.facts, r.citations) == (False, [], []), question
    r = service.ask(AskRequest(question="What does the report say about Spain?"))
    assert r.answerable and r.facts and {f.kind for f in r.facts} == {"approach"}
    spanish = [a.id for a in report.approaches if "ES" in a.countries]
    assert {f.id for f in r.facts} <= set(spanish) and len(r.facts) == min(8, len(spanish))
    # an acronym the glossary knows is known, though the report writes it in Latvian only
    r = service.ask(AskRequest(question="Which countries reported ECEC measures?"))
    assert r.answerable
