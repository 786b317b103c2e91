"""Typed records of the parsed report. Pure data: no parsing, no I/O.

Ids are stable: section ids follow the report's numbering (``I.1.2``), the others derive
from the section/domain and the item's position in the report, which never changes for a
given corpus file (its sha256 is in the index manifest).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Domain = Literal["education", "employment", "health", "housing", "discrimination"]
DOMAINS: tuple[Domain, ...] = ("education", "employment", "health", "housing", "discrimination")


ParagraphKind = Literal[
    "paragraph",
    "list_item",
    "box_heading",
    "box_line",
    "box_note",
    "table_row",
    "approach",
    "priority",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class FootnoteRef(_Frozen):
    """An in-text footnote marker, attached to the phrase it follows."""

    n: int
    phrase: str = Field(
        description="the words the marker follows, back to the previous , ; : or sentence start"
    )
    offset: int = Field(description="character offset in the paragraph text just after the phrase")
    offset_en: int | None = Field(
        default=None, description="where the marker stands in the English text (None: untranslated)"
    )
    phrase_en: str = Field(default="", description="the English words the marker follows")


class Footnote(_Frozen):
    n: int
    text: str
    text_en: str = Field(default="", description="English translation of ``text``")
    countries: list[str] = Field(
        default_factory=list, description="codes when the body is a country list"
    )
    urls: list[str] = Field(default_factory=list)
    section_id: str = Field(description="section whose text carries the marker")

    @property
    def lists_examples(self) -> bool:
        """Its country list gives examples ("Piem., CZ, SK."), not every country."""
        return bool(self.countries) and self.text.lower().startswith("piem")


class Paragraph(_Frozen):
    id: str
    section_id: str
    kind: ParagraphKind
    text: str
    text_en: str = Field(default="", description="English translation of ``text`` (no markers)")
    footnotes: list[FootnoteRef] = Field(default_factory=list)


class Section(_Frozen):
    id: str  # "INTRO", "I", "I.1", "I.1.2", "II.3", "IV"
    number: str  # as printed: "", "I.", "1.", "1.2."
    title_lv: str
    title_en: str
    level: int
    parent_id: str | None
    domain: Domain | None
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Indicator(_Frozen):
    """One figure of a 'Romu stāvoklis … (2016)' or 'Romu pieredze diskriminācijas jomā (2016)' box."""

    id: str
    domain: Domain
    section_id: str
    group_lv: str = Field(
        description="the box heading the figure sits under, '' when the line stands alone"
    )
    group_en: str = Field(default="", description="its English translation")
    label_lv: str
    label_en: str
    value: float
    value_text: str = Field(description="the figure as the report writes it, e.g. '43 %'")
    unit: str = "%"
    breakdowns: dict[str, float] = Field(
        default_factory=dict, description="e.g. {'women': 29, 'men': 56}"
    )
    breakdown_texts: dict[str, str] = Field(
        default_factory=dict, description="e.g. {'women': '29 %'}"
    )
    population: str | None = Field(
        default=None, description="age/population as written, e.g. 'vecums: 20–64 gadi'"
    )
    note: str | None = Field(
        default=None, description="the box's footnote (marked *) when it applies"
    )
    year: int = 2016
    source_line: str


class TableRow(_Frozen):
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


class MeasureTable(_Frozen):
    id: str
    domain: Domain
    section_id: str
    title_lv: str
    header_lv: str
    source: str = Field(description="the source line as printed, '' when the table has none")
    title_en: str = ""
    header_en: str = ""
    source_en: str = ""
    rows: list[TableRow]


class Approach(_Frozen):
    """An item of a 'Daudzsološas pieejas' (approach) or 'Prioritātes, kurām jāpievēršas' (priority) list."""

    id: str
    kind: Literal["approach", "priority"]
    domain: Domain
    section_id: str
    countries: list[str] = Field(default_factory=list)
    text: str
    label_en: str = Field(default="", description="curated English translation of ``text``")


class Country(_Frozen):
    code: str
    name_lv: str
    name_en: str
    group: Literal["member_state", "enlargement"]
    forms: list[str] = Field(
        default_factory=list, description="Latvian case forms and English names people type"
    )


class Report(_Frozen):
    sections: list[Section]
    footnotes: list[Footnote]
    indicators: list[Indicator]
    tables: list[MeasureTable]
    approaches: list[Approach]
    countries: list[Country]

    def section(self, section_id: str) -> Section | None:
        return self._sections_by_id.get(section_id)

    def footnote(self, n: int) -> Footnote | None:
        return self._footnotes_by_n.get(n)

    # by id, built on first use: answers look sections up many times a question (a cached
    # property, read from the instance's dict, not a private attribute behind __getattr__)
    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return _first_by(self.sections, lambda s: s.id)

    @cached_property
    def _footnotes_by_n(self) -> dict[int, Footnote]:
        return _first_by(self.footnotes, lambda f: f.n)

    @property
    def table_rows(self) -> list[TableRow]:
        return [r for t in self.tables for r in t.rows]


K = TypeVar("K")
V = TypeVar("V")


def _first_by(items: list[V], key: Callable[[V], K]) -> dict[K, V]:
    """Each key's first item, as a scan in order would find it."""
    out: dict[K, V] = {}
    for item in items:
        out.setdefault(key(item), item)
    return out
