"""Fusion of dense and BM25 results: pure functions, no models, no disk.

Two published functions, and the language-dependent weight the engine uses:

- ``rrf``: reciprocal rank fusion (Cormack, Clarke, Büttcher, "Reciprocal Rank Fusion
  outperforms Condorcet and individual Rank Learning Methods", SIGIR 2009).
- ``convex``: a convex combination of min-max normalised scores (Bruch, Gai, Ingber, "An
  Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS 2023, arXiv:2210.11934), who
  find it beats RRF in and out of domain and needs one weight, tunable on a few dozen queries.

Why the weight depends on the query language: the report is Latvian. For a Latvian query
BM25 over lemmas is the stronger retriever; for an English one BM25 sees only the glossary's
expansions (a handful of terms, often none), so an equal vote lets a near-blind list push
good dense hits down — on this report plain RRF halves English recall. English queries
therefore lean on the dense scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from rivs_qa.search.lemmas import Lang

#: Weight of the dense scores in ``convex`` per query language; BM25 gets ``1 - alpha``.
#: Chosen on the development questions (see ``choose_alpha`` in the report of the change):
#: Latvian gains from both lists almost equally; English keeps BM25 as a tie-breaker only.
DENSE_WEIGHT: Mapping[Lang, float] = {"lv": 0.5, "en": 0.8}


def rrf(
    rankings: Sequence[Sequence[int]],
    k: float = 60.0,
    weights: Sequence[float] | None = None,
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: ``score(d) = sum_i w_i / (k + rank_i(d))``, ranks from 1.

    ``k`` damps the head of each list: with k = 60 (Cormack et al.'s value, found stable
    across TREC runs) rank 1 scores 1/61 and rank 10 scores 1/70, so one list's top hit
    cannot outvote several lists agreeing on a document a little further down. Small k
    trusts each list's first places more. A document missing from a list gets nothing from
    it. ``weights`` (default all 1) scale each list's votes.

    Returns ``(id, score)`` pairs, best first; ties keep first-seen order.
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, doc in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda item: -item[1])


def min_max(scores: np.ndarray) -> np.ndarray:
    """Scale scores to [0, 1] over the candidates; all zeros when they are all equal
    (a list that cannot tell documents apart must not vote)."""
    scores = np.asarray(scores, dtype=np.float32)
    if scores.size == 0:
        return scores
    low, high = float(scores.min()), float(scores.max())
    if high <= low:
        return np.zeros_like(scores)
    return (scores - low) / (high - low)


def convex(dense_scores: np.ndarray, bm25_scores: np.ndarray, alpha: float) -> np.ndarray:
    """``alpha * mm(dense) + (1 - alpha) * mm(bm25)`` per document (Bruch et al. 2023, eq. 1).

    Both arrays score the same documents in the same order (here: the whole corpus, so no
    document is missing from either list). Min-max puts cosine similarities and unbounded
    BM25 scores on one scale; ``alpha`` in [0, 1] is the dense list's share.
    """
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1], got {alpha}")
    if np.shape(dense_scores) != np.shape(bm25_scores):
        raise ValueError("dense and BM25 scores must cover the same documents")
    return alpha * min_max(dense_scores) + (1.0 - alpha) * min_max(bm25_scores)


def dense_weight(lang: Lang) -> float:
    """The ``alpha`` the engine uses for a query in ``lang``."""
    return DENSE_WEIGHT[lang]
