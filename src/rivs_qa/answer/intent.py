"""What a question is about: typed features read from its words, for lookup and follow-ups.

This module owns :class:`QuestionFeatures` and :func:`extract_features` (and :func:`lead_cue`,
the opening continuation cue). The words come from the curated vocabulary,
:mod:`rivs_qa.answer.vocab`, which also matches them; everything here is pure, except that
without a ``vocab`` the default one is loaded.

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

from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from rivs_qa.answer import areas, asks
from rivs_qa.answer.asks import YES_NO, CountTarget
from rivs_qa.answer.vocab import (
    CountryGroup,
    Facet,
    Gender,
    Span,
    TermSet,
    Token,
    Vocab,
    load_vocab,
    tokenize,
)
from rivs_qa.lang import Lang, detect_lang
from rivs_qa.report.model import Domain

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
    #: … by a "which" word with a country noun, not only "where" ("kur visi kaimiņi ir romi")
    which_countries: bool = False
    which_bodies: bool = False  # … by naming the national bodies it asks about ("which NRCPs")
    wants_count: bool = False
    count_target: CountTarget | None = None
    wants_statistic: bool = False
    #: … in share words ("īpatsvars", "procentos", "what share"), not only people counted
    wants_share: bool = False
    gender: Gender | None = None
    names_gender: bool = False  # women or men named, one or both ("… sievietēm un vīriešiem?",
    # "by gender")
    country_group: CountryGroup | None = None
    countries: tuple[str, ...] = ()
    footnote: int | None = None
    topic_words: tuple[str, ...] = ()  # words naming no slot, ask or frame: the question's subject
    #: the topic words that name a subject. Asked which countries or how many, a reporting or
    #: doing verb (the vocabulary's ``blockers``: "un kuras valstis tos īstenoja?", "which
    #: reported it?") asks who did what was asked about and names nothing of its own. Read
    #: of the question's own words: a follow-up keeps it when merged with the last turn.
    subject_words: tuple[str, ...] = ()
    is_followup: bool = False
    which_of_them: bool = False  # "kuras tās …?", "which are they?": which of those just named
    which_alone: bool = False  # "un kuras minēja …?": which ones, no noun of its own
    asks_total: bool = False  # "kopumā", "in total": a box's total line, not one of its items
    yes_no: bool = False  # opens with "vai", "does", "is" …: asks whether, not how much
    reason: bool = False  # asks why, or how something should be done ("kāpēc", "how should")
    points_back: bool = False  # a word pointing back to the last turn ("those", "tās")
    #: a word of the chosen domain's that names a part of it, not the area itself
    #: ("pirmsskolas", "early childhood"; not "izglītības", "education")
    names_part: bool = False
    person: bool = False  # asks for a person: "Who chairs …?", "Kā sauc komisāru …?"
    money: bool = False  # asks for an amount of money: "How much EU money …?", "ES budžets"

    @property
    def area(self) -> Domain | None:
        """The one policy area the question is about: framed as the area ("in the field of
        housing"), or the only area it names, by the area's own name ("housing", "veselības
        aprūpe"; not "work", a word of employment's that names no area by itself)."""
        if self.domain_framed or (len(self.domains) == 1 and not self.names_part):
            return self.domain
        return None


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
    tokens = asks.mend_transpositions(tokenize(question), vocab.ask_words)  # "whcih"
    covered: set[int] = set()

    def spans(terms: TermSet) -> list[Span]:
        found = terms.spans(tokens)
        covered.update(i for s, e in found for i in range(s, e))
        return found

    domain_hits = {d: spans(slot.terms) for d, slot in vocab.domains.items()}
    framed = areas.framed(domain_hits, spans(vocab.area_words))
    # a follow-up placed in an area ("and in health care?") moves the last question to that
    # area instead (below)
    placed = areas.placed(tokens, domain_hits, vocab)
    domains = _rank(domain_hits, first=framed or ("discrimination",))
    facet_hits = {f: spans(slot.terms) for f, slot in vocab.facets.items()}
    gender_hits = {g: spans(slot.terms) for g, slot in vocab.genders.items()}
    gender = _only(gender_hits)
    sexes = spans(vocab.sexes)  # "by gender": both at once, no subject word
    if sexes or any(gender_hits.values()):
        spans(vocab.breakdown)  # "how does it break down by gender": asks the split
    group = _only({g: spans(slot.terms) for g, slot in vocab.country_groups.items()})

    which_of_them = asks.which_of_them(tokens, vocab, lang)
    which_countries = (
        asks.which_countries(tokens, vocab, spans)
        # "Cik pasākumu … ziņoja dalībvalstis un kuras tās bija?"
        or (which_of_them and bool(spans(vocab.country_nouns)))
    )
    wants_countries = which_countries or bool(spans(vocab.where))
    count_target, people_counted = asks.count_target(vocab, spans)
    wants_share = bool(spans(vocab.statistic))
    wants_statistic = wants_share or people_counted
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
    spans(vocab.fillers)
    lead = _lead(tokens, vocab, lang)
    yes_no = lead[0] < len(tokens) and tokens[lead[0]].folded in YES_NO
    covered.update(range(lead[0]))
    if codes and countries is not None:
        covered.update(_country_tokens(question, tokens, covered, countries))

    topic = [
        i for i, t in enumerate(tokens)
        if i not in covered and not t.folded.isdigit() and len(t.folded) > 2
    ]  # fmt: skip
    anaphor = bool(vocab.anaphors[lang].spans(tokens)) if lang in vocab.anaphors else False
    verbs = (
        {i for start, end in vocab.blockers.spans(tokens) for i in range(start, end)}
        if wants_countries or wants_count
        else set()
    )
    domain = domains[0] if domains else None
    short = len(tokens) <= SHORT_QUESTION_WORDS
    # a continuation cue before a whole question of its own ("Un kura dalībvalsts apkaro
    # bērnu iesaistīšanu ubagošanā, un ar cik pasākumiem?") does not lean on the last turn
    # (a country it names is a thing of its own; asking why asks something, as asking
    # which countries does: "So why is Germany left out of the thematic analysis?")
    reason = asks.asks_reason(tokens)
    named = len(topic) + (domain is not None) + (facet is not None) + bool(codes)
    asking = wants_countries or wants_count or wants_statistic or reason
    whole = named >= WHOLE_TOPIC + (0 if asking else 1)
    is_followup = (
        (lead[0] > 0 and not whole)
        or (anaphor and domain is None)
        or (not topic and footnote is None and (domain is None or short))
    )
    if placed and not framed and not is_followup:
        framed = placed
        domains = _rank(domain_hits, first=framed)
        domain = domains[0]
    return QuestionFeatures(
        text=question,
        lang=lang,
        domain=domain,
        domains=domains,
        domain_framed=bool(framed) and domain in framed,
        facet=facet,
        facets=facets,
        wants_countries=wants_countries,
        which_countries=which_countries,
        which_bodies=which_countries and asks.which_bodies(tokens, vocab),
        wants_count=wants_count,
        count_target=count_target if wants_count else None,
        wants_statistic=wants_statistic,
        wants_share=wants_share,
        gender=gender,
        names_gender=any(gender_hits.values()) or bool(sexes),
        country_group=group,
        countries=codes,
        footnote=footnote,
        topic_words=tuple(tokens[i].folded for i in topic),
        subject_words=tuple(tokens[i].folded for i in topic if i not in verbs),
        is_followup=is_followup,
        which_of_them=which_of_them,
        which_alone=asks.which_alone(tokens, vocab),
        asks_total=bool(spans(vocab.totals)),
        yes_no=yes_no,
        reason=reason,
        points_back=anaphor,
        names_part=domain is not None
        and any(
            tokens[i].folded not in vocab.domains[domain].names
            for start, end in domain_hits[domain]
            for i in range(start, end)
        ),
        person=asks.asks_person(tokens),
        money=bool(vocab.money.spans(tokens))
        and ((wants_count and count_target is None) or bool(vocab.amounts.spans(tokens))),
    )


K = TypeVar("K", bound=str)


def _rank(hits: Mapping[K, list[Span]], first: tuple[K, ...] = ()) -> tuple[K, ...]:
    """Keys with hits: those in ``first``, then by hit count, then by first position."""
    found = [k for k, h in hits.items() if h]
    return tuple(sorted(found, key=lambda k: (k not in first, -len(hits[k]), hits[k][0][0])))


def _rank_facets(hits: Mapping[Facet, list[Span]]) -> tuple[Facet, ...]:
    found = [f for f, h in hits.items() if h]
    return tuple(
        sorted(found, key=lambda f: (f not in _SPECIFIC_FACETS, hits[f][0][0], -len(hits[f])))
    )


def _only(hits: Mapping[K, list[Span]]) -> K | None:
    """The one key with hits; none when zero or several are named ("women and men")."""
    found = [k for k, h in hits.items() if h]
    return found[0] if len(found) == 1 else None


def _country_tokens(
    question: str, tokens: Sequence[Token], covered: set[int], countries: CountryLookup
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


def _footnote(tokens: Sequence[Token], hits: list[Span]) -> int | None:
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


def _lead(tokens: Sequence[Token], vocab: Vocab, lang: Lang) -> tuple[int, str]:
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
