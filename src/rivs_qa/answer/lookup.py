"""Structured lookup: which parsed facts (indicator, table row, footnote, approaches) answer.

Pure: takes the report's facts, the question's features, hints from the conversation and
the ranked search hits; returns the facts to state exactly. The question's words decide
which *kinds* of fact may answer (a statistic → an indicator; a number of measures → a
table row; "which countries" → a table row or a footnote's country list; approaches of a
country or domain → approaches); retrieval decides *which* one, by rank. A fact is only
taken from the first ``RANK_WINDOW`` hits, so a loosely related question does not get a
precise-looking figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rivs_qa.answer import approaches, phrases
from rivs_qa.answer.conversation import Hints
from rivs_qa.answer.facts import FootnoteUse, ReportFacts
from rivs_qa.answer.intent import QuestionFeatures
from rivs_qa.answer.phrases import Match
from rivs_qa.report.model import (
    Approach,
    Indicator,
    TableRow,
)
from rivs_qa.search.model import Chunk, Hit

#: Structured hits further down than this are not trusted to answer.
RANK_WINDOW = 8
#: "Which countries" candidates further down the window: match / (1 + RANK_PENALTY × place).
RANK_PENALTY = 0.25

#: The match with which a fact of another area than the question's wins over the area's
#: own facts when they match nothing: two distinctive words (IDF 2.5 each, in at most ~25 of
#: 302 chunks), the question's area read from a word alone ("… work in practice").
OTHER_AREA_MATCH = 5.0
FactKind = Literal["indicator", "table_row", "footnote", "approach"]
_HIT_KIND: dict[str, FactKind] = {
    "indicator": "indicator",
    "table_row": "table_row",
    "footnote": "footnote",
    "approach": "approach",
    "priority": "approach",
}


@dataclass
class Lookup:
    """What the structured path found; empty lists mean "answer from prose"."""

    kind: FactKind | None = None
    indicators: list[Indicator] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    footnotes: list[FootnoteUse] = field(default_factory=list)
    approaches: list[Approach] = field(default_factory=list)
    #: ``rows`` are a domain's whole measures table, asked about as a whole
    overview: bool = False
    #: a section whose opening answers (a broad question about what the section covers)
    section: str | None = None
    #: the figures answer the two parts of a question one each ("… un cik …?")
    parts: bool = False
    #: set when the question asks for something the report's data cannot hold
    gap: Literal["country_statistic"] | None = None

    @property
    def found(self) -> bool:
        return bool(self.indicators or self.rows or self.footnotes or self.approaches)


def allowed_kinds(f: QuestionFeatures) -> tuple[FactKind, ...]:
    """Kinds of fact that can answer what the question asks, most specific first."""
    kinds: list[FactKind] = []
    measures = f.count_target == "measures" or f.facet == "measures"
    if f.wants_statistic and not measures and f.facet in (None, "situation"):
        kinds.append("indicator")
    if f.wants_count and measures:
        kinds.append("table_row")
    if f.wants_countries:
        if f.facet in (None, "measures"):
            kinds.append("table_row")
        kinds.append("footnote")
    if f.facet in ("approaches", "priorities") or (
        f.countries
        and not f.wants_statistic
        and (f.domain or f.facet or not (f.topic_words or f.wants_countries or f.wants_count))
    ):  # "What does the report say about Spain?": the country's approaches, every domain
        kinds.append("approach")
    return tuple(dict.fromkeys(kinds))


def lookup(
    facts: ReportFacts,
    f: QuestionFeatures,
    hints: Hints,
    hits: Sequence[Hit],
    match: Match = phrases.no_match,
    by_match: bool = False,
) -> Lookup:
    """``match`` scores how well a phrase of the report (its Latvian text and its English
    translation) matches the question (> 0: it does);
    it picks, in a passage with several footnoted items, the item the question names, and
    with ``by_match`` (a follow-up that brings new subject words, "Un tiesu sistēmai?") it
    picks among all the facts in the window rather than taking the best-ranked one."""
    kinds = allowed_kinds(f)
    if "indicator" in kinds and f.countries:
        # The 2016 figures are for Roma across the surveyed member states, not per country.
        return Lookup(gap="country_statistic")
    hinted = _hinted(facts, kinds, hints, f, match if by_match else None)
    if hinted is not None:
        return hinted
    # (a part of the area, "early childhood", asks about its rows, not the whole table)
    if (
        "table_row" in kinds
        and f.wants_count
        and not f.wants_countries
        and not f.topic_words
        and not f.names_part
    ):
        if f.domain is not None:  # "How many health measures …?": the domain's whole table
            rows = [r for r in facts.rows.values() if r.domain == f.domain]
            return Lookup(kind="table_row", rows=rows, overview=True)
    # "which countries …?" may also be answered by a passage's footnote or by an approach,
    # which names its countries too
    listing = "footnote" in kinds
    window = every = [
        h
        for h in hits[:RANK_WINDOW]
        if _HIT_KIND.get(h.chunk.kind) in kinds
        or (listing and h.chunk.kind in ("paragraph", "list_item", "approach"))
    ]
    if f.domain is not None:
        named = {f.domain, None} if f.domain_framed else {*f.domains, f.domain, None}
        in_domain = [h for h in window if _domain(facts, h.chunk) in named]
        window = in_domain or window
    if "approach" in kinds and (
        f.countries or approaches.generic(f) or approaches.unnamed(facts, f, match)
    ):
        listed = approaches.asked(facts, f, window, match)
        if listed:
            return Lookup(kind="approach", approaches=listed)
    if "footnote" in kinds or by_match:
        best = _best_fact(facts, window, match)
        # an area read from a word alone ("make the directive work in practice") gives way
        # to a fact of another area the question's words name
        if (best is None or best[0] <= 0.0) and not f.domain_framed:
            other = _best_fact(facts, every, match)
            best = other if other is not None and other[0] >= OTHER_AREA_MATCH else best
        if best is not None:
            return best[1]
    for hit in window:
        if hit.chunk.kind in ("paragraph", "list_item"):
            continue
        kind = _HIT_KIND[hit.chunk.kind]
        ref = hit.chunk.ref_id or ""
        if kind == "indicator" and ref in facts.indicators:
            return Lookup(kind=kind, indicators=[facts.indicators[ref]])
        if kind == "table_row" and ref in facts.rows:
            return Lookup(kind=kind, rows=[facts.rows[ref]])
        if kind == "approach" and ref in facts.approaches:
            top = [
                facts.approaches[h.chunk.ref_id]
                for h in window
                if h.chunk.ref_id in facts.approaches and _HIT_KIND[h.chunk.kind] == "approach"
            ]
            return Lookup(kind=kind, approaches=top[:3])
    return Lookup()


def _hinted(
    facts: ReportFacts,
    kinds: tuple[FactKind, ...],
    hints: Hints,
    f: QuestionFeatures,
    match: Match | None = None,
) -> Lookup | None:
    """A follow-up about the same indicator or table row ("And for women?", "Which countries
    reported it?")."""
    if "indicator" in kinds and hints.indicator_id in facts.indicators:
        ind = facts.indicators[hints.indicator_id]
        if f.domain in (None, ind.domain):
            return Lookup(kind="indicator", indicators=[ind])
    # the row the last answer gave holds its countries and its count, whatever the question's
    # facet says of other kinds ("… šķēršļiem" and then "kuras valstis tos īstenoja?")
    row_asked = "table_row" in kinds or f.wants_countries or f.wants_count
    if row_asked and hints.table_row_id in facts.rows:
        row = facts.rows[hints.table_row_id]
        if f.domain in (None, row.domain):
            return Lookup(kind="table_row", rows=[row])
    if "footnote" in kinds and hints.footnote in facts.footnotes:
        use = facts.footnotes[hints.footnote]
        if use.footnote.countries:
            return Lookup(kind="footnote", footnotes=[_sibling(facts, use, match) or use])
    return None


def _sibling(facts: ReportFacts, use: FootnoteUse, match: Match | None) -> FootnoteUse | None:
    """The marked item of the last footnote's own passage that a follow-up's new words name
    better ("… the capacity of implementing structures²³ …" then "what about discrimination
    against Roma?": footnote 24 of the same sentence), if another than the last one."""
    chunk = facts.marker_chunks.get(use.footnote.n)
    best = phrases.marked_item(facts, chunk, match) if chunk is not None and match else None
    return best[1] if best is not None and best[1] is not use else None


def _best_fact(
    facts: ReportFacts, window: Sequence[Hit], match: Match
) -> tuple[float, Lookup] | None:
    """The indicator, table row, footnote country list or approach in the window whose own
    words match the question best (for "which countries …?", and for a follow-up that
    brings new subject words); each place down the window divides a candidate's match by
    ``1 + RANK_PENALTY × place``. A row or figure is a candidate as it stands; a footnote,
    a passage's marker or an approach only when the question names its words. With its
    weighted match."""
    best: tuple[float, Lookup] | None = None
    for place, hit in enumerate(window):
        found = fact_candidate(facts, hit, match)
        if found is None:
            continue
        score, lookup_ = found
        weighted = score / (1.0 + RANK_PENALTY * place)
        if best is None or weighted > best[0]:
            best = (weighted, lookup_)
    return best


def fact_candidate(facts: ReportFacts, hit: Hit, match: Match) -> tuple[float, Lookup] | None:
    chunk, ref = hit.chunk, hit.chunk.ref_id or ""
    if chunk.kind in ("paragraph", "list_item"):
        marked = phrases.marked_item(facts, chunk, match)
        if marked is None:
            return None
        return marked[0], Lookup(kind="footnote", footnotes=[marked[1]])
    if chunk.kind == "approach" and ref in facts.approaches:
        approach = facts.approaches[ref]
        if not approach.countries or not phrases.named(
            approach.text, approach.label_en, approach.domain, match
        ):
            return None
        return match(approach.text, approach.label_en, approach.domain), Lookup(
            kind="approach", approaches=[approach]
        )
    if chunk.kind == "indicator" and ref in facts.indicators:
        ind = facts.indicators[ref]
        score = match(ind.label_lv, ind.label_en, ind.domain)
        return score, Lookup(kind="indicator", indicators=[ind])
    if chunk.kind == "table_row" and ref in facts.rows:
        row = facts.rows[ref]
        score = match(row.sub_area_lv, row.sub_area_en, row.domain)
        return score, Lookup(kind="table_row", rows=[row])
    if chunk.kind == "footnote" and ref.startswith("fn."):
        use = facts.footnotes.get(int(ref[3:]))
        if use is not None and use.footnote.countries:
            # a bare list of codes found by its context must still be about the question
            domain = phrases.footnote_domain(facts, use)
            if (
                use.ref is None
                or phrases.phrase_named(use, domain, match)
                or phrases.sentence_named(use, domain, match)
            ):
                return phrases.marker_score(use, domain, match), Lookup(
                    kind="footnote", footnotes=[use]
                )
    return None


def _domain(facts: ReportFacts, chunk: Chunk) -> str | None:
    ref = chunk.ref_id or ""
    if ref in facts.indicators:
        return facts.indicators[ref].domain
    if ref in facts.rows:
        return facts.rows[ref].domain
    if ref in facts.approaches:
        return facts.approaches[ref].domain
    section = facts.report.section(chunk.section_id)
    return section.domain if section is not None else None
