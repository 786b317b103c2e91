"""Typed records passed between retrieval steps."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ChunkKind = Literal[
    "paragraph", "list_item", "indicator", "table_row", "approach", "priority", "footnote"
]


class Chunk(BaseModel):
    """A retrievable unit. Never crosses a section boundary.

    ``text`` is the report's own (Latvian) words, cleaned of PDF debris; ``text_en`` is their
    English: the translation's sentences for prose and footnotes (``report/align.py``), an
    English rendering for structured items (indicators, table rows, approaches).
    """

    model_config = ConfigDict(frozen=True)

    chunk_id: str
    section_id: str
    section_path_lv: list[str]
    section_path_en: list[str]
    kind: ChunkKind
    text: str
    text_en: str | None = None
    context: str | None = Field(
        default=None,
        description="Latvian words around the chunk (section path, marked phrase), for indexing",
    )
    context_en: str | None = Field(
        default=None, description="English words around the chunk (section path) for indexing only"
    )
    keywords: str | None = Field(
        default=None,
        description="Latvian and English names of the countries an item lists by code; read "
        "only by BM25 (its names field)",
    )
    footnotes: list[int] = Field(default_factory=list)
    ref_id: str | None = Field(default=None, description="id of the structured item it renders")

    def index_text_lv(self) -> str:
        """What the embedder sees of the Latvian side: context and the report's words."""
        return "\n".join(p for p in (self.context, self.text) if p)

    def index_text_en(self) -> str:
        """What the embedder sees of the English side: the English text and section path.
        BM25 reads the same parts, each with its language's analyser, plus ``keywords`` in a
        field of their own: a list of country names is a lexical hook ("Itālija", "Italy"
        for "IT") that would only blur a sentence embedding and lengthen the index build."""
        return "\n".join(p for p in (self.text_en, self.context_en) if p)


class SearchMode(str, Enum):
    hybrid = "hybrid"
    dense = "dense"
    bm25 = "bm25"

    @classmethod
    def parse(cls, value: str) -> SearchMode:
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(m.value for m in cls)
            raise ValueError(f"unknown search mode {value!r}; valid modes: {valid}") from None


class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)

    chunk: Chunk
    score: float
    rank: int
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None  # raw cosine similarity (abstention uses it)
