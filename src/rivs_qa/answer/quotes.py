"""Compose a quote from the report's prose as an answer: the best-matching sentence(s) of
the first passages, widened to a list with its lead-in when the question is about one of the
report's lists, and a section's opening for a broad question about a whole section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rivs_qa.answer import compose
from rivs_qa.answer.citations import PROSE, Citations, QuoteMemo
from rivs_qa.answer.contract import AskResponse, Citation
from rivs_qa.answer.conversation import Resolution
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.respond import items_of, note_for
from rivs_qa.lang import Lang
from rivs_qa.report.align import lead_in
from rivs_qa.report.model import Report
from rivs_qa.search.model import Chunk, Hit

#: The extractive answer quotes the best-matching of the first hits; each rank down costs
#: this share of the sentence's match score, so a much better sentence may win from rank 3.
EXTRACT_FROM = 3
RANK_DECAY = 0.2
#: A question is about a whole section when the section's title path covers this share of
#: its subject's IDF weight ("main conclusions" 0.47, "conclusions on data collection" 0.21).
SECTION_COVERS = 0.4
#: A section's opening, as the answer to a broad question, quotes this many sentences.
OPENING_SENTENCES = 2
#: An answer quoting a list gives its lead-in and at most this many of its cited items.
LIST_ITEMS = 3


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
        self._lists = _lists(report)
        self._leads = {lead for lead, _, _ in self._lists.values()}
        self._openings = _openings(report, chunks)

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
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en), memo)
        cites.fill(hits, top_k)
        wants_figure = res.features.wants_statistic or res.features.wants_count

        def fit(c: Citation) -> float:
            score = cites.quote_scores[c.n] * (1 - RANK_DECAY * (c.n - 1))
            if c.kind not in PROSE:  # the structured lookup already declined these
                score *= 0.5
            if wants_figure and re.search(r"\d", c.quote):
                score *= 1.5
            return score

        best = max(cites.items[:EXTRACT_FROM], key=fit)
        head, head_en, items, used = self._list_quote(best, cites)
        # cite first what the answer quotes: the best passage, then the list's items
        mapping = cites.promote([best.n, *(n for n in used if n != best.n)])
        used = sorted(mapping[n] for n in used)
        items = [cites.items[mapping[c.n] - 1] for c in items]
        best = cites.items[mapping[best.n] - 1]
        english = lang == "en"
        lead = compose.extractive_answer([(best.section_title, head_en if english else head)], lang)
        listing = compose.Listing(lead, tuple(c.text_en if english else c.text for c in items))
        answer = f"{listing.text()} [{', '.join(map(str, used))}]"
        return AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=answer,
            resolved_question=res.question, citations=cites.items, translation_note=note_for(lang),
            **items_of(listing if items else None, [c.n for c in items]),
        )  # fmt: skip

    def _list_quote(
        self, best: Citation, cites: Citations
    ) -> tuple[str, str, list[Citation], list[int]]:
        """The best quote, widened to a list when the question is about one of the report's
        lists ("Panākumu gūšanas faktori … ir šādi:"): the quote is the list's lead-in, or an
        item that matches the question no better than the lead-in does. Then the lead-in and
        up to ``LIST_ITEMS`` of the list's cited items follow in the report's order (one item
        alone would read as the report's whole answer). Returns the quote (the lead-in when
        there are items), its English, the cited items and the citation numbers used."""
        member = self._lists.get(self._chunk_refs.get(best.chunk_id, ""))
        if member is not None:
            lead, _, lead_en = member
            head, head_en = lead, lead_en
            if cites.fit(lead, lead_en) < cites.quote_scores[best.n]:
                return best.quote, best.quote_en, [], [best.n]
        else:
            found = [x for x in self._leads if best.quote.endswith(x)]
            if not found:
                return best.quote, best.quote_en, [], [best.n]
            lead, head, head_en = found[0], best.quote, best.quote_en

        def place(c: Citation) -> tuple[str, int, str] | None:
            return self._lists.get(self._chunk_refs.get(c.chunk_id, ""))

        items = [c for c in cites.items if (p := place(c)) is not None and p[0] == lead]
        items = sorted(items[:LIST_ITEMS], key=lambda c: (place(c) or ("", 0, ""))[1])
        used = {c.n for c in items} | ({best.n} if member is None else set())
        return head, head_en, items, sorted(used)

    def named_section(self, subject_keys: set[str]) -> str | None:
        """The section a broad question is about ("main conclusions", "the enlargement
        region"): the one whose title path (both languages) covers the most of the
        question's subject, when that is at least ``SECTION_COVERS`` of its IDF weight."""
        best: tuple[float, str] | None = None
        for sid, (_, _, chunk) in self._openings.items():
            title = self.keys.section_keys.get(chunk.chunk_id, set())
            covered = self.keys.subject_weights.features(subject_keys, title)[0]
            if covered >= SECTION_COVERS and (best is None or covered > best[0]):
                best = (covered, sid)
        return best[1] if best else None

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
        """A section's opening sentences, quoted, as the answer to a broad question."""
        path_lv, path_en, chunk = self._openings[section_id]
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en), memo)
        n = cites.add_opening(chunk, hits, OPENING_SENTENCES)
        cites.fill(hits, top_k)
        cited = cites.items[n - 1]
        english = lang == "en"
        title = cited.section_title
        quote = cited.quote_en if english else cited.quote
        answer = f"{compose.extractive_answer([(title, quote)], lang)} [{n}]"
        return AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=answer,
            resolved_question=res.question, citations=cites.items, translation_note=note_for(lang),
        )  # fmt: skip


def _lists(report: Report) -> dict[str, tuple[str, int, str]]:
    """Paragraph id of each list item → (the lead-in sentence of its list, its place, the
    lead-in's English)."""
    out: dict[str, tuple[str, int, str]] = {}
    for section in report.sections:
        lead = lead_en = ""
        for place, para in enumerate(section.paragraphs):
            if para.kind != "list_item":
                lead, lead_en = lead_in(para)
            elif lead:
                out[para.id] = (lead, place, lead_en)
    return out


def _openings(report: Report, chunks: Sequence[Chunk]) -> dict[str, tuple[str, str, Chunk]]:
    """Section id → (its title path in Latvian, in English, the chunk of its first prose
    passage), for sections that open with prose."""
    first: dict[str, Chunk] = {}
    for chunk in chunks:
        if chunk.kind == "paragraph" and chunk.section_id not in first:
            first[chunk.section_id] = chunk
    out: dict[str, tuple[str, str, Chunk]] = {}
    for section in report.sections:
        chunk = first.get(section.id)
        if chunk is not None:
            out[section.id] = (
                " ".join(chunk.section_path_lv),
                " ".join(chunk.section_path_en),
                chunk,
            )
    return out
