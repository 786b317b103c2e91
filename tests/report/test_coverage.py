"""Nothing lost: the words of the source text all land somewhere in the parsed report.

Word tokens are maximal runs of letters, so punctuation, figures, footnote markers (lone or
glued: "pilnvaras54" → "pilnvaras") and the bullet glyphs ("٠" is a digit to Unicode, the
box sub-item "o " is stripped first) never count as words. URLs are dropped on both sides:
page-foot link targets are debris, and footnote URLs are kept in `Footnote.urls` anyway.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from rivs_qa.report.model import Report
from rivs_qa.report.parse import load_report

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCE = (CORPUS / "report_lv.txt").read_text(encoding="utf-8")
THRESHOLD = 0.995

WORD_RE = re.compile(r"[^\W\d_]+")
URL_TOKEN_RE = re.compile(r"(?:https?://|www\.)\S*")
SUB_BULLET_RE = re.compile(r"^\s*o\s+", re.MULTILINE)  # the indicator boxes' sub-item marker


def words(text: str) -> Counter[str]:
    text = URL_TOKEN_RE.sub(" ", text)
    return Counter(WORD_RE.findall(text))


def source_words(text: str) -> Counter[str]:
    return words(SUB_BULLET_RE.sub("", text))


def parsed_texts(report: Report) -> Iterator[str]:
    for s in report.sections:
        yield s.number
        yield s.title_lv
        for p in s.paragraphs:
            yield p.text
    for f in report.footnotes:
        yield f.text
    for t in report.tables:
        yield t.title_lv
        yield t.header_lv
        yield t.source
    for ind in report.indicators:
        if ind.note:
            yield ind.note


def coverage(source: Counter[str], parsed: Counter[str]) -> tuple[int, int, Counter[str]]:
    """(kept, total, missing): a source word counts as kept as often as the parse has it."""
    kept = sum(min(n, parsed[w]) for w, n in source.items())
    missing = source - parsed
    return kept, sum(source.values()), missing


@pytest.fixture(scope="module")
def report() -> Report:
    return load_report(CORPUS / "report_lv.txt")


def test_tokenizer_drops_markers_urls_and_bullets() -> None:
    assert words("pilnvaras54, ilgtspēju56; 2000/43/EK") == Counter(
        ["pilnvaras", "ilgtspēju", "EK"]
    )
    assert words("٠ BG, CZ: 66 AL") == Counter(["BG", "CZ", "AL"])
    assert words("skatīt www.ec.europa.eu/eurostat. https://x.eu/a?b=c") == Counter(["skatīt"])
    assert source_words("o meklējot darbu: 43 %;\no darbā: 19 %") == Counter(
        ["meklējot", "darbu", "darbā"]
    )


def test_nothing_lost(report: Report) -> None:
    source = source_words(SOURCE)
    parsed = words("\n".join(parsed_texts(report)))
    kept, total, missing = coverage(source, parsed)
    x = kept / total
    print(f"coverage: {x:.4f} ({kept}/{total} word tokens)")
    if missing:
        print("missing:", missing.most_common(30))
    assert x >= THRESHOLD, (
        f"only {x:.4f} of word tokens kept; most common missing: {missing.most_common(30)}"
    )


def test_parse_adds_no_words(report: Report) -> None:
    """The reverse direction: every word of the parse comes from the source (the structured
    paragraphs repeat table and approach text, so compare word sets, not counts)."""
    invented = set(words("\n".join(parsed_texts(report)))) - set(source_words(SOURCE))
    assert not invented, sorted(invented)
