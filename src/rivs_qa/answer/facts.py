"""The report's structured items by id, each with the chunk that cites it, built once at
startup: what the lookup, the citations and the answers read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rivs_qa.report.model import (
    Approach,
    Country,
    Footnote,
    FootnoteRef,
    Indicator,
    Paragraph,
    Report,
    TableRow,
)
from rivs_qa.report.query import marker_claims
from rivs_qa.search.model import Chunk


@dataclass(frozen=True)
class FootnoteUse:
    footnote: Footnote
    ref: FootnoteRef | None  # where the marker sits, with the phrase it follows
    sentence: str = ""  # the report's sentence carrying the marker (its claim)
    sentence_en: str = ""  # that sentence in the English text, when it is aligned


@dataclass(frozen=True)
class ReportFacts:
    """The report's structured items by id, and each item's chunk, built once at startup."""

    report: Report
    indicators: Mapping[str, Indicator]
    rows: Mapping[str, TableRow]
    footnotes: Mapping[int, FootnoteUse]
    approaches: Mapping[str, Approach]
    countries: Mapping[str, Country]
    chunks: Mapping[str, Chunk]  # ref_id -> chunk ("ind.…", "table.…", "fn.9", "appr.…")
    marker_chunks: Mapping[int, Chunk]  # footnote n -> the prose chunk carrying its marker
    section_titles: Mapping[str, tuple[str, str]]  # id -> (lv, en)
    paragraphs: Mapping[str, Paragraph]  # id -> paragraph (its Latvian and English text)

    @classmethod
    def build(cls, report: Report, chunks: Sequence[Chunk]) -> ReportFacts:
        claims = marker_claims(report)
        return cls(
            report=report,
            indicators={i.id: i for i in report.indicators},
            rows={r.id: r for r in report.table_rows},
            footnotes={
                f.n: FootnoteUse(f, *claims.get(f.n, (None, "", ""))) for f in report.footnotes
            },
            approaches={a.id: a for a in report.approaches},
            countries={c.code: c for c in report.countries},
            chunks={c.ref_id: c for c in chunks if c.ref_id and c.kind != "paragraph"},
            marker_chunks=_marker_chunks(chunks),
            section_titles={s.id: (s.title_lv, s.title_en) for s in report.sections},
            paragraphs={p.id: p for s in report.sections for p in s.paragraphs},
        )


def _marker_chunks(chunks: Sequence[Chunk]) -> dict[int, Chunk]:
    out: dict[int, Chunk] = {}
    for chunk in chunks:
        if chunk.kind in ("paragraph", "list_item"):
            for n in chunk.footnotes:
                out.setdefault(n, chunk)
    return out
