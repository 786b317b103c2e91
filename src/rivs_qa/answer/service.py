"""One conversational turn: interpret → search → look up facts or quote → abstain if unsure.

``AnswerService`` holds the long-lived parts (report facts, search engine, session store,
vocabulary) and answers an :class:`AskRequest`. No HTTP here; the route maps errors.

Abstention (see README "Abstention"): a question is refused when
1. it asks for a 2016 figure about one country (the report's figures are not per country);
2. it names a year the report never mentions;
3. the best passage's raw cosine similarity (multilingual-e5) is below ``min_similarity``,
   calibrated on the dev set's unanswerable items (``rivs-qa eval`` prints the margin).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rivs_qa.answer import compose, subject, verify
from rivs_qa.answer.candidates import candidates
from rivs_qa.answer.citations import PROSE, Citations
from rivs_qa.answer.contract import (
    MAX_QUESTION_CHARS,
    AnswerItem,
    AskRequest,
    AskResponse,
    Citation,
    Fact,
    Suggestion,
)
from rivs_qa.answer.conversation import AnswerRefs, Resolution, interpret, update_state
from rivs_qa.answer.examples import EXAMPLES_FILE, Examples, load_examples
from rivs_qa.answer.intent import (
    CountryLookup,
    QuestionFeatures,
    TermSet,
    Vocab,
    load_vocab,
    tokenize,
)
from rivs_qa.answer.lang import Lang, detect_lang
from rivs_qa.answer.lookup import Lookup, ReportFacts, lookup
from rivs_qa.answer.sessions import MemorySessionStore, SessionStore, new_session_id
from rivs_qa.answer.verify import VERIFIER_FILE, AnswerFeatures, Verifier
from rivs_qa.errors import BadQuestion
from rivs_qa.report.align import lead_in
from rivs_qa.report.countries import CountryResolver, default_corpus_dir
from rivs_qa.report.model import Indicator, Report
from rivs_qa.report.translation import TRANSLATION_NOTE
from rivs_qa.search.engine import SearchEngine
from rivs_qa.search.lemmas import lemmatize_tokens
from rivs_qa.search.model import Chunk, Hit

#: Hits searched per question: enough for the structured window and the citations.
SEARCH_DEPTH = 10
#: Default abstention threshold on the top hit's cosine similarity (multilingual-e5-small);
#: calibrated with ``rivs-qa eval --answers`` on the dev set, see README.
MIN_SIMILARITY = 0.70
#: A question (not a follow-up) must share this much IDF weight of subject words with one
#: of the first ``SUPPORT_FROM`` hits to be answered: one fairly distinctive word (IDF ≥ 2.5, in
#: at most ~25 of 302 chunks) or two common ones. Frame words and country names do not count.
MIN_SUPPORT = 2.5
SUPPORT_FROM = 3
#: A refusal suggests a section when one of its passages shares this much subject weight
#: with the question: one word found in at most about a third of the passages. Below it,
#: the "nearest" sections are only near in the embedding space and would mislead.
SUGGEST_MIN = 1.0
#: The extractive answer quotes the best-matching of the first hits; each rank down costs
#: this share of the sentence's match score, so a much better sentence may win from rank 3.
EXTRACT_FROM = 3
RANK_DECAY = 0.2
#: A question names a section when its subject words weigh this much in the section's title
#: path: one word found in at most about a fifth of the passages.
SECTION_NAMED_MIN = 1.6
#: A section's opening, as the answer to a broad question, quotes this many sentences.
OPENING_SENTENCES = 2
#: An answer quoting a list gives its lead-in and at most this many of its cited items.
LIST_ITEMS = 3
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_CITED = re.compile(r" \[(\d+(?:, \d+)*)\]$")  # an extractive answer's "[1, 3]"
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[\w']+")
_JOINED = re.compile(r"\b(and|or|un|vai|kā arī|as well as)\b|[,;–—-] *(cik|how many|what)\b", re.I)
#: Conversations run once at startup (``warm_up``): a figure, a table count, a footnote list,
#: a quoted passage, approaches, follow-ups and a refusal, in Latvian and English.
WARM_UP: tuple[tuple[str, ...], ...] = (
    ("Cik romu bērnu apmeklē pirmsskolu?", "Un zēniem?"),
    ("Cik pasākumu valstis īstenoja veselības jomā?", "Kuras valstis?"),
    ("What did the report find about Roma housing conditions?", "And in health?"),
    ("Which promising approaches does Finland have?", "What is the weather in Riga?"),
)


@dataclass
class Turn:
    """What one answered turn used, for the conversation state and logs."""

    resolution: Resolution
    response: AskResponse


class AnswerService:
    def __init__(
        self,
        report: Report,
        engine: SearchEngine,
        sessions: SessionStore,
        *,
        vocab: Vocab | None = None,
        countries: CountryLookup | None = None,
        examples: Examples | None = None,
        verifier: Verifier | None | Literal["off"] = None,
        min_similarity: float = MIN_SIMILARITY,
        max_question_chars: int = MAX_QUESTION_CHARS,
    ) -> None:
        self.report = report
        self.engine = engine
        self.sessions = sessions
        self.vocab = vocab if vocab is not None else load_vocab()
        self.examples = examples or load_examples(default_corpus_dir() / EXAMPLES_FILE)
        #: None loads corpus/verifier.json when it exists; "off" answers ungated (training)
        self.verifier = (
            None if verifier == "off"
            else verifier or Verifier.load(default_corpus_dir() / VERIFIER_FILE)
        )  # fmt: skip
        self.countries = countries if countries is not None else CountryResolver(report.countries)
        self.facts = ReportFacts.build(report, engine.chunks)
        self.min_similarity = min_similarity
        self.max_question_chars = max_question_chars
        self._years = _report_years(report)
        self.weights = compose.key_weights(c.text for c in engine.chunks)
        self.weights_en = compose.key_weights((c.text_en or "" for c in engine.chunks), "en")
        self._chunk_keys = {c.chunk_id: _chunk_keys(c) for c in engine.chunks}
        self._support_idf = _idf(self._chunk_keys.values())
        self._subject_weights = verify.SubjectWeights.of(self._support_idf, len(self._chunk_keys))
        self._frame_keys = _frame_keys(self.vocab, report)
        self._ask_keys = _term_keys(
            self.vocab.which, self.vocab.where, self.vocab.count_cues, self.vocab.statistic,
            self.vocab.measure_nouns, self.vocab.area_words, self.vocab.footnote_words,
        )  # fmt: skip
        self._chunk_refs = {c.chunk_id: c.ref_id or "" for c in engine.chunks}
        self._chunk_years = {
            c.chunk_id: set(_YEAR.findall(f"{c.context or ''} {c.text}")) for c in engine.chunks
        }
        self._lists = _lists(report)
        self._openings = _openings(report, engine.chunks)
        self._leads = {lead for lead, _, _ in self._lists.values()}
        self._vocabulary = subject.Vocabulary.of(
            [t for c in engine.chunks for t in (c.context, c.text, c.text_en, c.context_en) if t]
            + [w for c in report.countries for w in (c.name_lv, c.name_en, *c.forms)]
        )

    # -- the turn --------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Run a few whole conversations (both languages, structured, extractive and
        follow-up turns) in a throwaway in-memory store, so every lazily built table and
        code path is ready before the first request (and before memory is first sampled).
        The configured store is not touched: Redis may still be starting."""
        store = MemorySessionStore(60, len(WARM_UP))
        for n, turns in enumerate(WARM_UP):
            for question in turns:
                self._turn(AskRequest(question=question, session_id=f"warm-up-{n}"), store)

    def ask(self, req: AskRequest) -> AskResponse:
        return self._turn(req, self.sessions)[0]

    def explain(self, req: AskRequest) -> tuple[AskResponse, list[Option]]:
        """The answer and every candidate answer the verifier weighed (none for a refusal
        before it)."""
        return self._turn(req, self.sessions)

    def _turn(self, req: AskRequest, sessions: SessionStore) -> tuple[AskResponse, list[Option]]:
        if len(req.question) > self.max_question_chars:
            raise BadQuestion(
                f"the question has {len(req.question)} characters; at most "
                f"{self.max_question_chars} allowed"
            )
        session_id = req.session_id or new_session_id()
        state = sessions.get(session_id)
        res = interpret(req.question, state, countries=self.countries, vocab=self.vocab)
        lang: Lang = req.lang or res.lang
        f = res.features
        hits = self.engine.search(res.question, k=max(req.top_k, SEARCH_DEPTH), lang=res.lang)
        keys = self._keys(res.question, res.lang)

        key_set = set(keys)

        # the question's own domain ("health" in "health mediators") is every candidate's
        # too: it cannot tell the report's phrases apart, so it does not count as naming one
        subject_keys = key_set - self._frame_keys - self._domain_keys(res.question, f)

        # what a follow-up adds ("— tiesu sistēmai") counts twice: it is what changed
        added = subject_keys & set(self._keys(res.qualifier, res.lang)) if res.qualifier else set()

        def match(phrase: str) -> float:
            score = compose.sentence_score(phrase, subject_keys, self.weights)
            return score + compose.sentence_score(phrase, added, self.weights)

        found = lookup(self.facts, f, res.hints, hits, match, by_match=bool(added))
        reason = found.gap or self._year_gap(res.question)
        if reason is None and subject.unknown_names(res.question, f.topic_words, self._vocabulary):
            reason = "unsupported"  # names a place or body the report never mentions
        top = hits[0].dense_score if hits and hits[0].dense_score is not None else 1.0
        if reason is None and top < self.min_similarity:
            reason = "low_similarity"
        by_country = found.kind == "approach" and bool(f.countries)  # exact data, no words needed
        if (
            reason is None
            and not res.is_followup
            and not by_country
            and self._support(keys, hits) < MIN_SUPPORT
        ):
            reason = "unsupported"

        options: list[Option] = []
        if reason is not None:
            response = self._abstain(session_id, lang, res, hits, reason, keys)
            refs = AnswerRefs()
        else:
            # what the answer must cover: every subject word, the domain's included, but
            # not the words that say what kind of answer is wanted ("cik liela daļa")
            asked = key_set - self._frame_keys - self._ask_keys

            def own_keys(ind: Indicator) -> set[str]:
                label = set(self._keys(ind.label_lv, "lv")) | set(self._keys(ind.label_en, "en"))
                return label & subject_keys

            for option in candidates(
                self.facts, hits, match, found,
                two_parts=_two_parts(res.question), own_keys=own_keys,
                section=self._named_section(subject_keys, res.lang),
            ):  # fmt: skip
                if option.found:
                    response, refs = self._structured(
                        session_id, lang, res, option, hits, keys, req.top_k
                    )
                elif option.section is not None:
                    response = self._opening(
                        session_id, lang, res, option.section, hits, keys, req.top_k
                    )
                    refs = AnswerRefs()
                else:
                    response = self._extractive(session_id, lang, res, hits, keys, req.top_k)
                    refs = AnswerRefs()
                rule_pick = option is found or (
                    not found.found and not option.found and option.section is None
                )
                x = self._features(res, option, response, hits, keys, asked, rule_pick)
                p = self.verifier.p_right(x) if self.verifier is not None else float(rule_pick)
                options.append(Option(response, refs, x, p))
            best = max(options, key=lambda o: o.p)  # the first of equals: the lookup's pick
            response, refs = best.response, best.refs
            if self.verifier is not None and best.p < self.verifier.threshold:
                nearest = response
                response = self._abstain(session_id, lang, res, hits, "unverified", keys)
                # say what the report does say nearby, cited, without claiming it answers
                response = response.model_copy(
                    update={
                        "answer": compose.with_nearest(response.answer, nearest.answer, lang),
                        "citations": nearest.citations,
                        "translation_note": nearest.translation_note,
                    }
                )
                refs = AnswerRefs()
        sessions.put(session_id, update_state(state, res, refs))
        return response, options

    def _features(
        self,
        res: Resolution,
        found: Lookup,
        response: AskResponse,
        hits: Sequence[Hit],
        keys: Sequence[str],
        subject: set[str],
        rule_pick: bool,
    ) -> AnswerFeatures:
        """What the verifier reads of a composed answer (``verify.AnswerFeatures``)."""
        f = res.features
        kind = (
            "indicator" if found.indicators
            else ("overview" if found.overview else "table_row") if found.rows
            else "footnote" if found.footnotes
            else "approach" if found.approaches
            else "section" if found.section
            else "list" if response.items
            else "extractive"
        )  # fmt: skip
        used = response.used_citations()
        answer_keys: set[str] = set()
        for c in response.citations:
            if c.n in used:
                answer_keys |= self._chunk_keys.get(c.chunk_id, set())
        n_docs = len(self._chunk_keys)
        coverage, missing, unknown = self._subject_weights.features(subject, answer_keys)
        cited = [c for c in response.citations if c.n in used]
        quotes = " ".join(f"{c.quote} {c.quote_en}" for c in cited)
        own = set(self._keys(quotes, "lv")) | set(self._keys(quotes, "en"))
        own_coverage = self._subject_weights.features(subject, own)[0]
        units_years = set().union(*(self._chunk_years.get(c.chunk_id, set()) for c in cited))
        year_missing = not set(_YEAR.findall(res.question)) <= units_years
        known = self._vocabulary.has
        negated = verify.negated(_words(res.question), res.lang, known)
        own_words = _words(" ".join(c.quote_en if res.lang == "en" else c.quote for c in cited))
        ids = [h.chunk.chunk_id for h in hits]
        first = cited[0].chunk_id if cited else None
        rank = (ids.index(first) / len(ids)) if first in ids else 1.0
        body = _CITED.sub("", response.answer)
        gives_countries = any(fact.countries for fact in response.facts) or any(
            w in self.facts.countries for w in _WORD.findall(body)
        )
        numeric = kind in ("indicator", "table_row", "overview") or bool(_DIGIT.search(body))
        top = hits[0] if hits else None
        return AnswerFeatures(
            kind=kind, followup=res.is_followup, subject_keys=len(subject), coverage=coverage,
            missing_max_idf=missing, unknown_share=unknown,
            support=self._support(keys, hits) / math.log(max(n_docs, 2)),
            asks_number=f.wants_statistic or f.wants_count,
            gives_number=numeric,
            asks_countries=f.wants_countries,
            gives_countries=gives_countries,
            names_countries=bool(f.countries),
            countries_matched=_matched(f.countries, response, used),
            dense_top=(top.dense_score or 0.0) if top else 0.0,
            margin=(hits[0].score - hits[1].score) if len(hits) > 1 else 0.0,
            rule_pick=rule_pick, own_coverage=own_coverage, year_missing=year_missing,
            negated=negated,
            negation_unmet=negated and not verify.negated(own_words, res.lang, known),
            hit_rank=rank, n_facts=len(response.facts),
            number_unmet=(f.wants_statistic or f.wants_count) and not numeric,
            countries_unmet=f.wants_countries and not gives_countries,
        )  # fmt: skip

    def search(self, query: str, k: int, mode: str, lang: Lang | None) -> tuple[list[Hit], Lang]:
        """Ranked passages, no conversation; ``lang`` None detects the query's language."""
        if not query.strip():
            raise BadQuestion("the query is empty")
        used: Lang = lang or detect_lang(query)
        return self.engine.search(query, k=k, mode=mode, lang=used), used

    # -- answer kinds ----------------------------------------------------------------------
    def _structured(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        found: Lookup,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
    ) -> tuple[AskResponse, AnswerRefs]:
        f = res.features
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en))
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

    def _extractive(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
    ) -> AskResponse:
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en))
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

    def _named_section(self, subject_keys: set[str], lang: Lang) -> str | None:
        """The section whose title (with its parents') the question's subject names best,
        when it names one at all (a broad "main conclusions", "the enlargement region")."""
        best: tuple[float, str] | None = None
        for sid, (path_lv, path_en, _) in self._openings.items():
            score = compose.sentence_score(path_lv, subject_keys, self.weights)
            if lang == "en":
                score += compose.sentence_score(path_en, subject_keys, self.weights_en, "en")
            if score >= SECTION_NAMED_MIN and (best is None or score > best[0]):
                best = (score, sid)
        return best[1] if best else None

    def _opening(
        self,
        session_id: str,
        lang: Lang,
        res: Resolution,
        section_id: str,
        hits: Sequence[Hit],
        keys: Sequence[str],
        top_k: int,
    ) -> AskResponse:
        """A section's opening sentences, quoted, as the answer to a broad question."""
        path_lv, path_en, chunk = self._openings[section_id]
        cites = Citations(self.facts, lang, keys, (self.weights, self.weights_en))
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

    def _abstain(
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
            if self._shared_weight(keys, hit) < SUGGEST_MIN:
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

    def _domain_keys(self, question: str, f: QuestionFeatures) -> set[str]:
        """Keys of the words that name the question's chosen domain."""
        if f.domain is None:
            return set()
        tokens = tokenize(question)
        spans = self.vocab.domains[f.domain].terms.spans(tokens)
        words = " ".join(tokens[i].text for start, end in spans for i in range(start, end))
        return set(self._keys(words, f.lang)) if words else set()

    def _keys(self, text: str, lang: Lang) -> list[str]:
        """The index keys of a question (English ones with the glossary's Latvian)."""
        return self.engine.lexical.query_terms(text, lang, self.engine.glossary).terms

    def _support(self, keys: Sequence[str], hits: Sequence[Hit]) -> float:
        """Summed IDF of the query keys that the best of the first hits contains."""
        return max((self._shared_weight(keys, hit) for hit in hits[:SUPPORT_FROM]), default=0.0)

    def _shared_weight(self, keys: Sequence[str], hit: Hit) -> float:
        """Summed IDF of the subject keys (frame words out) of a question a hit contains."""
        chunk_keys = self._chunk_keys.get(hit.chunk.chunk_id, set())
        shared = (set(keys) - self._frame_keys) & chunk_keys
        return sum(self._support_idf.get(k, 0.0) for k in shared)

    def _year_gap(self, question: str) -> str | None:
        years = set(_YEAR.findall(question))
        return "year" if years and not years <= self._years else None


@dataclass
class Option:
    """One candidate answer, composed, with what the verifier read of it and its verdict."""

    response: AskResponse
    refs: AnswerRefs
    features: AnswerFeatures
    p: float


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _two_parts(question: str) -> bool:
    """Whether a question joins two asks ("… and …", "… un …", "… vai …", "… un cik …")."""
    return bool(_JOINED.search(question))


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


def _matched(countries: Sequence[str], response: AskResponse, used: set[int]) -> float:
    """Share of the question's countries that the answer's facts or cited passages name."""
    if not countries:
        return 0.0
    named = {c for fact in response.facts for c in fact.countries}
    cited = " ".join(c.text for c in response.citations if c.n in used)
    found = [c for c in countries if c in named or re.search(rf"\b{re.escape(c)}\b", cited)]
    return len(found) / len(countries)


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


def _frame_keys(vocab: Vocab, report: Report) -> set[str]:
    """Keys that say nothing about a subject: question frame words ("what", "report",
    "ziņot") and country names and codes (a country alone does not make a question
    answerable: "What is the capital of France?")."""
    words = [w.rstrip("*") for term in vocab.frame.terms for w in term.words]
    for c in report.countries:
        words += [c.code, c.name_lv, c.name_en, *c.forms]
    return _word_keys(words)


def _term_keys(*term_sets: TermSet) -> set[str]:
    """Keys of the words of the vocabulary's terms (a trailing "*" dropped)."""
    return _word_keys([w.rstrip("*") for ts in term_sets for t in ts.terms for w in t.words])


def _word_keys(words: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for lang in ("lv", "en"):
        for w in words:
            keys.update(lemmatize_tokens(w, lang))  # type: ignore[arg-type]
    return keys


def _chunk_keys(chunk: Chunk) -> set[str]:
    keys = set(lemmatize_tokens(f"{chunk.context or ''} {chunk.text}", "lv"))
    keys |= set(lemmatize_tokens(f"{chunk.text_en or ''} {chunk.context_en or ''}", "en"))
    return keys


def _idf(key_sets: Iterable[set[str]]) -> dict[str, float]:
    """``log(N / df)``: 0 for a key in every chunk, ~5.7 for one in a single chunk of 302."""
    n, df = compose.document_frequencies(key_sets)
    return {k: math.log(n / d) for k, d in df.items()}


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


def _report_years(report: Report) -> set[str]:
    texts = [p.text for s in report.sections for p in s.paragraphs]
    texts += [f.text for f in report.footnotes]
    return {y for t in texts for y in _YEAR.findall(t)}
