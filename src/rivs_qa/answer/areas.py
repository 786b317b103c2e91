"""Which policy area a question is about, by how it names the area: framed by an area word
("izglītības jomā", "in the area of employment"), or placed in it by "in" before its name
or by the Latvian locative of its name ("… as a challenge in employment", "… problēmām
nodarbinātībā")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rivs_qa.answer.vocab import Slot, Span, Token, Vocab, tokenize
from rivs_qa.report.model import Domain


def placed(
    tokens: Sequence[Token], domain_hits: Mapping[Domain, list[Span]], vocab: Vocab
) -> tuple[Domain, ...]:
    """Domains the question is placed in: named right after a preposition of
    ``vocab.area_prepositions`` ("in", a stop word, so never a subject word), or by the
    Latvian locative of the area's own name. ``extract_features`` takes them as framed in a
    question of its own only."""
    return _after(domain_hits, vocab.area_prepositions.spans(tokens)) + tuple(
        d for d, slot in vocab.domains.items() if says_locative(tokens, slot)
    )


def _after(domain_hits: Mapping[Domain, list[Span]], words: list[Span]) -> tuple[Domain, ...]:
    """Domains named right after one of ``words``."""
    return tuple(
        d
        for d, hits in domain_hits.items()
        if any(w_end == s for s, _ in hits for _, w_end in words)
    )


def framed(domain_hits: Mapping[Domain, list[Span]], areas: list[Span]) -> tuple[Domain, ...]:
    """Domains named right before an area word ("izglītības jomā", "employment sector") or
    right after one and a linking word ("in the area of employment", "jomā — izglītība")."""
    out = []
    for domain, hits in domain_hits.items():
        for start, end in hits:
            if any(a_start == end or a_end in (start, start - 1) for a_start, a_end in areas):
                out.append(domain)
                break
    return tuple(out)


def says_locative(tokens: Sequence[Token], slot: Slot) -> bool:
    """Whether ``tokens`` hold the Latvian locative of the slot's own name ("izglītībā",
    "veselības aprūpē"): the area a thing happens in, as "in education" says it. Compared
    with their diacritics: folded, "mājoklī" (in a dwelling) is "mājokli" (a dwelling)."""
    words = [t.text.lower() for t in tokens]
    for phrase in slot.forms.get("lv", {}).get("loc", ()):
        form = [t.text.lower() for t in tokenize(phrase)]
        if any(words[i : i + len(form)] == form for i in range(len(words) - len(form) + 1)):
            return True
    return False
