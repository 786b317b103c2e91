"""The evaluation file format (see ../shared/eval/README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from ..errors import RivsError

ItemType = Literal[
    "indicator", "table", "footnote", "approach", "passage", "country", "followup", "unanswerable"
]


class ExpectedAnswer(BaseModel):
    values: list[str] = Field(default_factory=list)
    count: int | None = None
    countries: list[str] = Field(default_factory=list)
    unanswerable: bool = False
    text: str = ""


class EvalItem(BaseModel):
    id: str
    lang: Literal["lv", "en"]
    type: ItemType
    question: str
    history: list[str] = Field(default_factory=list)
    answer: ExpectedAnswer
    evidence: list[str] = Field(default_factory=list)

    def retrieval_query(self) -> str:
        """The query without a conversation: a follow-up is its history joined with itself
        (the retrieval harness searches the conversation's resolved question instead)."""
        return " ".join([*self.history, self.question])


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load_items(path: Path) -> list[EvalItem]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RivsError(f"cannot read evaluation file {path}: {exc.strerror}") from None
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(EvalItem.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise RivsError(f"{path}:{no}: not an evaluation item: {first}") from None
    if not items:
        raise RivsError(f"{path} holds no evaluation items")
    return items


def found_rank(texts: list[str], evidence: list[str]) -> int | None:
    """1-based rank of the first text containing an evidence string (whitespace-normalised)."""
    needles = [normalise(e) for e in evidence if e.strip()]
    for rank, text in enumerate(texts, start=1):
        hay = normalise(text)
        if any(n in hay for n in needles):
            return rank
    return None
