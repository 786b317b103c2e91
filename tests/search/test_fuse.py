"""Fusion functions: exact values from their definitions."""

from __future__ import annotations

import numpy as np
import pytest

from rivs_qa.search.fuse import (
    EN_BM25_CAP,
    LV_BM25_SHARE,
    bm25_share,
    convex,
    dense_weight,
    min_max,
    rrf,
)


def test_rrf_sums_reciprocal_ranks_with_k() -> None:
    fused = dict(rrf([[1, 2, 3], [3, 1]], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert [doc for doc, _ in rrf([[1, 2, 3], [3, 1]])] == [1, 3, 2]


def test_rrf_k_decides_whether_one_first_place_beats_two_agreeing_lists() -> None:
    rankings = [[7, 8, 9], [8, 9, 7], [9, 8, 7]]
    assert rrf(rankings, k=60)[0][0] == 8  # ranks 2, 1, 2: agreement wins
    assert rrf([[7, 8], [8, 7]], k=1)[0][0] == 7  # a tie broken by first-seen order


def test_rrf_weights_scale_each_list() -> None:
    fused = rrf([[1, 2], [2, 1]], weights=[1.0, 0.25])
    assert [doc for doc, _ in fused] == [1, 2]
    assert fused[0][1] == pytest.approx(1 / 61 + 0.25 / 62)
    with pytest.raises(ValueError, match="2 weights for 1 rankings"):
        rrf([[1]], weights=[1.0, 1.0])


def test_min_max_and_a_flat_list() -> None:
    np.testing.assert_allclose(min_max(np.array([2.0, 4.0, 3.0])), [0.0, 1.0, 0.5])
    assert not min_max(np.zeros(4)).any()  # nothing matched: no vote
    assert min_max(np.array([])).size == 0


def test_convex_combines_normalised_scores() -> None:
    dense = np.array([0.9, 0.8, 0.7])
    bm25 = np.array([0.0, 10.0, 5.0])
    np.testing.assert_allclose(convex(dense, bm25, 0.5), [0.5, 0.75, 0.25], atol=1e-6)
    np.testing.assert_allclose(convex(dense, bm25, 1.0), [1.0, 0.5, 0.0], atol=1e-6)
    np.testing.assert_allclose(convex(dense, np.zeros(3), 0.6), [0.6, 0.3, 0.0], atol=1e-6)
    with pytest.raises(ValueError, match="alpha must be in"):
        convex(dense, bm25, 1.5)
    with pytest.raises(ValueError, match="same documents"):
        convex(dense, bm25[:2], 0.5)


def test_bm25_share_depends_on_language_and_glossary_coverage() -> None:
    assert bm25_share("lv") == LV_BM25_SHARE == 0.4
    assert bm25_share("en", coverage=0.0) == 0.0  # the glossary knew no word: dense alone
    assert bm25_share("en", coverage=0.3) == pytest.approx(0.3)
    assert bm25_share("en", coverage=1.0) == EN_BM25_CAP == 0.5
    assert dense_weight("en", 0.2) == pytest.approx(0.8)
    assert dense_weight("lv") == pytest.approx(0.6)
