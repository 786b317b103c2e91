"""Footnote bodies (from footnote areas) and in-text footnote markers (from the text flow)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import URL_RE, Block, is_lone_number

# Codes as the report writes them: two capitals, plus "BiH" and "KOS" for the enlargement region.
CODE_RE = re.compile(r"\b(?:BiH|KOS|[A-Z]{2})\b")
COUNTRY_LIST_RE = re.compile(
    r"^(?:Piem\.,?\s*)?(?:(?:BiH|KOS|[A-Z]{2})[,\s]+)*(?:BiH|KOS|[A-Z]{2})\s*\.?$"
)
INLINE_URL_RE = re.compile(r"(?:https?://|www\.)[^\s,;]+[^\s,;.]")
GLUED_MARKER_RE = re.compile(r"(?<=[^\W\d_])(\d{1,2})(?=[\s,;.:)]|$)")


@dataclass
class RawFootnote:
    n: int
    parts: list[str]
    urls: list[str]


def parse_footnote_blocks(blocks: list[Block]) -> list[RawFootnote]:
    """Footnote bodies in number order, with URLs collected from the text and debris lines."""
    notes: list[RawFootnote] = []
    targets: list[tuple[str, list[RawFootnote]]] = []
    for block in blocks:
        if block.kind != "footnotes":
            continue
        in_block: list[RawFootnote] = []
        for line in block.lines:
            t = line.text
            m = re.match(r"^(\d{1,2})(?:\s+(.*))?$", t)
            if m and int(m.group(1)) == len(notes) + 1:
                note = RawFootnote(int(m.group(1)), [m.group(2)] if m.group(2) else [], [])
                notes.append(note)
                in_block.append(note)
            elif URL_RE.match(t):
                targets.append((t, in_block))
            elif notes:
                notes[-1].parts.append(t)
    for note in notes:
        note.urls = INLINE_URL_RE.findall(" ".join(note.parts))
    for url, candidates in targets:
        _attach_link_target(url, candidates)
    return notes


def _bare(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url).rstrip("/.")


def _attach_link_target(url: str, candidates: list[RawFootnote]) -> None:
    """A hyperlink target printed at the page foot belongs to the footnote on that page
    whose printed address it extends; one that extends none (a link in a box) is dropped."""
    for note in candidates:
        for printed in note.urls:
            if _bare(url).startswith(_bare(printed)):
                if url not in note.urls:
                    note.urls.append(url)
                return


def footnote_text(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def footnote_countries(text: str) -> list[str]:
    """Country codes when the body is a country list ("AT, FR, EL." or "Piem., CZ, SK.")."""
    if not COUNTRY_LIST_RE.match(text):
        return []
    seen: list[str] = []
    for code in CODE_RE.findall(text):
        if code not in seen:
            seen.append(code)
    return seen


class MarkerScanner:
    """Finds in-text footnote markers in reading order: 1, 2, 3 … each exactly once.

    A marker is a lone number on its own line, or digits glued to a word ("pilnvaras54,").
    Only the next expected number counts, so table counts or years are never taken.
    """

    def __init__(self) -> None:
        self.next = 1

    def lone(self, text: str) -> int | None:
        if is_lone_number(text) and int(text) == self.next:
            self.next += 1
            return self.next - 1
        return None

    def glued(self, text: str) -> list[tuple[int, int]]:
        """(position in `text` where the digits start, number) for glued markers."""
        found = []
        for m in GLUED_MARKER_RE.finditer(text):
            if int(m.group(1)) == self.next:
                found.append((m.start(), self.next))
                self.next += 1
        return found
