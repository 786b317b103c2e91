"""GET /api/search: ranked passages of the report for a query, without conversation."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import AfterValidator, BaseModel
from starlette.concurrency import run_in_threadpool

from rivs_qa.answer.contract import MAX_QUESTION_CHARS, MAX_TOP_K, AskRequest
from rivs_qa.api.deps import AnswersDep

router = APIRouter(tags=["answers"])


def _query_text(value: str) -> str:
    return AskRequest.clean_question(value, MAX_QUESTION_CHARS, what="query")


#: A question's rule (AskRequest's schema and its check), so that the two agree here too.
QueryText = Annotated[
    str,
    AfterValidator(_query_text),
    Query(
        description=f"Query, lv or en: 1-{MAX_QUESTION_CHARS} characters, at least one of them "
        "not whitespace, a control or an invisible format character.",
        json_schema_extra={
            "minLength": 1,
            "maxLength": MAX_QUESTION_CHARS,
            "pattern": AskRequest.NOT_BLANK,
        },
        examples=["romu starpnieki veselības jomā"],
    ),
]


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
    q: QueryText,
    k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="How many passages")] = 5,
    mode: Annotated[
        Literal["hybrid", "dense", "bm25"], Query(description="Retrieval mode")
    ] = "hybrid",
    lang: Annotated[
        Literal["lv", "en", ""], Query(description="Query language; empty or absent: detected")
    ] = "",
) -> SearchPublic:
    # q arrives cleaned: blank runs are one space, control and format characters are gone
    hits, used_lang = await run_in_threadpool(answers.search, q, k, mode, lang or None)
    return SearchPublic(
        query=q,
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
