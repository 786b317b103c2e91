"""Response schemas of the report API: what goes over the wire, apart from the typed records.

Each ``…Public`` schema is built from a report record with ``model_validate(record)``
(attributes are read, so a new field in the record never leaks out unannounced). The CLI's
``--json`` output uses the same schemas, so machines see one shape everywhere.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rivs_qa.report.model import Domain, Footnote, ParagraphKind, Report, Section
from rivs_qa.report.query import CountryMentions


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class HealthPublic(_Public):
    status: Literal["ok"]
    version: str
    sections: int
    footnotes: int
    indicators: int
    table_rows: int

    @classmethod
    def of(cls, report: Report, version: str) -> HealthPublic:
        return cls(
            status="ok",
            version=version,
            sections=len(report.sections),
            footnotes=len(report.footnotes),
            indicators=len(report.indicators),
            table_rows=len(report.table_rows),
        )


# --- sections ---------------------------------------------------------------------------


class FootnoteRefPublic(_Public):
    n: int
    phrase: str
    offset: int


class ParagraphPublic(_Public):
    id: str
    section_id: str
    kind: ParagraphKind
    text: str
    footnotes: list[FootnoteRefPublic]


class FootnotePublic(_Public):
    n: int
    text: str
    countries: list[str]
    urls: list[str]
    section_id: str


class FootnotesPublic(_Public):
    data: list[FootnotePublic]
    count: int


class SectionSummary(_Public):
    id: str
    number: str
    title_lv: str
    title_en: str
    level: int
    parent_id: str | None
    domain: Domain | None
    paragraph_count: int

    @classmethod
    def of(cls, section: Section) -> SectionSummary:
        return cls.model_validate(
            {
                **section.model_dump(exclude={"paragraphs"}),
                "paragraph_count": len(section.paragraphs),
            }
        )


class SectionsPublic(_Public):
    data: list[SectionSummary]
    count: int


class SectionDetail(SectionSummary):
    paragraphs: list[ParagraphPublic]
    footnotes: list[FootnotePublic]

    @classmethod
    def with_footnotes(cls, section: Section, footnotes: list[Footnote]) -> SectionDetail:
        return cls.model_validate(
            {
                **SectionSummary.of(section).model_dump(),
                "paragraphs": section.paragraphs,
                "footnotes": footnotes,
            }
        )


# --- indicators and tables --------------------------------------------------------------


class IndicatorPublic(_Public):
    id: str
    domain: Domain
    section_id: str
    group_lv: str
    label_lv: str
    label_en: str
    value: float
    value_text: str
    unit: str
    breakdowns: dict[str, float]
    breakdown_texts: dict[str, str]
    population: str | None
    note: str | None
    year: int
    source_line: str


class IndicatorsPublic(_Public):
    data: list[IndicatorPublic]
    count: int


class TableRowPublic(_Public):
    id: str
    table_id: str
    domain: Domain
    section_id: str
    sub_area_lv: str
    sub_area_en: str
    member_states: list[str]
    member_state_measures: int
    enlargement_countries: list[str]
    enlargement_measures: int


class TablePublic(_Public):
    id: str
    domain: Domain
    section_id: str
    title_lv: str
    header_lv: str
    source: str
    rows: list[TableRowPublic]


class TablesPublic(_Public):
    data: list[TablePublic]
    count: int


# --- countries --------------------------------------------------------------------------


class CountryPublic(_Public):
    code: str
    name_lv: str
    name_en: str
    group: Literal["member_state", "enlargement"]
    forms: list[str]


class ApproachPublic(_Public):
    id: str
    kind: Literal["approach", "priority"]
    domain: Domain
    section_id: str
    countries: list[str]
    text: str
    label_en: str = Field(default="", description="curated English translation of the text")


class CountryTableRowPublic(TableRowPublic):
    """A table row naming the country, and in which column: EU member states or enlargement."""

    role: Literal["member_state", "enlargement"]


class CountryDetail(_Public):
    country: CountryPublic
    paragraphs: list[ParagraphPublic]
    table_rows: list[CountryTableRowPublic]
    footnotes: list[FootnotePublic]
    approaches: list[ApproachPublic]

    @classmethod
    def of(cls, mentions: CountryMentions) -> CountryDetail:
        rows = [
            CountryTableRowPublic.model_validate({**found.row.model_dump(), "role": found.role})
            for found in mentions.table_rows
        ]
        return cls.model_validate(
            {
                "country": mentions.country,
                "paragraphs": mentions.paragraphs,
                "table_rows": rows,
                "footnotes": mentions.footnotes,
                "approaches": mentions.approaches,
            }
        )
