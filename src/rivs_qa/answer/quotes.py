"""Compose a quote from the report's prose as an answer: the best-matching sentence(s) of
the first passages, widened to a list with its lead-in when the question is about one of the
report's lists, and a section's opening for a broad question about a whole section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from rivs_qa.answer import compose, matching, negation
from rivs_qa.answer.around import Around
from rivs_qa.answer.citations import PROSE, Citations, QuoteMemo
from rivs_qa.answer.contract import AskResponse, Citation
from rivs_qa.answer.conversation import Resolution
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.respond import items_of, note_for
from rivs_qa.answer.years import covers_years
from rivs_qa.lang import Lang
from rivs_qa.report.align import lead_in
from rivs_qa.report.model import Paragraph, Report
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.text import split_sentences

#: The extractive answer quotes the best-matching of the first hits; each rank down costs
#: this share of the sentence's match score, so a much better sentence may win from rank 3.
EXTRACT_FROM = 3
RANK_DECAY = 0.2
#: A question is about a whole section when the section's title path covers this share of
#: its subject's IDF weight ("main conclusions" 0.47, "conclusions on data collection" 0.21).
SECTION_COVERS = 0.4
#: A section's opening, as the answer to a broad question, quotes this many sentences.
OPENING_SENTENCES = 3
#: A passage that does not state the year a question names ("… in 2018?") weighs this share
#: of its match: it could not answer the question, a passage stating the year may.
YEARLESS = 0.3
#: The passages that may give a reason, and are quoted as prose: the report's paragraphs, list
#: items and footnotes.
_REASONING = (*PROSE, "footnote")
#: A list's items cited beside its lead-in, at most (the report's longest list has 18).
LIST_ITEMS_CITED = 10


class Quoter:
    def __init__(
        self,
        report: Report,
        facts: ReportFacts,
        chunks: Sequence[Chunk],
        keys: KeyIndex,
        weights: tuple[Mapping[str, float], Mapping[str, float]],
    ) -> None:
        """``weights``: IDF of Latvian and of English keys over the chunks."""
        self.facts = facts
        self.keys = keys
        self.weights, self.weights_en = weights
        self._chunk_refs = {c.chunk_id: c.ref_id or "" for c in chunks}
        #: a list item's paragraph id → its first passage
        self._item_chunks: dict[str, Chunk] = {}
        for c in chunks:
            if c.kind == "list_item" and c.ref_id:
                self._item_chunks.setdefault(c.ref_id, c)
        self._lists = _lists(report, chunks)
        self._by_item = {p.id: lst for lst in self._lists for p in lst.items}
        self._by_lead = {lst.lead: lst for lst in self._lists}
        self._openings = _openings(report, chunks)
        self.around = Around(chunks)

    def extractive(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
        memo: QuoteMemo | None = None,
    ) -> AskResponse:
        reasons = res.features.reason
        shares = res.features.wants_share and not res.features.which_countries
        prefer = matching.REASONS if reasons else matching.SHARES if shares else None
        if prefer is None and negation.text_negated(
            res.question, res.lang, self.keys.vocabulary.has
        ):
            prefer = negation.CUES  # "… did not submit …": a sentence that excepts
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en), memo, prefer)
        if reasons:
            # a why or how-should question is answered by the report's prose (a footnote's
            # included): a priority line, an approach or a figure states no reason, so the
            # prose passages come first
            hits = sorted(hits, key=lambda h: h.chunk.kind not in _REASONING)
        cites.fill(hits, top_k)
        wants_figure = res.features.wants_statistic or res.features.wants_count
        years = self.keys.asked_years(res.question)

        def fit(c: Citation) -> float:
            score = cites.quote_scores[c.n] * (1 - RANK_DECAY * (c.n - 1))
            if years and not covers_years(years, self.keys.chunk_years.get(c.chunk_id, set())):
                score *= YEARLESS
            # the structured lookup already declined these; a footnote's text is prose
            if c.kind not in _REASONING:
                score *= 0.5
            if wants_figure and re.search(r"\d", c.quote):
                score *= 1.5
            return score

        best = max(cites.items[:EXTRACT_FROM], key=fit)
        head, head_en, items, used = self._list_quote(best, cites, hits)
        if not items:
            head, head_en, used = self.around.with_antecedent(best, cites, hits)
            if (wants_figure or res.features.wants_share) and not re.search(r"\d", head):
                head, head_en, used = self.around.with_share_after(cites, hits, used)
        # cite first what the answer quotes (the best passage, or the list's lead-in), then
        # the list's items
        mapping = cites.promote(used)
        quoted = cites.items[mapping[used[0]] - 1]
        english = lang == "en"
        title = quoted.section_title
        lead = compose.extractive_answer([(title, head_en if english else head)], lang)
        listing = compose.Listing(lead, tuple(p.text_en if english else p.text for p in items))
        cited = [self._cited(p, cites) for p in items]  # numbers after the renumbering
        answer = f"{listing.text()} [{', '.join(map(str, sorted(mapping[n] for n in used)))}]"
        return AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=answer,
            resolved_question=res.question, citations=cites.items, translation_note=note_for(lang),
            **items_of(listing if items else None, cited),
        )  # fmt: skip

    def _cited(self, item: Paragraph, cites: Citations) -> int:
        """The citation number (before renumbering) of a list item's passage, 0 if none."""
        return next((c.n for c in cites.items if self._chunk_refs.get(c.chunk_id) == item.id), 0)

    def _list_quote(
        self, best: Citation, cites: Citations, hits: Sequence[Hit]
    ) -> tuple[str, str, list[Paragraph], list[int]]:
        """The best quote, widened to a whole list when the question is about one of the
        report's lists ("Panākumu gūšanas faktori … ir šādi:"): the quote is the list's
        lead-in, or an item that matches the question no better than the lead-in does. Then
        the lead-in is the quote, cited first, and every item of the list follows in the
        report's order (some items alone would read as the report's whole answer). Returns
        the quote, its English, the list's items (none when the quote stands alone) and the
        citation numbers used, the quote's first."""
        found = self._by_item.get(self._chunk_refs.get(best.chunk_id, ""))
        if found is not None:
            if cites.fit(found.lead, found.lead_en) < cites.quote_scores[best.n]:
                return best.quote, best.quote_en, [], [best.n]
            first = cites.add_quote(found.lead_chunk, hits, found.lead)
            head, head_en = found.lead, found.lead_en
        else:
            found = next((x for q, x in self._by_lead.items() if best.quote.endswith(q)), None)
            if found is None:
                return best.quote, best.quote_en, [], [best.n]
            first, head, head_en = best.n, best.quote, best.quote_en
        items = list(found.items)
        used = [first]
        for p in items:  # each item cites its passage, in the list's order
            n = self._cited(p, cites)
            chunk = self._item_chunks.get(p.id)
            if not n and chunk is not None and len(used) <= LIST_ITEMS_CITED:
                n = cites.add_quote(chunk, hits, None)
            if n and n not in used:
                used.append(n)
        return head, head_en, items, used

    def named_section(
        self,
        subject_keys: set[str],
        closeness: Callable[[], Mapping[str, float]] | None = None,
        facets: Collection[str] = (),
    ) -> tuple[str, float] | None:
        """The section a broad question is about ("main conclusions", "the enlargement
        region"): the one whose title path (both languages) covers the most of the
        question's subject, when that is at least ``SECTION_COVERS`` of its IDF weight; with
        that share. Sections covering it alike (an area's subsections, whose paths differ
        only in their own titles) are told apart by whether their own title names one of
        the question's ``facets`` ("politikas atziņas" → "Politikas apguve"), then by
        ``closeness`` (each section's own title's similarity to the question,
        ``titles.SectionTitles``), else the first wins."""
        covering: list[tuple[float, str]] = []
        for sid, (_, _, opening) in self._openings.items():
            title = self.keys.section_keys.get(opening[0].chunk_id, set())
            covered = self.keys.subject_weights.features(subject_keys, title)[0]
            if covered >= SECTION_COVERS:
                covering.append((covered, sid))
        if not covering:
            return None
        top = max(covered for covered, _ in covering)
        tied = [sid for covered, sid in covering if covered == top]
        if len(tied) > 1 and facets:
            tied = [
                sid for sid in tied if self.keys.section_facets.get(sid, set()) & set(facets)
            ] or tied
        if len(tied) > 1 and closeness is not None:
            close = closeness()
            return max(tied, key=lambda sid: close.get(sid, 0.0)), top
        return tied[0], top

    def opening(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        section_id: str,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
        memo: QuoteMemo | None = None,
    ) -> AskResponse:
        """A section's opening sentences, quoted, as the answer to a broad question: the
        first ``OPENING_SENTENCES`` of its first paragraph, from as many of the paragraph's
        passages as they take (a passage may end mid-paragraph)."""
        _, _, chunks = self._openings[section_id]
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en), memo)
        taken: list[str] = []
        numbers: list[int] = []
        for chunk in chunks:
            # passages overlap: a sentence already quoted is not quoted again
            new = [s for s in split_sentences(chunk.text) if not any(s in t for t in taken)]
            new = new[: OPENING_SENTENCES - len(taken)]
            if new and new[-1].endswith(":"):  # a lead-in the passage's end cut off
                new[-1] = cites.whole_sentence(chunk, new[-1])
            if new:
                numbers.append(cites.add_quote(chunk, hits, " ".join(new)))
                taken += new
            if len(taken) >= OPENING_SENTENCES:
                break
        cites.fill(hits, top_k)
        cited = [cites.items[n - 1] for n in numbers]
        english = lang == "en"
        quote = " ".join(c.quote_en if english else c.quote for c in cited)
        marks = ", ".join(str(n) for n in numbers)
        answer = f"{compose.extractive_answer([(cited[0].section_title, quote)], lang)} [{marks}]"
        return AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=answer,
            resolved_question=res.question, citations=cites.items, translation_note=note_for(lang),
        )  # fmt: skip


@dataclass(frozen=True)
class ReportList:
    """One of the report's lists: the sentence leading into it, its English, the passage
    carrying that sentence, and the items in the report's order."""

    lead: str
    lead_en: str
    lead_chunk: Chunk
    items: tuple[Paragraph, ...]


def _lists(report: Report, chunks: Sequence[Chunk]) -> list[ReportList]:
    """The report's lists: list items after a paragraph ending in a ":" sentence."""
    by_ref: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_ref.setdefault(chunk.ref_id or "", []).append(chunk)
    out: list[ReportList] = []
    for section in report.sections:
        lead, lead_en, carrier, items = "", "", None, []
        for para in [*section.paragraphs, None]:
            if para is not None and para.kind == "list_item":
                items.append(para)
                continue
            if lead and carrier is not None and items:
                out.append(ReportList(lead, lead_en, carrier, tuple(items)))
            if para is None:
                break
            lead, lead_en = lead_in(para)
            carrier = next((c for c in by_ref.get(para.id, []) if lead and lead in c.text), None)
            items = []
    return out


def _openings(report: Report, chunks: Sequence[Chunk]) -> dict[str, tuple[str, str, list[Chunk]]]:
    """Section id → (its title path in Latvian, in English, the passages of its first prose
    paragraph in order), for sections that open with prose."""
    first: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.kind != "paragraph":
            continue
        opening = first.setdefault(chunk.section_id, [chunk])
        if chunk is not opening[0] and chunk.ref_id == opening[0].ref_id:
            opening.append(chunk)
    out: dict[str, tuple[str, str, list[Chunk]]] = {}
    for section in report.sections:
        opening = first.get(section.id)
        if opening is not None:
            out[section.id] = (
                " ".join(opening[0].section_path_lv),
                " ".join(opening[0].section_path_en),
                opening,
            )
    return out
