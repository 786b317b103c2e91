"""English labels: corpus/labels_en.json (indicators) and, from the translation
(corpus/report_en.json), section titles, approaches, priorities and table rows' sub-areas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rivs_qa.report.model import Report
from rivs_qa.report.parse import load_report

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LABELS_PATH = CORPUS / "labels_en.json"


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(CORPUS / "report_lv.txt")


@pytest.fixture(scope="module")
def labels() -> dict[str, dict[str, str]]:
    return json.loads(LABELS_PATH.read_text(encoding="utf-8"))


def test_labels_file_holds_only_what_the_translation_does_not() -> None:
    """Section titles, approaches, priorities and table rows are units of the translation;
    the labels file keeps only the indicators' labels, so no English text exists twice."""
    assert set(json.loads(LABELS_PATH.read_text(encoding="utf-8"))) == {"indicators"}


def test_every_section_has_an_english_title(report: Report) -> None:
    missing = [s.id for s in report.sections if not s.title_en.strip()]
    assert not missing, f"sections without an English title: {missing}"


def test_every_indicator_has_an_english_label(report: Report) -> None:
    missing = [i.id for i in report.indicators if not i.label_en.strip()]
    assert not missing, f"indicators without an English label: {missing}"


def test_every_table_row_has_an_english_sub_area(report: Report) -> None:
    missing = [r.id for r in report.table_rows if not r.sub_area_en.strip()]
    assert not missing, f"table rows without an English sub-area: {missing}"


def test_no_orphan_labels(report: Report, labels: dict[str, dict[str, str]]) -> None:
    known = {"indicators": {i.id for i in report.indicators}}
    orphans = [
        f"{kind}:{key}" for kind, ids in known.items() for key in labels[kind] if key not in ids
    ]
    assert not orphans, f"labels_en.json keys that name no id of the report: {orphans}"


def test_labels_are_trimmed_single_line_text(labels: dict[str, dict[str, str]]) -> None:
    bad = [
        f"{kind}:{key}"
        for kind, entries in labels.items()
        for key, text in entries.items()
        if text != text.strip() or "\n" in text or "  " in text
    ]
    assert not bad, f"labels with stray whitespace: {bad}"


def test_labels_are_english_not_latvian(labels: dict[str, dict[str, str]]) -> None:
    """A pasted Latvian string would carry Latvian diacritics. No proper name needs an
    exception: the approaches' places have English names (Vilnius, Toulouse, Seville), and
    Södertörn and Lety u Písku use letters Latvian lacks."""
    latvian = set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")
    bad = [
        f"{kind}:{key}"
        for kind, entries in labels.items()
        for key, text in entries.items()
        if latvian & set(text)
    ]
    assert not bad, f"labels that look Latvian: {bad}"


# --- approaches and priorities: full translations of the items ---------------------------

# "BG, CZ, …, SK: " as the report prints it (one item lacks a comma: "CZ, EL, HU SK, RO: ")
_CODES_PREFIX = re.compile(r"^[A-Z]{2}(?:,? [A-Z]{2})*: ")
_PAREN_CODE = re.compile(r"\([A-Z]{2,3}\)")


def _prefix(text: str) -> str:
    m = _CODES_PREFIX.match(text)
    return m.group(0) if m else ""


def test_every_approach_and_priority_has_an_english_label(report: Report) -> None:
    assert len(report.approaches) == 74
    missing = [a.id for a in report.approaches if not a.label_en.strip()]
    assert not missing, f"approaches/priorities without an English label: {missing}"


def test_approach_labels_keep_the_country_code_prefix(report: Report) -> None:
    prefixed = [a for a in report.approaches if _CODES_PREFIX.match(a.text)]
    # every approach but the holocaust one (codes in brackets after each part); no priority
    assert len(prefixed) == 37
    assert {a.kind for a in prefixed} == {"approach"}
    bad = [
        a.id
        for a in report.approaches
        if _prefix(a.label_en) != _prefix(a.text)  # an unprefixed item stays unprefixed
    ]
    assert not bad, f"labels not starting with their item's country codes: {bad}"


def test_approach_labels_keep_numbers_and_bracketed_codes(report: Report) -> None:
    lost = [
        (a.id, token)
        for a in report.approaches
        for token in re.findall(r"\d+", a.text) + _PAREN_CODE.findall(a.text)
        if token not in (re.findall(r"\d+", a.label_en) + _PAREN_CODE.findall(a.label_en))
    ]
    assert not lost, f"numbers or (CODE)s of the Latvian text missing from its label: {lost}"


@pytest.mark.parametrize(
    ("item_id", "label"),
    [
        (
            "prio.employment.07",
            "Give priority to (re)integration into the primary labour market over parallel "
            "systems (e.g. public or informal work)",
        ),
        (
            "appr.employment.04",
            "SK: an amendment to the Act on Public Employment Services providing for an "
            "individual action plan to support integration into the labour market, binding on "
            "the jobseeker and the employment office",
        ),
        (
            "appr.discrimination.10",
            "CZ, EL, HU SK, RO: mapping of socially excluded / Roma communities, which can be "
            "used when planning interventions, including measures financed from the ESI Funds",
        ),
    ],
)
def test_approach_labels(report: Report, item_id: str, label: str) -> None:
    assert next(a for a in report.approaches if a.id == item_id).label_en == label


def test_distinct_indicators_and_rows_have_distinct_labels(report: Report) -> None:
    """A copy-paste slip would give two figures the same English label."""
    for kind, pairs in (
        ("indicators", [(i.id, i.label_en) for i in report.indicators]),
        ("table rows", [(r.id, r.sub_area_en) for r in report.table_rows]),
    ):
        seen: dict[str, str] = {}
        dupes = []
        for item_id, text in pairs:
            if text in seen:
                dupes.append((seen[text], item_id))
            seen[text] = item_id
        assert not dupes, f"{kind} sharing an English label: {dupes}"


@pytest.mark.parametrize(
    ("item_id", "label"),
    [
        (
            "ind.education.01",
            "Highest education attained (aged 16+): upper secondary, vocational or post-secondary",
        ),
        ("ind.employment.01", "Roma in paid work (aged 20-64)"),
        (
            "ind.discrimination.03",
            "Felt discriminated against in the past 5 years when looking for work",
        ),
    ],
)
def test_indicator_labels_named_in_the_brief(report: Report, item_id: str, label: str) -> None:
    assert next(i for i in report.indicators if i.id == item_id).label_en == label


@pytest.mark.parametrize(
    ("row_id", "sub_area"),
    [
        ("table.education.01", "Fight early school leaving"),
        ("table.education.05", "Desegregate schools"),
        (
            "table.health.03",
            "Improve access to free vaccination programmes targeting children and groups most at "
            "risk",
        ),
        ("table.housing.06", "Provide halting sites for non-sedentary Roma"),
    ],
)
def test_council_recommendation_sub_areas(report: Report, row_id: str, sub_area: str) -> None:
    assert next(r for r in report.table_rows if r.id == row_id).sub_area_en == sub_area


@pytest.mark.parametrize(
    ("section_id", "title"),
    [
        ("INTRO", "Introduction"),
        ("I", "Key policy areas"),
        ("I.1", "Education"),
        ("I.2", "Employment"),
        ("I.3", "Health care"),
        ("I.4", "Housing"),
        ("II", "Fighting discrimination and antigypsyism"),
        ("III", "Roma inclusion in the enlargement region"),
        ("IV", "Conclusions"),
        ("I.3.1", "Aim of measures"),
        ("I.3.2", "Achievements and challenges"),
        ("II.3", "Policy learning"),
    ],
)
def test_section_titles(report: Report, section_id: str, title: str) -> None:
    section = report.section(section_id)
    assert section is not None
    assert section.title_en == title
