"""Footnote markers in citations, where the report prints them inline.

The parser keeps a passage's text without its footnote markers (search, keys and the
verifier read words, not reference numbers) and records after which words each marker
stands. Most markers stand on a line of their own in the report's text; some are printed
glued to the word they follow ("… pārsniedzot gaidīto un pilnvaras54, palielināja …"). A
citation shows the report's words as printed: once the answer is chosen, those glued
markers go back into each citation's Latvian ``text`` and ``quote``, so a reader finds the
footnote, and a line copied from the report is found in the quote as it stands. The answer
text and the English translation stay without them. Pure: the report's printed text is
passed in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rivs_qa.answer.citations import PROSE
from rivs_qa.answer.contract import AskResponse, Citation
from rivs_qa.report.model import Report
from rivs_qa.search.model import Chunk

_SPACE = re.compile(r"\s+")
#: Letters of the words before a marker that must meet the marker in the printed text: enough
#: to place it without doubt in a passage.
TAIL = 24


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class FootnoteMarks:
    """Per passage (chunk id), its inline markers: (the words before one, those words with
    the marker after them)."""

    by_chunk: dict[str, tuple[tuple[str, str], ...]]

    @classmethod
    def of(cls, report: Report, chunks: Sequence[Chunk], printed: str) -> FootnoteMarks:
        """``printed``: the report's text as its file holds it."""
        flat = _flat(printed)
        tails: dict[int, str] = {}
        for section in report.sections:
            for paragraph in section.paragraphs:
                for ref in paragraph.footnotes:
                    tail = _flat(ref.phrase)[-TAIL:]
                    if len(tail) >= 3 and f"{tail}{ref.n}" in flat:
                        tails[ref.n] = tail
        by_chunk: dict[str, tuple[tuple[str, str], ...]] = {}
        for chunk in chunks:
            marks = tuple((tails[n], f"{tails[n]}{n}") for n in chunk.footnotes if n in tails)
            if marks and chunk.kind in PROSE:
                by_chunk[chunk.chunk_id] = marks
        return cls(by_chunk)

    def mark(self, chunk_id: str, text: str) -> str:
        """``text`` (a passage or a quote of it) with the passage's inline markers put back
        where their words occur once."""
        for tail, marked in self.by_chunk.get(chunk_id, ()):
            if text.count(tail) == 1 and marked not in text:
                text = text.replace(tail, marked)
        return text

    def apply(self, response: AskResponse) -> AskResponse:
        """``response`` with its citations' Latvian text and quote marked."""
        if not any(c.chunk_id in self.by_chunk for c in response.citations):
            return response
        return response.model_copy(
            update={"citations": [self._cited(c) for c in response.citations]}
        )

    def _cited(self, citation: Citation) -> Citation:
        if citation.chunk_id not in self.by_chunk:
            return citation
        return citation.model_copy(
            update={
                "text": self.mark(citation.chunk_id, citation.text),
                "quote": self.mark(citation.chunk_id, citation.quote),
            }
        )
