"""Mending misspelt words of English questions against the report's words."""

from __future__ import annotations

import pytest

from rivs_qa.answer.spelling import Speller, accented_forms
from rivs_qa.answer.subject import Vocabulary

REPORT = Vocabulary.of(
    [
        "Improve access to free vaccination programmes; harassment; households; health; should",
        "Roma living in households with an indoor toilet; the setting of targets; member states",
        "percentage; members",
        "Daudzsološas pieejas; dalībvalstis sniedza ziņojumus; a parent; rent",
    ]
)
SPELLER = Speller(REPORT)


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        ("How many vacination measures?", "How many vaccination measures?"),
        ("share of roma who experienced harrasment", "share of roma who experienced harassment"),
        ("how many roma live in housholds with an indoor toilet?",
         "how many roma live in households with an indoor toilet?"),
        ("whcih memeber states", "whcih member states"),  # "whcih": under five letters
        # the report's first letters are no proof: "percentge" is not the report's word
        ("What percentge of Roma?", "What percentage of Roma?"),
    ],
)  # fmt: skip
def test_a_word_one_or_two_letters_off_the_reports_is_read_as_it(typed: str, mended: str) -> None:
    assert SPELLER.mend(typed, "en") == mended


@pytest.mark.parametrize(
    "question",
    [
        "Which countries reported getting Roma inclusion on the agenda?",  # English, not "setting"
        "How many Roma live in Vacinia?",  # a capitalised word may be a name the report lacks
        "how many roma women arent working?",  # two words as near ("parent", "rent")
        "How are the Roma doing?",  # under five letters: kept
        "Why shouldn't members rely on it?",  # "shouldn" is half of "shouldn't"
    ],
)
def test_english_words_names_and_ties_are_kept(question: str) -> None:
    assert SPELLER.mend(question, "en") == question


def test_latvian_questions_are_kept_as_typed() -> None:
    # "nesniedza" is no word of the report, and one letter from none; the Latvian side is
    # never mended by edits: its unknown forms are mostly valid inflections
    assert SPELLER.mend("Kuras dalībvalstis nesniedza ziņojumus?", "lv") == (
        "Kuras dalībvalstis nesniedza ziņojumus?"
    )
    assert SPELLER.mend("vacination", "lv") == "vacination"


LATVIAN = [
    "Veselības apdrošināšanas segums; veselības aprūpe; veselība.",
    "Gada laikā; 2016. gadā; gadā.",  # "gada" is a word of its own: "gadā" is not restored
    "Mājokļi un mājokļu politika. Mājoklī.",
]


def test_the_commonest_accented_form_of_each_folded_word() -> None:
    forms = accented_forms(LATVIAN)
    assert forms["veselibas"] == "veselības"
    assert forms["majoklu"] == "mājokļu"
    assert forms["majokli"] == "mājokļi"  # twice, against "mājoklī" once
    assert "gada" not in forms and "segums" not in forms


def test_a_latvian_word_typed_without_diacritics_gets_the_reports() -> None:
    speller = Speller(REPORT, accented=accented_forms(LATVIAN))
    assert speller.mend("cik romu ir veselibas apdrosinasanas sistema?", "lv") == (
        "cik romu ir veselības apdrošināšanas sistema?"
    )
    assert speller.mend("Majoklu politika gada laika", "lv") == "Mājokļu politika gada laikā"
    # an English question's words are not given Latvian diacritics
    assert speller.mend("majoklu policy", "en") == "majoklu policy"
