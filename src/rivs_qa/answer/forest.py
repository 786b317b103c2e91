"""Regression trees as numpy arrays, all evaluated at once: the verifier's sum of leaves.

A verifier of several bagged boosted models holds a thousand or more small trees; walking
them one by one in Python costs milliseconds an answer. Here every tree is laid out as a
complete binary tree of the forest's depth, in heap order (node ``n``'s children are
``2n + 1`` and ``2n + 2``): a leaf above the bottom level becomes a node that always goes
left, over copies of its value. The trees share their split conditions, so each case's
conditions are compared once, and every tree then takes one step per level together.
Trees that split on the same conditions in the same places are merged into one, their
leaf values added.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Node = tuple[int, float, int, int, float, bool]  # feature, threshold, left, right, value, leaf?


@dataclass(frozen=True)
class Forest:
    feature: np.ndarray  # (conditions,) int: the feature a condition reads
    threshold: np.ndarray  # (conditions,) float: at most this is true ("go left")
    split: np.ndarray  # (trees, 2**depth - 1) int: each inner heap node's condition
    value: np.ndarray  # (trees, 2**depth) float: each bottom-level leaf's value
    depth: int  # levels of the deepest tree

    @classmethod
    def of(cls, trees: Sequence[Sequence[Node]]) -> Forest:
        """From each tree's nodes as (feature, threshold, left, right, value, leaf?)."""
        depth = max(map(_depth, trees), default=0)
        conditions: dict[tuple[int, float], int] = {(0, np.inf): 0}  # 0: always left
        split = np.zeros((len(trees), 2**depth - 1), dtype=np.intp)
        value = np.zeros((len(trees), 2**depth))
        for t, nodes in enumerate(trees):
            stack = [(0, 0, 0)]  # (node, heap place, level)
            while stack:
                n, place, level = stack.pop()
                feat, thr, lo, hi, val, leaf = nodes[n]
                if level == depth:
                    value[t, place - split.shape[1]] = val
                elif leaf:  # always left, down to the bottom: every leaf below holds val
                    stack += [(n, 2 * place + 1, level + 1), (n, 2 * place + 2, level + 1)]
                else:
                    split[t, place] = conditions.setdefault((feat, thr), len(conditions))
                    stack += [(lo, 2 * place + 1, level + 1), (hi, 2 * place + 2, level + 1)]
        feature = np.array([f for f, _ in conditions], dtype=np.intp)
        threshold = np.array([thr for _, thr in conditions])
        # trees of the same conditions in the same places are one tree: their leaves add up
        # (a bagged model repeats many; the sum is the same, up to rounding in the last bit)
        split, same = np.unique(split, axis=0, return_inverse=True)
        merged = np.zeros((len(split), value.shape[1]))
        np.add.at(merged, same.ravel(), value)
        return cls(feature, threshold, split, merged, depth)

    def total(self, values: Sequence[float]) -> float:
        """The sum over trees of the leaf ``values`` (one case's features) falls in."""
        return float(self.totals([values])[0])

    def totals(self, cases: Sequence[Sequence[float]]) -> np.ndarray:
        """``total`` of each case: its conditions compared once, then all trees stepped
        together, reading the flat arrays at each tree's row offset plus its heap place."""
        x = np.asarray(cases, dtype=float).reshape(len(cases), -1)
        n_trees, inner = self.split.shape
        # (cases, conditions): 1 where the case goes right, flat, at each case's row offset
        right = (x[:, self.feature] > self.threshold).astype(np.intp).ravel()
        row = (np.arange(len(x), dtype=np.intp) * len(self.feature))[:, None]
        split = self.split.ravel()
        offset = np.arange(n_trees, dtype=np.intp) * inner
        place = np.zeros((len(x), n_trees), dtype=np.intp)
        for _ in range(self.depth):
            place = 2 * place + 1 + right[row + split[offset + place]]
        leaf = place - inner + np.arange(n_trees, dtype=np.intp) * (inner + 1)
        return self.value.ravel()[leaf].sum(axis=1)


def _depth(nodes: Sequence[Node]) -> int:
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
