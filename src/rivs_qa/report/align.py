"""Which English words translate a span of a Latvian paragraph. Pure.

The translation keeps the Latvian sentences one for one (``translation_check`` fails on any
unit whose sentence counts differ), so sentence ``i`` of the Latvian is sentence ``i`` of the
English. A span of the Latvian (a search chunk, a quoted sentence) is translated by the
English sentences whose Latvian counterparts it covers.
"""

from __future__ import annotations

from ..text import sentence_spans, split_sentences
from .model import Paragraph


def english_for_span(lv: str, en: str, start: int, end: int) -> str:
    """The English sentences translating ``lv[start:end]``: each Latvian sentence the span
    covers for at least half its length (at least the one it overlaps most). The whole
    English text when the sentences do not pair up, or ``""`` when there is none."""
    if not en:
        return ""
    lv_spans = sentence_spans(lv, "lv")
    en_spans = sentence_spans(en, "en")
    if len(lv_spans) != len(en_spans) or not lv_spans:
        return en
    overlaps = [max(0, min(end, b) - max(start, a)) for a, b in lv_spans]
    chosen = [i for i, (a, b) in enumerate(lv_spans) if b > a and overlaps[i] * 2 >= (b - a)]
    if not chosen:
        best = max(range(len(lv_spans)), key=overlaps.__getitem__)
        if overlaps[best] == 0:
            return ""
        chosen = [best]
    first, last = en_spans[chosen[0]][0], en_spans[chosen[-1]][1]
    return en[first:last]


def english_for_quote(lv: str, en: str, quote: str) -> str:
    """The English of a quote taken from ``lv`` (a sentence or run of sentences); ``""``
    when the quote is not found in it."""
    start = lv.find(quote)
    if start < 0:
        return ""
    return english_for_span(lv, en, start, start + len(quote))


def lead_in(para: Paragraph) -> tuple[str, str]:
    """A paragraph's last sentence when it ends in ":" (a list follows), and its English;
    ``("", "")`` when it leads into no list."""
    sentences = split_sentences(para.text)
    if not sentences or not sentences[-1].endswith(":"):
        return "", ""
    return sentences[-1], english_for_quote(para.text, para.text_en, sentences[-1])
