"""Retrieval evaluation in-process: R@1, R@5, MRR@10 by language and item type, per mode."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from pydantic import BaseModel

from ..search.engine import SearchEngine
from ..search.model import SearchMode
from .dataset import EvalItem, found_rank
from .metrics import RankMetrics, rank_metrics

K = 10


class ItemResult(BaseModel):
    id: str
    lang: str
    type: str
    mode: str
    rank: int | None


class RetrievalReport(BaseModel):
    modes: list[str]
    by_lang: dict[str, dict[str, RankMetrics]]  # mode -> lang -> metrics
    by_type: dict[str, dict[str, RankMetrics]]  # mode -> type -> metrics
    overall: dict[str, RankMetrics]
    items: list[ItemResult]


def evaluate_retrieval(
    engine: SearchEngine,
    items: list[EvalItem],
    modes: list[SearchMode],
    queries: Mapping[str, str] | None = None,
) -> RetrievalReport:
    """``queries`` maps item ids to what to search (see ``followups.resolved_queries``);
    an item without an entry is searched as its history joined with its question."""
    results: list[ItemResult] = []
    for mode in modes:
        for item in items:
            if item.type == "unanswerable":
                continue
            hits = engine.search(_query(item, queries), k=K, mode=mode)
            rank = found_rank([h.chunk.text for h in hits], item.evidence)
            results.append(
                ItemResult(id=item.id, lang=item.lang, type=item.type, mode=mode.value, rank=rank)
            )
    return summarise(results, [m.value for m in modes])


def summarise(results: list[ItemResult], modes: list[str]) -> RetrievalReport:
    by_lang: dict[str, dict[str, RankMetrics]] = {}
    by_type: dict[str, dict[str, RankMetrics]] = {}
    overall: dict[str, RankMetrics] = {}
    for mode in modes:
        rows = [r for r in results if r.mode == mode]
        langs: dict[str, list[int | None]] = defaultdict(list)
        types: dict[str, list[int | None]] = defaultdict(list)
        for r in rows:
            langs[r.lang].append(r.rank)
            types[r.type].append(r.rank)
        by_lang[mode] = {k: rank_metrics(v) for k, v in sorted(langs.items())}
        by_type[mode] = {k: rank_metrics(v) for k, v in sorted(types.items())}
        overall[mode] = rank_metrics([r.rank for r in rows])
    return RetrievalReport(
        modes=modes, by_lang=by_lang, by_type=by_type, overall=overall, items=results
    )


class MissedHit(BaseModel):
    rank: int
    dense_rank: int | None
    bm25_rank: int | None
    kind: str
    section_id: str
    text: str
    supports: bool


class Miss(BaseModel):
    """An item the hybrid list did not put first: its rank in each list and the top hits."""

    id: str
    lang: str
    type: str
    query: str
    hybrid: int | None
    dense: int | None
    bm25: int | None
    top: list[MissedHit]


def _query(item: EvalItem, queries: Mapping[str, str] | None) -> str:
    if queries is not None and item.id in queries:
        return queries[item.id]
    return item.retrieval_query()


def explain_misses(
    engine: SearchEngine,
    items: list[EvalItem],
    worse_than: int = 1,
    top: int = 5,
    queries: Mapping[str, str] | None = None,
) -> list[Miss]:
    """Items whose hybrid rank is beyond ``worse_than`` (or missing from the first ``K``),
    with where dense and BM25 alone put them and the hybrid list's first ``top`` hits:
    the view to diagnose retrieval by (which list failed, what outranked the evidence)."""
    out = []
    for item in items:
        if item.type == "unanswerable":
            continue
        query = _query(item, queries)
        ranks: dict[SearchMode, int | None] = {}
        hits_by_mode = {}
        for mode in SearchMode:
            hits = engine.search(query, k=K, mode=mode)
            hits_by_mode[mode] = hits
            ranks[mode] = found_rank([h.chunk.text for h in hits], item.evidence)
        hybrid = ranks[SearchMode.hybrid]
        if hybrid is not None and hybrid <= worse_than:
            continue
        shown = [
            MissedHit(
                rank=h.rank,
                dense_rank=h.dense_rank,
                bm25_rank=h.bm25_rank,
                kind=h.chunk.kind,
                section_id=h.chunk.section_id,
                text=h.chunk.text,
                supports=found_rank([h.chunk.text], item.evidence) is not None,
            )
            for h in hits_by_mode[SearchMode.hybrid][:top]
        ]
        out.append(
            Miss(
                id=item.id,
                lang=item.lang,
                type=item.type,
                query=query,
                hybrid=hybrid,
                dense=ranks[SearchMode.dense],
                bm25=ranks[SearchMode.bm25],
                top=shown,
            )
        )
    return out
