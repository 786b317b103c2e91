"""A text's words as the vocabulary reads them: :func:`tokenize` splits a text into
:class:`Token` (each word with its folded form and place), kept per text as :class:`Tokens`,
which also keep what the vocabulary's term sets found in them (``answer/vocab.py``).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rivs_qa.textnorm import fold

if TYPE_CHECKING:
    from rivs_qa.answer.vocab import TermSet

Span = tuple[int, int]  # token indexes [start, end)
#: Letters of a token's folded form that key a term set's index.
KEY_LETTERS = 3


class Token(NamedTuple):
    text: str
    folded: str
    start: int
    end: int


class Tokens(tuple[Token, ...]):
    """A text's tokens, in order, with the places each key of a term index starts (the
    first letters of a token's folded form): a term set whose keys none of them has is
    passed over without reading the tokens one by one."""

    @cached_property
    def starts(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, token in enumerate(self):
            out.setdefault(token.folded[:KEY_LETTERS], []).append(i)
        return out

    @cached_property
    def found(self) -> dict[int, tuple[TermSet, tuple[Span, ...]]]:
        """What each term set found here, by the set's id (the set is kept with it, so its
        id cannot be another's): one question's tokens are read by many rules."""
        return {}


_TOKEN = re.compile(r"\w+|%")
#: Texts whose tokens are kept: the question's, read by many rules, and the report's
#: passages and labels, read again from question to question.
TOKENIZED_CACHE = 4096


@lru_cache(maxsize=TOKENIZED_CACHE)
def tokenize(text: str) -> Tokens:
    """Words (and "%") with their folded form and place in ``text``; the same tuple for
    the same text (kept for the last :data:`TOKENIZED_CACHE` texts)."""
    return Tokens(
        Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)
    )
