"""Conversation state and follow-up resolution: "And for women?" is the last question, for women.

:class:`ConversationState` is what a session remembers between turns (JSON through
``model_dump_json``/``model_validate_json``, so any store can keep it). A turn goes:

1. ``features = extract_features(question, lang=detect_lang(question, default=state.lang))``
   (:func:`interpret` does 1 and 2);
2. ``resolution = resolve_followup(question, features, state)`` — for an elliptic question,
   slots it leaves open are filled from the state and the previous question is rewritten;
   any other question stands alone, which resets the topic;
3. the caller answers ``resolution.question`` with ``resolution.features`` and ``.hints``;
4. ``state = update_state(state, resolution, AnswerRefs(...))`` records what was answered.

Merging rules, and why:

* domain and facet: the question's own, else the previous ones (they are the subject);
* what is asked (which countries / how many / what share): the question's own if it asks
  anything, else the previous ask ("What share …?" → "And for women?" still wants a share);
* gender, country group and countries qualify a subject: kept while the domain stays the
  same, dropped when it changes; countries are also dropped when the question asks "which
  countries", since it asks for them;
* ids of what the previous answer used (indicator, table row, footnote, approaches) are
  passed on as ``hints`` while domain and facet stay the same — "And for women?" is about the same
  indicator, "Which countries reported it?" about the same table row.

The rewritten question stays in the question's language and has three pieces, kept in the
state so the next follow-up replaces one instead of piling up: ``ask — subject — qualifier``.

* subject: the last stand-alone question; a domain, facet or footnote number the follow-up
  changes is swapped inside it, in the grammatical case it used ("… izglītības jomā?" +
  "Un veselības jomā?" → "… veselības jomā?");
* qualifier: what else the follow-up says, after its opening cue ("… — for men?",
  "… — par Latviju?"); kept while the domain stays the same, until replaced;
* ask: a follow-up that changes what is asked goes in front ("Which countries — how many
  measures …?").

When the previous question was in the other language, the subject is rebuilt from the merged
slots with the vocabulary's labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from rivs_qa.answer.intent import (
    CountryGroup,
    CountryLookup,
    CountTarget,
    Facet,
    Gender,
    QuestionFeatures,
    Slot,
    Span,
    Token,
    Vocab,
    extract_features,
    lead_cue,
    load_vocab,
    tokenize,
)
from rivs_qa.lang import Lang, detect_lang
from rivs_qa.report.model import Domain
from rivs_qa.textnorm import fold

K = TypeVar("K", bound=str)
_DASH = " — "
_ASK_LABELS: dict[str, dict[Lang, str]] = {
    "countries": {"lv": "Kuras valstis", "en": "Which countries"},
    "count": {"lv": "Cik", "en": "How many"},
    "statistic": {"lv": "Kāds īpatsvars", "en": "What share"},
}


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
    if state is None or not features.is_followup or state.subject is None:
        return Resolution(
            original=question, question=question, subject=question, lang=features.lang,
            is_followup=False, features=features,
        )  # fmt: skip
    vocab = vocab if vocab is not None else load_vocab()
    merged, hints = _merge(features, state)
    parts = _rewrite(question, features, merged, state, vocab)
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
        domain=f.domain,
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


def _asks(x: QuestionFeatures | ConversationState) -> tuple[bool, bool, bool]:
    return x.wants_countries, x.wants_count, x.wants_statistic


def _merge(f: QuestionFeatures, s: ConversationState) -> tuple[QuestionFeatures, Hints]:
    same_domain = f.domain is None or f.domain == s.domain
    same_facet = f.facet is None or f.facet == s.facet
    asks_given = any(_asks(f))
    asker: QuestionFeatures | ConversationState = f if asks_given else s
    wants_countries = asker.wants_countries
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
            "countries": f.countries
            or (s.countries if same_domain and not wants_countries else ()),
            "footnote": f.footnote or (s.footnote if same_domain and same_facet else None),
        }
    )
    if not (same_domain and same_facet) or f.topic_words:
        # another domain or facet, or words of a new subject ("Un tiesu sistēmai?"): the
        # previous answer's figure, row or footnote no longer applies
        return merged, Hints()
    return merged, Hints(
        indicator_id=s.indicator_id,
        table_row_id=s.table_row_id,
        footnote=s.footnote if f.footnote in (None, s.footnote) else None,
        approach_ids=s.approach_ids,
    )


class _Parts(NamedTuple):
    """A resolved question in three pieces, so the next follow-up can replace one of them."""

    ask: str  # "Which countries" when a follow-up changed what is asked
    subject: str  # the question the conversation is about, slots swapped in
    qualifier: str  # "for men", "par Latviju": what the latest follow-up added

    def text(self) -> str:
        if not self.ask and not self.qualifier:
            return self.subject
        text = self.subject.rstrip(" ?!.")
        if self.ask:
            text = self.ask.rstrip(" ?!.") + _DASH + _lower_first(text)
        if self.qualifier:
            text += _DASH + self.qualifier
        return text + "?"


def _rewrite(
    question: str,
    f: QuestionFeatures,
    merged: QuestionFeatures,
    s: ConversationState,
    vocab: Vocab,
) -> _Parts:
    lang = f.lang
    start, replacement = lead_cue(question, lang, vocab)
    remainder = question[start:].strip(" \t\n?!.,;:—-")
    tokens = tokenize(remainder)
    consumed: set[int] = set()  # remainder tokens the subject already expresses
    same_domain = f.domain is None or f.domain == s.domain
    previous = _Parts(s.ask_text, s.subject or "", s.qualifier if same_domain else "")

    if s.lang == lang:
        subject = previous.subject
        # a facet only read from the ask ("What share" -> situation) has no words to swap in
        for slot_pair in (
            _changed(vocab.domains, s.domain, f.domain),
            _changed(vocab.facets, s.facet, f.facet if f.facets else None),
        ):
            if slot_pair is not None:
                subject, swapped = _swap(subject, *slot_pair, lang)
                if swapped:
                    consumed |= _covered(slot_pair[1].terms.spans(tokens))
        if f.footnote is not None and s.footnote is not None and f.footnote != s.footnote:
            subject, swapped = _swap_number(subject, s.footnote, f.footnote)
            if swapped:
                consumed |= _covered(vocab.footnote_words.spans(tokens))
                consumed |= {i for i, t in enumerate(tokens) if t.folded == str(f.footnote)}
        ask = previous.ask
    else:  # the previous pieces are in the other language: rebuild, keep nothing of them
        subject = _describe(merged, lang, vocab)
        consumed |= _slot_tokens(tokens, vocab)
        ask = _ask_label(merged, lang)
        previous = _Parts("", subject, "")

    if any(_asks(f)) and _asks(f) != _asks(s):
        ask = remainder[:1].upper() + remainder[1:] if remainder else question.strip()
        return _Parts(ask, subject, previous.qualifier)

    frame = _covered(vocab.frame.spans(tokens))
    extra = [i for i in range(len(tokens)) if i not in consumed and i not in frame]
    if not extra:
        return _Parts(ask, subject, previous.qualifier)
    gender_group = _covered(
        sp
        for slot in (*vocab.genders.values(), *vocab.country_groups.values())
        for sp in slot.terms.spans(tokens)
    )
    if all(i in gender_group for i in extra):
        labels = [
            vocab.genders[f.gender].label[lang] if f.gender else "",
            vocab.country_groups[f.country_group].label[lang] if f.country_group else "",
        ]
        tail = " ".join(label for label in labels if label) or remainder
    elif consumed:
        tail = " ".join(tokens[i].text for i in extra)
    else:
        tail = remainder
    return _Parts(ask, subject, f"{replacement} {tail}" if replacement else tail)


def _changed(slots: Mapping[K, Slot], old: K | None, new: K | None) -> tuple[Slot, Slot] | None:
    """The (old, new) slots when a follow-up changes a slot value that had one."""
    if old is None or new is None or old == new:
        return None
    return slots[old], slots[new]


def _covered(spans: Iterable[Span]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _slot_tokens(tokens: list[Token], vocab: Vocab) -> set[int]:
    slots = (
        *vocab.domains.values(), *vocab.facets.values(), *vocab.genders.values(),
        *vocab.country_groups.values(),
    )  # fmt: skip
    return _covered(sp for slot in slots for sp in slot.terms.spans(tokens))


def _swap(text: str, old: Slot, new: Slot, lang: Lang) -> tuple[str, bool]:
    """Replace the first phrase of ``old`` in ``text`` by ``new``'s phrase of the same case.

    Longer phrases are tried first ("veselības aprūpes" before "veselības"). Typed without
    diacritics, the replacement is written without them too; a capital initial is kept.
    """
    tokens = tokenize(text)
    old_forms, new_forms = old.forms.get(lang, {}), new.forms.get(lang, {})
    candidates = sorted(
        (
            (case, tuple(t.folded for t in tokenize(phrase)))
            for case, phrases in old_forms.items()
            for phrase in phrases
        ),
        key=lambda c: -len(c[1]),
    )
    for case, words in candidates:
        if not new_forms.get(case):
            continue
        for i in range(len(tokens) - len(words) + 1):
            if tuple(t.folded for t in tokens[i : i + len(words)]) != words:
                continue
            begin, end = tokens[i].start, tokens[i + len(words) - 1].end
            written, phrase = text[begin:end], new_forms[case][0]
            if fold(written) == written.casefold():  # typed without diacritics
                phrase = fold(phrase)
            if written[:1].isupper():
                phrase = phrase[:1].upper() + phrase[1:]
            return text[:begin] + phrase + text[end:], True
    return text, False


def _describe(m: QuestionFeatures, lang: Lang, vocab: Vocab) -> str:
    """The subject rebuilt from slots, for a follow-up in the other language than its context."""
    parts = []
    if m.facet:
        parts.append(vocab.facets[m.facet].label[lang])
    if m.domain:
        slot = vocab.domains[m.domain]
        if lang == "lv":
            parts.append(f"{slot.forms['lv']['gen'][0]} jomā")
        else:
            parts.append(f"in {slot.label['en']}")
    for label in (
        vocab.genders[m.gender].label[lang] if m.gender else "",
        vocab.country_groups[m.country_group].label[lang] if m.country_group else "",
    ):
        if label:
            parts.append(label)
    text = " ".join(parts) or ("ziņojums" if lang == "lv" else "the report")
    return text[:1].upper() + text[1:] + "?"


def _ask_label(m: QuestionFeatures, lang: Lang) -> str:
    keys = ("countries", "count", "statistic")
    wanted = [key for key, asked in zip(keys, _asks(m), strict=True) if asked]
    return _ASK_LABELS[wanted[0]][lang] if wanted else ""


def _swap_number(text: str, old: int, new: int) -> tuple[str, bool]:
    """ "footnote 12" -> "footnote 13": replace the first token that is the old number."""
    for token in tokenize(text):
        if token.folded == str(old):
            return text[: token.start] + str(new) + text[token.end :], True
    return text, False


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like an acronym ("RIVS")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].isupper():
        return text
    return text[:1].lower() + text[1:]
