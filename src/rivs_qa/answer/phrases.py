"""How a phrase of the report matches the question (:class:`Match`), and a footnote
marker's match: the phrase the marker follows and the sentence it stands in (its claim),
judged in the policy area of the marker's section. Pure: the scoring function comes in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from rivs_qa.answer import matching
from rivs_qa.answer.contract import AskResponse
from rivs_qa.answer.conversation import Resolution
from rivs_qa.answer.facts import FootnoteUse, ReportFacts
from rivs_qa.answer.keys import KeyIndex
from rivs_qa.lang import Lang
from rivs_qa.report.model import Domain
from rivs_qa.search.model import Chunk

#: A question names a marked phrase (or claim) when the words they share weigh this much:
#: one word rarer than in about a third of the passages. "romu", in most, does not name one.
NAMED_MIN = 1.5


class Match(Protocol):
    """How well a phrase of the report (Latvian, and English or "") matches the question.
    ``domain`` is the policy area the phrase belongs to: the question's words naming that
    area tell none of its phrases apart, so they do not count for it."""

    def __call__(self, lv: str, en: str, domain: Domain | None = None, /) -> float: ...


#: How much more a follow-up's own new words weigh in a phrase's match than the rest of the
#: conversation's subject: "… against violence …?" then "And for child begging?" names the
#: begging row, though the violence row holds more of the words before.
ADDED = 4.0


class PhraseMatch:
    """A turn's :class:`Match`: the summed IDF weight of the question's subject keys a phrase
    holds, a follow-up's ``added`` keys ``ADDED`` times over; for an English question, its
    English side's instead when that is more. A phrase of another area than the question's
    chosen one is read against that area's keys (``by_area``). Kept per phrase: a turn
    reads the same phrases again and again."""

    def __init__(
        self,
        subject: set[str],
        added: set[str],
        by_area: Mapping[Domain | None, tuple[set[str], set[str]]],
        weights: tuple[Mapping[str, float], Mapping[str, float]],
        lang: Lang,
    ) -> None:
        self._subject, self._added, self._by_area = subject, added, by_area
        self._weights, self._weights_en = weights
        self._lang = lang
        self._known: dict[tuple[str, str, Domain | None], float] = {}

    @classmethod
    def of(
        cls,
        index: KeyIndex,
        res: Resolution,
        keys: set[str],
        weights: tuple[Mapping[str, float], Mapping[str, float]],
    ) -> PhraseMatch:
        """The match of a turn whose question has ``keys``."""
        f = res.features
        # the question's own domain ("health" in "health mediators") is every candidate's
        # too: it cannot tell the report's phrases apart, so it does not count as naming one
        subject = keys - index.frame - index.domain_keys(res.question, f)
        # what a follow-up adds ("— tiesu sistēmai") counts most: it is what changed
        qualifier = set(index.keys(res.qualifier, res.lang)) if res.qualifier else set()
        # a phrase of another area than the question's chosen one: the words naming that
        # area are what its context says, the chosen area's words are subject words for it
        by_area: dict[Domain | None, tuple[set[str], set[str]]] = {}
        for area in f.domains:
            if area != f.domain:
                area_keys = keys - index.frame - index.domain_keys(res.question, f, area)
                by_area[area] = (area_keys, area_keys & qualifier)
        return cls(subject, subject & qualifier, by_area, weights, res.lang)

    @property
    def brings_words(self) -> bool:
        """Whether a follow-up brings subject words of its own ("Un tiesu sistēmai?")."""
        return bool(self._added)

    def __call__(self, lv: str, en: str, domain: Domain | None = None, /) -> float:
        known = self._known.get((lv, en, domain))
        if known is None:
            known = self._known[lv, en, domain] = self._score(lv, en, domain)
        return known

    def _score(self, lv: str, en: str, domain: Domain | None) -> float:
        subject, added = self._by_area.get(domain, (self._subject, self._added))
        score = matching.sentence_score(lv, subject, self._weights)
        score += ADDED * matching.sentence_score(lv, added, self._weights)
        if self._lang != "en" or not en:
            return score
        score_en = matching.sentence_score(en, subject, self._weights_en, "en")
        score_en += ADDED * matching.sentence_score(en, added, self._weights_en, "en")
        return max(score, score_en)


def no_match(_lv: str, _en: str, _domain: Domain | None = None, /) -> float:
    return 0.0


#: A footnote marker's match: its phrase's, plus this share of its sentence's (the claim).
SENTENCE_SHARE = 0.5


def named(text: str, text_en: str, domain: Domain | None, match: Match) -> bool:
    return match(text, text_en, domain) >= NAMED_MIN


def phrase_named(use: FootnoteUse, domain: Domain | None, match: Match) -> bool:
    return use.ref is not None and named(use.ref.phrase, use.ref.phrase_en, domain, match)


def sentence_named(use: FootnoteUse, domain: Domain | None, match: Match) -> bool:
    return named(use.sentence, use.sentence_en, domain, match)


def marker_score(use: FootnoteUse, domain: Domain | None, match: Match) -> float:
    phrase = match(use.ref.phrase, use.ref.phrase_en, domain) if use.ref is not None else 0.0
    return phrase + SENTENCE_SHARE * match(use.sentence, use.sentence_en, domain)


def footnote_domain(facts: ReportFacts, use: FootnoteUse) -> Domain | None:
    """The policy area of the footnote's section."""
    section = facts.report.section(use.footnote.section_id)
    return section.domain if section is not None else None


def areas(
    facts: ReportFacts, footnotes: Sequence[FootnoteUse], response: AskResponse
) -> set[Domain | None]:
    """The policy areas of the sections a candidate's country lists (``footnotes``), or
    else its quoted passages, come from."""
    if footnotes:
        return {footnote_domain(facts, u) for u in footnotes}
    used = response.used_citations()
    return {
        section.domain if section is not None else None
        for c in response.citations
        if c.n in used
        for section in [facts.report.section(c.section_id)]
    }


def marked_item(facts: ReportFacts, chunk: Chunk, match: Match) -> tuple[float, FootnoteUse] | None:
    """The country-list footnote of a passage whose marked phrase the question names, or
    whose sentence it names when no other country-list marker shares that sentence."""
    uses = [
        u
        for n in chunk.footnotes
        if (u := facts.footnotes.get(n)) is not None and u.footnote.countries and u.ref
    ]
    best: tuple[float, FootnoteUse] | None = None
    for use in uses:
        alone = sum(1 for u in uses if u.sentence == use.sentence) == 1
        domain = footnote_domain(facts, use)
        by_phrase = phrase_named(use, domain, match)
        if not by_phrase and not (alone and sentence_named(use, domain, match)):
            continue
        score = marker_score(use, domain, match)
        if best is None or score > best[0]:
            best = (score, use)
    return best
