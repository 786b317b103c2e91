"""What a question is about: typed features read from its words, for lookup and follow-ups.

The words live in ``corpus/vocab.json`` (curated, bilingual, folded before matching) so they
can be reviewed against the report without reading code. Everything here is pure except
:func:`load_vocab`, which reads that file once per path.

A question is *elliptic* (``is_followup``) when it leans on the previous turn:

1. it opens with a continuation cue ("and", "what about", "un", "kas par", "bet", "a" …),
   unless the rest is a whole question: it names at least ``WHOLE_TOPIC`` things of its own
   (subject words, a domain, a facet), or one more when it asks for no countries, count or
   figure;
2. or it points back ("tās", "those", "them") and names no domain;
3. or, once question words, frame words ("countries", "valstis", "share"), slot words
   (domain, facet, gender, country group), country names and numbers are set aside, no
   subject word is left — and it names no domain, or names one in at most three words
   ("Which countries reported it?", "Kuras valstis to minēja?", "Housing?").

When several values are named: discrimination wins over the domain it happens in ("diskriminēti,
meklējot darbu"), otherwise the most-named domain, then the first; a specific facet
(approaches, priorities, policy learning, achievements, challenges) wins over "measures" and
"situation", the first named among equals; gender and country group count only when just
one is named. A statistic asked without a facet word is about the situation (the 2016 boxes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rivs_qa.config import get_settings
from rivs_qa.errors import NotFound, ReportFormatError
from rivs_qa.lang import Lang, detect_lang
from rivs_qa.report.model import DOMAINS, Domain
from rivs_qa.textnorm import fold

Facet = Literal[
    "situation", "measures", "achievements", "challenges", "policy_learning", "approaches",
    "priorities",
]  # fmt: skip
FACETS: tuple[Facet, ...] = get_args(Facet)
Gender = Literal["women", "men"]
CountryGroup = Literal["member_state", "enlargement"]
CountTarget = Literal["measures", "countries"]

SHORT_QUESTION_WORDS = 3  # "Un veselības jomā?", "What about health?"
#: Subject words that make a question after a continuation cue a whole question of its own.
WHOLE_TOPIC = 3

# Specific facets beat the generic ones: "measures" and "situation" words appear in almost
# any question about achievements or approaches ("pasākumu panākumi").
_SPECIFIC_FACETS: tuple[Facet, ...] = (
    "approaches", "priorities", "policy_learning", "achievements", "challenges",
)  # fmt: skip


class CountryLookup(Protocol):
    """What intent needs of ``rivs_qa.report.countries.CountryResolver``."""

    def resolve(self, text: str) -> list[str]: ...


class QuestionFeatures(BaseModel):
    """What one question asks, as far as its own words tell."""

    model_config = ConfigDict(frozen=True)

    text: str
    lang: Lang
    domain: Domain | None = None
    domains: tuple[Domain, ...] = ()  # every domain named, the chosen one first
    #: the chosen domain is named as the area asked about ("nodarbinātības jomā", "in the
    #: field of housing"), so other domains the question names are its subject, not its area
    domain_framed: bool = False
    facet: Facet | None = None
    facets: tuple[Facet, ...] = ()
    wants_countries: bool = False
    wants_count: bool = False
    count_target: CountTarget | None = None
    wants_statistic: bool = False
    gender: Gender | None = None
    country_group: CountryGroup | None = None
    countries: tuple[str, ...] = ()
    footnote: int | None = None
    topic_words: tuple[str, ...] = ()  # words naming no slot, ask or frame: the question's subject
    is_followup: bool = False


# --- vocabulary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    text: str
    folded: str
    start: int
    end: int


_TOKEN = re.compile(r"\w+|%")


def tokenize(text: str) -> list[Token]:
    """Words (and "%") with their folded form and place in ``text``."""
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


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

    def matches_at(self, tokens: list[Token], i: int) -> bool:
        if i + len(self.words) > len(tokens):
            return False
        for word, token in zip(self.words, tokens[i:], strict=False):
            if word.endswith("*"):
                if not token.folded.startswith(word[:-1]):
                    return False
            elif token.folded != word:
                return False
        return True


Span = tuple[int, int]  # token indexes [start, end)


_KEY = 3  # terms are indexed by the first letters of their first word


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

    def spans(self, tokens: list[Token]) -> list[Span]:
        """Matches in token order; a match overlapping an ``exclude`` match is dropped."""
        blocked = _raw_spans(self._exclude_index, tokens)
        return [
            span
            for span in _raw_spans(self._index, tokens)
            if not any(span[0] < b[1] and b[0] < span[1] for b in blocked)
        ]


def _index(terms: tuple[Term, ...]) -> dict[str, tuple[Term, ...]]:
    index: dict[str, list[Term]] = {}
    for term in terms:
        first = term.words[0]
        stem = first[:-1] if first.endswith("*") else first
        key = stem[:_KEY] if len(stem) >= _KEY or not first.endswith("*") else ""
        index.setdefault(key, []).append(term)
    return {key: tuple(group) for key, group in index.items()}


def _raw_spans(index: Mapping[str, tuple[Term, ...]], tokens: list[Token]) -> list[Span]:
    always = index.get("", ())
    return [
        (i, i + len(term.words))
        for i, token in enumerate(tokens)
        for term in (*index.get(token.folded[:_KEY], ()), *always)
        if term.matches_at(tokens, i)
    ]


@dataclass(frozen=True)
class Slot:
    """Words of one slot value (a domain, facet, gender or country group)."""

    terms: TermSet
    label: Mapping[Lang, str]  # how to name it
    forms: Mapping[Lang, Mapping[str, tuple[str, ...]]]  # case ("" in English) -> phrases


@dataclass(frozen=True)
class Vocab:
    domains: Mapping[Domain, Slot]
    facets: Mapping[Facet, Slot]
    genders: Mapping[Gender, Slot]
    country_groups: Mapping[CountryGroup, Slot]
    which: TermSet
    where: TermSet
    country_nouns: TermSet
    blockers: TermSet
    count_cues: TermSet
    measure_nouns: TermSet
    people_nouns: TermSet
    statistic: TermSet
    window: int
    area_words: TermSet
    leads: Mapping[Lang, tuple[tuple[Term, str], ...]]  # (cue, what replaces it)
    anaphors: Mapping[Lang, TermSet]
    frame: TermSet
    footnote_words: TermSet


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


class _FollowupFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    leads: dict[Lang, list[tuple[str, str]]]
    anaphors: dict[Lang, list[str]]
    frame_words: list[str]


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
        which=TermSet.parse(a.which),
        where=TermSet.parse(a.where),
        country_nouns=TermSet.parse(a.country_nouns),
        blockers=TermSet.parse(a.blockers),
        count_cues=TermSet.parse(a.count_cues),
        measure_nouns=TermSet.parse(a.measure_nouns),
        people_nouns=TermSet.parse(a.people_nouns),
        statistic=TermSet.parse(a.statistic),
        window=a.window,
        area_words=TermSet.parse(a.area_words),
        leads=leads,
        anaphors={lang: TermSet.parse(words) for lang, words in f.anaphors.items()},
        frame=TermSet.parse(f.frame_words),
        footnote_words=TermSet.parse(raw.footnote_words),
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


# --- features -------------------------------------------------------------------------------


def extract_features(
    question: str,
    *,
    lang: Lang | None = None,
    countries: CountryLookup | None = None,
    vocab: Vocab | None = None,
) -> QuestionFeatures:
    """Read ``question``'s features. ``lang`` defaults to :func:`detect_lang`; pass the
    conversation's language as its default for short follow-ups. Without ``countries`` no
    country is recognised."""
    vocab = vocab if vocab is not None else load_vocab()
    lang = lang if lang is not None else detect_lang(question)
    tokens = tokenize(question)
    covered: set[int] = set()

    def spans(terms: TermSet) -> list[Span]:
        found = terms.spans(tokens)
        covered.update(i for s, e in found for i in range(s, e))
        return found

    domain_hits = {d: spans(slot.terms) for d, slot in vocab.domains.items()}
    framed = _framed(domain_hits, spans(vocab.area_words))
    domains = _rank(domain_hits, first=framed or ("discrimination",))
    facet_hits = {f: spans(slot.terms) for f, slot in vocab.facets.items()}
    gender = _only({g: spans(slot.terms) for g, slot in vocab.genders.items()})
    group = _only({g: spans(slot.terms) for g, slot in vocab.country_groups.items()})

    wants_countries = _which_countries(tokens, vocab, spans) or bool(spans(vocab.where))
    count_target, people_counted = _count(vocab, spans)
    wants_statistic = bool(spans(vocab.statistic)) or people_counted
    wants_count = bool(spans(vocab.count_cues)) and not wants_statistic

    facets = _rank_facets(facet_hits)
    facet = facets[0] if facets else None
    if facet is None and wants_statistic:
        facet = "situation"
    elif facet is None and count_target == "measures":
        facet = "measures"

    codes = tuple(countries.resolve(question)) if countries is not None else ()
    footnote = _footnote(tokens, spans(vocab.footnote_words))
    spans(vocab.frame)
    lead = _lead(tokens, vocab, lang)
    covered.update(range(lead[0]))
    if codes and countries is not None:
        covered.update(_country_tokens(question, tokens, covered, countries))

    topic = [
        i for i, t in enumerate(tokens)
        if i not in covered and not t.folded.isdigit() and len(t.folded) > 2
    ]  # fmt: skip
    anaphor = bool(vocab.anaphors[lang].spans(tokens)) if lang in vocab.anaphors else False
    domain = domains[0] if domains else None
    short = len(tokens) <= SHORT_QUESTION_WORDS
    # a continuation cue before a whole question of its own ("Un kura dalībvalsts apkaro
    # bērnu iesaistīšanu ubagošanā, un ar cik pasākumiem?") does not lean on the last turn
    named = len(topic) + (domain is not None) + (facet is not None)
    asks = wants_countries or wants_count or wants_statistic
    whole = named >= WHOLE_TOPIC + (0 if asks else 1)
    is_followup = (
        (lead[0] > 0 and not whole)
        or (anaphor and domain is None)
        or (not topic and footnote is None and (domain is None or short))
    )
    return QuestionFeatures(
        text=question,
        lang=lang,
        domain=domain,
        domains=domains,
        domain_framed=bool(framed) and domain in framed,
        facet=facet,
        facets=facets,
        wants_countries=wants_countries,
        wants_count=wants_count,
        count_target=count_target if wants_count else None,
        wants_statistic=wants_statistic,
        gender=gender,
        country_group=group,
        countries=codes,
        footnote=footnote,
        topic_words=tuple(tokens[i].folded for i in topic),
        is_followup=is_followup,
    )


K = TypeVar("K", bound=str)
SpanFinder = Callable[[TermSet], list[Span]]


def _rank(hits: Mapping[K, list[Span]], first: tuple[K, ...] = ()) -> tuple[K, ...]:
    """Keys with hits: those in ``first``, then by hit count, then by first position."""
    found = [k for k, h in hits.items() if h]
    return tuple(sorted(found, key=lambda k: (k not in first, -len(hits[k]), hits[k][0][0])))


def _framed(domain_hits: Mapping[Domain, list[Span]], areas: list[Span]) -> tuple[Domain, ...]:
    """Domains named right before an area word ("izglītības jomā", "employment sector") or
    right after one and a linking word ("in the area of employment", "jomā — izglītība")."""
    out = []
    for domain, hits in domain_hits.items():
        for start, end in hits:
            if any(a_start == end or a_end in (start, start - 1) for a_start, a_end in areas):
                out.append(domain)
                break
    return tuple(out)


def _rank_facets(hits: Mapping[Facet, list[Span]]) -> tuple[Facet, ...]:
    found = [f for f, h in hits.items() if h]
    return tuple(
        sorted(found, key=lambda f: (f not in _SPECIFIC_FACETS, hits[f][0][0], -len(hits[f])))
    )


def _only(hits: Mapping[K, list[Span]]) -> K | None:
    """The one key with hits; none when zero or several are named ("women and men")."""
    found = [k for k, h in hits.items() if h]
    return found[0] if len(found) == 1 else None


def _which_countries(tokens: list[Token], vocab: Vocab, spans: SpanFinder) -> bool:
    """A "which" word followed within ``window`` words by a country noun, no verb between:
    "Kuras paplašināšanās procesā iesaistītās valstis", not "What did member states report"."""
    nouns = spans(vocab.country_nouns)
    blocked = {s for s, _ in vocab.blockers.spans(tokens)}
    for _, cue_end in vocab.which.spans(tokens):
        for noun_start, _ in nouns:
            between = range(cue_end, noun_start)
            if 0 <= noun_start - cue_end < vocab.window and not blocked.intersection(between):
                return True
    return False


def _count(vocab: Vocab, spans: SpanFinder) -> tuple[CountTarget | None, bool]:
    """What a count cue ("cik", "how many", "skaits") counts: the nearest measure, country or
    people noun within ``window`` words after it, else before it ("pasākumu skaits").
    Returns (target, whether people are counted, which makes it a statistic)."""
    cues = spans(vocab.count_cues)
    if not cues:
        return None, False
    kinds: list[tuple[int, str]] = [(s, "measures") for s, _ in spans(vocab.measure_nouns)]
    kinds += [(s, "countries") for s, _ in spans(vocab.country_nouns)]
    kinds += [(s, "people") for s, _ in spans(vocab.people_nouns)]
    cue_start, cue_end = cues[0]
    after = sorted((s - cue_end, k) for s, k in kinds if 0 <= s - cue_end < vocab.window)
    before = sorted((cue_start - s, k) for s, k in kinds if 0 < cue_start - s <= vocab.window)
    nearest = (after or before or [(0, "")])[0][1]
    if nearest == "measures":
        return "measures", False
    if nearest == "countries":
        return "countries", False
    return None, nearest == "people"


def _country_tokens(
    question: str, tokens: list[Token], covered: set[int], countries: CountryLookup
) -> set[int]:
    """Indexes of the tokens that name a country (1-3 word names), so they are no subject.

    The resolver only says which countries a text names, so each run of up to three tokens
    not already explained by other words is asked on its own."""
    found: set[int] = set()
    for size in (1, 2, 3):
        for i in range(len(tokens) - size + 1):
            run = range(i, i + size)
            if covered.intersection(run) or tokens[i].folded.isdigit():
                continue
            if countries.resolve(question[tokens[i].start : tokens[i + size - 1].end]):
                found.update(run)
    return found


_NUMBER_WORDS = frozenset({"nr", "no", "number", "num"})


def _footnote(tokens: list[Token], hits: list[Span]) -> int | None:
    """The number beside a footnote word: "footnote 12", "12. zemsvītras piezīme", "note nr. 5"."""
    for start, end in hits:
        i = end
        while i < len(tokens) and tokens[i].folded in _NUMBER_WORDS:
            i += 1
        if i < len(tokens) and tokens[i].folded.isdigit():
            return int(tokens[i].folded)
        j = start - 1
        if j >= 0 and tokens[j].folded.isdigit():
            return int(tokens[j].folded)
    return None


def _lead(tokens: list[Token], vocab: Vocab, lang: Lang) -> tuple[int, str]:
    """(number of tokens of the opening continuation cue, its replacement), or (0, "")."""
    for term, replacement in vocab.leads.get(lang, ()):
        if term.matches_at(tokens, 0) and len(tokens) > len(term.words):
            return len(term.words), replacement
    return 0, ""


def lead_cue(question: str, lang: Lang, vocab: Vocab | None = None) -> tuple[int, str]:
    """Where the text after an opening continuation cue starts in ``question``, and the word
    that should stand in for the cue: ``("Kas par Latviju?", "lv") -> (8, "par")``;
    ``(0, "")`` when the question has no cue."""
    vocab = vocab if vocab is not None else load_vocab()
    tokens = tokenize(question)
    size, replacement = _lead(tokens, vocab, lang)
    return (tokens[size - 1].end if size else 0), replacement
