"""Is a translation faithful to the report where a machine can tell? Pure.

Every unit must be translated, and nothing else; each unit and its translation must carry
the same numbers, percent signs, footnote markers, acronyms (through the curated Latvian →
English table in ``corpus/terms_lv_en.json``), URLs, kept names and countries, the same
number of sentences (answers quote translations sentence by sentence), no Latvian letters
in the English, and a length within a sane band. ``rivs-qa report check-translation``
prints what this finds; the tests require it to find nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from ..curated import load_model
from ..text import split_sentences
from .model import Country, Report
from .translation import MARKER_RE, Translation, source_units, strip_markers

TERMS_FILE = "terms_lv_en.json"

#: English over Latvian characters. The translation of this report runs 0.66-1.25; a unit
#: outside the band has lost or gained a clause. Short units (a title, "darbā: 19 %;") vary
#: more, so the band applies from ``RATIO_MIN_CHARS`` Latvian characters.
RATIO_BAND = (0.6, 1.6)
RATIO_MIN_CHARS = 40

LATVIAN_LETTERS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
_NUMBER = re.compile(r"\d+")
_URL = re.compile(r"https?://\S+?(?=[.,;)]?(?:\s|$))")
# Capitalised words with a second capital: acronyms and codes ("DV", "VKRJ", "BiH", "KOS").
# An English plural ("NGOs") is the acronym.
_ACRONYM = re.compile(r"(?<![\w-])([A-ZĀČĒĢĪĶĻŅŠŪŽ][a-z]?[A-ZĀČĒĢĪĶĻŅŠŪŽ]+)s?(?![\w])")

Problem = Literal[
    "missing", "orphan", "empty", "numbers", "percent", "markers", "acronyms", "urls", "names",
    "countries", "sentences", "latvian_letters", "length",
]  # fmt: skip


class Terms(BaseModel):
    acronyms: dict[str, list[str]] = Field(description="Latvian acronym → English renderings")
    names: list[str] = Field(default_factory=list, description="names kept in both languages")


class Mismatch(BaseModel):
    unit: str
    problem: Problem
    detail: str


class CheckResult(BaseModel):
    units: int = Field(description="units of the report")
    translated: int = Field(description="units with a non-empty translation")
    mismatches: list[Mismatch]

    @property
    def coverage(self) -> float:
        return self.translated / self.units if self.units else 0.0


def load_terms(path: Path) -> Terms:
    return load_model(Terms, path, "terms file")


def check_translation(report: Report, translation: Translation, terms: Terms) -> CheckResult:
    source = source_units(report)
    found: list[Mismatch] = []
    for unit in translation.units:
        if unit not in source:
            found.append(Mismatch(unit=unit, problem="orphan", detail="no such unit in the report"))
    translated = 0
    for unit, lv in source.items():
        en = translation.units.get(unit)
        if en is None:
            found.append(Mismatch(unit=unit, problem="missing", detail="no translation"))
            continue
        if not en.strip():
            found.append(Mismatch(unit=unit, problem="empty", detail="empty translation"))
            continue
        translated += 1
        found.extend(
            Mismatch(unit=unit, problem=problem, detail=detail)
            for problem, detail in compare_unit(lv, en, terms, report.countries)
        )
    return CheckResult(units=len(source), translated=translated, mismatches=found)


def compare_unit(
    lv: str, en: str, terms: Terms, countries: list[Country]
) -> list[tuple[Problem, str]]:
    """What differs between a Latvian unit and its English translation (empty: nothing)."""
    out: list[tuple[Problem, str]] = []
    lv_markers = Counter(MARKER_RE.findall(lv))
    en_markers = Counter(MARKER_RE.findall(en))
    if lv_markers != en_markers:
        out.append(("markers", _diff(lv_markers, en_markers)))
    lv_text, _ = strip_markers(lv)
    en_text, _ = strip_markers(en)
    lv_urls, en_urls = Counter(_URL.findall(lv_text)), Counter(_URL.findall(en_text))
    if lv_urls != en_urls:
        out.append(("urls", _diff(lv_urls, en_urls)))
    lv_plain, en_plain = _URL.sub(" ", lv_text), _URL.sub(" ", en_text)
    lv_numbers = Counter(n.lstrip("0") or "0" for n in _NUMBER.findall(lv_plain))
    en_numbers = Counter(n.lstrip("0") or "0" for n in _NUMBER.findall(en_plain))
    if lv_numbers != en_numbers:
        out.append(("numbers", _diff(lv_numbers, en_numbers)))
    if lv_plain.count("%") != en_plain.count("%"):
        counts = f"{lv_plain.count('%')} % in Latvian, {en_plain.count('%')} in English"
        out.append(("percent", counts))
    acronyms = _acronym_problem(lv_plain, en_plain, terms)
    if acronyms:
        out.append(("acronyms", acronyms))
    lost = [n for n in terms.names if n in lv_plain and n not in en_plain]
    if lost:
        out.append(("names", "missing in English: " + ", ".join(lost)))
    countries_problem = _country_problem(lv_plain, en_plain, countries)
    if countries_problem:
        out.append(("countries", countries_problem))
    n_lv, n_en = len(split_sentences(lv_text, "lv")), len(split_sentences(en_text, "en"))
    if n_lv != n_en:
        out.append(("sentences", f"{n_lv} sentences in Latvian, {n_en} in English"))
    letters = sorted(set(LATVIAN_LETTERS.findall(en_text)))
    if letters:
        out.append(("latvian_letters", "".join(letters)))
    if len(lv_text) >= RATIO_MIN_CHARS:
        ratio = len(en_text) / len(lv_text)
        low, high = RATIO_BAND
        if not low <= ratio <= high:
            out.append(("length", f"English/Latvian length {ratio:.2f}, outside {low}-{high}"))
    return out


def _acronym_problem(lv: str, en: str, terms: Terms) -> str:
    """Every Latvian acronym needs one of its renderings in the English; every English
    acronym must render one of the Latvian's. Unknown Latvian acronyms (country codes) stay
    as they are."""
    if lv.upper() == lv:  # a heading set in capitals: its words are not acronyms
        return ""
    lv_tokens = set(_ACRONYM.findall(lv))
    en_tokens = set(_ACRONYM.findall(en))
    allowed: set[str] = set()
    lost = []
    for token in sorted(lv_tokens):
        renderings = set(terms.acronyms.get(token, [token]))
        allowed |= renderings
        if not renderings & en_tokens:
            lost.append(token)
    return _sides(("not rendered", lost), ("not in the Latvian", sorted(en_tokens - allowed)))


def _country_problem(lv: str, en: str, countries: list[Country]) -> str:
    """A country named in words in one text must be named in the other."""
    lost, added = [], []
    for c in countries:
        # forms hold both languages' names; neither text uses the other's
        names = [*c.forms, c.name_lv, c.name_en]
        in_lv = any(_word_in(f, lv) for f in names)
        in_en = any(_word_in(f, en) for f in names)
        if in_lv and not in_en:
            lost.append(c.code)
        elif in_en and not in_lv:
            added.append(c.code)
    return _sides(("named only in the Latvian", lost), ("named only in the English", added))


def _sides(*named: tuple[str, list[str]]) -> str:
    """ "what: a, b; other: c" for the non-empty lists."""
    return "; ".join(f"{what}: {', '.join(items)}" for what, items in named if items)


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _diff(lv: Counter[str], en: Counter[str]) -> str:
    only_lv = sorted((lv - en).elements())
    only_en = sorted((en - lv).elements())
    return (
        f"only in Latvian: {', '.join(only_lv) or '-'}; "
        f"only in English: {', '.join(only_en) or '-'}"
    )
