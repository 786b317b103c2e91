"""answer/forest.py: all trees evaluated at once give what walking each tree gives."""

from __future__ import annotations

import random
from pathlib import Path

from rivs_qa.answer.forest import Forest
from rivs_qa.answer.verify import Verifier

SAVED = Path(__file__).resolve().parents[2] / "corpus" / "verifier.json"


def _walk(nodes, values):  # type: ignore[no-untyped-def]
    feature, threshold, left, right, value, leaf = nodes[0]
    while not leaf:
        feature, threshold, left, right, value, leaf = nodes[
            left if values[feature] <= threshold else right
        ]
    return value


def test_a_hand_made_forest() -> None:
    stump = [(0, 0.5, 1, 2, 0.0, False), (0, 0.0, 0, 0, -1.0, True), (0, 0.0, 0, 0, 2.0, True)]
    deeper = [
        (1, 3.0, 1, 2, 0.0, False),
        (0, 0.0, 0, 0, 0.25, True),
        (0, 0.2, 3, 4, 0.0, False),
        (0, 0.0, 0, 0, 10.0, True),
        (0, 0.0, 0, 0, 100.0, True),
    ]
    forest = Forest.of([stump, deeper])
    assert forest.depth == 2
    assert forest.total([0.5, 3.0]) == -1.0 + 0.25  # equal to a threshold goes left
    assert forest.total([0.1, 3.5]) == -1.0 + 10.0
    assert forest.total([0.9, 4.0]) == 2.0 + 100.0
    # several cases at once, each as alone
    assert list(forest.totals([[0.5, 3.0], [0.1, 3.5], [0.9, 4.0]])) == [-0.75, 9.0, 102.0]


def test_the_saved_verifier_agrees_with_walking_its_trees() -> None:
    verifier = Verifier.load(SAVED)
    assert verifier is not None and verifier.trees
    trees = [t.nodes() for t in verifier.trees]
    forest = Forest.of(trees)
    rng = random.Random(7)
    n = len(verifier.features)
    cases = [
        [rng.choice([0.0, 1.0, rng.random(), rng.uniform(-1, 3)]) for _ in range(n)]
        for _ in range(200)
    ]
    together = forest.totals(cases)
    for values, total in zip(cases, together, strict=True):
        walked = sum(_walk(nodes, values) for nodes in trees)
        assert abs(forest.total(values) - walked) < 1e-9 and abs(total - walked) < 1e-9


def test_trees_of_the_same_splits_are_merged_into_one() -> None:
    stump = [(0, 0.5, 1, 2, 0.0, False), (0, 0.0, 0, 0, -1.0, True), (0, 0.0, 0, 0, 2.0, True)]
    twin = [(0, 0.5, 1, 2, 0.0, False), (0, 0.0, 0, 0, 0.5, True), (0, 0.0, 0, 0, 4.0, True)]
    other = [(1, 0.5, 1, 2, 0.0, False), (0, 0.0, 0, 0, 0.0, True), (0, 0.0, 0, 0, 8.0, True)]
    forest = Forest.of([stump, other, twin])
    assert forest.split.shape[0] == 2  # the stump and its twin are one tree
    assert forest.total([0.4, 0.9]) == -1.0 + 0.5 + 8.0
    assert forest.total([0.6, 0.1]) == 2.0 + 4.0 + 0.0
