"""Read-only views of the parsed report: sections, footnotes, indicators, tables, countries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BeforeValidator

from rivs_qa.api.deps import ReportDep
from rivs_qa.api.errors import NOT_FOUND
from rivs_qa.api.schemas import (
    CountryDetail,
    FootnotePublic,
    IndicatorPublic,
    IndicatorsPublic,
    SectionDetail,
    SectionsPublic,
    SectionSummary,
    TablePublic,
    TablesPublic,
)
from rivs_qa.report import query
from rivs_qa.report.model import Domain

router = APIRouter(tags=["report"])


def _blank_is_none(value: object) -> object:
    # A form's "all domains" option sends `domain=`; treat it as no filter.
    return value if value != "" else None


DomainFilter = Annotated[
    Domain | None,
    BeforeValidator(_blank_is_none),
    Query(description="Only indicators of this domain."),
]
TextFilter = Annotated[
    str | None,
    Query(max_length=200, description="Case- and diacritic-insensitive substring of a label."),
]


@router.get("/sections")
def list_sections(report: ReportDep) -> SectionsPublic:
    data = [SectionSummary.of(s) for s in report.sections]
    return SectionsPublic(data=data, count=len(data))


@router.get("/sections/{section_id}", responses=NOT_FOUND)
def read_section(section_id: str, report: ReportDep) -> SectionDetail:
    section = query.get_section(report, section_id)
    return SectionDetail.with_footnotes(section, query.section_footnotes(report, section))


@router.get("/footnotes/{n}", responses=NOT_FOUND)
def read_footnote(n: int, report: ReportDep) -> FootnotePublic:
    return FootnotePublic.model_validate(query.get_footnote(report, n))


@router.get("/indicators")
def list_indicators(
    report: ReportDep, domain: DomainFilter = None, q: TextFilter = None
) -> IndicatorsPublic:
    found = query.filter_indicators(report, domain=domain, q=q)
    data = [IndicatorPublic.model_validate(i) for i in found]
    return IndicatorsPublic(data=data, count=len(data))


@router.get("/tables")
def list_tables(report: ReportDep) -> TablesPublic:
    data = [TablePublic.model_validate(t) for t in report.tables]
    return TablesPublic(data=data, count=len(data))


@router.get("/countries/{code}", responses=NOT_FOUND)
def read_country(code: str, report: ReportDep) -> CountryDetail:
    country = query.find_country(report, code)
    return CountryDetail.of(query.country_mentions(report, country))
