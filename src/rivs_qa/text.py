"""The one sentence splitter, for Latvian report text and its English translation. Pure.

Search chunks, answer quotes and the sentence alignment of the translation all cut text
here, so a Latvian sentence and its English translation are the same unit everywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

Lang = Literal["lv", "en"]

# A sentence ends at . ! ? followed by a space and a capital, quote, bracket or digit.
# Latvian: not after "Piem." / "u. c." / "t. i." / "nr." or a number with its ordinal point
# ("2020. gadam", "4. decembrī"). English: not after "e.g." / "i.e." / "No." / "Art.".
_END = {
    "lv": re.compile(
        r"(?<!\bPiem)(?<!\bpiem)(?<!\bSk)(?<!\bsk)(?<!\bu\. c)(?<!\bt\. i)(?<!\bnr)"
        r"(?<![\s(]\d)(?<![\s(]\d\d)(?<![\s(]\d\d\d\d)[.!?](?=\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ“\"(0-9])"
    ),
    "en": re.compile(
        r"(?<!\be\.g)(?<!\bE\.g)(?<!\bi\.e)(?<!\bNo)(?<!\bArt)(?<!\bvs)[.!?]"
        r"(?=\s+[A-Z“\"(0-9])"
    ),
}


def sentence_spans(text: str, lang: Lang = "lv") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, without surrounding spaces;
    a text without an end mark is one sentence."""
    return list(_sentence_spans(text, lang))


@lru_cache(maxsize=20_000)
def _sentence_spans(text: str, lang: Lang) -> tuple[tuple[int, int], ...]:
    # Cached: an answer turn splits the same few hundred passages again and again.
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END[lang].finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(out)


def sentence_at(text: str, offset: int, lang: Lang = "lv") -> str:
    """The sentence of ``text`` that holds character ``offset`` (a footnote marker's place),
    or "" when none does."""
    for a, b in _sentence_spans(text, lang):
        if a <= offset <= b:
            return text[a:b]
    return ""


def split_sentences(text: str, lang: Lang = "lv") -> list[str]:
    """Sentences of a passage, in order; a passage without an end mark is one sentence."""
    return [text[a:b] for a, b in sentence_spans(text, lang)]
