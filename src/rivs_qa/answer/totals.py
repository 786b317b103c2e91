"""A survey box's total line ("kopā: 29 %" under the heading of its items): a question
asking a total ("kopumā", "in total", "overall") gets that line, not one of the items.

Pure: built once from the report's figures, their passages and the vocabulary's total
words; ``of`` finds the total lines, ``apply`` puts a box's total line in place of its items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rivs_qa.answer.facts import ReportFacts
from rivs_qa.answer.lookup import Lookup
from rivs_qa.answer.vocab import Vocab, tokenize
from rivs_qa.report.model import Indicator
from rivs_qa.search.model import Chunk


@dataclass(frozen=True)
class TotalLines:
    by_box: dict[tuple[str, str], Indicator]  # (section, heading) → the box's total line
    items: frozenset[str]  # the passages of the other lines of those boxes
    #: a total line's passage → the passages of the lines it totals (what it counts)
    members: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: ReportFacts, chunks: Sequence[Chunk], vocab: Vocab) -> TotalLines:
        by_box = {
            (i.section_id, i.group_lv): i
            for i in facts.indicators.values()
            if i.group_lv and _says_only_total(i.label_lv, vocab)
        }
        boxes: dict[str, list[str]] = {}  # a total line's id → its items' passages
        for c in chunks:
            ind = facts.indicators.get(c.ref_id or "") if c.kind == "indicator" else None
            line = by_box.get((ind.section_id, ind.group_lv)) if ind is not None else None
            if line is not None and line is not ind:
                boxes.setdefault(line.id, []).append(c.chunk_id)
        members = {
            c.chunk_id: frozenset(boxes[c.ref_id])
            for c in chunks
            if c.kind == "indicator" and c.ref_id in boxes
        }
        return cls(by_box, frozenset(i for ids in boxes.values() for i in ids), members)

    def apply(self, option: Lookup) -> Lookup:
        """``option`` with each figure replaced by its box's total line, when the box has
        one (a box once); ``option`` itself when nothing is replaced."""
        lines = {
            line.id: line
            for line in (self.by_box.get((i.section_id, i.group_lv), i) for i in option.indicators)
        }
        if list(lines) == [i.id for i in option.indicators]:
            return option
        return replace(
            option, indicators=list(lines.values()), parts=option.parts and len(lines) > 1
        )


def _says_only_total(label: str, vocab: Vocab) -> bool:
    """Whether a figure's label is a total word alone ("kopā")."""
    tokens = tokenize(label)
    covered = {i for start, end in vocab.totals.spans(tokens) for i in range(start, end)}
    return bool(tokens) and covered == set(range(len(tokens)))
