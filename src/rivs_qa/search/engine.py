"""Hybrid search over the report's chunks: dense (e5) + BM25 (lemmas), fused per language.

Everything expensive happens once (loading the index, the embedder, the lemmatiser); a query
costs one embedding plus a few numpy operations over a few hundred rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import cast

import numpy as np

from rivs_qa.errors import BadQuestion
from rivs_qa.lang import detect_lang
from rivs_qa.search import fuse
from rivs_qa.search.dense import DenseIndex, chunk_vectors
from rivs_qa.search.embed import Embedder
from rivs_qa.search.lemmas import Lang
from rivs_qa.search.lemmas import warm_up as warm_up_lemmatiser
from rivs_qa.search.lexical import Glossary, LexicalIndex
from rivs_qa.search.model import Chunk, Hit, SearchMode
from rivs_qa.search.store import LoadedIndex
from rivs_qa.trusted import trusted

#: Query embeddings kept per engine: follow-ups and re-asked questions skip the model.
QUERY_CACHE_SIZE = 1024


class SearchEngine:
    """Chunks plus their dense and BM25 indexes (row ``i`` is ``chunks[i]`` in both)."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        embedder: Embedder,
        dense: DenseIndex,
        lexical: LexicalIndex,
        glossary: Glossary | None = None,
        dense_en: DenseIndex | None = None,
    ) -> None:
        """``dense`` holds the chunks' Latvian-side vectors, ``dense_en`` their English side."""
        if not len(chunks) == len(dense) == len(lexical):
            raise ValueError(
                f"index rows disagree: {len(chunks)} chunks, {len(dense)} vectors, "
                f"{len(lexical)} BM25 documents"
            )
        if dense_en is not None and len(dense_en) != len(chunks):
            raise ValueError(f"{len(dense_en)} English vectors for {len(chunks)} chunks")
        self.chunks = list(chunks)
        self._rows = {c.chunk_id: row for row, c in enumerate(self.chunks)}
        self.embedder = embedder
        self.dense = dense
        self.dense_en = dense_en
        self.lexical = lexical
        self.glossary = glossary if glossary is not None else _default_glossary()
        self._embed_query: Callable[[str], np.ndarray] = lru_cache(maxsize=QUERY_CACHE_SIZE)(
            embedder.embed_query
        )
        self._last_dense: tuple[str, Lang, np.ndarray] | None = None
        self._notes, self._anchors = footnote_anchors(self.chunks)

    @classmethod
    def from_index(
        cls, index: LoadedIndex, embedder: Embedder, glossary: Glossary | None = None
    ) -> SearchEngine:
        if index.manifest.embedder_id != embedder.id:
            raise ValueError(
                f"index embedded with {index.manifest.embedder_id}, query embedder is {embedder.id}"
            )
        return cls(index.chunks, embedder, index.dense, index.lexical, glossary, index.dense_en)

    @classmethod
    def build(
        cls,
        chunks: Sequence[Chunk],
        embedder: Embedder,
        glossary: Glossary | None = None,
        progress: bool = False,
    ) -> SearchEngine:
        """An in-memory engine (tests, evaluation); the service loads one from ``store``."""
        lv, en = chunk_vectors(chunks, embedder, progress=progress)
        return cls(
            chunks, embedder, DenseIndex.build(lv), LexicalIndex.build(chunks), glossary,
            DenseIndex.build(en),
        )  # fmt: skip

    def use_embedder(self, embedder: Embedder) -> None:
        """Embed queries with ``embedder`` (the same model, called another way) from now on."""
        if embedder.id != self.embedder.id:
            raise ValueError(f"index embedded with {self.embedder.id}, not {embedder.id}")
        self.embedder = embedder
        self._embed_query = lru_cache(maxsize=QUERY_CACHE_SIZE)(embedder.embed_query)
        self._last_dense = None

    def clear_query_cache(self) -> None:
        """Forget cached query embeddings (benchmarks time the model, not the cache)."""
        self._embed_query.cache_clear()  # type: ignore[attr-defined]
        self._last_dense = None

    def warm_up(self) -> None:
        """Load the embedding model and lemmatiser dictionaries before the first query."""
        self.embedder.warm_up()
        warm_up_lemmatiser()
        self.search("romu bērni izglītība", k=1, lang="lv")
        self.search("Roma children education", k=1, lang="en")

    def search(
        self,
        query: str,
        k: int = 5,
        mode: SearchMode | str = SearchMode.hybrid,
        lang: Lang | None = None,
    ) -> list[Hit]:
        """The ``k`` best chunks for ``query``, best first.

        ``lang`` is the query's language ("lv" or "en"); ``None`` guesses it. In hybrid mode
        the score is ``fuse.convex`` of the dense and BM25 scores with the dense share
        ``fuse.dense_weight(lang, coverage)`` (English leans on dense unless the glossary
        understood the question); ``dense_rank`` / ``bm25_rank`` give each chunk's place in
        the two lists (``bm25_rank`` is ``None`` when no query term occurs in the chunk). In
        every mode a sentence carrying a footnote marker ranks just above its footnote when
        the footnote is a bare list of country codes that scored higher (``lift_anchors``).
        """
        if not query or not query.strip():
            raise BadQuestion("the query is empty")
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        mode = SearchMode.parse(mode) if isinstance(mode, str) else mode
        if lang is None:
            lang = detect_lang(query)
        elif lang not in ("lv", "en"):
            raise BadQuestion(f"unknown query language {lang!r}; valid: lv, en")

        dense = bm25 = None
        coverage = 1.0
        if mode is not SearchMode.bm25:
            dense = self._dense_scores(query, lang)
        if mode is not SearchMode.dense:
            terms = self.lexical.query_terms(query, lang, self.glossary)
            coverage = terms.coverage
            bm25 = self.lexical.scores(terms)
        if dense is not None and bm25 is not None:
            fused = fuse.convex(dense, bm25, fuse.dense_weight(lang, coverage))
        else:
            fused = cast(np.ndarray, dense if dense is not None else bm25)
        dense_rank = _ranks(dense) if dense is not None else None
        bm25_rank = _ranks(bm25, matched_only=True) if bm25 is not None else None

        fused = lift_anchors(fused, self._notes, self._anchors)
        order = np.argsort(-fused, kind="stable")
        if mode is SearchMode.bm25:
            order = order[fused[order] > 0]  # a chunk sharing no term is not a BM25 hit
        hits = []
        for rank, row in enumerate(order[:k].tolist(), start=1):
            hits.append(
                trusted(  # every field given, of its type: nothing to validate
                    Hit,
                    chunk=self.chunks[row],
                    score=float(fused[row]),
                    rank=rank,
                    dense_rank=int(dense_rank[row]) if dense_rank is not None else None,
                    bm25_rank=_opt_int(bm25_rank[row]) if bm25_rank is not None else None,
                    dense_score=float(dense[row]) if dense is not None else None,
                )
            )
        return hits

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding (kept: the search that embedded it made it already)."""
        vector: np.ndarray = self._embed_query(query)
        return vector

    def dense_similarity(self, query: str, lang: Lang) -> Mapping[str, float]:
        """Every chunk's dense score for ``query`` (as ``Hit.dense_score``), by chunk id."""
        return RowScores(self._rows, self._dense_scores(query, lang))

    def _dense_scores(self, query: str, lang: Lang) -> np.ndarray:
        """Cosine similarity of the query to every chunk, in row order: to its Latvian and
        English sides blended by the query's language (``fuse.dense_blend``)."""
        last = self._last_dense  # one read: another thread may replace it meanwhile
        if last is not None and last[:2] == (query, lang):
            return last[2]  # the answer's checks read the scores its search just made
        vector = self._embed_query(query)
        scores = self.dense.scores(vector)
        if self.dense_en is not None:
            scores = fuse.dense_blend(scores, self.dense_en.scores(vector), lang)
        scores.flags.writeable = False  # shared with the next call for the same query
        self._last_dense = (query, lang, scores)
        return scores


class RowScores(Mapping[str, float]):
    """Per-chunk scores read by chunk id, without a dict of every chunk built per query."""

    def __init__(self, rows: Mapping[str, int], scores: np.ndarray) -> None:
        self._rows, self._scores = rows, scores

    def __getitem__(self, chunk_id: str) -> float:
        return float(self._scores[self._rows[chunk_id]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


_WORD = re.compile(r"[^\W\d_]+")
_CODE = re.compile(r"[A-Z][A-Za-z]{1,2}")  # AT, EL, BiH, KOS
_LIST_WORDS = frozenset({"piem", "un"})  # "Piem., AT, ES, IT, PT."


def is_bare_list(text: str) -> bool:
    """A footnote that is nothing but country codes ("EL, FR, HU, HR.", "Piem., CZ, SK.")."""
    words = _WORD.findall(text)
    return bool(words) and all(_CODE.fullmatch(w) or w.lower() in _LIST_WORDS for w in words)


def footnote_anchors(chunks: Sequence[Chunk]) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (bare-list footnote, prose chunk carrying its marker), as two aligned
    arrays. A footnote with words of its own (a definition, a source) stands on its own."""
    carriers: dict[int, list[int]] = {}
    for row, chunk in enumerate(chunks):
        if chunk.kind in ("paragraph", "list_item"):
            for n in chunk.footnotes:
                carriers.setdefault(n, []).append(row)
    notes: list[int] = []
    anchors: list[int] = []
    for row, chunk in enumerate(chunks):
        if chunk.kind == "footnote" and is_bare_list(chunk.text):
            for n in chunk.footnotes:
                for anchor in carriers.get(n, ()):
                    notes.append(row)
                    anchors.append(anchor)
    return np.asarray(notes, dtype=np.int64), np.asarray(anchors, dtype=np.int64)


#: How far above its footnote a lifted sentence lands: enough to order the pair, far below
#: any real score difference.
ANCHOR_EPSILON = 1e-6


def lift_anchors(scores: np.ndarray, notes: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """Rank the sentence that carries a footnote's marker just above the footnote.

    A footnote body is often a bare list of codes ("EL, FR, HU, HR.") that matches a "which
    countries ..." question through the phrase it annotates but says nothing on its own; the
    claim is in the sentence with the marker. So a prose chunk scores at least what its
    best-scoring footnote scores (plus ``ANCHOR_EPSILON``, to come first): the reader gets
    the claim, then the list. The small-to-big idea of parent-document retrieval, applied
    to the report's one explicit parent link.
    """
    if notes.size == 0:
        return scores
    lifted = scores.astype(np.float64)  # a copy, and room for the epsilon above raw BM25 scores
    wins = scores[notes] > scores[anchors]
    np.maximum.at(lifted, anchors[wins], scores[notes[wins]] + ANCHOR_EPSILON)
    return lifted


def _ranks(scores: np.ndarray, matched_only: bool = False) -> np.ndarray:
    """1-based rank of every row by descending score, ties in row order (as the final list
    breaks them); with ``matched_only``, 0 where the score is 0 (BM25: no term matched)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    if matched_only:
        ranks[scores <= 0] = 0
    return ranks


def _opt_int(rank: np.integer) -> int | None:
    return int(rank) or None


@lru_cache(maxsize=1)
def _default_glossary() -> Glossary:
    from rivs_qa.config import get_settings

    path = get_settings().glossary_path
    return Glossary.load(path) if path.is_file() else Glossary.empty()
