"""Conversation state and follow-up resolution: "And for women?" is the last question, for women.

:class:`ConversationState` is what a session remembers between turns (JSON through
``model_dump_json``/``model_validate_json``, so any store can keep it). A turn goes:

1. ``features = extract_features(question, lang=detect_lang(question, default=state.lang))``
   (:func:`interpret` does 1 and 2);
2. ``resolution = resolve_followup(question, features, state)`` — for an elliptic question,
   slots it leaves open are filled from the state and the previous question is rewritten
   (:mod:`rivs_qa.answer.rewrite`); any other question stands alone, which resets the topic;
3. the caller answers ``resolution.question`` with ``resolution.features`` and ``.hints``;
4. ``state = update_state(state, resolution, AnswerRefs(...))`` records what was answered.

Merging rules, and why:

* domain and facet: the question's own, else the previous ones (they are the subject);
* what is asked (which countries / how many / what share): the question's own if it asks
  anything, else the previous ask ("What share …?" → "And for women?" still wants a share);
* gender, country group and countries qualify a subject: kept while the domain stays the
  same, dropped when it changes (countries whose approaches are asked about are kept);
  countries are also dropped when the question asks "which countries", since it asks for them;
* ids of what the previous answer used (indicator, table row, footnote, approaches) are
  passed on as ``hints`` while domain and facet stay the same — "And for women?" is about the same
  indicator, "Which countries reported it?" about the same table row.

The rewritten question has three pieces, ``ask — subject — qualifier``, kept in the state so
the next follow-up replaces one instead of piling up; how each is written is described in
:mod:`rivs_qa.answer.rewrite`. This module owns the state, the merging rules and the hints.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from rivs_qa.answer.intent import CountryLookup, CountTarget, QuestionFeatures, extract_features
from rivs_qa.answer.rewrite import asks, rewrite_followup
from rivs_qa.answer.vocab import CountryGroup, Facet, Gender, Vocab, load_vocab
from rivs_qa.lang import Lang, detect_lang
from rivs_qa.report.model import Domain, Indicator
from rivs_qa.textnorm import fold

#: Letters of a word that tell it apart from other words, whatever its ending.
STEM = 5
_WORD = re.compile(r"[^\W\d_]+")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Hints(_Frozen):
    """Ids the previous answer used that probably still apply; the lookup may ignore them."""

    indicator_id: str | None = None
    table_row_id: str | None = None
    footnote: int | None = None
    approach_ids: tuple[str, ...] = ()


class AnswerRefs(_Frozen):
    """Ids of the facts an answer was built from, most relevant first."""

    indicator_ids: tuple[str, ...] = ()
    table_row_ids: tuple[str, ...] = ()
    footnotes: tuple[int, ...] = ()
    approach_ids: tuple[str, ...] = ()
    domain: Domain | None = None  # the area of the figure or row the answer gives


class ConversationState(_Frozen):
    """What one session remembers of its last turn."""

    lang: Lang = "lv"
    turns: int = 0
    question: str | None = None  # as asked
    question_resolved: str | None = None  # as understood: ask — subject — qualifier
    ask_text: str = ""
    subject: str | None = None
    qualifier: str = ""
    domain: Domain | None = None
    facet: Facet | None = None
    wants_countries: bool = False
    wants_count: bool = False
    count_target: CountTarget | None = None
    wants_statistic: bool = False
    gender: Gender | None = None
    country_group: CountryGroup | None = None
    countries: tuple[str, ...] = ()
    indicator_id: str | None = None
    table_row_id: str | None = None
    footnote: int | None = None
    approach_ids: tuple[str, ...] = ()


class Resolution(_Frozen):
    original: str
    question: str  # resolved, in ``lang``: ``ask — subject — qualifier``
    ask_text: str = ""  # "Which countries", when this turn changed what is asked
    subject: str  # what the conversation is about, slots swapped in
    qualifier: str = ""  # "for men", "par Latviju"
    lang: Lang
    is_followup: bool  # resolved against the previous turn
    features: QuestionFeatures  # merged; ``features.text`` is the resolved question
    hints: Hints = Hints()


def interpret(
    question: str,
    state: ConversationState | None = None,
    *,
    countries: CountryLookup | None = None,
    vocab: Vocab | None = None,
) -> Resolution:
    """Detect the language (ties keep the conversation's), read features, resolve."""
    vocab = vocab if vocab is not None else load_vocab()
    lang = detect_lang(question, default=state.lang if state is not None else "lv")
    features = extract_features(question, lang=lang, countries=countries, vocab=vocab)
    return resolve_followup(question, features, state, vocab=vocab)


def resolve_followup(
    question: str,
    features: QuestionFeatures,
    state: ConversationState | None,
    *,
    vocab: Vocab | None = None,
) -> Resolution:
    """The question as understood in context; see the module docstring for the rules."""
    if state is not None and state.wants_countries and features.which_alone:
        # "Kuras valstis … minēja …?" then "un kuras minēja …?": which countries again
        features = features.model_copy(update={"which_countries": True, "wants_countries": True})
    if state is not None and (
        _narrows_to_discrimination(features, state) or _narrows_area(features, state)
    ):
        features = features.model_copy(update={"is_followup": True})
    if state is None or not features.is_followup or state.subject is None:
        return Resolution(
            original=question, question=question, subject=question, lang=features.lang,
            is_followup=False, features=features,
        )  # fmt: skip
    vocab = vocab if vocab is not None else load_vocab()
    if not features.domain_framed and "discrimination" in (state.domain, features.domain):
        if None not in (state.domain, features.domain) and state.domain != features.domain:
            # discrimination and the domain it happens in go together, across turns as
            # within one question: the follow-up adds its domain to the last one instead of
            # replacing it ("… diskrimināciju, meklējot darbu?" + "Bet darbā?"; "… romu
            # nodarbinātību?" + "Un kuras kā problēmu minēja romu diskrimināciju?")
            kept = state.domain  # the area the discrimination happens in: framed as such
            features = features.model_copy(
                update={
                    "domain": kept,
                    "domains": (kept, *(d for d in features.domains if d != kept)),
                    "domain_framed": True,
                }
            )
    if features.which_of_them and state.count_target == "countries" and not any(asks(features)):
        # "Cik dalībvalstis …?" then "Kuras tās ir?": which countries, in so many words
        features = features.model_copy(update={"wants_countries": True, "which_countries": True})
    merged, hints = _merge(features, state)
    parts = rewrite_followup(question, features, merged, state, vocab)
    text = parts.text()
    return Resolution(
        original=question,
        question=text,
        ask_text=parts.ask,
        subject=parts.subject,
        qualifier=parts.qualifier,
        lang=features.lang,
        is_followup=True,
        features=merged.model_copy(update={"text": text}),
        hints=hints,
    )


def update_state(
    state: ConversationState | None, resolution: Resolution, refs: AnswerRefs | None = None
) -> ConversationState:
    """The state after answering ``resolution`` with the facts in ``refs``.

    Takes the whole :class:`Resolution` because the state keeps both question texts. Ids come
    from ``refs``; when the answer used none, a follow-up keeps the hints it was given.
    """
    f, refs = resolution.features, refs or AnswerRefs()
    kept = resolution.hints if resolution.is_followup else Hints()
    return ConversationState(
        lang=resolution.lang,
        turns=(state.turns if state is not None else 0) + 1,
        question=resolution.original,
        question_resolved=resolution.question,
        ask_text=resolution.ask_text,
        subject=resolution.subject,
        qualifier=resolution.qualifier,
        domain=refs.domain or f.domain,
        facet=f.facet,
        wants_countries=f.wants_countries,
        wants_count=f.wants_count,
        count_target=f.count_target,
        wants_statistic=f.wants_statistic,
        gender=f.gender,
        country_group=f.country_group,
        countries=f.countries,
        indicator_id=refs.indicator_ids[0] if refs.indicator_ids else kept.indicator_id,
        table_row_id=refs.table_row_ids[0] if refs.table_row_ids else kept.table_row_id,
        footnote=refs.footnotes[0] if refs.footnotes else (f.footnote or kept.footnote),
        approach_ids=refs.approach_ids or kept.approach_ids,
    )


def _narrows_to_discrimination(f: QuestionFeatures, s: ConversationState) -> bool:
    """Whether a question that names discrimination and nothing else of its own narrows the
    last turn's area: after "Kādas galvenās problēmas nodarbinātības jomā …?", "Kuras valstis
    kā problēmu minēja romu diskrimināciju?" asks about discrimination in employment (the
    same facet or none of its own, no subject word but the last question's own or a word
    pointing back to it, discrimination after another area)."""
    said = {fold(w)[:STEM] for w in _WORD.findall(s.question or "")}
    return (
        not f.is_followup
        and f.domain == "discrimination"
        and f.domains == ("discrimination",)
        and (f.points_back or all(w[:STEM] in said for w in f.topic_words))
        and s.facet is not None
        and f.facet in (None, s.facet)
        and s.domain not in (None, "discrimination")
    )


def _narrows_area(f: QuestionFeatures, s: ConversationState) -> bool:
    """Whether a question that names no area, no country and no area's word asks the last
    turn's facet again, in the last turn's area: after the challenges in education, "Which
    NRCPs named segregation as a challenge?" asks about education's (segregation is a
    challenge in housing too). Alone, or after another facet, it stands alone."""
    return (
        not f.is_followup
        and f.domain is None
        and not f.domains
        and f.facet is not None
        and f.facet == s.facet
        and s.domain is not None
        and not f.countries
    )


def _merge(f: QuestionFeatures, s: ConversationState) -> tuple[QuestionFeatures, Hints]:
    same_domain = f.domain is None or f.domain == s.domain
    # measures asked about after an answer that gave a table row (measures) are its measures
    same_facet = (
        f.facet is None
        or f.facet == s.facet
        or (f.facet == "measures" and s.table_row_id is not None)
    )
    asks_given = any(asks(f))
    asker: QuestionFeatures | ConversationState = f if asks_given else s
    wants_countries = asker.wants_countries
    # a country's approaches are what is asked about: "… Sweden's … in education?" then
    # "And in housing?" asks for Sweden's in housing
    keeps_countries = not wants_countries and (
        same_domain or (same_facet and (f.facet or s.facet) == "approaches")
    )
    merged = f.model_copy(
        update={
            "domain": f.domain or s.domain,
            "domains": f.domains or ((s.domain,) if s.domain else ()),
            "facet": f.facet or s.facet,
            "wants_countries": wants_countries,
            "wants_count": asker.wants_count,
            "count_target": asker.count_target,
            "wants_statistic": asker.wants_statistic,
            "gender": f.gender or (s.gender if same_domain else None),
            "country_group": f.country_group or (s.country_group if same_domain else None),
            "countries": f.countries or (s.countries if keeps_countries else ()),
            "footnote": f.footnote or (s.footnote if same_domain and same_facet else None),
        }
    )
    if not (same_domain and same_facet) or f.subject_words:
        # another domain or facet, or words of a new subject ("Un tiesu sistēmai?"): the
        # previous answer's figure, row or footnote no longer applies
        return merged, Hints()
    return merged, Hints(
        indicator_id=s.indicator_id,
        table_row_id=s.table_row_id,
        footnote=s.footnote if f.footnote in (None, s.footnote) else None,
        approach_ids=s.approach_ids,
    )


def about_figure(res: Resolution, indicator: Indicator, *more: Indicator) -> Resolution:
    """A follow-up that names another figure of the last answer's box ("Bet darbā?"),
    resolved as a question about that figure, in the box's own words; with ``more``, one
    that names two ("… at work? and in shops?"), asked as two asks joined."""
    if res.lang == "en":
        text = "? And what share: ".join(i.label_en for i in (indicator, *more)) + "?"
    else:
        labels = [indicator.label_lv, *(i.label_lv for i in more)]
        head = f"{indicator.group_lv} — " if indicator.group_lv else ""
        text = head + ", un kāds — ".join(labels) + "?"
    return res.model_copy(
        update={
            "question": text, "subject": text, "ask_text": "", "qualifier": "",
            "features": res.features.model_copy(update={"text": text, "domain": indicator.domain}),
            "hints": Hints(indicator_id=indicator.id),
        }
    )  # fmt: skip
