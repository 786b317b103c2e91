"""IDF weights of the index's keys, and how much of a question's subject an answer's keys
cover: the subject features the verifier reads (``answer/verify.py``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rivs_qa.textnorm import fold

#: Letters of a key that ``stem`` keeps.
STEM = 6
#: Subjects (a question's key sets) whose weights are kept.
SUBJECT_CACHE = 256


@lru_cache(maxsize=65536)
def stem(key: str) -> str:
    """A key folded (no diacritics, lower case) and cut to ``STEM`` letters: question words
    typed without diacritics or in another form ("veselibas", "apdrosinasana") meet the
    report's ("veselība", "apdrošināšana")."""
    return fold(key)[:STEM]


@dataclass(frozen=True)
class SubjectWeights:
    """IDF of the index's keys (``log(N / df)`` over its ``n_docs`` chunks), and per
    ``stem`` the lowest IDF of its keys."""

    idf: dict[str, float]
    by_stem: dict[str, float]
    top: float
    #: per ``stem``, the index's keys of that stem: an answer's keys are checked for a
    #: question key's stem through these, not by stemming every key the answer has
    stem_keys: dict[str, tuple[str, ...]]
    #: ``_weigh``, kept per subject: a turn reads each candidate against the same subject
    _weighed: Callable[[frozenset[str]], _Subject] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_weighed", lru_cache(maxsize=SUBJECT_CACHE)(self._weigh))

    @classmethod
    def of(cls, idf: dict[str, float], n_docs: int) -> SubjectWeights:
        by_stem: dict[str, float] = {}
        stem_keys: dict[str, list[str]] = {}
        for key, weight in idf.items():
            s = stem(key)
            by_stem[s] = min(weight, by_stem.get(s, weight))
            stem_keys.setdefault(s, []).append(key)
        keys = {s: tuple(k) for s, k in stem_keys.items()}
        return cls(idf, by_stem, math.log(max(n_docs, 2)), keys)

    def features(self, subject: set[str], answer_keys: set[str]) -> tuple[float, float, float]:
        """(coverage, missing_max_idf, unknown_share) of a question's subject keys against
        the keys of the units an answer is built from. Keys compare by ``stem``; a key the
        index lacks weighs as its stem's commonest key, or as a key found once when no key
        has its stem. Numbers are not subject words: a year or a figure is checked on its
        own."""
        s = self._weighed(frozenset(subject))
        if not s.weights:
            return 1.0, 0.0, 0.0
        # a key not there as it is may be there in another form (same stem): as a key of
        # the index, or (read only then: an answer's keys may be a whole section's) as one
        # the index lacks
        rest = [k for k in s.weights if k not in answer_keys and answer_keys.isdisjoint(s.alike[k])]
        if rest and (lacking := answer_keys.difference(self.idf)):
            outside = set(map(stem, lacking))
            rest = [k for k in rest if s.stems[k] not in outside]
        if not rest:
            return (1.0 if s.total else 0.0), 0.0, s.unknown / len(s.weights)
        # exact sums: a set's order (so the hash seed) must not move the last bit
        covered = math.fsum(w for k, w in s.weights.items() if k not in rest)
        missing_max = max(s.weights[k] for k in rest) / self.top
        return covered / (s.total or 1.0), missing_max, s.unknown / len(s.weights)

    def _weigh(self, subject: frozenset[str]) -> _Subject:
        """Each subject key's weight (numbers left out), how many keys neither the index nor
        a stem of its keys knows, and each key's stem and index keys of that stem."""
        keys = [k for k in subject if not k.isdigit()]
        weights = {k: self.idf.get(k, self.by_stem.get(stem(k), self.top)) for k in keys}
        unknown = sum(1 for k in keys if k not in self.idf and stem(k) not in self.by_stem)
        stems = {k: stem(k) for k in keys}
        alike = {k: self.stem_keys.get(stems[k], ()) for k in keys}
        return _Subject(weights, unknown, math.fsum(weights.values()), stems, alike)


@dataclass(frozen=True)
class _Subject:
    """A subject's keys as ``SubjectWeights.features`` reads them, made once per subject."""

    weights: dict[str, float]
    unknown: int
    total: float  # the weights' exact sum
    stems: dict[str, str]
    alike: dict[str, tuple[str, ...]]  # the index's keys of each key's stem
