"""Regression trees as numpy arrays, all evaluated at once: the verifier's sum of leaves.

A verifier of several bagged boosted models holds a thousand or more small trees; walking
them one by one in Python costs milliseconds an answer. Here every tree takes one step per
level together: each tree's current node is an index into its row of the node arrays, and a
leaf points to itself, so after as many steps as the deepest tree has levels every tree sits
on its leaf.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Forest:
    feature: np.ndarray  # (trees, nodes) int: the feature an inner node splits on
    threshold: np.ndarray  # (trees, nodes) float: at most this goes left
    left: np.ndarray  # (trees, nodes) int: a leaf's own index
    right: np.ndarray  # (trees, nodes) int: a leaf's own index
    value: np.ndarray  # (trees, nodes) float: a leaf's value
    depth: int  # levels of the deepest tree

    @classmethod
    def of(cls, trees: Sequence[Sequence[tuple[int, float, int, int, float, bool]]]) -> Forest:
        """From each tree's nodes as (feature, threshold, left, right, value, leaf?)."""
        width = max((len(t) for t in trees), default=1)
        shape = (len(trees), width)
        feature = np.zeros(shape, dtype=np.intp)
        threshold = np.zeros(shape)
        left = np.tile(np.arange(width, dtype=np.intp), (len(trees), 1))
        right = left.copy()
        value = np.zeros(shape)
        for t, nodes in enumerate(trees):
            for n, (feat, thr, lo, hi, val, leaf) in enumerate(nodes):
                value[t, n] = val
                if not leaf:
                    feature[t, n], threshold[t, n], left[t, n], right[t, n] = feat, thr, lo, hi
        return cls(feature, threshold, left, right, value, max(map(_depth, trees), default=0))

    def total(self, values: Sequence[float]) -> float:
        """The sum over trees of the leaf ``values`` (one case's features) falls in."""
        return float(self.totals([values])[0])

    def totals(self, cases: Sequence[Sequence[float]]) -> np.ndarray:
        """``total`` of each case, all cases and trees stepped together: the node arrays
        are read flat, at each tree's row offset plus its current node."""
        x = np.asarray(cases, dtype=float).reshape(len(cases), -1)
        trees, width = self.feature.shape
        offset = np.arange(trees, dtype=np.intp) * width
        feature, threshold = self.feature.ravel(), self.threshold.ravel()
        left, right = self.left.ravel(), self.right.ravel()
        case = np.arange(len(x), dtype=np.intp)[:, None]
        at = np.broadcast_to(offset, (len(x), trees))
        for _ in range(self.depth):
            below = x[case, feature[at]] <= threshold[at]
            at = offset + np.where(below, left[at], right[at])
        return self.value.ravel()[at].sum(axis=1)


def _depth(nodes: Sequence[tuple[int, float, int, int, float, bool]]) -> int:
    """Levels below the root to the deepest leaf."""
    deepest, stack = 0, [(0, 0)]
    while stack:
        n, d = stack.pop()
        _, _, lo, hi, _, leaf = nodes[n]
        if leaf:
            deepest = max(deepest, d)
        else:
            stack += [(lo, d + 1), (hi, d + 1)]
    return deepest
