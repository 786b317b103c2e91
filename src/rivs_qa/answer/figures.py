"""What the report's survey figures name: parts of a policy area that none names, and how
well a figure's label matches one ask of a question that asks twice (``part_score``).

The report's FRA 2016 figures cover some parts of each area (school segregation, paid
work, tap water …) and not others (pre-school, kindergartens, unemployment, vaccination).
A question about a part no figure names is not answered by the figure of a neighbouring
part: "Cik procentu romu bērnu apmeklē pirmsskolas izglītību?" is no question about
segregated schools, though both are education and both are about children attending.

:class:`FigureWords` reads a question's area terms (the vocabulary's domain terms) and keeps
those that name a part, not the area itself ("izglītība", "education"), in a long word
(``LONG`` letters or more: "pirmsskolas", "bērnudārzu", "darbavietā"; short words are often
a figure's synonyms: "job" for "work", "home" for "dwelling"). A part is named by a figure
when the words of the part, of its glossary translation or, for a Latvian word, of the
English phrases the glossary translates by it all stand in one figure's label and heading,
as index keys or by their ``weights.stem`` (the first six letters, folded). Only a figure
of the part's own area is its neighbour: "īrēt dzīvokli" in a question on discrimination is
the setting of a discrimination figure ("mēģinot noīrēt … mājokli"), not a part of housing
it lacks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rivs_qa.answer import matching
from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.answer.lookup import Lookup
from rivs_qa.answer.negation import claim_negated
from rivs_qa.answer.vocab import Vocab, tokenize
from rivs_qa.answer.weights import stem
from rivs_qa.lang import Lang
from rivs_qa.report.model import Domain, Indicator
from rivs_qa.search.lemmas import key_set, lemmatize_tokens

#: A part of an area is named in a word of at least this many letters.
LONG = 8
#: What each label word a part of a question does not name takes from the part's match.
UNSAID = 1e-3
#: What a part's match is multiplied by when the part negates and the label does not, or
#: the other way round ("didn't finish primary" is not "lower secondary").
NEGATION_MISMATCH = 0.5
_WORD = re.compile(r"[^\W\d_]+")
#: Letters a key and a label's key must both have for one's starting the other to count.
DERIVED = 5


def _derived_score(label: str, keys: set[str], weights: Mapping[str, float], lang: Lang) -> float:
    """``matching.sentence_score`` of a figure's label, where a key the label lacks also
    counts when one of the label's keys starts with it or it starts with one, both of
    ``DERIVED`` letters at least: the lemmatizer gives one adjective's forms different
    lemmas ("augstākajā" → "augstāks", "augstākā" → "augsts")."""
    exact = matching.sentence_score(label, keys, weights, lang)
    own = key_set(label, lang)
    derived = [
        k
        for k in keys - own
        if len(k) >= DERIVED
        and any(len(o) >= DERIVED and (o.startswith(k) or k.startswith(o)) for o in own)
    ]
    return exact + math.fsum(weights.get(k, 1.0) for k in derived)


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text))


@dataclass(frozen=True)
class AskedParts:
    """The parts of an area a question names (long words of an area's terms), by area."""

    unnamed: dict[Domain, tuple[str, ...]]  # … that no survey figure names
    named: dict[Domain, tuple[str, ...]]  # … that some survey figure names


class FigureWords:
    """What the report's survey figures name, to tell which parts of an area none names."""

    def __init__(
        self,
        facts: ReportFacts,
        index: KeyIndex,
        vocab: Vocab,
        glossary: Mapping[str, Sequence[str]],
    ) -> None:
        self.index = index
        self.vocab = vocab
        #: the chunk of each survey figure → the figure
        self._by_chunk = {
            chunk.chunk_id: facts.indicators[ref]
            for ref, chunk in facts.chunks.items()
            if ref in facts.indicators
        }
        #: each figure → the areas its label and heading name by a term of theirs, its own
        #: area among them ("… when trying to rent or buy housing": discrimination, housing)
        self._areas: dict[str, frozenset[Domain]] = {}
        self._named: list[tuple[frozenset[str], frozenset[str]]] = []
        for ind in facts.indicators.values():
            lv, en = f"{ind.group_lv} {ind.label_lv}", f"{ind.group_en} {ind.label_en}"
            keys = frozenset(index.keys(lv, "lv")) | frozenset(index.keys(en, "en"))
            self._named.append((keys, _stems(f"{lv} {en}")))
            tokens = tokenize(f"{lv} {en}")
            self._areas[ind.id] = frozenset(
                {ind.domain} | {d for d, slot in vocab.domains.items() if slot.terms.spans(tokens)}
            )
        #: Latvian key → the English phrases the glossary translates with a word of that key
        self._english: dict[str, list[str]] = {}
        for english, latvian in glossary.items():
            for phrase in latvian:
                for key in index.keys(phrase, "lv"):
                    self._english.setdefault(key, []).append(english)
        self._area_names = frozenset(
            key
            for slot in vocab.domains.values()
            for phrases in (*slot.forms.values(), {"": tuple(slot.label.values())})
            for forms in phrases.values()
            for phrase in forms
            for lang in ("lv", "en")
            for key in index.keys(phrase, lang)  # type: ignore[arg-type]
        )

    def quoted(self, response: AskResponse) -> Indicator | None:
        """The survey figure whose line ``response`` first cites, if any: a quote states
        that figure as a fact does."""
        used = response.used_citations()
        first = next((c for c in response.citations if c.n in used), None)
        return self._by_chunk.get(first.chunk_id) if first is not None else None

    def unmet(self, parts: AskedParts, found: Lookup, response: AskResponse) -> bool:
        """Whether the survey figures a candidate gives (or the one whose box it quotes
        first) leave a part the question names unnamed (``parts``, from :meth:`asked`): a
        part no figure names, of their own area or of an area none of their labels names
        ("hospital" for a figure of discrimination when shopping); or a part some figure
        names, of an area none of their labels names ("healthcare" for a figure of
        discrimination: its label names no health setting, so it does not name that part
        either). A part of an area a figure's label names is its setting: "renting an
        apartment" for "… when trying to rent or buy housing"."""
        unnamed = parts.unnamed
        if not (unnamed or parts.named):
            return False
        figures = list(found.indicators)
        if not figures:
            quoted = self.quoted(response)
            figures = [quoted] if quoted is not None else []
        if not figures:
            return False
        own = {f.domain for f in figures}
        named = frozenset().union(*(self._areas[f.id] for f in figures))
        return any(area in own or area not in named for area in unnamed) or any(
            area not in named for area in parts.named
        )

    def unsaid(self, unnamed: Mapping[Domain, Sequence[str]], response: AskResponse) -> bool:
        """Whether an answer never says a part the question names that no figure names
        (``unnamed``), nor anything of that part's area: a quote of the report about
        something else ("life expectancy" answered by a sentence on the FRA's data). A quote
        on the area speaks to the part ("augstskolās" and a sentence on places for Roma in
        education)."""
        if not unnamed:
            return False
        used = response.used_citations()
        text = " ".join(
            [response.answer_body()]
            + [f"{c.quote} {c.quote_en}" for c in response.citations if c.n in used]
        )
        said, tokens = _stems(text), tokenize(text)
        return any(
            not _stems(part) <= said and not self.vocab.domains[area].terms.spans(tokens)
            for area, parts in unnamed.items()
            for part in parts
        )

    def asked(self, question: str, lang: Lang) -> AskedParts:
        """The parts of an area ``question`` names, by area: those no survey figure names
        and those some figure names."""
        tokens = tokenize(question)
        unnamed: dict[Domain, tuple[str, ...]] = {}
        named: dict[Domain, tuple[str, ...]] = {}
        for domain, slot in self.vocab.domains.items():
            for start, end in slot.terms.spans(tokens):
                words = [tokens[i].text for i in range(start, end)]
                part = " ".join(words)
                keys = set(self.index.keys(part, lang))
                if not keys or max(map(len, words)) < LONG:
                    continue
                # an area's own name ("healthcare") is named by each of its figures
                area = keys <= self._area_names
                into = named if area or self._named_by_a_figure(part, lang, keys) else unnamed
                if part not in into.get(domain, ()):  # two terms may span the same words
                    into[domain] = (*into.get(domain, ()), part)
        return AskedParts(unnamed, named)

    def _named_by_a_figure(self, part: str, lang: Lang, keys: set[str]) -> bool:
        own = frozenset(lemmatize_tokens(part, lang))
        readings: list[tuple[frozenset[str], frozenset[str]]] = [(own, _stems(part))]
        if lang == "en":  # the English keys come with the glossary's Latvian ones
            readings.append((frozenset(keys - own), frozenset()))
        else:
            for english in {e for k in keys for e in self._english.get(k, ())}:
                readings.append((frozenset(self.index.keys(english, "en")), _stems(english)))
        return any(
            (k and k <= named_keys) or (s and s <= named_stems)
            for k, s in readings
            for named_keys, named_stems in self._named
        )


def part_score(
    index: KeyIndex, weights: tuple[dict[str, float], dict[str, float]], part: str, lang: Lang
) -> Callable[[Indicator], float]:
    """How well a figure's label matches one ask of a question that asks twice ("… ūdensvads
    iekštelpās un cik ir iekštelpu tualete?"), by the IDF of the part's keys it holds, in
    either language (``weights``: Latvian, English)."""
    part_keys = index.part_keys(part, lang)
    known = index.vocabulary.has
    negates = claim_negated(part, part, lang, known)
    lv_weights, en_weights = weights

    def score(ind: Indicator) -> float:
        lv = _derived_score(ind.label_lv, part_keys, lv_weights, "lv")
        en = _derived_score(ind.label_en, part_keys, en_weights, "en")
        if lv + en <= 0.0:
            return 0.0
        # among lines the part matches alike (it names only their box heading), the one
        # saying least besides: the box's total, not one of its items
        said = set(index.keys(ind.label_en, "en")) - index.frame - part_keys
        # either language's label: "nepabeigts" ("not completed") may be a word the report
        # writes nowhere without its "ne-"
        agree = negates == (
            claim_negated(ind.label_lv, "", "lv", known)
            or claim_negated("", ind.label_en, "en", known)
        )
        return (lv + en) * (1.0 if agree else NEGATION_MISMATCH) - UNSAID * len(said)

    return score
