"""The English translation (corpus/report_en.json) against the parsed report.

Every unit translated and nothing else; the same numbers, markers, acronyms, names and
countries, sentence for sentence; no Latvian letters; a sane length. Each check is also
shown to fail on a unit broken on purpose, so a green run means something.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rivs_qa.errors import ReportFormatError
from rivs_qa.report.align import english_for_quote, english_for_span
from rivs_qa.report.model import Report
from rivs_qa.report.parse import corpus_sha256, load_report, parse_report
from rivs_qa.report.translation import (
    Translation,
    load_translation,
    source_units,
    strip_markers,
    with_markers,
)
from rivs_qa.report.translation_check import Terms, check_translation, compare_unit, load_terms

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(CORPUS / "report_lv.txt")


@pytest.fixture(scope="module")
def translation() -> Translation:
    return load_translation(CORPUS / "report_en.json")


@pytest.fixture(scope="module")
def terms() -> Terms:
    return load_terms(CORPUS / "terms_lv_en.json")


def test_the_translation_is_complete_and_finds_no_mismatch(
    report: Report, translation: Translation, terms: Terms
) -> None:
    result = check_translation(report, translation, terms)
    assert (result.units, result.translated, result.coverage) == (319, 319, 1.0)
    assert result.mismatches == []


def test_units_are_the_parsers_ids_in_report_order(report: Report, translation: Translation) -> None:
    assert list(translation.units) == list(source_units(report))
    assert list(translation.units)[:3] == ["INTRO.title", "INTRO.p1", "INTRO.p2"]
    assert list(translation.units)[-1] == "fn.57"


def test_the_translation_names_the_report_text_it_translates(translation: Translation) -> None:
    text = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")
    assert translation.source_sha256 == corpus_sha256(text)


def test_a_translation_of_another_text_is_refused(translation: Translation) -> None:
    text = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")
    other = translation.model_copy(update={"source_sha256": "0" * 64})
    with pytest.raises(ReportFormatError, match="made for another report text"):
        parse_report(text, translation=other)


def test_every_english_field_of_the_report_is_filled(report: Report) -> None:
    assert all(s.title_en for s in report.sections)
    assert all(p.text_en for s in report.sections for p in s.paragraphs)
    assert all(f.text_en for f in report.footnotes)
    assert all(a.label_en for a in report.approaches)
    assert all(r.sub_area_en for r in report.table_rows)
    assert all(t.title_en and t.header_en for t in report.tables)
    assert all(i.group_en for i in report.indicators if i.group_lv)
    refs = [r for s in report.sections for p in s.paragraphs for r in p.footnotes]
    assert len(refs) == 57 and all(r.offset_en is not None and r.phrase_en for r in refs)


def test_labels_and_translation_agree(report: Report, translation: Translation) -> None:
    """Approaches, priorities and table rows have one English text: the translation's."""
    paragraphs = {p.text: p for s in report.sections for p in s.paragraphs}
    for a in report.approaches:
        assert a.label_en == translation.units[paragraphs[a.text].id]
    for row in report.table_rows:
        para = next(
            p for p in paragraphs.values()
            if p.kind == "table_row" and p.text.startswith(row.sub_area_lv + " ")
        )  # fmt: skip
        assert translation.units[para.id] == row.sub_area_en + para.text[len(row.sub_area_lv) :]


def test_markers_stand_after_the_phrase_they_annotate(report: Report) -> None:
    para = next(p for s in report.sections for p in s.paragraphs if p.id == "I.1.2.p1")
    ref = next(r for r in para.footnotes if r.n == 9)
    assert para.text_en[: ref.offset_en].endswith("the most common success cited by the NRCP is mediation")
    assert ref.phrase_en == "the most common success cited by the NRCP is mediation"


def test_markers_round_trip() -> None:
    text, offsets = strip_markers("One[^1] two, three[^12].")
    assert (text, offsets) == ("One two, three.", {1: 3, 12: 14})


def test_the_terms_file_names_only_what_the_report_uses(terms: Terms) -> None:
    text = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")
    assert all(f" {a}" in text or f"({a}" in text for a in terms.acronyms)
    assert all(name in text for name in terms.names)


# --- each check fails on a unit broken on purpose --------------------------------------

LV = "Visizplatītākais panākums ir starpniecība[^9]. DV (18 DV) ziņoja par 43 % Latvijā."
EN = "The most common success is mediation[^9]. MS (18 MS) reported 43 % in Latvia."


@pytest.mark.parametrize(
    ("english", "problem"),
    [
        (EN.replace("18 MS", "19 MS"), "numbers"),
        (EN.replace("43 %", "43"), "percent"),
        (EN.replace("[^9]", ""), "markers"),
        (EN.replace("[^9]", "[^8]"), "markers"),
        (EN.replace("MS (18 MS)", "Member States (18)"), "acronyms"),
        (EN + " The EU agreed.", "acronyms"),
        (EN.replace("in Latvia", "there"), "countries"),
        (EN.replace("in Latvia", "in Latvia and Estonia"), "countries"),
        (EN.replace("mediation[^9]. MS", "mediation[^9]; MS"), "sentences"),
        (EN.replace("mediation", "starpniecība"), "latvian_letters"),
        (EN + " " + "And it went on for a long time without saying anything new. " * 3, "length"),
    ],
)
def test_each_check_catches_its_mismatch(
    english: str, problem: str, terms: Terms, report: Report
) -> None:
    assert compare_unit(LV, EN, terms, report.countries) == []
    assert problem in {p for p, _ in compare_unit(LV, english, terms, report.countries)}


def test_urls_and_kept_names_must_survive(terms: Terms, report: Report) -> None:
    lv = "Skatīt “Roma Civil Monitor” un http://example.org/a.pdf."
    good = "See “Roma Civil Monitor” and http://example.org/a.pdf."
    assert compare_unit(lv, good, terms, report.countries) == []
    problems = {p for p, _ in compare_unit(lv, "See the monitor and the PDF.", terms, report.countries)}
    assert {"urls", "names"} <= problems


def test_missing_and_orphan_units_are_reported(
    report: Report, translation: Translation, terms: Terms
) -> None:
    units = dict(translation.units)
    del units["II.3.p4"]
    units["II.9.p1"] = "A paragraph the report does not have."
    units["fn.3"] = ""
    broken = translation.model_copy(update={"units": units})
    result = check_translation(report, broken, terms)
    assert {(m.unit, m.problem) for m in result.mismatches} == {
        ("II.3.p4", "missing"), ("II.9.p1", "orphan"), ("fn.3", "empty"),
    }  # fmt: skip
    assert result.translated == 317


def test_the_file_is_plain_sorted_json_a_translator_can_edit() -> None:
    raw = json.loads((CORPUS / "report_en.json").read_text(encoding="utf-8"))
    assert set(raw) == {"_about", "source_sha256", "units"}
    assert all(isinstance(v, str) and v == v.strip() for v in raw["units"].values())


# --- alignment -------------------------------------------------------------------------


def test_a_span_is_translated_by_the_sentences_it_covers() -> None:
    lv = "Pirmais teikums. Otrais teikums ir garāks. Trešais."
    en = "First sentence. The second sentence is longer. Third."
    start = lv.index("Otrais")
    assert english_for_span(lv, en, start, start + len("Otrais teikums ir garāks.")) == (
        "The second sentence is longer."
    )
    assert english_for_span(lv, en, 0, len(lv)) == en
    assert english_for_quote(lv, en, "Trešais.") == "Third."
    assert english_for_quote(lv, en, "nav tekstā") == ""
    # sentences that do not pair up: the whole translation, never a wrong sentence
    assert english_for_span(lv, "One sentence only.", 0, 5) == "One sentence only."


def test_latvian_ordinals_and_abbreviations_do_not_end_sentences() -> None:
    lv = "Komisija 2018. gada 4. decembrī publicēja novērtējumu. Piem. AT, BE. Sk. 1. pielikumu."
    en = "On 4 December 2018 the Commission published an evaluation. E.g. AT, BE. See Annex 1."
    assert english_for_quote(lv, en, "Piem. AT, BE.") == "E.g. AT, BE."
    assert english_for_quote(lv, en, "Sk. 1. pielikumu.") == "See Annex 1."


def test_with_markers_puts_each_marker_at_its_offset(report: Report) -> None:
    para = next(p for s in report.sections for p in s.paragraphs if p.id == "INTRO.p1")
    marked = with_markers(para.text, para.footnotes)
    assert "līdz 2020. gadam[^1]. Novērtējumā" in marked and "instrumentus[^2]." in marked
