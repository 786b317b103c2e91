"""Achievements against challenges: whether a footnote's country list, offered for one
facet, is listed under the other. The report's "Panākumi un problēmas" sections name each
country list after a success or after a difficulty, sometimes in one sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rivs_qa.answer.vocab import Facet, Vocab, tokenize

_QUOTED = re.compile(r"“([^”]*)”")
_OPPOSITE: dict[Facet, Facet] = {"achievements": "challenges", "challenges": "achievements"}


def conflict(vocab: Vocab, facet: Facet | None, said: str, claims: Sequence[str] = ()) -> bool:
    """The question asks for achievements (or challenges) and what the answer says names
    only the other ("… footnote 46 to “shortcomings in … access to social housing”" for
    "Which countries reported success in access to social housing?"). Read of footnote
    answers only: a footnote's claim is one phrase, prose names both in passing. When the
    quoted phrase names neither, the sentences carrying the footnotes' markers (``claims``)
    say which it is: "… minēja problēmas …, kā arī grūtības … romu sieviešu un bērnu
    stāvokļa uzlabošanas kontekstā⁵²" lists a challenge, though its phrase does not."""
    if facet is None or facet not in _OPPOSITE:
        return False
    # what the answer quotes says it, not the section it names ("(Achievements and …)")
    quoted = _QUOTED.findall(said)
    facets = vocab.facets
    for text in (" ".join(quoted) if quoted else said, " ".join(claims)):
        tokens = tokenize(text)
        own, other = facets[facet].terms.spans(tokens), facets[_OPPOSITE[facet]].terms.spans(tokens)
        if own or other:
            return bool(other) and not own
    return False
