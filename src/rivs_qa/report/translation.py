"""The English translation of the report: one entry per unit, keyed by the parser's ids. Pure.

``corpus/report_en.json`` holds, for every unit of the parsed report, its English text:
``<section>.title`` for a section title, the paragraph id (``I.1.3.p2``) for paragraphs, list
items, indicator box lines, table rows, approaches and priorities, ``<table>.caption`` /
``.header`` / ``.source`` for a measures table's printed title, header and source line, and
``fn.<n>`` for a footnote body. ``[^n]`` marks where footnote ``n``'s marker stands, so the
English text can carry the same footnotes as the Latvian. It is the one source of the English
text of section titles, approaches, priorities and table rows' sub-areas; ``labels_en.json`` keeps
only the short labels that are not units (indicators, box headings).

``apply_translation`` fills the records' English fields; ``translation_check`` judges a
translation against the report.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from ..curated import load_model
from .model import FootnoteRef, Paragraph, Report, Section
from .sections import marker_phrase

TRANSLATION_FILE = "report_en.json"
MARKER_RE = re.compile(r"\[\^(\d+)\]")

#: Said once wherever English text of the report is shown.
TRANSLATION_NOTE = (
    "English text: a translation made for this product; the Latvian report is the source."
)


class Translation(BaseModel):
    """A translation file: which report text it translates, and its units."""

    source_sha256: str = Field(description="sha256 of the report text it translates")
    units: dict[str, str]


def load_translation(path: Path) -> Translation:
    return load_model(Translation, path, "translation file")


#: A measures table's printed parts that are units (``<table id>.caption`` …): unit → the
#: record's Latvian field.
TABLE_PARTS = {"caption": "title_lv", "header": "header_lv", "source": "source"}


def title_id(section_id: str) -> str:
    return f"{section_id}.title"


def footnote_id(n: int) -> str:
    return f"fn.{n}"


def with_markers(text: str, refs: list[FootnoteRef]) -> str:
    """The paragraph text with ``[^n]`` where each marker stands (as translations carry them)."""
    for ref in sorted(refs, key=lambda r: -r.offset):
        text = f"{text[: ref.offset]}[^{ref.n}]{text[ref.offset :]}"
    return text


def strip_markers(text: str) -> tuple[str, dict[int, int]]:
    """Text without ``[^n]`` markers, and the offset each marker stood at in that text."""
    out: list[str] = []
    offsets: dict[int, int] = {}
    pos = 0
    length = 0
    for m in MARKER_RE.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        offsets[int(m.group(1))] = length
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), offsets


def source_units(report: Report) -> dict[str, str]:
    """The Latvian text of every unit, in report order, markers as ``[^n]``."""
    units: dict[str, str] = {}
    for section in report.sections:
        units[title_id(section.id)] = section.title_lv
        for para in section.paragraphs:
            units[para.id] = with_markers(para.text, para.footnotes)
    for table in report.tables:
        for part, field in TABLE_PARTS.items():
            if getattr(table, field):
                units[f"{table.id}.{part}"] = getattr(table, field)
    for fn in report.footnotes:
        units[footnote_id(fn.n)] = fn.text
    return units


def apply_translation(report: Report, translation: Translation) -> Report:
    """The report with every English field filled from ``translation``; units it lacks keep
    the English they had (``translation_check`` reports them)."""
    units = translation.units
    sections = [_section(s, units) for s in report.sections]
    paragraphs = {p.id: p for s in sections for p in s.paragraphs}
    by_text = {p.text: p for p in paragraphs.values() if p.kind in ("approach", "priority")}
    approaches = [
        a.model_copy(
            update={"label_en": by_text[a.text].text_en if a.text in by_text else a.label_en}
        )
        for a in report.approaches
    ]
    rows_para = {(p.section_id, p.text): p for p in paragraphs.values() if p.kind == "table_row"}
    tables = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            para = next(
                (p for (sid, text), p in rows_para.items()
                 if sid == row.section_id and text.startswith(f"{row.sub_area_lv} ")),
                None,
            )  # fmt: skip
            english = _sub_area_en(row.sub_area_lv, para) or row.sub_area_en
            rows.append(row.model_copy(update={"sub_area_en": english}))
        english = {
            f"{field.removesuffix('_lv')}_en": units.get(f"{table.id}.{part}")
            or getattr(table, f"{field.removesuffix('_lv')}_en")
            for part, field in TABLE_PARTS.items()
        }
        tables.append(table.model_copy(update={"rows": rows, **english}))
    headings = {
        (p.section_id, p.text): p.text_en for p in paragraphs.values() if p.kind == "box_heading"
    }
    indicators = [
        i.model_copy(update={"group_en": headings.get((i.section_id, i.group_lv)) or i.group_en})
        for i in report.indicators
    ]
    footnotes = [
        fn.model_copy(update={"text_en": units.get(footnote_id(fn.n)) or fn.text_en})
        for fn in report.footnotes
    ]
    return report.model_copy(
        update={
            "sections": sections,
            "approaches": approaches,
            "tables": tables,
            "footnotes": footnotes,
            "indicators": indicators,
        }
    )


def _section(section: Section, units: dict[str, str]) -> Section:
    paragraphs = [_paragraph(p, units[p.id]) if p.id in units else p for p in section.paragraphs]
    title = units.get(title_id(section.id)) or section.title_en
    return section.model_copy(update={"title_en": title, "paragraphs": paragraphs})


def _paragraph(para: Paragraph, english: str) -> Paragraph:
    text, offsets = strip_markers(english)
    refs = []
    floor = 0
    for ref in sorted(para.footnotes, key=lambda r: offsets.get(r.n, 0)):
        offset = offsets.get(ref.n)
        phrase = marker_phrase(text, offset, floor, "en") if offset is not None else ""
        refs.append(ref.model_copy(update={"offset_en": offset, "phrase_en": phrase}))
        floor = offset if offset is not None else floor
    refs.sort(key=lambda r: r.offset)
    return para.model_copy(update={"text_en": text, "footnotes": refs})


def _sub_area_en(sub_area_lv: str, para: Paragraph | None) -> str:
    """A row's English sub-area: its translated line without the codes and counts, which
    are the same words in both languages."""
    if para is None or not para.text_en:
        return ""
    tail = para.text[len(sub_area_lv) :]
    return para.text_en.removesuffix(tail).strip() if para.text_en.endswith(tail) else ""
