"""Follow-ups rewritten as whole questions: "Un veselības jomā?" → "… veselības jomā?".

This module owns the resolved question's text (:func:`rewrite_followup`, :class:`Parts`); which
slots a follow-up keeps, and the state it reads (through :class:`LastTurn`), are
:mod:`rivs_qa.answer.conversation`'s.

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

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol, TypeVar

from rivs_qa.answer.intent import QuestionFeatures, lead_cue
from rivs_qa.answer.vocab import Facet, Slot, Span, Token, Vocab, tokenize
from rivs_qa.lang import Lang
from rivs_qa.report.model import Domain
from rivs_qa.textnorm import fold

K = TypeVar("K", bound=str)
_DASH = " — "
_ASK_LABELS: dict[str, dict[Lang, str]] = {
    "countries": {"lv": "Kuras valstis", "en": "Which countries"},
    "count": {"lv": "Cik", "en": "How many"},
    "statistic": {"lv": "Kāds īpatsvars", "en": "What share"},
}


class _Asker(Protocol):
    """What is asked for: a question's features, or the state of its conversation."""

    @property
    def wants_countries(self) -> bool: ...
    @property
    def wants_count(self) -> bool: ...
    @property
    def wants_statistic(self) -> bool: ...


class LastTurn(_Asker, Protocol):
    """What the rewrite needs of ``rivs_qa.answer.conversation.ConversationState``."""

    @property
    def lang(self) -> Lang: ...
    @property
    def ask_text(self) -> str: ...
    @property
    def subject(self) -> str | None: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def domain(self) -> Domain | None: ...
    @property
    def facet(self) -> Facet | None: ...
    @property
    def footnote(self) -> int | None: ...


def asks(x: _Asker) -> tuple[bool, bool, bool]:
    """(which countries, how many, what share): what ``x`` asks for."""
    return x.wants_countries, x.wants_count, x.wants_statistic


class Parts(NamedTuple):
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


def rewrite_followup(
    question: str,
    f: QuestionFeatures,
    merged: QuestionFeatures,
    s: LastTurn,
    vocab: Vocab,
) -> Parts:
    lang = f.lang
    start, replacement = lead_cue(question, lang, vocab)
    remainder = question[start:].strip(" \t\n?!.,;:—-")
    tokens = tokenize(remainder)
    consumed: set[int] = set()  # remainder tokens the subject already expresses
    same_domain = f.domain is None or f.domain == s.domain
    previous = Parts(s.ask_text, s.subject or "", s.qualifier if same_domain else "")

    if s.lang == lang and _own_claim(f, merged, s):
        # "… minēja graustu likvidēšanu (kā panākumu)?" then "un kuras minēja teritoriālo
        # segregāciju kā problēmu?": a claim of its own replaces the last one; only the
        # area carries over, named when the follow-up does not name it
        text = remainder
        if merged.domain is not None and not vocab.domains[merged.domain].terms.spans(tokens):
            text = f"{text} {_area(merged.domain, lang, vocab)}"
        ask = "" if any(asks(f)) else previous.ask
        return Parts(ask, text[:1].upper() + text[1:] + "?", "")
    if s.lang == lang:
        subject = previous.subject
        domain_pair = _changed(vocab.domains, s.domain, f.domain)
        # a facet only read from the ask ("What share" -> situation) has no words to swap in
        facet_pair = _changed(vocab.facets, s.facet, f.facet if f.facets else None)
        for slot_pair in (domain_pair, facet_pair):
            if slot_pair is not None:
                subject, swapped = _swap(subject, *slot_pair, lang)
                if swapped:
                    consumed |= _covered(slot_pair[1].terms.spans(tokens))
                elif slot_pair is domain_pair and f.topic_words:
                    # another area, and the last question never named its own in words to
                    # swap ("… ūdensvada ūdens iekštelpās?" then "bet kā ar veselības
                    # apdrošināšanu?"): the follow-up's own subject replaces the last one
                    text = remainder[:1].upper() + remainder[1:] + "?"
                    return Parts(previous.ask or _ask_label(merged, lang), text, "")
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
        previous = Parts("", subject, "")

    if any(asks(f)) and asks(f) != asks(s):
        ask = remainder[:1].upper() + remainder[1:] if remainder else question.strip()
        return Parts(ask, subject, previous.qualifier)

    frame = _covered(vocab.frame.spans(tokens))
    extra = [i for i in range(len(tokens)) if i not in consumed and i not in frame]
    if not extra:
        return Parts(ask, subject, previous.qualifier)
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
    return Parts(ask, subject, f"{replacement} {tail}" if replacement else tail)


def _changed(slots: Mapping[K, Slot], old: K | None, new: K | None) -> tuple[Slot, Slot] | None:
    """The (old, new) slots when a follow-up changes a slot value that had one."""
    if old is None or new is None or old == new:
        return None
    return slots[old], slots[new]


def _covered(spans: Iterable[Span]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _slot_tokens(tokens: Sequence[Token], vocab: Vocab) -> set[int]:
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


def _own_claim(f: QuestionFeatures, merged: QuestionFeatures, s: LastTurn) -> bool:
    """A follow-up naming another facet than the last turn's, and a subject of its own
    besides (words, or a domain other than the area asked about: "… kā problēmu minēja romu
    diskrimināciju?"): what it asks is its own claim, not the last one's with a slot
    swapped. Naming only a new area ("Un kā problēmu veselības jomā?") swaps the area."""
    own = bool(f.subject_words) or any(d != merged.domain for d in f.domains)
    return bool(f.facets) and f.facet != s.facet and own


def _area(domain: Domain, lang: Lang, vocab: Vocab) -> str:
    """ "mājokļu jomā", "in housing": a domain named as the area of a question."""
    slot = vocab.domains[domain]
    return f"{slot.forms['lv']['gen'][0]} jomā" if lang == "lv" else f"in {slot.label['en']}"


def _describe(m: QuestionFeatures, lang: Lang, vocab: Vocab) -> str:
    """The subject rebuilt from slots, for a follow-up in the other language than its context."""
    parts = []
    if m.facet:
        parts.append(vocab.facets[m.facet].label[lang])
    if m.domain:
        parts.append(_area(m.domain, lang, vocab))
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
    wanted = [key for key, asked in zip(keys, asks(m), strict=True) if asked]
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
