"""The curated question vocabulary: the words slots, asks and follow-up cues are read from.

The words live in ``corpus/vocab.json`` (curated, bilingual, folded before matching) so they
can be reviewed against the report without reading code. This module owns that file's model,
its parsing and its matching of tokens (``answer/tokens.py``): a :class:`Term` is a phrase
of folded words (a word ending in "*" matches as a prefix), a :class:`TermSet` finds its
terms among tokens, and :class:`Vocab` holds a :class:`Slot` (terms, label, phrases by
grammatical case) for each domain, facet, gender and country group, and the term sets of
asks, follow-up cues and footnotes. Everything here is pure except :func:`load_vocab`,
which reads that file once per path.

What a question's words say is read in :mod:`rivs_qa.answer.intent`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rivs_qa.answer.tokens import KEY_LETTERS, Span, Token, Tokens, tokenize
from rivs_qa.config import get_settings
from rivs_qa.errors import NotFound, ReportFormatError
from rivs_qa.lang import Lang
from rivs_qa.report.model import DOMAINS, Domain
from rivs_qa.textnorm import fold

Facet = Literal[
    "situation", "measures", "achievements", "challenges", "policy_learning", "approaches",
    "priorities",
]  # fmt: skip
FACETS: tuple[Facet, ...] = get_args(Facet)
Gender = Literal["women", "men"]
CountryGroup = Literal["member_state", "enlargement"]


@dataclass(frozen=True)
class Term:
    """A phrase of folded words; a word ending in "*" matches as a prefix."""

    words: tuple[str, ...]

    @classmethod
    def parse(cls, phrase: str) -> Term:
        words = tuple(
            t.folded + ("*" if phrase[t.end : t.end + 1] == "*" else "") for t in tokenize(phrase)
        )
        if not words:
            raise ValueError(f"empty vocabulary term {phrase!r}")
        return cls(words)

    def matches_at(self, tokens: Sequence[Token], i: int) -> bool:
        if i + len(self.words) > len(tokens):
            return False
        for word, token in zip(self.words, tokens[i:], strict=False):
            if word.endswith("*"):
                if not token.folded.startswith(word[:-1]):
                    return False
            elif token.folded != word:
                return False
        return True


@dataclass(frozen=True)
class TermSet:
    terms: tuple[Term, ...]
    exclude: tuple[Term, ...] = ()
    # first letters of a first word -> terms that can start there, so a token is compared with
    # a handful of terms instead of all of them; prefix stems shorter than the key go to "".
    _index: Mapping[str, tuple[Term, ...]] = field(init=False, repr=False, compare=False)
    _exclude_index: Mapping[str, tuple[Term, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _index(self.terms))
        object.__setattr__(self, "_exclude_index", _index(self.exclude))

    @classmethod
    def parse(cls, terms: Iterable[str], exclude: Iterable[str] = ()) -> TermSet:
        return cls(tuple(map(Term.parse, terms)), tuple(map(Term.parse, exclude)))

    def spans(self, tokens: Sequence[Token]) -> list[Span]:
        """Matches in token order; a match overlapping an ``exclude`` match is dropped."""
        if not isinstance(tokens, Tokens):
            return self._spans(tokens)
        known = tokens.found.get(id(self))
        if known is None or known[0] is not self:
            known = (self, tuple(self._spans(tokens)))
            tokens.found[id(self)] = known
        return list(known[1])

    def _spans(self, tokens: Sequence[Token]) -> list[Span]:
        found = _raw_spans(self._index, tokens)
        blocked = _raw_spans(self._exclude_index, tokens) if found else []
        if not blocked:
            return found
        return [s for s in found if not any(s[0] < b[1] and b[0] < s[1] for b in blocked)]


def _index(terms: tuple[Term, ...]) -> dict[str, tuple[Term, ...]]:
    index: dict[str, list[Term]] = {}
    for term in terms:
        first = term.words[0]
        stem = first[:-1] if first.endswith("*") else first
        key = stem[:KEY_LETTERS] if len(stem) >= KEY_LETTERS or not first.endswith("*") else ""
        index.setdefault(key, []).append(term)
    return {key: tuple(group) for key, group in index.items()}


def _raw_spans(index: Mapping[str, tuple[Term, ...]], tokens: Sequence[Token]) -> list[Span]:
    if not index:
        return []
    always = index.get("", ())
    places: Iterable[int] = range(len(tokens))
    if not always:  # a few dozen term sets read every question: most find no key there
        starts = tokens.starts if isinstance(tokens, Tokens) else Tokens(tokens).starts
        keys = index.keys() & starts.keys()
        places = sorted(i for key in keys for i in starts[key])
    found: list[Span] = []
    for i in places:
        token = tokens[i]
        terms = index.get(token.folded[:KEY_LETTERS])  # most tokens start no term of a set
        if terms:
            found += [(i, i + len(t.words)) for t in terms if t.matches_at(tokens, i)]
        if always:
            found += [(i, i + len(t.words)) for t in always if t.matches_at(tokens, i)]
    return found


@dataclass(frozen=True)
class Slot:
    """Words of one slot value (a domain, facet, gender or country group)."""

    terms: TermSet
    label: Mapping[Lang, str]  # how to name it
    forms: Mapping[Lang, Mapping[str, tuple[str, ...]]]  # case ("" in English) -> phrases

    @cached_property
    def names(self) -> frozenset[str]:
        """The folded words that name the value itself (its label and case forms): a
        domain's other terms name a part of it ("pirmsskolas" of "izglītība")."""
        phrases = [*self.label.values()]
        phrases += [p for cases in self.forms.values() for forms in cases.values() for p in forms]
        return frozenset(fold(w.lower()) for p in phrases for w in p.split())


@dataclass(frozen=True)
class Vocab:
    domains: Mapping[Domain, Slot]
    facets: Mapping[Facet, Slot]
    genders: Mapping[Gender, Slot]
    country_groups: Mapping[CountryGroup, Slot]
    which: TermSet
    where: TermSet
    country_nouns: TermSet
    #: national bodies, one per country ("VKRJ", "NRCPs"): "which" before one asks which
    #: countries, but the word stays the question's subject ("Kas ir VKRJ?")
    national_bodies: TermSet
    #: "which" words that stand for a noun by themselves ("kuras minēja …": which ones)
    pronouns: TermSet
    #: words for sex itself ("by gender", "pa dzimumiem"): both women and men, named at once
    sexes: TermSet
    #: words that ask for a split ("break down", "atšķiras"): no subject beside a sex word
    breakdown: TermSet
    #: words that ask for a total ("kopumā", "in total"); the report's total lines say "kopā"
    totals: TermSet
    blockers: TermSet
    count_cues: TermSet
    measure_nouns: TermSet
    people_nouns: TermSet
    statistic: TermSet
    window: int
    area_words: TermSet
    #: English prepositions that frame the area named right after them ("… as a challenge
    #: in employment"), as Latvian frames it with "jomā" ("nodarbinātības jomā")
    area_prepositions: TermSet
    money: TermSet  # money words: "how much" with one asks for an amount
    amounts: TermSet  # words that ask for an amount of money by themselves ("budget")
    leads: Mapping[Lang, tuple[tuple[Term, str], ...]]  # (cue, what replaces it)
    anaphors: Mapping[Lang, TermSet]
    frame: TermSet
    #: words that only stress ("tieši": exactly): no subject, yet not frame keys, whose
    #: key another word shares ("tieši" and "tiesa", court)
    fillers: TermSet
    footnote_words: TermSet
    #: the ask words written whole ("which", "kuras", "cik"): mended when typed with two
    #: letters swapped
    ask_words: frozenset[str] = frozenset()


class _SlotFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[str]
    exclude: list[str] = []
    label: dict[Lang, str]
    forms: dict[Lang, dict[str, list[str]] | list[str]] = {}


class _AsksFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    which: list[str]
    where: list[str]
    country_nouns: list[str]
    blockers: list[str]
    count_cues: list[str]
    measure_nouns: list[str]
    people_nouns: list[str]
    statistic: list[str]
    window: int
    area_words: list[str] = []
    area_prepositions: list[str] = []
    national_bodies: list[str] = []
    pronouns: list[str] = []
    sexes: list[str] = []
    breakdown: list[str] = []
    totals: list[str] = []
    money: list[str] = []
    amounts: list[str] = []


class _FollowupFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leads: dict[Lang, list[tuple[str, str]]]
    anaphors: dict[Lang, list[str]]
    frame_words: list[str]
    fillers: list[str] = []
    #: Latvian verb prefixes: a frame or blocking verb given as a stem ("ziņo*") is one
    #: with any of them too ("paziņoja", "pieminēja")
    verb_prefixes: list[str] = []


class _VocabFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Literal[1]
    doc: list[str] = Field(default=[], alias="_doc")
    domains: dict[Domain, _SlotFile]
    facets: dict[Facet, _SlotFile]
    genders: dict[Gender, _SlotFile]
    country_groups: dict[CountryGroup, _SlotFile]
    asks: _AsksFile
    followup: _FollowupFile
    footnote_words: list[str]


def _slot(raw: _SlotFile) -> Slot:
    forms = {
        lang: ({"": tuple(f)} if isinstance(f, list) else {case: tuple(p) for case, p in f.items()})
        for lang, f in raw.forms.items()
    }
    return Slot(TermSet.parse(raw.terms, raw.exclude), dict(raw.label), forms)


def _prefixed(words: list[str], prefixes: list[str]) -> list[str]:
    """``words``, and each one-word stem ("ziņo*") after each of ``prefixes``."""
    stems = [w for w in words if w.endswith("*") and " " not in w]
    return [*words, *(p + w for w in stems for p in prefixes)]


def _compile(raw: _VocabFile) -> Vocab:
    for name, keys, expected in (
        ("domains", raw.domains, DOMAINS),
        ("facets", raw.facets, FACETS),
        ("genders", raw.genders, get_args(Gender)),
        ("country_groups", raw.country_groups, get_args(CountryGroup)),
    ):
        if set(keys) != set(expected):
            raise ValueError(f"{name} must list exactly {', '.join(expected)}")
    a, f = raw.asks, raw.followup
    leads = {
        lang: tuple(sorted(((Term.parse(c), r) for c, r in pairs), key=lambda p: -len(p[0].words)))
        for lang, pairs in f.leads.items()
    }
    return Vocab(
        domains={k: _slot(v) for k, v in raw.domains.items()},
        facets={k: _slot(v) for k, v in raw.facets.items()},
        genders={k: _slot(v) for k, v in raw.genders.items()},
        country_groups={k: _slot(v) for k, v in raw.country_groups.items()},
        # every word list of "asks" is the term set of the same name
        **{
            name: TermSet.parse(_prefixed(words, f.verb_prefixes) if name == "blockers" else words)
            for name, words in a
            if isinstance(words, list)
        },
        window=a.window,
        leads=leads,
        anaphors={lang: TermSet.parse(words) for lang, words in f.anaphors.items()},
        frame=TermSet.parse(_prefixed(f.frame_words, f.verb_prefixes)),
        fillers=TermSet.parse(f.fillers),
        footnote_words=TermSet.parse(raw.footnote_words),
        ask_words=frozenset(
            t.folded
            for phrase in (*a.which, *a.where, *a.count_cues, *a.pronouns)
            if " " not in phrase and not phrase.endswith("*")
            for t in tokenize(phrase)
        ),
    )


def load_vocab(path: str | Path | None = None) -> Vocab:
    """The compiled vocabulary, cached per file version. Default: the settings' ``vocab_path``
    (``vocab.json`` in ``RIVS_QA_CORPUS_DIR``, read at each call)."""
    file = Path(path) if path is not None else get_settings().vocab_path
    try:
        stamp = file.stat().st_mtime_ns
    except FileNotFoundError:
        raise NotFound(f"vocabulary not found: {file}") from None
    return _load_vocab_cached(file.resolve(), stamp)


@lru_cache(maxsize=4)
def _load_vocab_cached(file: Path, stamp: int) -> Vocab:
    try:
        return _compile(_VocabFile.model_validate_json(file.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        raise ReportFormatError(f"{file} is not a valid vocabulary: {exc}") from None
