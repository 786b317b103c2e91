"""Read-only views of the parsed report: sections, footnotes, indicators, tables, countries.

Every record carries its Latvian text and its English translation; ``lang`` says which one
a client shows (``title`` and ``display`` of a section follow it) and, for English, adds
the note that the English is a translation made for this product."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from rivs_qa.api.deps import ReportDep
from rivs_qa.api.errors import NOT_FOUND
from rivs_qa.api.schemas import (
    CountryDetail,
    FootnoteDetail,
    IndicatorPublic,
    IndicatorsPublic,
    Lang,
    SectionDetail,
    SectionsPublic,
    SectionSummary,
    TablePublic,
    TablesPublic,
    listing,
)
from rivs_qa.report import query
from rivs_qa.report.model import Domain

router = APIRouter(tags=["report"])


# A query string cannot say null: "no filter" is the empty value, which is also what a
# form's "all domains" option sends (`domain=`), and what an absent parameter means.
DomainFilter = Annotated[
    Literal[Domain, ""],
    Query(description="Only indicators of this domain; empty: every domain."),
]
TextFilter = Annotated[
    str,
    Query(
        max_length=200,
        description="Case- and diacritic-insensitive substring of a label; empty: any label.",
    ),
]
SectionId = Annotated[
    str,
    Path(
        description="A section's id (case-insensitive): INTRO, I, I.1, I.1.3, II.2, …",
        examples=["I.1.3", "INTRO", "ii.2"],
    ),
]
FootnoteNumber = Annotated[
    int, Path(ge=1, description="A footnote's number, from 1.", examples=[1, 17, 57])
]
LangParam = Annotated[
    Lang,
    Query(
        description="The language to show: lv (the report) or en (its translation, made "
        "for this product). Both are in every record either way."
    ),
]
CountryCode = Annotated[
    str,
    Path(
        description="A country's code as the report writes it (LV, EL, BiH), in any case; "
        "a name that names exactly one country (Latvija, latvia) also works.",
        examples=["LV", "BiH", "hu"],
    ),
]


@router.get("/sections")
def list_sections(report: ReportDep, lang: LangParam = "lv") -> SectionsPublic:
    return listing(SectionsPublic, [SectionSummary.of(s, lang) for s in report.sections], lang)


@router.get("/sections/{section_id}", responses=NOT_FOUND)
def read_section(section_id: SectionId, report: ReportDep, lang: LangParam = "lv") -> SectionDetail:
    section = query.get_section(report, section_id)
    return SectionDetail.with_footnotes(section, query.section_footnotes(report, section), lang)


@router.get("/footnotes/{n}", responses=NOT_FOUND)
def read_footnote(n: FootnoteNumber, report: ReportDep, lang: LangParam = "lv") -> FootnoteDetail:
    return FootnoteDetail.of(query.get_footnote(report, n), lang)


@router.get("/indicators")
def list_indicators(
    report: ReportDep, domain: DomainFilter = "", q: TextFilter = "", lang: LangParam = "lv"
) -> IndicatorsPublic:
    found = query.filter_indicators(report, domain=domain or None, q=q)
    return listing(IndicatorsPublic, [IndicatorPublic.model_validate(i) for i in found], lang)


@router.get("/tables")
def list_tables(report: ReportDep, lang: LangParam = "lv") -> TablesPublic:
    return listing(TablesPublic, [TablePublic.model_validate(t) for t in report.tables], lang)


@router.get("/countries/{code}", responses=NOT_FOUND)
def read_country(code: CountryCode, report: ReportDep, lang: LangParam = "lv") -> CountryDetail:
    country = query.find_country(report, code)
    return CountryDetail.of(query.country_mentions(report, country), lang)
