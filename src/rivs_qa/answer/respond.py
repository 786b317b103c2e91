"""Compose each kind of answer as a response: stated facts (figures, table rows, footnote
country lists, approaches), a quote from the report's prose (widened to a list with its
lead-in), a section's opening, and a refusal with the sections or example questions to try.

``Responder`` holds what composing needs (the report's facts, IDF weights, the report's lists
and section openings); it decides nothing about which answer is right: the service weighs
the candidates it composes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rivs_qa.answer import compose
from rivs_qa.answer.citations import PROSE, Citations, QuoteMemo
from rivs_qa.answer.contract import AnswerItem, AskResponse, Citation, Fact, Suggestion
from rivs_qa.answer.conversation import AnswerRefs, Resolution
from rivs_qa.answer.examples import Examples
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.lookup import Lookup, ReportFacts
from rivs_qa.lang import Lang
from rivs_qa.report.align import lead_in
from rivs_qa.report.model import Indicator, Report
from rivs_qa.report.translation import TRANSLATION_NOTE
from rivs_qa.search.model import Chunk, Hit

#: A refusal suggests a section when one of its passages shares this much subject weight
#: with the question: one word found in at most about a third of the passages. Below it,
#: the "nearest" sections are only near in the embedding space and would mislead.
SUGGEST_MIN = 1.0
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


class Responder:
    def __init__(
        self,
        report: Report,
        facts: ReportFacts,
        chunks: Sequence[Chunk],
        keys: KeyIndex,
        examples: Examples,
    ) -> None:
        self.report = report
        self.facts = facts
        self.keys = keys
        self.examples = examples
        self.weights = compose.key_weights(c.text for c in chunks)
        self.weights_en = compose.key_weights((c.text_en or "" for c in chunks), "en")
        self._chunk_refs = {c.chunk_id: c.ref_id or "" for c in chunks}
        self._lists = _lists(report)
        self._leads = {lead for lead, _, _ in self._lists.values()}
        self._openings = _openings(report, chunks)

    def structured(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        found: Lookup,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
        memo: QuoteMemo | None = None,
    ) -> tuple[AskResponse, AnswerRefs]:
        f = res.features
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en), memo)
        facts: list[Fact] = []
        texts: list[str] = []
        for ind in _line_mates(found.indicators, self.report.indicators):
            n = cites.add_ref(ind.id, hits)
            facts.append(
                Fact(
                    kind="indicator", id=ind.id,
                    label=ind.label_en if lang == "en" else compose.indicator_label_lv(ind),
                    label_en=ind.label_en,
                    value=ind.value, unit=ind.unit, breakdowns=dict(ind.breakdowns), citation=n,
                )
            )  # fmt: skip
            texts.append(compose.indicator_answer(ind, f.gender, lang))
        rows = found.rows
        listing: compose.Listing | None = None
        listed: list[int] = []  # the citation of each of the listing's items
        if found.overview:  # the domain's table: its largest sub-areas, one citation each
            rows = compose.largest_rows(rows, top_k, f.country_group)
            listing = compose.rows_overview(rows, len(found.rows), f.country_group, lang)
            texts.append(listing.text())
        for row in rows:
            n = cites.add_ref(row.id, hits)
            if found.overview:
                listed.append(n)
            group = f.country_group
            enlargement = group == "enlargement"
            count = row.enlargement_measures if enlargement else row.member_state_measures
            codes = row.enlargement_countries if enlargement else row.member_states
            if group is None:
                codes = [*row.member_states, *row.enlargement_countries]
            facts.append(
                Fact(
                    kind="table_row", id=row.id,
                    label=row.sub_area_en if lang == "en" else row.sub_area_lv,
                    label_en=row.sub_area_en,
                    count=count, countries=list(codes), citation=n,
                    breakdowns={
                        "member_states": float(row.member_state_measures),
                        "enlargement_countries": float(row.enlargement_measures),
                    },
                )
            )  # fmt: skip
            if not found.overview:
                if f.countries:  # "What about Hungary?": say first whether it is listed
                    texts.append(
                        compose.row_membership(row, f.countries, self.facts.countries, lang)
                    )
                texts.append(compose.row_answer(row, group, self.facts.countries, lang))
        for use in found.footnotes:
            n = cites.add_marker(use, hits)
            section = self.report.section(use.footnote.section_id)
            label = (section.title_en if lang == "en" else section.title_lv) if section else None
            phrase = compose.footnote_phrase(use, lang) or f"{use.footnote.n}"
            facts.append(
                Fact(
                    kind="footnote", id=f"fn.{use.footnote.n}", label=phrase,
                    label_en=compose.footnote_phrase(use, "en") or f"{use.footnote.n}",
                    countries=list(use.footnote.countries), count=len(use.footnote.countries),
                    citation=n,
                )
            )  # fmt: skip
            if f.countries:
                n_ = use.footnote.n
                note = f"footnote {n_}" if lang == "en" else f"{n_}. zemsvītras piezīme"
                texts.append(compose.membership(
                    f.countries, {note: use.footnote.countries}, self.facts.countries, lang
                ))  # fmt: skip
            texts.append(compose.footnote_answer(use, label, self.facts.countries, lang))
        for appr in found.approaches:
            n = cites.add_ref(appr.id, hits)
            if listing is None:
                listed.append(n)
            facts.append(
                Fact(
                    kind="approach", id=appr.id,
                    label=appr.label_en if lang == "en" and appr.label_en else appr.text,
                    label_en=appr.label_en,
                    countries=list(appr.countries), citation=n,
                )
            )  # fmt: skip
        if found.approaches:
            approaches = compose.approaches_answer(found.approaches, self.facts.countries, lang)
            texts.append(approaches.text())
            listing = listing or approaches
        cites.fill(hits, top_k)
        refs = AnswerRefs(
            indicator_ids=tuple(i.id for i in found.indicators),
            table_row_ids=tuple(r.id for r in rows) if not found.overview else (),
            footnotes=tuple(u.footnote.n for u in found.footnotes),
            approach_ids=tuple(a.id for a in found.approaches),
        )
        response = AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=" ".join(texts),
            resolved_question=res.question, facts=facts, citations=cites.items,
            translation_note=_note(lang), **_listed(listing, listed),
        )  # fmt: skip
        return response, refs

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
            resolved_question=res.question, citations=cites.items, translation_note=_note(lang),
            **_listed(listing if items else None, [c.n for c in items]),
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
            resolved_question=res.question, citations=cites.items, translation_note=_note(lang),
        )  # fmt: skip

    def abstain(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        hits: Sequence[Hit],
        reason: str,
        keys: Sequence[str],
    ) -> AskResponse:
        """A refusal; it suggests the nearest sections that share a subject word with the
        question, or, when none does, example questions the report answers."""
        suggestions: list[Suggestion] = []
        for hit in hits:
            if self.keys.shared_weight(keys, hit) < SUGGEST_MIN:
                continue
            sid = hit.chunk.section_id
            if any(s.section_id == sid for s in suggestions):
                continue
            path = hit.chunk.section_path_en if lang == "en" else hit.chunk.section_path_lv
            suggestions.append(Suggestion(section_id=sid, title=" › ".join(path)))
            if len(suggestions) == 3:
                break
        answer = compose.abstain_answer(lang, reason, [s.title for s in suggestions])
        examples = [] if suggestions else self.examples.offer(lang, res.question)
        return AskResponse(
            session_id=session_id, lang=lang, answerable=False, answer=answer,
            resolved_question=res.question, suggestions=suggestions, examples=examples,
        )  # fmt: skip


def _line_mates(chosen: Sequence[Indicator], every: Sequence[Indicator]) -> list[Indicator]:
    """The chosen figures, each with the figures printed on the same line of its box ("visi
    skolēni (13 %) vai lielākā daļa skolēnu (33 %)"): the line is one statement, and a
    question about it may ask for either or both."""
    out: list[Indicator] = []
    for ind in chosen:
        for mate in every:
            same = mate.section_id == ind.section_id and mate.source_line == ind.source_line
            if (mate is ind or same) and mate not in out:
                out.append(mate)
    return out


def _listed(listing: compose.Listing | None, cited: Sequence[int]) -> dict[str, object]:
    """The response's ``lead`` and ``items`` for an answer that gives several items."""
    if listing is None or not listing.items:
        return {}
    items = [
        AnswerItem(text=text, citations=[n] if n else [])
        for text, n in zip(listing.items, [*cited, *[0] * len(listing.items)], strict=False)
    ]
    return {"lead": listing.lead, "items": items}


def _note(lang: Lang) -> str | None:
    return TRANSLATION_NOTE if lang == "en" else None


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
