"""One conversational turn: interpret → candidates → verify → select or abstain → compose.

``AnswerService`` holds the long-lived parts (report facts, search engine, session store,
vocabulary, verifier) and answers an :class:`AskRequest`. No HTTP here; the route maps
errors.

1. **interpret** (``conversation.interpret``): language, features, and a follow-up resolved
   into a whole question.
2. Search, then the structured **lookup** (``lookup.py``) picks the fact its rules prefer.
3. A question is refused before any candidate when it asks for a 2016 figure about one
   country, names a year or a place the report never mentions, or when its best passage is
   too far (cosine below ``min_similarity``) or shares too little of its subject
   (``MIN_SUPPORT``).
4. **candidates** (``candidates.py``): the lookup's pick, other facts of the window that
   match, a pair of figures, a section's opening and a prose quote, each composed
   (``respond.py``).
5. **verify** (``features.py``, ``verify.py``): each candidate's probability of being right.
6. **select or abstain** (``select.py``): the most probable candidate, or a refusal that
   names what the report says nearby.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rivs_qa.answer import features, figures, phrases, siblings, subject
from rivs_qa.answer.candidates import candidates
from rivs_qa.answer.citations import QuoteMemo
from rivs_qa.answer.contract import MAX_QUESTION_CHARS, AskRequest, AskResponse
from rivs_qa.answer.conversation import AnswerRefs, interpret, update_state
from rivs_qa.answer.examples import Examples, load_examples
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.figures import FigureWords
from rivs_qa.answer.intent import CountryLookup
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.lookup import lookup
from rivs_qa.answer.marks import FootnoteMarks
from rivs_qa.answer.negation import claim_negated
from rivs_qa.answer.quotes import Quoter
from rivs_qa.answer.respond import Responder
from rivs_qa.answer.select import Option, ask_cuts, flipped, list_parts, verdict
from rivs_qa.answer.sessions import MemorySessionStore, SessionStore, new_session_id
from rivs_qa.answer.spelling import Speller
from rivs_qa.answer.titles import SectionTitles
from rivs_qa.answer.totals import TotalLines
from rivs_qa.answer.verify import Verifier
from rivs_qa.answer.vocab import Vocab, load_vocab
from rivs_qa.answer.years import covers_years, report_years
from rivs_qa.config import Settings, get_settings
from rivs_qa.errors import BadQuestion
from rivs_qa.lang import Lang, detect_lang
from rivs_qa.report.countries import CountryResolver
from rivs_qa.report.model import Indicator, Report
from rivs_qa.search.engine import SearchEngine
from rivs_qa.search.model import Hit

#: Hits searched per question: enough for the structured window and the citations.
SEARCH_DEPTH = 10
#: Default abstention threshold on the top hit's cosine similarity (multilingual-e5-small);
#: calibrated with ``rivs-qa eval --answers`` on the dev set, see README.
MIN_SIMILARITY = 0.70
#: A question (not a follow-up) must share this much IDF weight of subject words with one
#: of the first hits to be answered: one fairly distinctive word (IDF ≥ 2.5, in at most ~25
#: of 302 chunks) or two common ones. Frame words and country names do not count.
MIN_SUPPORT = 2.5
#: A section's title covering this share of a question's subject is all the question names.
WHOLE_TITLE = 0.99
#: Conversations run once at startup (``warm_up``): a figure, a table count, a footnote list,
#: a quoted passage, approaches, follow-ups and a refusal, in Latvian and English.
WARM_UP: tuple[tuple[str, ...], ...] = (
    ("Cik romu vecumā no 20 līdz 64 gadiem strādā algotu darbu?", "Un sievietes?"),
    ("Cik pasākumu valstis īstenoja veselības jomā?", "Kuras valstis?"),
    ("What did the report find about Roma housing conditions?", "And in health?"),
    ("Which promising approaches does Finland have?", "What is the weather in Riga?"),
)


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
        settings: Settings | None = None,
        min_similarity: float = MIN_SIMILARITY,
        max_question_chars: int = MAX_QUESTION_CHARS,
    ) -> None:
        self.report = report
        self.engine = engine
        self.sessions = sessions
        # curated data not passed in comes from the settings' paths
        settings = settings or get_settings()
        self.vocab = vocab if vocab is not None else load_vocab(settings.vocab_path)
        examples = examples or load_examples(settings.examples_path)
        #: None loads the settings' verifier file when it exists; "off" answers ungated
        self.verifier = (
            None if verifier == "off" else verifier or Verifier.load(settings.verifier_path)
        )  # fmt: skip
        self.countries = countries if countries is not None else CountryResolver(report.countries)
        self.facts = ReportFacts.build(report, engine.chunks)
        self._totals = TotalLines.of(self.facts, engine.chunks, self.vocab)
        # the passages carrying footnote markers, each once (for the report-wide footnote)
        self._marked = list({c.chunk_id: c for c in self.facts.marker_chunks.values()}.values())
        self.min_similarity = min_similarity
        self.max_question_chars = max_question_chars
        self._years = report_years(report)
        self.keys = KeyIndex(report, engine, self.vocab)
        self.speller = Speller.of(self.keys.vocabulary, report, engine)
        self.figure_words = FigureWords(self.facts, self.keys, self.vocab, engine.glossary.entries)
        self.respond = Responder(report, self.facts, engine.chunks, self.keys, examples)
        weights = (self.respond.weights, self.respond.weights_en)
        self.quotes = Quoter(report, self.facts, engine.chunks, self.keys, weights)
        self.titles = SectionTitles(report, engine)
        # the footnote markers the report prints inline go back into the chosen citations
        path = settings.report_path
        printed = path.read_text(encoding="utf-8") if path.is_file() else ""
        self.marks = FootnoteMarks.of(report, engine.chunks, printed)

    # -- the turn --------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Key the report's passages and sentences, then run a few whole conversations
        (both languages, structured, extractive and follow-up turns) in a throwaway
        in-memory store, so every lazily built table and code path is ready before the
        first request (and before memory is first sampled). The configured store is not
        touched: Redis may still be starting."""
        self.keys.warm_up()
        self.titles.warm_up()
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

    def search(self, query: str, k: int, mode: str, lang: Lang | None) -> tuple[list[Hit], Lang]:
        """Ranked passages, no conversation; ``lang`` None detects the query's language."""
        if not query.strip():
            raise BadQuestion("the query is empty")
        used: Lang = lang or detect_lang(query)
        return self.engine.search(query, k=k, mode=mode, lang=used), used

    def _turn(self, req: AskRequest, sessions: SessionStore) -> tuple[AskResponse, list[Option]]:
        if len(req.question) > self.max_question_chars:
            raise BadQuestion(
                f"the question has {len(req.question)} characters; at most "
                f"{self.max_question_chars} allowed"
            )
        session_id = req.session_id or new_session_id()
        state = sessions.get(session_id)
        typed_lang = detect_lang(req.question, default=state.lang if state is not None else "lv")
        question = self.speller.mend(req.question, typed_lang)
        res = interpret(question, state, countries=self.countries, vocab=self.vocab)
        lang: Lang = req.lang or res.lang
        if (
            res.is_followup
            and state is not None
            and siblings.about_figure_asked(res.features, state)
        ):
            res = siblings.follow(res, state.indicator_id, self.facts.indicators, self.keys)
        f = res.features
        searched = self.keys.without_own_year(res.question)  # "this 2019 assessment"
        hits = self.engine.search(searched, k=max(req.top_k, SEARCH_DEPTH), lang=res.lang)
        index = self.keys
        keys = index.keys(res.question, res.lang)
        key_set = set(keys)
        weights, weights_en = self.respond.weights, self.respond.weights_en
        match = phrases.PhraseMatch.of(index, res, key_set, (weights, weights_en))
        found = lookup(self.facts, f, res.hints, hits, match, by_match=match.brings_words)
        reason = found.gap or self._year_gap(res.question)
        if reason is None and (
            subject.unknown_names(res.question, f.topic_words, index.vocabulary)
            or index.unheard_names(res.original, res.lang)
        ):
            reason = "unsupported"  # names a place or body the report never mentions
        top = hits[0].dense_score if hits and hits[0].dense_score is not None else 1.0
        if reason is None and top < self.min_similarity:
            reason = "low_similarity"
        by_country = found.kind == "approach" and bool(f.countries)  # exact data, no words needed
        # a section whose title the question names ("the conclusions") supports it by its
        # title, though its passages may rank below the words the title does not share
        broad = not (f.countries or f.wants_countries or f.wants_count or f.wants_statistic)
        # what the answer must cover: every subject word, the domain's included, but not
        # the words that say what kind of answer is wanted ("cik liela daļa"); the domain
        # names a section too ("policy learning in housing" is housing's, not education's)
        asked = key_set - index.frame - index.ask - (index.bodies if f.which_bodies else set())
        named = (
            self.quotes.named_section(asked, lambda: self.titles.closeness(res.question), f.facets)
            if broad
            else None
        )
        section = named[0] if named else None
        # … and is the rule's answer when its title is all the question names
        titled = named is not None and named[1] >= WHOLE_TITLE
        if (
            reason is None
            and not res.is_followup
            and not by_country
            and section is None
            and index.support(keys, hits[: features.SUPPORT_FROM]) < MIN_SUPPORT
        ):
            reason = "unsupported"
        if reason is not None:
            response = self.respond.abstain(session_id, lang, res, hits, reason, keys)
            sessions.put(session_id, update_state(state, res, AnswerRefs()))
            return self.marks.apply(response), []

        # a follow-up's own words say whether it asks twice: its resolved text joins the last
        # subject's words ("… employment or training — how does it break down by gender?")
        # a part naming no subject asks nothing ("In total, how many …?"); one naming only
        # women and men asks for a figure's breakdown ("…, un kā tas atšķiras sievietēm?")
        def names(part: str) -> bool:
            return bool(index.part_keys(part, res.lang))

        asked_text = res.original if res.is_followup else res.question
        cuts = ask_cuts(asked_text, names)
        items = list_parts(asked_text, names)
        parts = cuts[0] if cuts else None

        # one ask for a total; two asks pair their figures part by part, a total among them
        totals = self._totals if f.asks_total and parts is None else None
        if totals:  # "kopumā": the lookup's figure stands for its box's total line
            found = totals.apply(found)

        def score(part: str) -> Callable[[Indicator], float]:
            return figures.part_score(index, (weights, weights_en), part, res.lang)

        options: list[Option] = []
        memo: QuoteMemo = {}  # the candidates cite from the same hits
        turn = features.TurnReading.of(index, res, keys, hits)
        asked_parts = self.figure_words.asked(res.question, res.lang)
        for option in candidates(
            self.facts, hits, match, found,
            part_scores=[
                (score(cut.first), score(cut.second), cut.asking)
                for n, cut in enumerate(cuts)
                if n == 0 or cut.asking  # a later cut inside a list is no second ask
            ],
            item_scores=[score(item) for item in items],
            section=section,
            names_subject=bool(f.topic_words),
            marked=self._marked if f.wants_countries else (),
            claim_fits=lambda lv, en: not turn.negated
            or claim_negated(lv, en, res.lang, index.vocabulary.has),
            totals=totals,
        ):  # fmt: skip
            refs = AnswerRefs()
            if option.found:
                response, refs = self.respond.structured(
                    session_id, lang, res, option, hits, keys, req.top_k, memo
                )
            elif option.section is not None:
                response = self.quotes.opening(
                    session_id, lang, res, option.section, hits, keys, req.top_k, memo
                )
            else:
                response = self.quotes.extractive(
                    session_id, lang, res, hits, keys, req.top_k, memo
                )
                # a quote of a figure's line gives that figure: a follow-up may ask for its
                # neighbour ("… and at work?")
                quoted = self.figure_words.quoted(response)
                refs = AnswerRefs(indicator_ids=(quoted.id,)) if quoted else AnswerRefs()
            # without a structured pick, the rule's answer is the prose: the opening of the
            # section the question names by its title, else the best-matching quote; so it
            # is for a why-question, which no figure, row, list of countries or approach answers
            structured = found.found and not f.reason
            rule_pick = (structured and option is found) or (
                not structured
                and not option.found
                and option.section == (section if titled else None)
            )
            x = features.read(
                index, turn, self.facts.countries, res, option, response, hits, asked,
                rule_pick, two_asks=parts is not None,
                totals=totals,
                areas=phrases.areas(self.facts, option.footnotes, response),
                unnamed_part=self.figure_words.unmet(asked_parts, option, response),
                part_unsaid=self.figure_words.unsaid(asked_parts.unnamed, response),
            )  # fmt: skip
            options.append(Option(response, refs, x, float(rule_pick)))
        best, accepted = verdict(options, self.verifier)
        if accepted:
            response, refs = best.response, best.refs
        else:
            # say what the report does say nearby, cited, without claiming it answers;
            # the first rule the best candidate breaks says what the report lacks
            nearest, why = best.response, next(iter(best.features.unmet), "unverified")
            other = flipped(options, self.verifier.threshold_for) if self.verifier else None
            if other is not None:  # listed, but as a challenge where an achievement is asked
                nearest, why = other.response, f"{f.facet}_flipped"
            response = self.respond.abstain(session_id, lang, res, hits, why, keys, nearest)
            refs = AnswerRefs()
        sessions.put(session_id, update_state(state, res, refs))
        return self.marks.apply(response), options

    def _year_gap(self, question: str) -> str | None:
        return None if covers_years(self.keys.asked_years(question), self._years) else "year"
