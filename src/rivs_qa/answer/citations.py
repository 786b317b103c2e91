"""Numbered citations of an answer, each with its quote in Latvian and in English.

The facts' chunks come first (in the order the answer uses them), then the remaining hits
best first. A quote is the sentence(s) of a passage that match the question best
(``matching.best_quote``); for an English question their translation counts too, and every
citation carries the English of its passage and quote through the sentence-aligned
translation (``report/align.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from rivs_qa.answer import matching
from rivs_qa.answer.contract import Citation
from rivs_qa.answer.facts import FootnoteUse, ReportFacts
from rivs_qa.lang import Lang
from rivs_qa.report.align import english_for_quote
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.text import split_sentences
from rivs_qa.trusted import trusted

PROSE = ("paragraph", "list_item")
#: (chunk id, whole?, given quote, the sentences preferred) → (quote, fit, English quote), for
#: one question.
QuoteMemo = dict[tuple[str, bool, str | None, str], tuple[str, float, str]]


class Citations:
    """Numbered citations, facts' chunks first, then the remaining hits best first."""

    def __init__(
        self,
        facts: ReportFacts,
        lang: Lang,
        keys: Sequence[str],
        weights: tuple[Mapping[str, float], Mapping[str, float]],
        memo: QuoteMemo | None = None,
        prefer: re.Pattern[str] | None = None,
    ) -> None:
        """``weights``: IDF of Latvian keys and of English keys over the chunks; ``memo``:
        quotes already chosen for the same question (one turn composes several candidate
        answers from the same hits); ``prefer``: quote, among a passage's matching
        sentences, preferably one this pattern finds (``matching.REASONS`` for a why or
        how-should question, ``matching.SHARES`` for one asking what share)."""
        self.facts = facts
        self.lang = lang
        self.keys = keys
        self.weights, self.weights_en = weights
        self.quote_scores: dict[int, float] = {}
        self.items: list[Citation] = []
        self._by_chunk: dict[str, int] = {}
        self._memo: QuoteMemo = memo if memo is not None else {}
        self._prefer = prefer

    def add_ref(self, ref_id: str, hits: Sequence[Hit]) -> int:
        chunk = self.facts.chunks[ref_id]
        return self._add(chunk, _hit_score(chunk, hits), whole=True)

    def add_marker(self, use: FootnoteUse, hits: Sequence[Hit]) -> int:
        """Cite the passage carrying a footnote's marker, quoting the sentence it ends."""
        chunk = self.facts.marker_chunks.get(use.footnote.n)
        if chunk is None:
            return self.add_ref(f"fn.{use.footnote.n}", hits)
        phrase = use.ref.phrase if use.ref is not None else ""
        sentences = split_sentences(chunk.text)
        quote = next((s for s in sentences if phrase and phrase in s), None)
        return self.add_quote(chunk, hits, quote)

    def add_quote(self, chunk: Chunk, hits: Sequence[Hit], quote: str | None) -> int:
        """Cite a passage quoting ``quote``, one of its sentences (None: its best match)."""
        return self._add(chunk, _hit_score(chunk, hits), whole=False, quote=quote)

    def requote(self, chunk: Chunk, hits: Sequence[Hit], quote: str) -> int:
        """``add_quote``, and a passage cited already quotes ``quote`` instead."""
        n = self._by_chunk.get(chunk.chunk_id)
        if n is None:
            return self.add_quote(chunk, hits, quote)
        cited = self.items[n - 1]
        if cited.quote != quote:
            _, _, quote_en = self._quote(chunk, False, quote)
            self.items[n - 1] = cited.model_copy(update={"quote": quote, "quote_en": quote_en})
        return n

    def promote(self, first: Sequence[int]) -> dict[int, int]:
        """Renumber so the citations ``first`` (numbers, in order) come first, the rest
        after them in their order: [1] is what the answer is built from. Returns old → new."""
        order = [*first, *(c.n for c in self.items if c.n not in first)]
        mapping = {old: new for new, old in enumerate(order, start=1)}
        by_old = {c.n: c for c in self.items}
        self.items = [by_old[old].model_copy(update={"n": mapping[old]}) for old in order]
        self.quote_scores = {mapping[old]: fit for old, fit in self.quote_scores.items()}
        self._by_chunk = {chunk: mapping[old] for chunk, old in self._by_chunk.items()}
        return mapping

    def fit(self, sentence: str, english: str) -> float:
        """How well a Latvian sentence (and, for an English question, its translation)
        matches the question: as ``matching.best_quote`` scores sentences."""
        keys = set(self.keys)
        score = matching.sentence_score(sentence, keys, self.weights)
        if self.lang == "en":
            score += matching.sentence_score(english, keys, self.weights_en, "en")
        return score

    def fill(self, hits: Sequence[Hit], top_k: int) -> None:
        for hit in hits:
            if len(self.items) >= top_k:
                break
            self._add(hit.chunk, hit.score, whole=False)

    def _add(self, chunk: Chunk, score: float, whole: bool, quote: str | None = None) -> int:
        if chunk.chunk_id in self._by_chunk:
            return self._by_chunk[chunk.chunk_id]
        n = len(self.items) + 1
        path = chunk.section_path_en if self.lang == "en" else chunk.section_path_lv
        memo_key = (chunk.chunk_id, whole, quote, self._prefer.pattern if self._prefer else "")
        if memo_key not in self._memo:
            self._memo[memo_key] = self._quote(chunk, whole, quote)
        quote, fit, quote_en = self._memo[memo_key]
        self.quote_scores[n] = fit
        self.items.append(
            trusted(  # every field given, of its type: nothing to validate
                Citation,
                n=n, chunk_id=chunk.chunk_id, section_id=chunk.section_id,
                section_title=" › ".join(path), kind=chunk.kind, text=chunk.text,
                quote=quote, text_en=chunk.text_en or "", quote_en=quote_en,
                score=round(float(score), 4),
            )
        )  # fmt: skip
        self._by_chunk[chunk.chunk_id] = n
        return n

    def _quote(self, chunk: Chunk, whole: bool, quote: str | None) -> tuple[str, float, str]:
        """(quote, how well it fits the question, its English)."""
        english = self._translator(chunk)
        if quote is not None:
            fit = 0.0
        elif whole:
            quote, fit = chunk.text, 0.0
        else:
            quote, fit = matching.best_quote(
                chunk.text, self.keys, self.weights,
                english=english if self.lang == "en" else None, weights_en=self.weights_en,
                prefer=self._prefer,
            )  # fmt: skip
            if chunk.kind == "approach":  # one country's approach is one unit: quoted whole
                quote = chunk.text
            elif quote.endswith(":"):  # a lead-in the passage's end cut from what it leads to
                quote = self.whole_sentence(chunk, quote)
        quote_en = (chunk.text_en or "") if quote == chunk.text else english(quote)
        return quote, fit, quote_en

    def whole_sentence(self, chunk: Chunk, quote: str) -> str:
        """The report's sentence ``quote`` is the start of, when a passage's end cut it
        there: "Dažas no … atziņām šajā jomā ir šādas:" goes on in the same sentence with
        what it announces ("ir svarīgi veikt agrīnu iejaukšanos, …"), which the next passage
        holds. A lead-in that ends its sentence (a list of paragraphs follows) stays."""
        para = self.facts.paragraphs.get(chunk.ref_id or "") if chunk.kind in PROSE else None
        if para is None:
            return quote
        return next(
            (s for s in split_sentences(para.text) if s.startswith(quote) and s != quote), quote
        )

    def _translator(self, chunk: Chunk) -> Callable[[str], str]:
        """Latvian sentence(s) of ``chunk`` → their English, through the translation of the
        paragraph or footnote it comes from; a structured item's English is its rendering."""
        source = None
        if chunk.kind in PROSE and chunk.ref_id in self.facts.paragraphs:
            para = self.facts.paragraphs[chunk.ref_id]
            source = (para.text, para.text_en)
        elif chunk.kind == "footnote" and chunk.footnotes:
            fn = self.facts.footnotes[chunk.footnotes[0]].footnote
            source = (chunk.text, fn.text_en)  # "24 EE, ES." / "EE, ES.": one sentence each
        if source is None:
            whole = chunk.text_en or ""
            return lambda _quote: whole
        lv, en = source
        return lambda quote: english_for_quote(lv, en, quote)


def _hit_score(chunk: Chunk, hits: Sequence[Hit]) -> float:
    """The search score of ``chunk`` among ``hits``; 0 when the search did not return it."""
    return next((h.score for h in hits if h.chunk.chunk_id == chunk.chunk_id), 0.0)
