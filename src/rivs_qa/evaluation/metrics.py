"""Rank metrics: pure functions over found ranks (None = not found)."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel


class RankMetrics(BaseModel):
    n: int
    r_at_1: float
    r_at_5: float
    mrr_at_10: float


def rank_metrics(ranks: Sequence[int | None]) -> RankMetrics:
    """R@k: share of items found within the first k; MRR@10: mean of 1/rank, 0 beyond 10."""
    n = len(ranks)
    if n == 0:
        return RankMetrics(n=0, r_at_1=0.0, r_at_5=0.0, mrr_at_10=0.0)
    r1 = sum(1 for r in ranks if r is not None and r <= 1) / n
    r5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1.0 / r for r in ranks if r is not None and r <= 10) / n
    return RankMetrics(n=n, r_at_1=round(r1, 4), r_at_5=round(r5, 4), mrr_at_10=round(mrr, 4))
