"""Response schemas of the report API: what goes over the wire, apart from the typed records.

Each ``…Public`` schema is built from a report record with ``model_validate(record)``
(attributes are read, so a new field in the record never leaks out unannounced). The CLI's
``--json`` output uses the same schemas, so machines see one shape everywhere.

Every record carries its Latvian text and its English translation (``text`` / ``text_en``,
``title_lv`` / ``title_en``). A section asked for with ``lang=en`` also gives ``display``
fields in English: the paragraph text and the marker offsets within it, so a client shows
one language without re-deriving positions; ``translation_note`` then says the English is a
translation made for this product.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from rivs_qa.report.model import Domain, Footnote, Paragraph, ParagraphKind, Report, Section
from rivs_qa.report.query import CountryMentions
from rivs_qa.report.translation import TRANSLATION_NOTE

Lang = Literal["lv", "en"]


def translation_note(lang: Lang) -> str | None:
    return TRANSLATION_NOTE if lang == "en" else None


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class _InLanguage(_Public):
    """A response asked for in a language: which, and the translation note for English."""

    lang: Lang = "lv"
    translation_note: str | None = None


Listing = TypeVar("Listing", bound="_InLanguage")


def listing(model: type[Listing], data: Sequence[object], lang: Lang) -> Listing:
    """A list response (``data`` and ``count``) in ``lang``, with its translation note."""
    return model.model_validate(
        {"data": data, "count": len(data), "lang": lang, "translation_note": translation_note(lang)}
    )


def _title(section: Section, lang: Lang) -> str:
    return section.title_en if lang == "en" and section.title_en else section.title_lv


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
    offset: int = Field(description="where the marker stands in ``text`` (Latvian)")
    offset_en: int | None = Field(description="where it stands in ``text_en``")
    phrase_en: str = Field(description="the English words it follows")


class ParagraphPublic(_Public):
    id: str
    section_id: str
    kind: ParagraphKind
    text: str = Field(description="the report's Latvian text")
    text_en: str = Field(description="its English translation (made for this product)")
    footnotes: list[FootnoteRefPublic]


class DisplayParagraph(_Public):
    """A paragraph in the language asked for: its text and where its markers stand in it."""

    id: str
    kind: ParagraphKind
    text: str
    markers: dict[int, int] = Field(description="footnote number → offset in ``text``")

    @classmethod
    def of(cls, para: Paragraph, lang: Lang) -> DisplayParagraph:
        text = para.text_en if lang == "en" and para.text_en else para.text
        markers = {
            r.n: (r.offset_en if lang == "en" and para.text_en else r.offset)
            for r in para.footnotes
        }
        return cls(
            id=para.id,
            kind=para.kind,
            text=text,
            markers={n: off for n, off in markers.items() if off is not None},
        )


class FootnotePublic(_Public):
    n: int
    text: str
    text_en: str
    countries: list[str]
    urls: list[str]
    section_id: str


class FootnoteDetail(FootnotePublic, _InLanguage):
    @classmethod
    def of(cls, footnote: Footnote, lang: Lang) -> FootnoteDetail:
        return cls.model_validate(
            {**footnote.model_dump(), "lang": lang, "translation_note": translation_note(lang)}
        )


class FootnotesPublic(_InLanguage):
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
    title: str = Field(description="the title in the language asked for")

    @classmethod
    def of(cls, section: Section, lang: Lang = "lv") -> SectionSummary:
        return cls.model_validate(
            {
                **section.model_dump(exclude={"paragraphs"}),
                "paragraph_count": len(section.paragraphs),
                "title": _title(section, lang),
            }
        )


class SectionsPublic(_InLanguage):
    data: list[SectionSummary]
    count: int


class SectionDetail(SectionSummary, _InLanguage):
    paragraphs: list[ParagraphPublic]
    footnotes: list[FootnotePublic]
    display: list[DisplayParagraph] = Field(description="the paragraphs in ``lang``")

    @classmethod
    def with_footnotes(
        cls, section: Section, footnotes: list[Footnote], lang: Lang = "lv"
    ) -> SectionDetail:
        return cls.model_validate(
            {
                **SectionSummary.of(section, lang).model_dump(),
                "paragraphs": section.paragraphs,
                "footnotes": footnotes,
                "lang": lang,
                "display": [DisplayParagraph.of(p, lang) for p in section.paragraphs],
                "translation_note": translation_note(lang),
            }
        )


# --- indicators and tables --------------------------------------------------------------


class IndicatorPublic(_Public):
    id: str
    domain: Domain
    section_id: str
    group_lv: str
    group_en: str
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


class IndicatorsPublic(_InLanguage):
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
    title_en: str
    header_en: str
    source_en: str
    rows: list[TableRowPublic]


class TablesPublic(_InLanguage):
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
    label_en: str = Field(default="", description="English translation of the text")


class CountryTableRowPublic(TableRowPublic):
    """A table row naming the country, and in which column: EU member states or enlargement."""

    role: Literal["member_state", "enlargement"]


class CountryDetail(_InLanguage):
    country: CountryPublic
    paragraphs: list[ParagraphPublic]
    table_rows: list[CountryTableRowPublic]
    footnotes: list[FootnotePublic]
    approaches: list[ApproachPublic]

    @classmethod
    def of(cls, mentions: CountryMentions, lang: Lang = "lv") -> CountryDetail:
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
                "lang": lang,
                "translation_note": translation_note(lang),
            }
        )
