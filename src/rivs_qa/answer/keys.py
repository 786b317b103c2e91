"""The index's lemma keys as the answer layer weighs them: a question's keys, each chunk's
keys and years, IDF over the chunks, and the keys that name no subject.

``KeyIndex`` is built once per service from the search engine's chunks. The question's keys
come from the engine's own query analysis (English words with the glossary's Latvian), so
the answer layer and the search compare the same keys.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rivs_qa.answer import compared, matching, subject
from rivs_qa.answer.conversation import Resolution
from rivs_qa.answer.intent import QuestionFeatures
from rivs_qa.answer.vocab import TermSet, Vocab, tokenize
from rivs_qa.answer.weights import SubjectWeights, stem
from rivs_qa.answer.years import (
    asked_years,
    own_year,
    source_years,
    table_source_years,
    without_own_year,
)
from rivs_qa.lang import Lang
from rivs_qa.report.countries import CountryResolver
from rivs_qa.report.model import Domain, Report
from rivs_qa.search.engine import SearchEngine
from rivs_qa.search.lemmas import lemmatize_tokens
from rivs_qa.search.model import Chunk, Hit
from rivs_qa.text import split_sentences

#: Texts whose keys are kept: question texts, labels, quotes.
KEYS_CACHE = 8192


class KeyIndex:
    def __init__(self, report: Report, engine: SearchEngine, vocab: Vocab) -> None:
        self.engine = engine
        self.vocab = vocab
        self._keys = lru_cache(maxsize=KEYS_CACHE)(self._query_keys)
        self._both = lru_cache(maxsize=KEYS_CACHE)(self._both_keys)
        self.chunk_keys = {c.chunk_id: _chunk_keys(c) for c in engine.chunks}
        # a passage naming a legal act by its code ("Direktīvas 2000/43/EK") also holds the
        # words of the name the report gives it once ("Rasu vienlīdzības direktīvas
        # (Direktīva 2000/43/EK)"): a question asks by either
        for code, named in act_names(engine.chunks).items():
            for c in engine.chunks:
                if code in c.text or code in (c.text_en or ""):
                    self.chunk_keys[c.chunk_id] |= named
        self.idf = _idf(self.chunk_keys.values())
        self.n_docs = len(self.chunk_keys)
        self.subject_weights = SubjectWeights.of(self.idf, self.n_docs)
        #: keys that say nothing about a subject: frame words and country names
        self.frame = _frame_keys(vocab, report)
        self._frame_stems = {stem(k) for k in self.frame}
        #: keys of the words that ask for a kind of answer ("cik liela daļa", "which")
        self.ask = _term_keys(
            vocab.which, vocab.where, vocab.count_cues, vocab.statistic,
            vocab.measure_nouns, vocab.area_words, vocab.footnote_words,
        )  # fmt: skip
        #: keys of the national bodies' names ("contact points", "VKRJ"): what a question
        #: asking which of them asks for, not its subject
        self.bodies = _term_keys(vocab.national_bodies)
        #: keys of the words naming women, men or sex ("sievietēm", "by gender"): a
        #: figure's breakdown, not a subject of its own
        self._genders = _term_keys(vocab.sexes, *(slot.terms for slot in vocab.genders.values()))
        #: the year the report names itself by ("šajā 2019. gada ziņojumā")
        self.own_year = own_year(report)
        #: keys of each chunk's section title path, in both languages, with every word of
        #: the facet its own title names ("Politikas apguve" / "Policy learning": "lessons",
        #: "atziņas", "takeaways")
        facet_words = {facet: _term_keys(slot.terms) for facet, slot in vocab.facets.items()}
        self.section_keys = {
            c.chunk_id: set(lemmatize_tokens(" ".join(c.section_path_lv), "lv"))
            | set(lemmatize_tokens(" ".join(c.section_path_en), "en"))
            | set().union(*(facet_words[f] for f in _title_facets(c, vocab)))
            for c in engine.chunks
        }
        #: the facets each section's own title names ("4.3. Politikas apguve": policy
        #: learning): what tells an area's subsections apart
        self.section_facets = {c.section_id: _title_facets(c, vocab) for c in engine.chunks}
        resolver = CountryResolver(report.countries)
        #: the countries each chunk names, by code or by name (both languages)
        self.chunk_countries = {
            c.chunk_id: set(resolver.resolve(f"{c.text}\n{c.text_en or ''}")) for c in engine.chunks
        }
        #: the keys of each sentence of the report, by language: a name is heard when all
        #: its words stand in one sentence
        self._sentences = {
            lang: [
                frozenset(
                    k[:n]
                    for k in lemmatize_tokens(sentence, lang)
                    for n in range(3, subject.STEM + 1)
                )
                for c in engine.chunks
                for sentence in split_sentences((c.text_en or "") if lang == "en" else c.text)
            ]
            for lang in ("lv", "en")
        }
        #: the years each passage states; a table row's include its table's source line;
        #: not the report's own year where it names itself ("šajā 2019. gada ziņojumā")
        sources = table_source_years(report)
        self.chunk_years = {
            c.chunk_id: asked_years(f"{c.context or ''} {c.text}", self.own_year)
            | source_years(c, sources)
            for c in engine.chunks
        }
        #: every word of the report (both languages), of the country names and of the
        #: glossary's English phrases ("ecec": the report's words for it are Latvian)
        self.vocabulary = subject.Vocabulary.of(
            [t for c in engine.chunks for t in (c.context, c.text, c.text_en, c.context_en) if t]
            + [w for c in report.countries for w in (c.name_lv, c.name_en, *c.forms)]
            + list(engine.glossary.entries)
        )

    def keys(self, text: str, lang: Lang) -> list[str]:
        """The index keys of a question (English ones with the glossary's Latvian); the
        same labels and quotes recur from question to question, so they are cached."""
        return list(self._keys(text, lang))

    def content_keys(self, text: str, lang: Lang) -> set[str]:
        """The keys of ``text`` less its frame words and the words asking for a kind of
        answer ("cik", "which", "in total")."""
        return set(self._keys(text, lang)) - self.frame - self.ask

    def part_keys(self, text: str, lang: Lang) -> set[str]:
        """The keys by which one ask of a question names a line: its content keys less the
        words for women and men, which ask a figure's breakdown ("…, and the gap between
        women and men?"), not a line of their own."""
        return self.content_keys(text, lang) - self._genders

    def asked_years(self, question: str) -> set[str]:
        """The years a question asks about (``asked_years`` with the report's own year)."""
        return asked_years(question, self.own_year)

    def without_own_year(self, question: str) -> str:
        """The question less the report's own year where it names the report by it."""
        return without_own_year(question, self.own_year)

    def keys_in_both(self, texts: Iterable[str]) -> set[str]:
        """The keys of ``texts`` read as Latvian and as English (a quote and its
        translation, a title), each text's cached: answers quote the same passages again."""
        out: set[str] = set()
        for text in texts:
            out |= self._both(text)
        return out

    def warm_up(self) -> None:
        """Key every passage of the report and each of its sentences, in both languages,
        into the cache (a few tenths of a second), so that a quote is rarely keyed while a
        question waits: most quotes are one of them."""
        for chunk in self.engine.chunks:
            for text in (chunk.text, chunk.text_en or ""):
                for part in (text, *split_sentences(text)):
                    self._both(part)

    def _both_keys(self, text: str) -> frozenset[str]:
        return frozenset(self._keys(text, "lv")) | frozenset(self._keys(text, "en"))

    def _query_keys(self, text: str, lang: Lang) -> tuple[str, ...]:
        return tuple(self.engine.lexical.query_terms(text, lang, self.engine.glossary).terms)

    def unheard_names(self, question: str, lang: Lang) -> list[str]:
        """Names of several words ("European Court of Human Rights") whose words, country
        names, frame words and two-letter ones ("EU") aside, no sentence of the report holds
        all together: a body or programme the report does not discuss, though it uses each
        word somewhere ("European", "Human Rights")."""
        out = []
        for name in subject.full_names(question):
            words = [w for w in name if len(w) > 2]
            keys = {k for w in words for k in lemmatize_tokens(w, lang)} - self.frame
            # by their first letters, as ``subject.Vocabulary.knows``: "Race" meets "racial"
            stems = {subject.name_stem(k) for k in keys}
            if stems and not any(stems <= sentence for sentence in self._sentences[lang]):
                out.append(" ".join(name))
        return out

    def brought(self, res: Resolution) -> set[str]:
        """The subject keys this turn's own words bring: its subject words (no frame, slot or
        country words, no verb of an ask for countries or a count), those the report has at
        all (by ``stem``). A follow-up naming a country, a gender or the enlargement
        countries brings that, not words: none ("Un kā tas sadalās starp sievietēm un
        vīriešiem?", "and in the enlargement region?")."""
        f = res.features
        if f.countries or f.names_gender or f.country_group == "enlargement":
            return set()
        return self.subject_keys(" ".join(f.subject_words), res.lang)

    def subject_keys(self, text: str, lang: Lang) -> set[str]:
        """The keys of ``text`` that may name a subject: no frame words, no verb of an ask,
        only keys the report has at all (by ``stem``)."""
        keys = self.content_keys(text, lang)
        return {
            k for k in keys
            if stem(k) not in self._frame_stems and stem(k) in self.subject_weights.by_stem
        }  # fmt: skip

    def other_side(self, question: str, lang: Lang) -> set[str]:
        """The subject keys of the other side of a comparison the question asks for
        (``compared.sides``) that its first side does not name; none when that side names a
        policy area ("… compared to education?"): the report compares its areas."""
        both = compared.sides(question)
        if both is None:
            return set()
        first, side = both
        tokens = tokenize(side)
        if any(domain.terms.spans(tokens) for domain in self.vocab.domains.values()):
            return set()
        return self.subject_keys(side, lang) - self.subject_keys(first, lang)

    def domain_keys(
        self, question: str, f: QuestionFeatures, domain: Domain | None = None
    ) -> set[str]:
        """Keys of the words that name ``domain`` (default: the question's chosen one)."""
        domain = domain or f.domain
        if domain is None:
            return set()
        tokens = tokenize(question)
        spans = self.vocab.domains[domain].terms.spans(tokens)
        words = " ".join(tokens[i].text for start, end in spans for i in range(start, end))
        return set(self.keys(words, f.lang)) if words else set()

    def support(self, keys: Sequence[str], hits: Sequence[Hit]) -> float:
        """Summed IDF of the query keys that the best of ``hits`` contains."""
        return max((self.shared_weight(keys, hit) for hit in hits), default=0.0)

    def shared_weight(self, keys: Sequence[str], hit: Hit) -> float:
        """Summed IDF of the subject keys (frame words out) of a question a hit contains."""
        chunk_keys = self.chunk_keys.get(hit.chunk.chunk_id, set())
        shared = (set(keys) - self.frame) & chunk_keys
        return math.fsum(self.idf.get(k, 0.0) for k in shared)  # exact: no order in a set


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


def _title_facets(chunk: Chunk, vocab: Vocab) -> frozenset[str]:
    """The facets a chunk's own section title names."""
    own = " ".join(path[-1] for path in (chunk.section_path_lv, chunk.section_path_en) if path)
    tokens = tokenize(own)
    return frozenset(f for f, slot in vocab.facets.items() if slot.terms.spans(tokens))


#: A legal act's code in parentheses after its name: "Rasu vienlīdzības direktīvas (Direktīva
#: 2000/43/EK)", "the Racial Equality Directive (Directive 2000/43/EC)".
_ACT = re.compile(r"((?:[^\W\d_]+ ){0,2}[^\W\d_]+) \([^()]*?\b(\d{4}/\d+)/[A-Z]+\)")


def act_names(chunks: Iterable[Chunk]) -> dict[str, set[str]]:
    """Per legal act's code ("2000/43"), the keys of the words (three at most) the report
    names it by before the code in parentheses, in each language."""
    out: dict[str, set[str]] = {}
    for c in chunks:
        for text, lang in ((c.text, "lv"), (c.text_en or "", "en")):
            for m in _ACT.finditer(text):
                out.setdefault(m.group(2), set()).update(lemmatize_tokens(m.group(1), lang))
    return out


def _chunk_keys(chunk: Chunk) -> set[str]:
    keys = set(lemmatize_tokens(f"{chunk.context or ''} {chunk.text}", "lv"))
    keys |= set(lemmatize_tokens(f"{chunk.text_en or ''} {chunk.context_en or ''}", "en"))
    return keys


def _idf(key_sets: Iterable[set[str]]) -> dict[str, float]:
    """``log(N / df)``: 0 for a key in every chunk, ~5.7 for one in a single chunk of 302."""
    n, df = matching.document_frequencies(key_sets)
    return {k: math.log(n / d) for k, d in df.items()}
