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
    _weighed: Callable[[frozenset[str]], tuple[dict[str, float], int]] = field(
        init=False, repr=False, compare=False
    )

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

    def _has_stem(self, key: str, answer_keys: set[str]) -> bool:
        """Whether ``answer_keys`` holds a key of the index with ``key``'s stem."""
        return any(k in answer_keys for k in self.stem_keys.get(stem(key), ()))

    def features(self, subject: set[str], answer_keys: set[str]) -> tuple[float, float, float]:
        """(coverage, missing_max_idf, unknown_share) of a question's subject keys against
        the keys of the units an answer is built from. Keys compare by ``stem``; a key the
        index lacks weighs as its stem's commonest key, or as a key found once when no key
        has its stem. Numbers are not subject words: a year or a figure is checked on its
        own."""
        subject = frozenset(k for k in subject if not k.isdigit())
        if not subject:
            return 1.0, 0.0, 0.0
        weights, unknown = self._weighed(subject)
        # a key not there as it is may be there in another form (same stem): as a key of
        # the index, or (read only then: an answer's keys may be a whole section's) as one
        # the index lacks
        rest = {k for k in subject - answer_keys if not self._has_stem(k, answer_keys)}
        found = subject - rest
        if rest and (lacking := answer_keys.difference(self.idf)):
            outside = {stem(k) for k in lacking}
            found |= {k for k in rest if stem(k) in outside}
        # exact sums: a set's order (so the hash seed) must not move the last bit
        total = math.fsum(weights.values()) or 1.0
        covered = math.fsum(w for k, w in weights.items() if k in found)
        missing = [w for k, w in weights.items() if k not in found]
        missing_max = max(missing) / self.top if missing else 0.0
        return covered / total, missing_max, unknown / len(subject)

    def _weigh(self, subject: frozenset[str]) -> tuple[dict[str, float], int]:
        """Each subject key's weight, and how many keys neither the index nor a stem of its
        keys knows."""
        weights = {k: self.idf.get(k, self.by_stem.get(stem(k), self.top)) for k in subject}
        unknown = sum(1 for k in subject if k not in self.idf and stem(k) not in self.by_stem)
        return weights, unknown
