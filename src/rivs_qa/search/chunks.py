"""Report → retrievable chunks. Pure: a `Report` in, a list of `Chunk` out.

Prose is split per paragraph (never across a section) with langchain's recursive
splitter on sentence boundaries; every structured item (indicator, table row, approach,
priority, footnote) is a chunk of its own with an English rendering, so English questions
can reach it through the dense embedder and the lexical glossary.

``text`` stays the report's own words (citations quote it, evaluation matches evidence in
it); what helps a question find a chunk goes beside it, for indexing only: ``context`` /
``context_en`` carry the section path from the policy area down in both languages
("Nodarbinātība › Panākumi un problēmas": questions say "in employment", the paragraphs
don't), a table row's context says in Latvian what its bare counts are (member states,
enlargement countries, measures), and ``keywords`` give BM25 the Latvian and English names
of the countries a table row, approach or footnote lists by code (a field of their own, see
``lexical.LexicalIndex.field_terms``) without spending embedding time on them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ..report.align import english_for_span, lead_in
from ..report.model import (
    Approach,
    Country,
    Footnote,
    Indicator,
    Paragraph,
    Report,
    Section,
    TableRow,
)
from ..report.tables import row_line
from .model import Chunk, ChunkKind

# ~2-4 sentences: long enough to carry a claim with its context, short enough that the
# quoted evidence is most of what the reader gets.
CHUNK_CHARS = 520
OVERLAP_CHARS = 120
SEPARATORS = [". ", "; ", ": ", ", ", " "]

DOMAIN_EN = {
    "education": "education",
    "employment": "employment",
    "health": "health care",
    "housing": "housing",
    "discrimination": "fighting discrimination and antigypsyism",
}


def chunk_id(section_id: str, kind: str, text: str, ref: str | None = None) -> str:
    digest = hashlib.sha256(f"{section_id}\x1f{kind}\x1f{ref or ''}\x1f{text}".encode()).hexdigest()
    return digest[:16]


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_CHARS,
        chunk_overlap=OVERLAP_CHARS,
        separators=SEPARATORS,
        keep_separator="end",
        add_start_index=True,
    )


class _Paths:
    def __init__(self, report: Report) -> None:
        self.by_id = {s.id: s for s in report.sections}

    def titles(self, section_id: str) -> tuple[str, str]:
        """The section path as words, Latvian and English ("Nodarbinātība › Panākumi un
        problēmas"): what a question names when it says "in employment" / "nodarbinātības
        jomā", so every chunk is indexed with it. Numbers dropped, capitals softened; the
        path starts at the policy area, as "Būtiskas politikas jomas" above it would only
        add the same words to every chunk (and tokens to every embedding)."""
        lv: list[str] = []
        en: list[str] = []
        sid: str | None = section_id
        while sid:
            s = self.by_id[sid]
            lv.insert(0, _soften(s.title_lv))
            en.insert(0, _soften(s.title_en or s.title_lv))
            parent = self.by_id.get(s.parent_id) if s.parent_id else None
            sid = parent.id if parent is not None and (s.domain is None or parent.domain) else None
        return " › ".join(t for t in lv if t), " › ".join(t for t in en if t)

    def path(self, section_id: str) -> tuple[list[str], list[str]]:
        lv: list[str] = []
        en: list[str] = []
        sid: str | None = section_id
        while sid:
            s = self.by_id[sid]
            lv.insert(0, f"{s.number} {s.title_lv}".strip())
            en.insert(0, f"{s.number} {s.title_en or s.title_lv}".strip())
            sid = s.parent_id
        return lv, en


def _soften(title: str) -> str:
    """ "BŪTISKAS POLITIKAS JOMAS" -> "Būtiskas politikas jomas" (headings are set in capitals)."""
    title = title.strip()
    return title.capitalize() if title.isupper() else title


def _country_names(
    codes: Iterable[str], countries: dict[str, Country], with_codes: bool = True
) -> str:
    return ", ".join(
        (f"{countries[c].name_en} ({c})" if with_codes else countries[c].name_en)
        if c in countries
        else c
        for c in codes
    )


def _names_lv(codes: Iterable[str], countries: dict[str, Country]) -> str:
    """Latvian country names, so "Ko Somija darīja?" meets an item that only says "FI"."""
    return ", ".join(countries[c].name_lv for c in codes if c in countries)


def _names(codes: Iterable[str], countries: dict[str, Country]) -> str | None:
    """The Latvian and English names of the countries an item names (BM25's names field)."""
    known = [countries[c] for c in codes if c in countries]
    return " ".join(f"{c.name_lv} {c.name_en}" for c in known) or None


def build_chunks(report: Report) -> list[Chunk]:
    paths = _Paths(report)
    countries = {c.code: c for c in report.countries}
    chunks: list[Chunk] = []
    splitter = _splitter()
    for section in report.sections:
        chunks.extend(_prose_chunks(section, paths, splitter))
    for ind in report.indicators:
        chunks.append(_indicator_chunk(ind, paths))
    for table in report.tables:
        for row in table.rows:
            chunks.append(_row_chunk(row, table.title_lv, paths, countries))
    for appr in report.approaches:
        chunks.append(_approach_chunk(appr, paths, countries))
    phrases = _footnote_phrases(report)
    for fn in report.footnotes:
        chunks.append(_footnote_chunk(fn, phrases.get(fn.n), paths, countries))
    return chunks


def _make(
    section_id: str,
    paths: _Paths,
    kind: ChunkKind,
    text: str,
    *,
    text_en: str | None = None,
    context: str | None = None,
    context_en: str | None = None,
    keywords: str | None = None,
    footnotes: list[int] | None = None,
    ref_id: str | None = None,
) -> Chunk:
    lv, en = paths.path(section_id)
    path_lv, path_en = paths.titles(section_id)
    return Chunk(
        chunk_id=chunk_id(section_id, kind, text, ref_id),
        section_id=section_id,
        section_path_lv=lv,
        section_path_en=en,
        kind=kind,
        text=text,
        text_en=text_en,
        context=". ".join(p for p in (path_lv, context) if p) or None,
        context_en=". ".join(p for p in (path_en, context_en) if p) or None,
        keywords=keywords or None,
        footnotes=footnotes or [],
        ref_id=ref_id,
    )


def _prose_chunks(
    section: Section, paths: _Paths, splitter: RecursiveCharacterTextSplitter
) -> list[Chunk]:
    """Paragraphs and list items, split where long. A list item is read under its list's
    lead-in ("Novērtējuma galvenie avoti ir šādi:"), so its context carries the lead-in in
    both languages: the item alone does not say what it is an item of."""
    out = []
    lead = ("", "")
    for para in section.paragraphs:
        if para.kind != "list_item":
            lead = lead_in(para)
        if para.kind not in ("paragraph", "list_item"):
            continue
        extra = lead if para.kind == "list_item" else ("", "")
        for text, start in _split(para, splitter):
            end = start + len(text)
            notes = [r.n for r in para.footnotes if start < r.offset <= end]
            en = english_for_span(para.text, para.text_en, start, end) or None
            out.append(
                _make(
                    section.id, paths, para.kind, text, text_en=en, footnotes=notes,
                    ref_id=para.id, context=extra[0] or None, context_en=extra[1] or None,
                )
            )  # fmt: skip
    return out


def _split(para: Paragraph, splitter: RecursiveCharacterTextSplitter) -> list[tuple[str, int]]:
    if len(para.text) <= CHUNK_CHARS:
        return [(para.text, 0)]
    docs = splitter.create_documents([para.text])
    return [(d.page_content, int(d.metadata.get("start_index", 0))) for d in docs]


def _indicator_chunk(ind: Indicator, paths: _Paths) -> Chunk:
    # The box heading, then the figure's line exactly as the report prints it (bullet "o"
    # and closing ";" included): a citation quotes the report, so a reader finds it there.
    text = f"{ind.group_lv}\n{ind.source_line}" if ind.group_lv else ind.source_line
    bd = ", ".join(f"{k} {v}" for k, v in ind.breakdown_texts.items())
    en = f"{ind.label_en}: {ind.value_text}" + (f" ({bd})" if bd else "")
    en += f" — situation of Roma in {DOMAIN_EN[ind.domain]}, FRA survey 2016"
    return _make(
        ind.section_id,
        paths,
        "indicator",
        text,
        text_en=en,
        context=f"Romu stāvoklis (2016), {ind.label_lv}: {ind.value_text}",
        ref_id=ind.id,
    )


def _row_chunk(row: TableRow, title: str, paths: _Paths, countries: dict[str, Country]) -> Chunk:
    text = row_line(
        row.sub_area_lv,
        row.member_states,
        row.member_state_measures,
        row.enlargement_countries,
        row.enlargement_measures,
    )
    # names only: the row's own text already carries the codes
    enl = _country_names(row.enlargement_countries, countries, with_codes=False) or "none"
    en = (
        f"{DOMAIN_EN[row.domain].capitalize()} measures by sub-area — {row.sub_area_en}: "
        f"member states {_country_names(row.member_states, countries, with_codes=False)} "
        f"({row.member_state_measures} measures); enlargement countries {enl} "
        f"({row.enlargement_measures} measures)"
    )
    # The printed row is a sub-area, codes and two bare counts; say in Latvian what they are
    # so "Kuras dalībvalstis ...?" / "Cik pasākumu paplašināšanās valstis ...?" meet it.
    context = (
        f"{title}. Dalībvalstis: {row.member_state_measures} pasākumi. "
        f"Paplašināšanās valstis: {row.enlargement_measures} pasākumi"
    )
    names = _names(row.member_states + row.enlargement_countries, countries)
    return _make(
        row.section_id,
        paths,
        "table_row",
        text,
        text_en=en,
        context=context,
        keywords=names,
        ref_id=row.id,
    )


def _approach_chunk(appr: Approach, paths: _Paths, countries: dict[str, Country]) -> Chunk:
    # The curated translation lets an English question meet the item by its content, not
    # only by its domain; an approach's label already carries the codes, so names only.
    if appr.kind == "approach":
        domain = f"Promising approach in {DOMAIN_EN[appr.domain]}"
        if appr.label_en:
            names_en = _country_names(appr.countries, countries, with_codes=False)
            en = f"{domain}: {appr.label_en}" + (f" ({names_en})" if names_en else "")
        else:
            en = f"{domain}: {_country_names(appr.countries, countries)}"
        context = f"Daudzsološas pieejas: {_names_lv(appr.countries, countries)}"
    else:
        en = f"Priority to address in {DOMAIN_EN[appr.domain]}"
        en += f": {appr.label_en}" if appr.label_en else ""
        context = "Prioritātes, kurām jāpievēršas"
    return _make(
        appr.section_id, paths, appr.kind, appr.text, text_en=en, context=context,
        keywords=_names(appr.countries, countries), ref_id=appr.id,
    )  # fmt: skip


def _footnote_phrases(report: Report) -> dict[int, str]:
    return {r.n: r.phrase for s in report.sections for p in s.paragraphs for r in p.footnotes}


def _footnote_chunk(
    fn: Footnote, phrase: str | None, paths: _Paths, countries: dict[str, Country]
) -> Chunk:
    en = fn.text_en or None
    if fn.countries:
        en = f"{en} Countries: {_country_names(fn.countries, countries)}"
    return _make(
        fn.section_id or "INTRO",
        paths,
        "footnote",
        f"{fn.n} {fn.text}",  # as the report prints a footnote: its number, then its body
        text_en=en,
        context=" ".join(p for p in (phrase, _names_lv(fn.countries, countries)) if p) or None,
        keywords=_names(fn.countries, countries),
        footnotes=[fn.n],
        ref_id=f"fn.{fn.n}",
    )
