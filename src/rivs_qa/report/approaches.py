"""The two-column 'Daudzsološas pieejas' / 'Prioritātes, kurām jāpievēršas' boxes.

The extract reads the left column (promising approaches, each naming its countries) and
then the right one (priorities); a page break restarts both, so after a footnote area the
left column's rest comes first, then the right column's. A wrapped line is given to the
left column only when its first word could not have fitted on the left item's last line
(the PDF wraps a line only when the next word does not fit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .footnotes import CODE_RE
from .layout import Block

BULLET = "٠"
PREFIX_RE = re.compile(r"^((?:(?:BiH|KOS|[A-Z]{2})[,\s]+)*(?:BiH|KOS|[A-Z]{2}))\s*:\s*(.*)$")
PAREN_CODE_RE = re.compile(r"\((BiH|KOS|[A-Z]{2})\)")
# slack for proportional fonts: a word that fits with this much room left would have wrapped up
WRAP_SLACK = 10


@dataclass
class RawItem:
    kind: Literal["approach", "priority"]
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.lines)).strip()


LEADING_CODES_RE = re.compile(r"^(?:(?:BiH|KOS|[A-Z]{2})[,\s]*)+(?::|$)")
INFINITIVE_RE = re.compile(r"^\(?[A-ZĀČĒĢĪĶĻŅŠŪŽ]?[a-zāčēģīķļņšūž]+(?:t|ties)\)?$")


def _is_approach(bullet_text: str) -> bool:
    """Approaches open with their countries; priorities are imperatives ("Nodrošināt …",
    "Sistemātiski pārraudzīt …"): an infinitive among the first two words."""
    if LEADING_CODES_RE.match(bullet_text) or PAREN_CODE_RE.search(bullet_text):
        return True
    words = bullet_text.split()[:2]
    return not any(INFINITIVE_RE.match(w.rstrip(",")) for w in words)


def parse_approaches(block: Block) -> list[RawItem]:
    """Split a box into its approaches and priorities, each in reading order."""
    lines = block.lines[1:]  # the first line is the two column titles
    breaks = {b - 1 for b in block.breaks}
    items: list[RawItem] = []
    left: RawItem | None = None
    right: RawItem | None = None
    target: RawItem | None = None
    after_break = False
    left_width = max(
        (
            len(ln.text)
            for ln in lines
            if ln.text.startswith(BULLET) and _is_approach(ln.text[1:].strip())
        ),
        default=0,
    )
    for i, ln in enumerate(lines):
        if i in breaks:
            after_break, target = True, None
        t = ln.text
        if t.startswith(BULLET):
            body = t[len(BULLET) :].strip()
            item = RawItem("approach" if _is_approach(body) else "priority", [body])
            items.append(item)
            if item.kind == "approach":
                left = target = item
            else:
                right = target = item
                after_break = False
            continue
        if after_break and target is None:
            target = left
        if after_break and target is left and left is not None and right is not None:
            first_word = t.split()[0]
            if len(left.lines[-1]) + 1 + len(first_word) <= left_width - WRAP_SLACK:
                target = right
        if target is None:
            raise ValueError(f"line {ln.no}: text before any item in an approaches box: {t!r}")
        target.lines.append(t)
    return items


def item_countries(item: RawItem) -> tuple[list[str], str]:
    """Country codes of an approach and its text without the code prefix."""
    text = item.text
    m = PREFIX_RE.match(text)
    if m:
        codes = CODE_RE.findall(m.group(1))
        return list(dict.fromkeys(codes)), m.group(2).strip()
    return list(dict.fromkeys(PAREN_CODE_RE.findall(text))), text
