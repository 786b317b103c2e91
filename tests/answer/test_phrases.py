"""A turn's phrase match (``phrases.PhraseMatch``): subject keys, a follow-up's added keys,
another area's keys, the English side, and its scores kept per phrase."""

from __future__ import annotations

from rivs_qa.answer.phrases import ADDED, PhraseMatch

LV = "Romu bērnu vakcinācija un veselības aprūpe"  # bern, rom, vakcinacij, veselib, aprup
EN = "Vaccination of Roma children and health care"  # vaccination, roma, child, health, care
WEIGHTS = {"vakcinacij": 3.0, "veselib": 1.5, "bern": 0.5}
WEIGHTS_EN = {"vaccination": 2.0, "health": 8.0, "child": 1.0}


def make(lang: str = "lv", **by_area: tuple[set[str], set[str]]) -> PhraseMatch:
    return PhraseMatch(
        {"vakcinacij", "bern", "vaccination", "health", "child"}, {"veselib"},
        by_area, (WEIGHTS, WEIGHTS_EN), lang,  # type: ignore[arg-type]
    )  # fmt: skip


def test_subject_keys_add_up_and_a_followups_added_keys_count_added_times() -> None:
    assert make()(LV, EN) == 3.0 + 0.5 + ADDED * 1.5  # the Latvian side only


def test_an_english_question_takes_the_english_side_when_it_matches_more() -> None:
    assert make("en")(LV, EN) == 8.0 + 2.0 + 1.0  # more than the Latvian 9.5
    assert make("en")(LV, "") == 3.0 + 0.5 + ADDED * 1.5  # no English: the Latvian side


def test_a_phrase_of_another_area_is_read_against_that_areas_keys() -> None:
    match = make(health=({"bern"}, set()))
    assert match(LV, EN, "health") == 0.5
    assert match(LV, EN, "education") == 3.0 + 0.5 + ADDED * 1.5


def test_scores_are_kept_per_phrase_and_area() -> None:
    match = make()
    assert match(LV, EN) == match(LV, EN)
    assert len(match._known) == 1
    match(LV, EN, "health")
    assert len(match._known) == 2
