"""Exact inner-product search over unit vectors (cosine similarity) with FAISS.

The report yields a few hundred chunks: a flat index is exact and answers in microseconds, so
no approximate structure (IVF, HNSW) is worth its recall loss here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

    import faiss

    from rivs_qa.search.embed import Embedder
    from rivs_qa.search.model import Chunk


def chunk_vectors(
    chunks: Sequence[Chunk], embedder: Embedder, progress: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Passage vectors of every chunk's Latvian side and English side (row ``i`` is chunk
    ``i`` in both), embedded in one pass."""
    texts = [c.index_text_lv() for c in chunks] + [c.index_text_en() or c.text for c in chunks]
    vectors = embedder.embed_passages(texts, progress=progress)
    return vectors[: len(chunks)], vectors[len(chunks) :]


class DenseIndex:
    """A ``faiss.IndexFlatIP``; row ``i`` is chunk ``i``."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index
        self._rows: np.ndarray | None = None  # the vectors, read back once for ``scores``

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError(f"expected a 2-D array of vectors, got shape {vectors.shape}")
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(vectors)
        return cls(index)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, query: np.ndarray, k: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Row ids and cosine scores of the ``k`` nearest rows (all rows when ``k`` is None),
        best first."""
        k = len(self) if k is None else min(k, len(self))
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        scores, ids = self._index.search(q, k)
        return ids[0], scores[0]

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine score of every row, in row order: one product over the stored vectors,
        without FAISS's sort of all rows (and its threads) for a few hundred of them."""
        if self._rows is None:
            self._rows = np.ascontiguousarray(self._index.reconstruct_n(0, len(self)))
        return self._rows @ np.asarray(query, dtype=np.float32).reshape(-1)

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        """Read an index written by ``save``; FAISS raises RuntimeError on a damaged file."""
        import faiss

        return cls(faiss.read_index(str(path)))
