"""Pure lookups over a parsed :class:`Report`: no I/O, no HTTP.

Misses raise :class:`rivs_qa.errors.NotFound` with a message written for people; the API
and the CLI show that message as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

from rivs_qa.errors import NotFound
from rivs_qa.report.countries import CountryResolver, find_codes
from rivs_qa.report.model import (
    Approach,
    Country,
    Domain,
    Footnote,
    FootnoteRef,
    Indicator,
    Paragraph,
    Report,
    Section,
    TableRow,
)
from rivs_qa.text import sentence_at
from rivs_qa.textnorm import fold

# --- sections and footnotes -------------------------------------------------------------


def get_section(report: Report, section_id: str) -> Section:
    """The section with this id; ids compare case-insensitively ('i.1' finds 'I.1')."""
    wanted = section_id.strip()
    found = report.section(wanted) or next(
        (s for s in report.sections if s.id.casefold() == wanted.casefold()), None
    )
    if found is None:
        raise NotFound(f"Section '{section_id}' not found")
    return found


def section_footnotes(report: Report, section: Section) -> list[Footnote]:
    """Footnotes the section cites: those its paragraphs mark plus those filed under it."""
    cited = {ref.n for p in section.paragraphs for ref in p.footnotes}
    return [f for f in report.footnotes if f.n in cited or f.section_id == section.id]


def get_footnote(report: Report, n: int) -> Footnote:
    found = report.footnote(n)
    if found is None:
        raise NotFound(f"Footnote {n} not found")
    return found


# --- indicators -------------------------------------------------------------------------


def filter_indicators(
    report: Report, domain: Domain | None = None, q: str | None = None
) -> list[Indicator]:
    """Indicators of one domain (or all) whose label or box heading contains ``q``.

    ``q`` matches as a substring of ``label_lv``, ``label_en`` or ``group_lv`` after
    :func:`fold`, so 'izglitiba' finds 'izglītība'. Whitespace runs count as one space.
    """
    needle = fold(" ".join(q.split())) if q else ""
    return [
        ind
        for ind in report.indicators
        if (domain is None or ind.domain == domain)
        and (
            not needle or any(needle in fold(t) for t in (ind.label_lv, ind.label_en, ind.group_lv))
        )
    ]


# --- countries --------------------------------------------------------------------------


def find_country(report: Report, code: str) -> Country:
    """The country with this code in any case ("lv", "LV"; "bih" finds "BiH").

    For people at the CLI, a name in any listed form ("Latvija", "latvia") also works when
    it names exactly one country.
    """
    if report.countries:
        resolver = CountryResolver(report.countries)
        try:
            return resolver.by_code(code.strip())
        except NotFound:
            named = resolver.resolve(code)
            if len(named) == 1:
                return resolver.by_code(named[0])
    raise NotFound(f"Country '{code}' not found")


CountryRole = Literal["member_state", "enlargement"]


class CountryRow(NamedTuple):
    """A measures-table row naming the country, and in which column it does so."""

    row: TableRow
    role: CountryRole


# Paragraph kinds that repeat a table row or an approach/priority item: those are listed
# once, as the structured item, not again as a paragraph.
STRUCTURED_KINDS: frozenset[str] = frozenset({"table_row", "approach", "priority"})


class CountryMentions(NamedTuple):
    """Everything in the report that names one country, in report order."""

    country: Country
    paragraphs: list[Paragraph]
    table_rows: list[CountryRow]
    footnotes: list[Footnote]
    approaches: list[Approach]


def country_mentions(report: Report, country: Country) -> CountryMentions:
    names_it = _names_country(country)
    code = country.code.casefold()

    def listed(codes: Iterable[str]) -> bool:
        return any(c.casefold() == code for c in codes)

    rows: list[CountryRow] = []
    for row in report.table_rows:
        if listed(row.member_states):
            rows.append(CountryRow(row, "member_state"))
        elif listed(row.enlargement_countries):
            rows.append(CountryRow(row, "enlargement"))
    return CountryMentions(
        country=country,
        paragraphs=[
            p
            for s in report.sections
            for p in s.paragraphs
            if p.kind not in STRUCTURED_KINDS and names_it(p.text)
        ],
        table_rows=rows,
        footnotes=[f for f in report.footnotes if listed(f.countries) or names_it(f.text)],
        approaches=[a for a in report.approaches if listed(a.countries) or names_it(a.text)],
    )


def _names_country(country: Country) -> Callable[[str], bool]:
    """A test for whether running text names ``country``.

    Codes are found as the report writes them, with its rule for "ES" (also the EU) and "IT"
    (also information technology): see :func:`rivs_qa.report.countries.find_codes`. Names and
    case forms ("Spānijas") match case-insensitively as whole words; forms under four letters
    are left to the code rule, since they would match stray letters.
    """
    forms = sorted(
        {f for f in (country.name_lv, country.name_en, *country.forms) if len(f) >= 4},
        key=len,
        reverse=True,
    )
    names = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)", re.IGNORECASE)
        if forms
        else None
    )

    def names_it(text: str) -> bool:
        return country.code in find_codes(text) or bool(names and names.search(text))

    return names_it


class MarkerClaim(NamedTuple):
    """Where a footnote's marker stands: its reference (the words it follows) and the
    sentence carrying it, in the report's words and in the translation ("" when unaligned)."""

    ref: FootnoteRef
    sentence: str
    sentence_en: str


def marker_claims(report: Report) -> dict[int, MarkerClaim]:
    """Each marked footnote's first marker, with its sentence (the claim it stands behind)."""
    claims: dict[int, MarkerClaim] = {}
    for section in report.sections:
        for para in section.paragraphs:
            for ref in para.footnotes:
                english = (
                    sentence_at(para.text_en, ref.offset_en, "en")
                    if para.text_en and ref.offset_en is not None
                    else ""
                )
                claims.setdefault(
                    ref.n, MarkerClaim(ref, sentence_at(para.text, ref.offset), english)
                )
    return claims
