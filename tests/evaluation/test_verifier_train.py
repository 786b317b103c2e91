"""Training the verifier: the saved trees give scikit-learn's probabilities, the threshold
meets the precision asked for on out-of-fold predictions, and the file round-trips."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.feature_cases import answer_features

from rivs_qa.answer.verify import AnswerFeatures, Verifier
from rivs_qa.evaluation.verifier_train import (
    BAGS,
    BOOSTING,
    FALLING,
    RISING,
    Case,
    _threshold,
    fit,
    monotonic,
    reliability,
)


def features(coverage: float, number_unmet: bool, rule_pick: bool) -> AnswerFeatures:
    return answer_features(
        coverage=coverage, missing_max_idf=1.0 - coverage, asks_number=True,
        gives_number=not number_unmet, rule_pick=rule_pick, own_coverage=coverage,
        number_unmet=number_unmet,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    """Two candidates per question; a candidate is right mostly when it covers the
    question and gives the number it asks for."""
    rng = random.Random(7)
    out = []
    for q in range(300):
        for rule in (True, False):
            coverage = rng.random()
            unmet = rng.random() < 0.3
            right = coverage > 0.5 and not unmet and rng.random() < 0.9
            out.append(Case(f"q{q}", "lv", features(coverage, unmet, rule), right))
    return out


def test_the_saved_trees_give_the_fitted_probabilities(cases: list[Case], tmp_path: Path) -> None:
    verifier, stats, out_of_fold = fit(cases, precision=0.8)
    assert len(verifier.trees) == BOOSTING["max_iter"] * BAGS and len(out_of_fold) == len(cases)
    good, bad = features(0.9, False, True), features(0.1, True, True)
    assert verifier.p_right(good) > 0.8 > 0.2 > verifier.p_right(bad)
    verifier.save(tmp_path / "v.json")
    loaded = Verifier.load(tmp_path / "v.json")
    assert loaded is not None
    assert loaded.p_right(good) == pytest.approx(verifier.p_right(good), abs=1e-12)
    # the threshold keeps the best candidate of each question at the precision asked for
    assert stats["out_of_fold_precision_kept"] >= 0.8
    assert stats["questions"] == 300
    assert 0.0 < stats["threshold"] < 1.0


def test_more_coverage_never_lowers_the_probability(cases: list[Case]) -> None:
    verifier, _, _ = fit(cases, precision=0.8)
    ps = [verifier.p_right(features(c / 10, False, True)) for c in range(11)]
    assert ps == sorted(ps)
    assert monotonic().count(1) == len(RISING) and monotonic().count(-1) == len(FALLING)


def test_threshold_is_the_lowest_cut_above_which_precision_never_dips() -> None:
    p = [0.1, 0.2, 0.3, 0.4, 0.5]
    y = [0, 1, 0, 1, 1]
    assert _threshold(p, y, 0.7) == 0.2  # kept 0.2 … 0.5: 3 of 4 right
    assert _threshold(p, y, 0.8) == 0.4  # 0.3 keeps 2 of 3
    assert _threshold([0.2, 0.2, 0.6], [0, 1, 1], 0.8) == 0.6  # ties go together
    assert _threshold(p, [0, 0, 0, 0, 0], 0.5) == 1.0  # nothing reaches it: refuse all
    # from the top down, 12 right, then 10 wrong (a dip), then 30 right: the lowest cut
    # reaching 0.75 (0.01, 42 of 52) lies below the dip; the bar stays above it
    ps = [1 - i / 100 for i in range(52)]
    ys = [1] * 12 + [0] * 10 + [1] * 30
    assert _threshold(ps, ys, 0.75) == ps[15]  # 12 of 16 kept are right; 12 of 17 are not
    assert _threshold(ps, ys, 0.75) > 0.8


def test_reliability_rows_count_and_share() -> None:
    rows = reliability([(0.05, False), (0.1, True), (0.95, True), (1.0, True)], bins=2)
    assert rows == [
        "p 0.0-0.5:    2 answers, right 0.50",
        "p 0.5-1.0:    2 answers, right 1.00",
    ]
