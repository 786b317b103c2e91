"""Report text → typed `Report`. Pure except `load_report`, which reads the corpus files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..curated import load_model
from ..errors import ReportFormatError
from .approaches import item_countries, parse_approaches
from .countries import default_corpus_dir, load_countries
from .footnotes import MarkerScanner, footnote_countries, footnote_text, parse_footnote_blocks
from .indicators import box_domain, number, parse_box
from .layout import Block, heading_match, segment
from .model import (
    DOMAINS,
    Approach,
    Country,
    Domain,
    Footnote,
    Indicator,
    MeasureTable,
    Report,
    Section,
    TableRow,
)
from .sections import ParagraphBuilder, SectionHead, SectionNumbering
from .tables import parse_table, row_line
from .translation import TRANSLATION_FILE, Translation, apply_translation, load_translation

PARSER_VERSION = "1"
REPORT_FILE = "report_lv.txt"
LABELS_FILE = "labels_en.json"


class Labels(BaseModel):
    """Short English labels keyed by stable id: curated data in corpus/labels_en.json.

    Only labels that are not units of the report: an indicator's label joins its box
    heading and its line. The English text of every unit (section titles, paragraphs,
    approaches, table rows, footnotes) is the translation (``translation.py``)."""

    model_config = ConfigDict(extra="forbid")

    indicators: dict[str, str] = Field(default_factory=dict)


def corpus_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_labels(path: Path) -> Labels:
    return load_model(Labels, path, "English labels file")


def load_report(path: Path | None = None, corpus_dir: Path | None = None) -> Report:
    """Read and parse the report with the curated files beside it in corpus/."""
    corpus = corpus_dir or (path.parent if path else default_corpus_dir())
    path = path or corpus / REPORT_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportFormatError(f"report file not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise ReportFormatError(f"report file {path} is not UTF-8 text: {exc}") from None
    labels_path = corpus / LABELS_FILE
    labels = load_labels(labels_path) if labels_path.exists() else Labels()
    countries_path = corpus / "countries.json"
    countries = load_countries(countries_path) if countries_path.exists() else load_countries()
    translation_path = corpus / TRANSLATION_FILE
    translation = load_translation(translation_path) if translation_path.exists() else None
    return parse_report(text, labels=labels, countries=countries, translation=translation)


def parse_report(
    text: str,
    labels: Labels | None = None,
    countries: list[Country] | None = None,
    translation: Translation | None = None,
) -> Report:
    """Parse the PDF-extracted report. Raises ReportFormatError naming what is missing.

    A ``translation`` of this text fills the English fields; one made for another text
    (its ``source_sha256`` differs) is an error, as its ids would name other units."""
    if not text.strip():
        raise ReportFormatError("report text is empty")
    labels = labels or Labels()
    try:
        report = _parse(text, labels, countries if countries is not None else [])
    except ValueError as exc:
        raise ReportFormatError(f"report text does not parse: {exc}") from None
    expected = ["INTRO", "I", "II", "III", "IV"]
    if translation is not None:  # it names every section of the report it translates
        expected = [u.removesuffix(".title") for u in translation.units if u.endswith(".title")]
    _check_complete(report, expected)
    if translation is None:
        return report
    if translation.source_sha256 != corpus_sha256(text):
        raise ReportFormatError(
            "the English translation was made for another report text (source_sha256 "
            f"{translation.source_sha256[:12]}…, this text {corpus_sha256(text)[:12]}…)"
        )
    return apply_translation(report, translation)


def _full_width(blocks: list[Block]) -> int:
    lengths = sorted(len(ln.raw) for b in blocks if b.kind == "body" for ln in b.lines)
    return lengths[int(len(lengths) * 0.8)] if lengths else 100


def _parse(text: str, labels: Labels, countries: list[Country]) -> Report:
    blocks = segment(text)
    numbering = SectionNumbering()
    markers = MarkerScanner()
    width = _full_width(blocks)
    heads: list[SectionHead] = []
    builders: dict[str, ParagraphBuilder] = {}
    indicators: list[Indicator] = []
    tables: list[MeasureTable] = []
    approaches: list[Approach] = []
    marker_sections: dict[int, str] = {}

    def current() -> ParagraphBuilder:
        if not heads:
            raise ValueError("text before the first section heading (IEVADS)")
        return builders[heads[-1].id]

    for block in blocks:
        if block.kind == "heading":
            if heads:
                builders[heads[-1].id].close()
            assert block.heading is not None
            head = numbering.head(block.heading)
            if head.id in builders:
                raise ValueError(f"section {head.id} appears twice")
            heads.append(head)
            builders[head.id] = ParagraphBuilder(head.id, markers, width)
        elif block.kind == "body":
            b = current()
            for line in block.lines:
                before = markers.next
                b.add_line(line)
                for n in range(before, markers.next):
                    marker_sections[n] = b.section_id
        elif block.kind == "box":
            indicators.extend(_indicators(block, current(), labels, len(indicators)))
        elif block.kind == "table":
            tables.append(_table(block, current()))
        elif block.kind == "approaches":
            approaches.extend(_approaches(block, current()))
    sections = [
        Section(
            id=h.id,
            number=h.number,
            title_lv=h.title_lv,
            title_en="",
            level=h.level,
            parent_id=h.parent_id,
            domain=h.domain,
            paragraphs=builders[h.id].paragraphs(),
        )
        for h in heads
    ]
    footnotes = [
        Footnote(
            n=raw.n,
            text=footnote_text(raw.parts),
            countries=footnote_countries(footnote_text(raw.parts)),
            urls=raw.urls,
            section_id=marker_sections.get(raw.n, ""),
        )
        for raw in parse_footnote_blocks(blocks)
    ]
    return Report(
        sections=sections,
        footnotes=footnotes,
        indicators=indicators,
        tables=tables,
        approaches=approaches,
        countries=countries,
    )


def _indicators(block: Block, b: ParagraphBuilder, labels: Labels, start: int) -> list[Indicator]:
    raws = parse_box(block)
    b.add_structured("box_heading", block.lines[0].text)
    out: list[Indicator] = []
    group = None
    seen_lines: set[str] = set()
    for k, raw in enumerate(raws, start=1):
        if raw.group_lv and raw.group_lv != group:
            b.add_structured("box_heading", raw.group_lv)
        group = raw.group_lv
        ind_id = f"ind.{raw.domain}.{k:02d}"
        line = raw.source_line.removeprefix("o ").strip()
        if line not in seen_lines:  # one source line may carry two figures
            seen_lines.add(line)
            b.add_structured("box_line", line)
        out.append(
            Indicator(
                id=ind_id,
                domain=raw.domain,
                section_id=b.section_id,
                group_lv=raw.group_lv,
                label_lv=raw.label_lv,
                label_en=labels.indicators.get(ind_id, ""),
                value=number(raw.value_text),
                value_text=raw.value_text,
                breakdowns={k2: number(v) for k2, v in raw.breakdown_texts.items()},
                breakdown_texts=raw.breakdown_texts,
                population=raw.population,
                note=raw.note,
                source_line=raw.source_line,
            )
        )
    notes = {r.note for r in raws if r.note}
    for note in sorted(notes):
        b.add_structured("box_note", f"* {note}")
    return out


def _table(block: Block, b: ParagraphBuilder) -> MeasureTable:
    raw = parse_table(block)
    domain = box_domain(raw.title_lv.split(" pasākumu")[0].lower() + " " + raw.title_lv.lower())
    table_id = f"table.{domain}"
    rows = []
    for k, r in enumerate(raw.rows, start=1):
        row_id = f"{table_id}.{k:02d}"
        assert r.member_state_measures is not None and r.enlargement_measures is not None
        rows.append(
            TableRow(
                id=row_id,
                table_id=table_id,
                domain=domain,
                section_id=b.section_id,
                sub_area_lv=r.sub_area_lv,
                sub_area_en="",
                member_states=r.member_states,
                member_state_measures=r.member_state_measures,
                enlargement_countries=r.enlargement_countries,
                enlargement_measures=r.enlargement_measures,
            )
        )
        b.add_structured(
            "table_row",
            row_line(
                r.sub_area_lv,
                r.member_states,
                r.member_state_measures,
                r.enlargement_countries,
                r.enlargement_measures,
            ),
        )
    return MeasureTable(
        id=table_id,
        domain=domain,
        section_id=b.section_id,
        title_lv=raw.title_lv,
        header_lv=raw.header_lv,
        source=raw.source,
        rows=rows,
    )


def _approaches(block: Block, b: ParagraphBuilder) -> list[Approach]:
    domain = _section_domain(b.section_id)
    out = []
    counters = {"approach": 0, "priority": 0}
    for item in parse_approaches(block):
        counters[item.kind] += 1
        prefix = "appr" if item.kind == "approach" else "prio"
        codes, _ = item_countries(item)
        appr_id = f"{prefix}.{domain}.{counters[item.kind]:02d}"
        out.append(
            Approach(
                id=appr_id,
                kind=item.kind,
                domain=domain,
                section_id=b.section_id,
                countries=codes if item.kind == "approach" else [],
                text=item.text,
            )
        )
        b.add_structured(item.kind, item.text)
    return out


def _section_domain(section_id: str) -> Domain:
    if section_id.startswith("II"):
        return "discrimination"
    parts = section_id.split(".")
    if parts[0] == "I" and len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 4:
        return DOMAINS[int(parts[1]) - 1]
    raise ValueError(f"an approaches box outside a policy area (section {section_id})")


def _check_complete(report: Report, expected: list[str]) -> None:
    missing: list[str] = []
    found = {s.id for s in report.sections}
    lost = [sid for sid in expected if sid not in found]
    if lost:
        missing.append("sections " + ", ".join(lost))
    for what, domains in (
        ("indicator boxes", {i.domain for i in report.indicators}),
        ("measure tables", {t.domain for t in report.tables}),
        ("promising-approach boxes", {a.domain for a in report.approaches}),
    ):
        lost = [d for d in DOMAINS if d not in domains]
        if lost:
            missing.append(f"{what} for {', '.join(lost)}")
    cited = {r.n for s in report.sections for p in s.paragraphs for r in p.footnotes}
    bodies = {f.n for f in report.footnotes}
    if not bodies:
        missing.append("footnotes")
    else:
        unresolved = sorted(cited - bodies)
        uncited = sorted(bodies - cited)
        if unresolved:
            missing.append("footnote bodies " + ", ".join(map(str, unresolved)))
        if uncited:
            missing.append("in-text markers for footnotes " + ", ".join(map(str, uncited)))
    if missing:
        raise ReportFormatError(
            "report is incomplete or not the RIVS 2019 report: missing " + "; ".join(missing)
        )


__all__ = [
    "PARSER_VERSION",
    "Labels",
    "corpus_sha256",
    "heading_match",
    "load_report",
    "parse_report",
]
