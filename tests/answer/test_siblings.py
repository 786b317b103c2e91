"""The figure of the last answer's box that a follow-up's own words name (pure)."""

from __future__ import annotations

from collections.abc import Collection

from rivs_qa.answer.siblings import switch
from rivs_qa.report.model import Indicator, Report
from rivs_qa.search.lemmas import lemmatize_tokens


def _keys(ind: Indicator) -> set[str]:
    return set(lemmatize_tokens(ind.label_lv, "lv"))


def _share(subject: Collection[str], keys: Collection[str]) -> float:
    return len(set(subject) & set(keys)) / len(subject) if subject else 0.0


def _switch(report: Report, last: str, words: str) -> str | None:
    indicators = {i.id: i for i in report.indicators}
    found = switch(indicators, last, set(lemmatize_tokens(words, "lv")), _keys, _share)
    return found.id if found is not None else None


def test_the_sibling_whose_own_words_the_follow_up_names_wins(real_report: Report) -> None:
    # "darbā" is in both "meklējot darbu" and "darbā"; only "darbā" is named whole
    assert _switch(real_report, "ind.discrimination.03", "bet darbā") == "ind.discrimination.04"
    assert _switch(real_report, "ind.housing.02", "iekštelpu tualete") == "ind.housing.03"


def test_no_switch_without_a_better_named_sibling(real_report: Report) -> None:
    # the last figure itself, words no sibling has, a figure outside any box, no words
    assert _switch(real_report, "ind.discrimination.03", "meklējot darbu") is None
    assert _switch(real_report, "ind.discrimination.03", "veselības aprūpē") is None
    assert _switch(real_report, "ind.housing.08", "iekštelpu tualete") is None
    assert _switch(real_report, "ind.housing.02", "") is None
    assert _switch(real_report, "ind.nope", "darbā") is None


def test_a_line_standing_alone_in_the_box_is_a_sibling_of_the_headings_lines(
    real_report: Report,
) -> None:
    # "… when trying to rent or buy housing" (under the heading), then "and how many of them
    # reported the incident?": the box's line of its own ("… un ir ziņojuši par incidentu")
    last = "ind.discrimination.05"
    assert _switch(real_report, last, "cik ziņojuši par incidentu") == "ind.discrimination.09"


def test_lines_standing_alone_switch_among_themselves(real_report: Report) -> None:
    # after the NEET line, "… cik strādā algotu darbu?" names the paid-work line (both stand
    # alone in employment's box); "un sievietēm?" is left to the line's own breakdown
    last = "ind.employment.02"
    assert _switch(real_report, last, "cik romu strādā algotu darbu") == "ind.employment.01"
    assert _switch(real_report, last, "jauniešu NEET īpatsvars") is None
