"""GET /api/search: ranked passages of the report for a query, without conversation."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from rivs_qa.answer.contract import MAX_QUESTION_CHARS, MAX_TOP_K
from rivs_qa.api.deps import AnswersDep

router = APIRouter(tags=["answers"])


class PassagePublic(BaseModel):
    rank: int
    score: float
    chunk_id: str
    section_id: str
    section_title_lv: str
    section_title_en: str
    kind: str
    text: str
    footnotes: list[int]


class SearchPublic(BaseModel):
    query: str
    mode: Literal["hybrid", "dense", "bm25"]
    lang: Literal["lv", "en"]
    results: list[PassagePublic]


@router.get("/search", response_model=SearchPublic, summary="Ranked passages for a query")
async def search(
    answers: AnswersDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS, description="Query, lv or en")],
    k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="How many passages")] = 5,
    mode: Annotated[Literal["hybrid", "dense", "bm25"], Query(description="Retrieval mode")] = "hybrid",
    lang: Annotated[Literal["lv", "en"] | None, Query(description="Query language; empty detects")] = None,
) -> SearchPublic:
    query = " ".join(q.split())
    hits, used_lang = await run_in_threadpool(answers.search, query, k, mode, lang)
    return SearchPublic(
        query=query,
        mode=mode,
        lang=used_lang,
        results=[
            PassagePublic(
                rank=h.rank, score=round(h.score, 4), chunk_id=h.chunk.chunk_id,
                section_id=h.chunk.section_id,
                section_title_lv=" › ".join(h.chunk.section_path_lv),
                section_title_en=" › ".join(h.chunk.section_path_en),
                kind=h.chunk.kind, text=h.chunk.text, footnotes=h.chunk.footnotes,
            )
            for h in hits
        ],
    )  # fmt: skip
