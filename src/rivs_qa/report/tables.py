"""The five '… pasākumu sadalījums atbilstoši … apakšjomām' measure tables.

Rows are torn across lines in the extract; the cells are recovered from the token
stream, which always reads: sub-area words, member-state codes, a count, enlargement
codes (possibly none), a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Block

CODES_TOKEN_RE = re.compile(r"^(?:BiH|KOS|[A-Z]{2})(?:,(?:BiH|KOS|[A-Z]{2}))*,?$")
HEADER_END = "skaits"


@dataclass
class RawRow:
    sub_area_lv: str
    member_states: list[str] = field(default_factory=list)
    member_state_measures: int | None = None
    enlargement_countries: list[str] = field(default_factory=list)
    enlargement_measures: int | None = None


@dataclass(frozen=True)
class RawTable:
    title_lv: str
    header_lv: str
    source: str
    rows: list[RawRow]


def _split_header(block: Block) -> tuple[str, list[str], list[str], str]:
    title = block.lines[0].text.rstrip(". ")
    rest = [ln.text for ln in block.lines[1:]]
    seen = 0
    for i, t in enumerate(rest):
        seen += t == HEADER_END
        if seen == 2:
            header, body = rest[: i + 1], rest[i + 1 :]
            break
    else:
        raise ValueError(f"table header not found after {title!r}")
    source = ""
    if body and body[-1].startswith("Avots:"):
        source = body.pop()
    return title, header, body, source


def parse_table(block: Block) -> RawTable:
    title, header, body, source = _split_header(block)
    rows: list[RawRow] = []
    words: list[str] = []
    row: RawRow | None = None
    tokens = " ".join(body).split()
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # "ES" is also Latvian for "EU" inside a sub-area ("ES tiesību aktiem"): codes open
        # the member-state cell only when more codes or a count follow.
        is_cell = CODES_TOKEN_RE.match(token) and (
            row is not None or CODES_TOKEN_RE.match(nxt) or nxt.isdigit()
        )
        if is_cell:
            codes = [c for c in token.split(",") if c]
            if row is None:
                if not words:
                    raise ValueError(f"table {title!r}: country codes before a sub-area: {token}")
                row = RawRow(" ".join(words))
                words = []
            if row.member_state_measures is None:
                row.member_states.extend(codes)
            else:
                row.enlargement_countries.extend(codes)
        elif token.isdigit():
            if row is None:
                if not words:
                    raise ValueError(f"table {title!r}: a count before a sub-area: {token}")
                row = RawRow(" ".join(words))
                words = []
            if row.member_state_measures is None:
                row.member_state_measures = int(token)
            else:
                row.enlargement_measures = int(token)
                rows.append(row)
                row = None
        else:
            if row is not None:
                raise ValueError(
                    f"table {title!r}: row {row.sub_area_lv!r} is incomplete at {token!r}"
                )
            words.append(token)
    if row is not None or words:
        raise ValueError(f"table {title!r} ends inside a row: {' '.join(words) or row}")
    return RawTable(title, " ".join(header), source, rows)


def row_line(
    sub_area: str, member_states: list[str], ms_count: int, enlargement: list[str], enl_count: int
) -> str:
    """A row as the report prints it: sub-area, member states, count, enlargement countries, count."""
    cells = [sub_area, ", ".join(member_states), str(ms_count)]
    if enlargement:
        cells.append(", ".join(enlargement))
    cells.append(str(enl_count))
    return " ".join(cells)
