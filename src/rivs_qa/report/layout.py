"""Split the PDF-extracted report into typed blocks, in reading order.

The extract interleaves several flows: body text, footnote bodies (after a long run of
spaces that was the PDF's footnote rule), 2016 indicator boxes, measure tables and the
two-column "promising approaches / priorities" boxes. This module only decides which flow
each line belongs to; the block parsers (sections, footnotes, indicators, tables,
approaches) turn blocks into records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "body", "footnotes", "box", "table", "approaches"]

UPPER = "A-ZĀČĒĢĪĶĻŅŠŪŽ"
LOWER = "a-zāčēģīķļņšūž"

HEADING_RES = (
    re.compile(r"^(?P<intro>IEVADS)$"),
    re.compile(rf"^(?P<roman>I{{1,3}}|IV)\.\s+(?P<title>[{UPPER}][{UPPER} ,.-]+)$"),
    re.compile(rf"^(?P<num>[1-9])\.\s+(?P<title>[{UPPER}][{UPPER} ]+)$"),
    re.compile(rf"^(?P<num>[1-9])\.(?P<sub>[1-9])\.\s+(?P<title>[{UPPER}][{LOWER} ]+)$"),
    re.compile(rf"^(?P<num>[1-9])\.\s+(?P<title>[{UPPER}][{LOWER}]+(?: [{LOWER}]+){{1,3}})$"),
)
BOX_TITLE_RE = re.compile(r"^Romu (stāvoklis|pieredze) .+ \(2016\)$")
TABLE_TITLE_RE = re.compile(r"pasākumu sadalījums atbilstoši .*apakšjomām")
APPROACHES_TITLE_RE = re.compile(r"^Daudzsološas pieejas\s+Prioritātes, kurām jāpievēršas$")
URL_RE = re.compile(r"^(https?://|www\.)\S+$")
SEPARATOR_MIN_SPACES = 20


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source file
    raw: str  # without the trailing newline
    gap: bool = False  # preceded by a lone-space line: the extract's only paragraph break mark

    @property
    def text(self) -> str:
        return self.raw.strip()

    @property
    def indented(self) -> bool:
        """A leading space: the extract starts a page or a stripped bullet item this way."""
        return self.raw[:1].isspace()


@dataclass
class Block:
    kind: BlockKind
    lines: list[Line] = field(default_factory=list)
    heading: re.Match[str] | None = None
    # approaches blocks: indices into `lines` where a page break (footnote block) fell
    breaks: list[int] = field(default_factory=list)


def heading_match(text: str) -> re.Match[str] | None:
    for rx in HEADING_RES:
        m = rx.match(text)
        if m:
            return m
    return None


def is_separator(raw: str) -> bool:
    return len(raw) >= SEPARATOR_MIN_SPACES and not raw.strip()


def is_lone_number(text: str) -> bool:
    return text.isdigit() and len(text) <= 2


def source_lines(text: str) -> list[Line]:
    """Non-blank lines (the footnote rule, a run of spaces, is kept). A line of a few spaces
    is dropped but marks the next line as starting after a gap."""
    out = []
    gap = False
    for i, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if raw.strip() or is_separator(raw):
            out.append(Line(i, raw.rstrip() if raw.strip() else raw, gap))
            gap = False
        elif raw:
            gap = True
    return out


class _FootnoteScan:
    """Decides, inside a footnote area, where it ends (footnotes are numbered 1..N in order)."""

    def __init__(self) -> None:
        self.next_body = 1
        self.after_number = False

    def starts_body(self, text: str) -> bool:
        m = re.match(r"^(\d{1,2})(?:\s+(.*))?$", text)
        return bool(m) and int(m.group(1)) == self.next_body

    def take(self, line: Line) -> bool:
        """True if `line` belongs to the footnote area."""
        text = line.text
        if self.starts_body(text):
            self.next_body += 1
            self.after_number = is_lone_number(text)
            return True
        if self.after_number:
            self.after_number = False
            return True
        if URL_RE.match(text):
            return True
        if line.indented or BOX_TITLE_RE.match(text) or TABLE_TITLE_RE.search(text):
            return False
        if heading_match(text):
            return False
        return True


def segment(text: str) -> list[Block]:
    """Assign every line to a block of one flow, in reading order."""
    blocks: list[Block] = []
    fn = _FootnoteScan()
    state: BlockKind = "body"
    resume: BlockKind = "body"

    def open_block(kind: BlockKind) -> Block:
        blk = Block(kind)
        blocks.append(blk)
        return blk

    current = open_block("body")
    for line in source_lines(text):
        t = line.text
        if is_separator(line.raw):
            resume = state if state in ("approaches", "table") else "body"
            state = "footnotes"
            current = open_block("footnotes")
            continue
        if state == "footnotes":
            if fn.take(line):
                current.lines.append(line)
                continue
            state = resume
            if state in ("approaches", "table"):
                prev = next(b for b in reversed(blocks[:-1]) if b.kind == state)
                current = prev
                if state == "approaches":
                    current.breaks.append(len(current.lines))
            else:
                current = open_block("body")
        if state == "box":
            ends = line.indented or URL_RE.match(t) or TABLE_TITLE_RE.search(t) or heading_match(t)
            if not ends:
                current.lines.append(line)
                continue
            state = "body"
            current = open_block("body")
        if state == "table":
            if line.indented or heading_match(t) or BOX_TITLE_RE.match(t):
                state = "body"
                current = open_block("body")
            else:
                current.lines.append(line)
                if t.startswith("Avots:"):
                    state = "body"
                    current = open_block("body")
                continue
        if state == "approaches":
            if not heading_match(t):
                current.lines.append(line)
                continue
            state = "body"
        # body state
        hm = heading_match(t)
        if hm:
            blocks.append(Block("heading", [line], heading=hm))
            current = open_block("body")
        elif BOX_TITLE_RE.match(t):
            state = "box"
            current = open_block("box")
            current.lines.append(line)
        elif TABLE_TITLE_RE.search(t):
            state = "table"
            current = open_block("table")
            current.lines.append(line)
        elif APPROACHES_TITLE_RE.match(t):
            state = "approaches"
            current = open_block("approaches")
            current.lines.append(line)
        elif URL_RE.match(t):
            # a page's hyperlink target repeated at its foot: debris of the footnote area
            fnb = next((b for b in reversed(blocks) if b.kind == "footnotes"), None)
            if fnb is not None:
                fnb.lines.append(line)
        else:
            current.lines.append(line)
    return [b for b in blocks if b.lines]
