"""Sections and their paragraphs: the body text flow rejoined across PDF line breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .footnotes import MarkerScanner
from .layout import Line
from .model import DOMAINS, Domain, FootnoteRef, Paragraph, ParagraphKind

BULLET = "٠"  # the extract's bullet glyph (U+0660)
# where a marked phrase can start: after , ; : — or a sentence end (not "2020. gadam")
PHRASE_START_RE = re.compile(r"[,;:]\s*|(?<![\d\s])[.!?]\s+|—\s*|^")
CONJUNCTION_RE = re.compile(r"^(?:un|kā arī|vai)\s+")
CONJUNCTION_EN_RE = re.compile(r"^(?:and|as well as|or)\s+")


@dataclass
class SectionHead:
    id: str
    number: str
    title_lv: str
    level: int
    parent_id: str | None
    domain: Domain | None


class SectionNumbering:
    """Turns headings into ids: IEVADS → INTRO, I. → I, 1. → I.1, 1.2. → I.1.2, II/1. → II.1."""

    def __init__(self) -> None:
        self.roman: str | None = None
        self.domain_num: int | None = None

    def head(self, m: re.Match[str]) -> SectionHead:
        g = m.groupdict()
        title = re.sub(r"\s+", " ", g.get("title") or "").strip()
        if g.get("intro"):
            return SectionHead("INTRO", "", g["intro"], 1, None, None)
        if g.get("roman"):
            self.roman, self.domain_num = g["roman"], None
            domain: Domain | None = "discrimination" if self.roman == "II" else None
            return SectionHead(self.roman, f"{self.roman}.", title, 1, None, domain)
        roman = self.roman or "I"
        num = int(g["num"])
        if g.get("sub"):
            parent = f"{roman}.{num}"
            return SectionHead(
                f"{parent}.{g['sub']}", f"{num}.{g['sub']}.", title, 3, parent, self._domain(num)
            )
        if roman == "I":
            self.domain_num = num
            return SectionHead(f"I.{num}", f"{num}.", title, 2, "I", self._domain(num))
        return SectionHead(f"{roman}.{num}", f"{num}.", title, 2, roman, self._domain(num))

    def _domain(self, num: int) -> Domain | None:
        if self.roman == "II":
            return "discrimination"
        if self.roman == "I" and 1 <= num <= 4:
            return DOMAINS[num - 1]
        return None


def _phrase(text: str, offset: int, floor: int = 0, lang: str = "lv") -> str:
    """The words a marker at `offset` follows, back to the previous , ; : sentence end or
    marker (`floor`), without a leading conjunction: "… uzraudzībai¹¹ un ar … programmās¹²"."""
    head = text[:offset]
    start = floor
    for m in PHRASE_START_RE.finditer(head):
        if start <= m.end() < len(head):
            start = m.end()
    conjunction = CONJUNCTION_RE if lang == "lv" else CONJUNCTION_EN_RE
    return conjunction.sub("", head[start:].strip())


def marker_phrase(text: str, offset: int, floor: int = 0, lang: str = "lv") -> str:
    """The phrase a footnote marker at ``offset`` annotates (see ``_phrase``)."""
    return _phrase(text, offset, floor, lang)


@dataclass
class _Open:
    kind: ParagraphKind
    text: str = ""
    refs: list[tuple[int, int]] = field(default_factory=list)
    last_len: int = 0


class ParagraphBuilder:
    """Rejoins a section's body lines into paragraphs and list items, resolving markers.

    A paragraph ends where a line ends a sentence well short of the full line width; a list
    item starts with the bullet glyph, or with an indented line after a ':' or ';' (the
    introduction's bullets were lost in extraction but kept their indent).
    """

    def __init__(self, section_id: str, markers: MarkerScanner, full_width: int) -> None:
        self.section_id = section_id
        self.markers = markers
        self.short = int(full_width * 0.85)
        self.items: list[Paragraph] = []
        self.pending: list[Paragraph] = []
        self.open: _Open | None = None
        self.unresolved_numbers: list[int] = []

    # -- body lines -------------------------------------------------------------------
    def add_line(self, line: Line) -> None:
        t = line.text
        n = self.markers.lone(t)
        if n is not None:
            if self.open is None:
                raise ValueError(f"line {line.no}: footnote marker {n} before any text")
            self.open.text = self.open.text.rstrip()
            self.open.refs.append((n, len(self.open.text)))
            return
        if t.startswith(BULLET):
            self.close()
            self.open = _Open("list_item")
            self._append(t[len(BULLET) :].strip(), len(line.raw))
            return
        cur = self.open
        if cur is None:
            self.open = _Open("paragraph")
        elif line.indented and cur.text.rstrip().endswith((":", ";")):
            self.close()
            self.open = _Open("list_item")
        elif (
            (cur.last_len < self.short or line.gap)
            and cur.text.rstrip().endswith((".", "!", "?"))
            and t[:1].isupper()
        ):
            self.close()
            self.open = _Open("paragraph")
        self._append(t, len(line.raw))

    def _append(self, t: str, raw_len: int) -> None:
        assert self.open is not None
        cur = self.open
        glued = self.markers.glued(t)
        if glued:
            pieces, refs, pos = [], [], 0
            for start, n in glued:
                pieces.append(t[pos:start])
                refs.append((n, sum(len(p) for p in pieces)))
                pos = start + len(str(n))
            pieces.append(t[pos:])
            t = "".join(pieces)
        else:
            refs = []
        base = cur.text.rstrip()
        sep = "" if not base or t[:1] in ".,;:)" else " "
        offset0 = len(base) + len(sep)
        cur.text = base + sep + t
        cur.refs.extend((n, offset0 + off) for n, off in refs)
        cur.last_len = raw_len

    # -- structured items and closing ------------------------------------------------
    def add_structured(self, kind: ParagraphKind, text: str) -> None:
        para = Paragraph(id="", section_id=self.section_id, kind=kind, text=text, footnotes=[])
        (self.pending if self.open is not None else self.items).append(para)

    def close(self) -> None:
        cur, self.open = self.open, None
        if cur is not None and cur.text.strip():
            text = cur.text.strip()
            lead = len(cur.text) - len(cur.text.lstrip())
            refs, floor = [], 0
            for n, off in cur.refs:
                refs.append(
                    FootnoteRef(n=n, phrase=_phrase(text, off - lead, floor), offset=off - lead)
                )
                floor = off - lead
            self.items.append(
                Paragraph(
                    id="", section_id=self.section_id, kind=cur.kind, text=text, footnotes=refs
                )
            )
        self.items.extend(self.pending)
        self.pending = []

    def paragraphs(self) -> list[Paragraph]:
        self.close()
        return [
            p.model_copy(update={"id": f"{self.section_id}.p{i}"})
            for i, p in enumerate(self.items, start=1)
        ]
