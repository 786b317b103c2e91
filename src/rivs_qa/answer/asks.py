"""What kind of answer a question asks for, read from its words: which countries (a "which"
word near a country noun, or one pointing back: "kuras tās …?"), what a count cue counts
("cik pasākumu", "how many countries"), whether it asks yes or no, whether it asks why
or how something should be done, and whether it asks for a person. Pure, over the
vocabulary's terms; :mod:`rivs_qa.answer.intent` puts the features together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from rivs_qa.answer.vocab import Span, TermSet, Token, Tokens, Vocab
from rivs_qa.lang import Lang

CountTarget = Literal["measures", "countries"]
SpanFinder = Callable[[TermSet], list[Span]]

#: The words a yes/no question opens with (after any continuation cue).
YES_NO = frozenset(
    "vai does do did is are was were has have had can could should will would".split()
)

#: Words that ask for a reason, folded: no figure, row or country list gives one.
WHY = frozenset({"why", "kapec", "kadel", "kamdel"})
#: "How" asking for a way rather than a quantity: "how should …", "kā būtu jā…", "kā jā…".
_HOW = frozenset({"how", "ka"})
_MODALS = frozenset(
    {"should", "must", "ought", "shall", "butu", "vajadzetu", "vajag", "nepieciesams"}
)


def asks_reason(tokens: Sequence[Token]) -> bool:
    """A why-word anywhere, or "how" (not "how many", "how much") with a modal or a Latvian
    debitive ("jā…" verb) after it: the question asks why, or how something should be done
    ("How does the report say segregation should be tackled?", "Kā jānovērš …?")."""
    folded = [t.folded for t in tokens]
    if WHY.intersection(folded):
        return True
    for i, word in enumerate(folded):
        if word in _HOW and folded[i + 1 : i + 2] not in (["many"], ["much"]):
            if any(w in _MODALS or _debitive(w) for w in folded[i + 1 :]):
                return True
    return False


#: Words that ask for someone (folded), and the roles and acts that make it a person:
#: "Who chairs …?", "Kas vada …?", "Kā sauc komisāru …?".
_WHO = frozenset({"who", "whom", "whose", "kas", "kurs", "sauc", "name", "vards"})
_ROLES = (
    "chair", "head", "commissioner", "minister", "president", "director",
    "priekssedetaj", "vaditaj", "komisar", "ministr", "prezident", "direktor",
)  # fmt: skip
_LEADS = frozenset({"chairs", "heads", "leads", "vada", "vadija", "vadis"})


def asks_person(tokens: Sequence[Token]) -> bool:
    """A who- or name-word with a role ("chair", "komisārs") or an act of leading ("vada"):
    the question asks for a person."""
    folded = [t.folded for t in tokens]
    if not _WHO.intersection(folded):
        return False
    return any(w in _LEADS or w.startswith(_ROLES) for w in folded)


def _debitive(folded: str) -> bool:
    """A Latvian "must" verb ("jānovērš", "jarisina" typed without diacritics), not "jauns"
    (new), "jaunieši" (youth) or "jautājums" (question)."""
    return folded.startswith("ja") and len(folded) > 4 and not folded.startswith(("jaun", "jaut"))


#: Words that may stand between "which" and the word pointing back: "which are they",
#: "which of them", "kuras no tām", "kuras ir tās".
_LINKS = frozenset({"are", "were", "is", "was", "of", "ir", "bija", "no"})


def which_of_them(tokens: Sequence[Token], vocab: Vocab, lang: Lang) -> bool:
    """A "which" word with a pointing-back word right after it ("kuras tās", "which are
    they"): which of the things just named."""
    anaphors = vocab.anaphors.get(lang)
    if anaphors is None:
        return False
    pointing = [s for s, _ in anaphors.spans(tokens)]
    return any(
        s == end or (s == end + 1 and tokens[end].folded in _LINKS)
        for _, end in vocab.which.spans(tokens)
        for s in pointing
    )


def which_alone(tokens: Sequence[Token], vocab: Vocab) -> bool:
    """A "which" pronoun with a verb right after it, no noun of its own: "un kuras minēja
    …", "and which reported …": which ones of what the conversation asked about."""
    verbs = {s for s, _ in vocab.blockers.spans(tokens)}
    return any(end in verbs for _, end in vocab.pronouns.spans(tokens))


def which_countries(tokens: Sequence[Token], vocab: Vocab, spans: SpanFinder) -> bool:
    """A "which" word followed within ``window`` words by a country noun, no verb, area or
    facet word between: "Kuras paplašināšanās procesā iesaistītās valstis", not "What did
    member states report" nor "Kurās jomās dalībvalstis …"."""
    nouns = spans(vocab.country_nouns) + vocab.national_bodies.spans(tokens)
    return _which_before(tokens, vocab, nouns) or _which_last(tokens, vocab, nouns)


def _which_last(tokens: Sequence[Token], vocab: Vocab, nouns: list[Span]) -> bool:
    """A "which" pronoun that ends the question (a pointing-back or filler word aside) or
    that a verb follows, with one of ``nouns`` ending within ``window`` words before it, no
    verb between: "Cik dalībvalstu un kuras?", "How many member states, and which ones?",
    "Cik dalībvalstu un kuras ziņoja …?"."""
    trailing = {
        i for ts in vocab.anaphors.values() for s, e in ts.spans(tokens) for i in range(s, e)
    }
    trailing |= {i for s, e in vocab.fillers.spans(tokens) for i in range(s, e)}
    verbs = {s for s, _ in vocab.blockers.spans(tokens)}
    for start, end in vocab.pronouns.spans(tokens):
        # it ends the question, or a verb follows it: "Cik dalībvalstu un kuras ziņoja …?"
        if not (set(range(end, len(tokens))) <= trailing or end in verbs):
            continue
        for _, noun_end in nouns:
            between = range(noun_end, start)
            if 0 <= start - noun_end < vocab.window and not verbs.intersection(between):
                return True
    return False


def which_bodies(tokens: Sequence[Token], vocab: Vocab) -> bool:
    """Whether the question asks which national bodies, as it asks which countries: "Which
    national contact points named …", "Kuru valstu kontaktpunkti minēja …". Their words then
    name what is asked for, not the subject."""
    return _which_before(tokens, vocab, vocab.national_bodies.spans(tokens))


def _which_before(tokens: Sequence[Token], vocab: Vocab, nouns: list[Span]) -> bool:
    """A "which" word followed within ``window`` words by one of ``nouns``, no verb, area or
    facet word between."""
    # a verb between, an area word or a facet word: "Kurās jomās dalībvalstis …" asks which
    # areas, "ar kādām grūtībām VKRJ saskārās" which difficulties
    blocked = {s for s, _ in vocab.blockers.spans(tokens)}
    blocked |= {s for s, _ in vocab.area_words.spans(tokens)}
    blocked |= {s for slot in vocab.facets.values() for s, _ in slot.terms.spans(tokens)}
    for _, cue_end in vocab.which.spans(tokens):
        for noun_start, _ in nouns:
            between = range(cue_end, noun_start)
            if 0 <= noun_start - cue_end < vocab.window and not blocked.intersection(between):
                return True
    return False


def count_target(vocab: Vocab, spans: SpanFinder) -> tuple[CountTarget | None, bool]:
    """What a count cue ("cik", "how many", "skaits") counts: the nearest measure, country or
    people noun within ``window`` words after it, else before it ("pasākumu skaits").
    Returns (target, whether people are counted, which makes it a statistic)."""
    cues = spans(vocab.count_cues)
    if not cues:
        return None, False
    measures = spans(vocab.measure_nouns)
    kinds: list[tuple[int, str]] = [(s, "measures") for s, _ in measures]
    # a country noun right before a measure noun names whose measures ("member-state
    # measures"): the measures are counted
    starts = {s for s, _ in measures}
    kinds += [(s, "countries") for s, e in spans(vocab.country_nouns) if e not in starts]
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


def mend_transpositions(tokens: Tokens, words: frozenset[str]) -> Tokens:
    """``tokens`` with each word that is one of ``words`` typed with two neighbouring letters
    swapped ("whcih", "kuars") read as that word; words of four letters or more only (the
    same tokens when none is)."""
    fixes = [_transposed(t.folded, words) for t in tokens]
    if not any(fixes):
        return tokens
    return Tokens(t._replace(folded=f) if f else t for t, f in zip(tokens, fixes, strict=True))


def _transposed(word: str, words: frozenset[str]) -> str | None:
    if len(word) < 4 or word in words:
        return None
    for i in range(len(word) - 1):
        swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if swapped in words:
            return swapped
    return None
