"""Compose a stated-facts answer (figures, table rows, footnote country lists, approaches)
and a refusal with the sections or example questions to try. Quotes from the report's prose
and sections' openings are composed in ``quotes.py``.

``Responder`` holds what composing needs (the report's facts, IDF weights); it decides
nothing about which answer is right: the service weighs the candidates it composes.
"""

from __future__ import annotations

from collections.abc import Sequence

from rivs_qa.answer import compose, matching, refusals
from rivs_qa.answer.citations import Citations, QuoteMemo
from rivs_qa.answer.contract import AnswerItem, AskResponse, Fact, Suggestion
from rivs_qa.answer.conversation import AnswerRefs, Resolution
from rivs_qa.answer.examples import Examples
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.lookup import Lookup
from rivs_qa.answer.vocab import tokenize
from rivs_qa.lang import Lang
from rivs_qa.report.model import Indicator, Report
from rivs_qa.report.translation import TRANSLATION_NOTE
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.text import split_sentences

#: A refusal suggests a section when one of its passages shares this much subject weight
#: with the question: one word found in at most about a third of the passages. Below it,
#: the "nearest" sections are only near in the embedding space and would mislead.
SUGGEST_MIN = 1.0


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
        self.weights = matching.key_weights(c.text for c in chunks)
        self.weights_en = matching.key_weights((c.text_en or "" for c in chunks), "en")
        #: per section, its sentence that speaks of priority ("Prioritāra nozīme būtu
        #: jāpiešķir …"), and that sentence's passage: the lead of the section's priorities
        self.priority_lines = _priority_lines(chunks, keys)

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
                how_many = f.wants_count and f.count_target == "countries"
                texts.append(compose.row_answer(row, group, self.facts.countries, lang, how_many))
        for use in found.footnotes:
            n = cites.add_marker(use, hits)
            if f"fn.{use.footnote.n}" in self.facts.chunks:  # and the footnote's own list
                cites.add_ref(f"fn.{use.footnote.n}", hits)
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
                which = f"footnote {n_}" if lang == "en" else f"{n_}. zemsvītras piezīme"
                texts.append(compose.membership(
                    f.countries, {which: use.footnote.countries}, self.facts.countries, lang
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
            lead = self._priority_lead(found, f.countries, cites, hits, lang)
            if lead:  # the report's own sentence on what has priority, then the list
                approaches = compose.Listing(f"{lead} {approaches.lead}", approaches.items)
            texts.append(approaches.text())
            listing = listing or approaches
        cites.fill(hits, top_k)
        refs = AnswerRefs(
            indicator_ids=tuple(i.id for i in found.indicators),
            table_row_ids=tuple(r.id for r in rows) if not found.overview else (),
            footnotes=tuple(u.footnote.n for u in found.footnotes),
            approach_ids=tuple(a.id for a in found.approaches),
            # a figure's or a row's own area: "… not in education, employment or training"
            # reads as education, its figure (NEET) is employment's
            domain=found.indicators[0].domain
            if found.indicators
            else rows[0].domain
            if rows and not found.overview
            else None,
        )
        response = AskResponse(
            session_id=session_id, lang=lang, answerable=True, answer=" ".join(texts),
            resolved_question=res.question, facts=facts, citations=cites.items,
            translation_note=note_for(lang), **items_of(listing, listed),
        )  # fmt: skip
        return response, refs

    def _priority_lead(
        self,
        found: Lookup,
        countries: Sequence[str],
        cites: Citations,
        hits: Sequence[Hit],
        lang: Lang,
    ) -> str:
        """For a section's priorities (no country asked), the section's sentence on what
        has priority, quoted and cited first; "" when there is none."""
        sections = {a.section_id for a in found.approaches}
        if countries or len(sections) != 1 or any(a.kind != "priority" for a in found.approaches):
            return ""
        line = self.priority_lines.get(sections.pop())
        if line is None:
            return ""
        chunk, sentence = line
        n = cites.add_quote(chunk, hits, sentence)
        cites.promote([n])
        quoted = cites.items[0]
        title = quoted.section_title
        return compose.extractive_answer(
            [(title, quoted.quote_en if lang == "en" else quoted.quote)], lang
        )

    def abstain(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        hits: Sequence[Hit],
        reason: str,
        keys: Sequence[str],
        nearest: AskResponse | None = None,
    ) -> AskResponse:
        """A refusal; it suggests the nearest sections that share a subject word with the
        question, or, when none does, example questions the report answers. ``nearest``:
        the candidate answer that came nearest, said and cited as what the report does say,
        without claiming it answers."""
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
        answer = refusals.abstain_answer(lang, reason, [s.title for s in suggestions])
        examples = [] if suggestions else self.examples.offer(lang, res.question)
        refusal = AskResponse(
            session_id=session_id, lang=lang, answerable=False, answer=answer,
            resolved_question=res.question, suggestions=suggestions, examples=examples,
        )  # fmt: skip
        if nearest is None:
            return refusal
        return refusal.model_copy(
            update={
                "answer": refusals.with_nearest(answer, nearest.answer, lang),
                "citations": nearest.citations,
                "translation_note": nearest.translation_note,
            }
        )


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


def items_of(listing: compose.Listing | None, cited: Sequence[int]) -> dict[str, object]:
    """The response's ``lead`` and ``items`` for an answer that gives several items."""
    if listing is None or not listing.items:
        return {}
    items = [
        AnswerItem(text=text, citations=[n] if n else [])
        for text, n in zip(listing.items, [*cited, *[0] * len(listing.items)], strict=False)
    ]
    return {"lead": listing.lead, "items": items}


def note_for(lang: Lang) -> str | None:
    return TRANSLATION_NOTE if lang == "en" else None


def _priority_lines(chunks: Sequence[Chunk], keys: KeyIndex) -> dict[str, tuple[Chunk, str]]:
    """Per section, the first sentence of its paragraphs that names the priorities facet."""
    terms = keys.vocab.facets["priorities"].terms
    out: dict[str, tuple[Chunk, str]] = {}
    for c in chunks:
        if c.kind != "paragraph" or c.section_id in out:
            continue
        for sentence in split_sentences(c.text):
            if terms.spans(tokenize(sentence)):
                out[c.section_id] = (c, sentence)
                break
    return out
