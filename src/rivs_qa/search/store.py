"""The search index on disk: a folder of plain files described by ``manifest.json``.

    <dir>/manifest.json   what it was built from (corpus hash, parser, embedder, analyser),
                          when, and the size and sha256 of every other file
    <dir>/chunks.jsonl    one ``Chunk`` per line; line ``i`` is row ``i`` everywhere below
    <dir>/dense.faiss     FAISS IndexFlatIP over the unit passage vectors of the Latvian side
    <dir>/dense_en.faiss  the same for the English side (the translation)
    <dir>/bm25/           bm25s ``save()`` output plus the analyser's word-form table

Builds are atomic and serialised: a builder takes a file lock beside the folder, writes into
``.tmp-<name>-XXXX`` next to it, then renames it into place (an existing folder is renamed
away first and deleted after). Readers never see a half-written index: they see the old one,
the new one, or none.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from rivs_qa.errors import IndexMismatch
from rivs_qa.search.dense import DenseIndex, chunk_vectors
from rivs_qa.search.embed import Embedder
from rivs_qa.search.lemmas import ANALYZER_VERSION
from rivs_qa.search.lexical import LexicalIndex
from rivs_qa.search.model import Chunk

FORMAT_VERSION = 2
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"
DENSE_EN = "dense_en.faiss"
BM25_DIR = "bm25"

logger = logging.getLogger(__name__)


class FileEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    size: int
    sha256: str


class Manifest(BaseModel):
    model_config = ConfigDict(frozen=True)

    format_version: int
    corpus_sha256: str
    parser_version: str
    embedder_id: str
    dim: int
    analyzer: str
    chunk_count: int
    built_at: str
    files: dict[str, FileEntry]


@dataclass(frozen=True)
class ManifestExpectation:
    """What the caller's corpus, parser and embedder require of an index on disk."""

    corpus_sha256: str
    parser_version: str
    embedder_id: str

    def mismatches(self, manifest: Manifest) -> list[str]:
        wanted = {
            "format_version": FORMAT_VERSION,
            "analyzer": ANALYZER_VERSION,
            "corpus_sha256": self.corpus_sha256,
            "parser_version": self.parser_version,
            "embedder_id": self.embedder_id,
        }
        return [
            f"{field} is {getattr(manifest, field)!r}, expected {value!r}"
            for field, value in wanted.items()
            if getattr(manifest, field) != value
        ]


@dataclass(frozen=True)
class LoadedIndex:
    path: Path
    manifest: Manifest
    chunks: list[Chunk]
    dense: DenseIndex
    lexical: LexicalIndex
    dense_en: DenseIndex


def load_index(directory: Path, expected: ManifestExpectation) -> LoadedIndex:
    """Load and verify an index folder.

    Raises ``IndexMismatch`` naming the first problem: no folder, an unreadable manifest, a
    manifest built from something else, or a file missing, truncated or corrupt.
    """
    directory = Path(directory)
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise IndexMismatch(f"no index at {directory} (missing {MANIFEST})")
    try:
        manifest = Manifest.model_validate_json(manifest_path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise IndexMismatch(f"{manifest_path} is unreadable: {_first_line(exc)}") from exc
    problems = expected.mismatches(manifest)
    if problems:
        raise IndexMismatch(f"index at {directory} does not match: {'; '.join(problems)}")
    for name, entry in manifest.files.items():
        _verify_file(directory, name, entry)
    try:
        chunks = _read_chunks(directory / CHUNKS)
        dense = DenseIndex.load(directory / DENSE)
        dense_en = DenseIndex.load(directory / DENSE_EN)
        lexical = LexicalIndex.load(directory / BM25_DIR)
    except (OSError, ValueError, RuntimeError, KeyError, TypeError) as exc:
        # faiss raises RuntimeError, json/pydantic/numpy ValueError, bm25s KeyError/TypeError
        raise IndexMismatch(f"index at {directory} is corrupt: {_first_line(exc)}") from exc
    sizes = {
        CHUNKS: len(chunks),
        DENSE: len(dense),
        DENSE_EN: len(dense_en),
        BM25_DIR: len(lexical),
    }
    if set(sizes.values()) != {manifest.chunk_count} or {dense.dim, dense_en.dim} != {manifest.dim}:
        raise IndexMismatch(
            f"index at {directory} is inconsistent: rows {sizes}, dim {dense.dim}, "
            f"manifest says {manifest.chunk_count} chunks of dim {manifest.dim}"
        )
    return LoadedIndex(directory, manifest, chunks, dense, lexical, dense_en)


def build_index(
    directory: Path,
    chunks: Sequence[Chunk],
    embedder: Embedder,
    corpus_sha256: str,
    parser_version: str,
    progress: bool = True,
) -> LoadedIndex:
    """Embed and index ``chunks`` into ``directory`` atomically, holding the build lock."""
    from filelock import FileLock

    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(_lock_path(directory))):
        return _build_locked(directory, chunks, embedder, corpus_sha256, parser_version, progress)


def ensure_index(
    directory: Path,
    chunks_factory: Callable[[], Sequence[Chunk]],
    embedder: Embedder,
    corpus_sha256: str,
    parser_version: str,
    force: bool = False,
    log: Callable[[str], object] = logger.warning,
    progress: bool = True,
) -> LoadedIndex:
    """Load the index if it is valid for this corpus/parser/embedder, else build it once.

    A rebuild caused by a damaged or mismatched index is reported in one ``log`` line. When
    several processes start together, one builds while the others wait on the lock and then
    load its result. The build is not retried: a second failure raises.
    """
    from filelock import FileLock

    directory = Path(directory)
    expected = ManifestExpectation(corpus_sha256, parser_version, embedder.id)
    if not force:
        try:
            return load_index(directory, expected)
        except IndexMismatch:
            pass
    directory.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(_lock_path(directory))):
        reason = "forced rebuild"
        if not force:
            try:  # another process may have built it while we waited for the lock
                return load_index(directory, expected)
            except IndexMismatch as exc:
                reason = str(exc)
        if directory.exists():
            log(f"rebuilding the search index: {reason}")
        else:
            logger.info("building the search index at %s", directory)
        return _build_locked(
            directory, chunks_factory(), embedder, corpus_sha256, parser_version, progress
        )


def _build_locked(
    directory: Path,
    chunks: Sequence[Chunk],
    embedder: Embedder,
    corpus_sha256: str,
    parser_version: str,
    progress: bool,
) -> LoadedIndex:
    if not chunks:
        raise ValueError("no chunks to index")
    _remove_stale_temporaries(directory)
    chunks = list(chunks)
    lv, en = chunk_vectors(chunks, embedder, progress=progress)
    dense, dense_en = DenseIndex.build(lv), DenseIndex.build(en)
    lexical = LexicalIndex.build(chunks)

    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{directory.name}-", dir=directory.parent))
    try:
        with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
            for chunk in chunks:
                f.write(chunk.model_dump_json() + "\n")
        dense.save(tmp / DENSE)
        dense_en.save(tmp / DENSE_EN)
        (tmp / BM25_DIR).mkdir()
        lexical.save(tmp / BM25_DIR)
        files = {
            p.relative_to(tmp).as_posix(): FileEntry(size=p.stat().st_size, sha256=_sha256(p))
            for p in sorted(tmp.rglob("*"))
            if p.is_file()
        }
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            corpus_sha256=corpus_sha256,
            parser_version=parser_version,
            embedder_id=embedder.id,
            dim=dense.dim,
            analyzer=ANALYZER_VERSION,
            chunk_count=len(chunks),
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            files=files,
        )
        (tmp / MANIFEST).write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        _fsync_tree(tmp)
        _swap_in(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return LoadedIndex(directory, manifest, chunks, dense, lexical, dense_en)


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; a directory cannot be renamed over a non-empty one, so an
    existing target is renamed away first (under a .tmp- name that stale cleanup knows)."""
    old = None
    if target.exists():
        old = target.parent / f".tmp-{target.name}-old-{uuid.uuid4().hex[:8]}"
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale_temporaries(directory: Path) -> None:
    """Left by a builder that died; safe to delete because we hold the build lock."""
    for stale in directory.parent.glob(f".tmp-{directory.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _lock_path(directory: Path) -> Path:
    return directory.parent / f".{directory.name}.lock"


def _verify_file(directory: Path, name: str, entry: FileEntry) -> None:
    path = directory / name
    if not path.is_file():
        raise IndexMismatch(f"index at {directory} is damaged: {name} is missing")
    size = path.stat().st_size
    if size != entry.size:
        raise IndexMismatch(
            f"index at {directory} is damaged: {name} has {size} bytes, expected {entry.size}"
        )
    if _sha256(path) != entry.sha256:
        raise IndexMismatch(f"index at {directory} is damaged: {name} fails its checksum")


def _read_chunks(path: Path) -> list[Chunk]:
    with open(path, encoding="utf-8") as f:
        return [Chunk.model_validate_json(line) for line in f if line.strip()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def corpus_sha256(path: Path) -> str:
    """sha256 of a corpus file, as the manifest records it."""
    return _sha256(Path(path))


__all__ = [
    "FORMAT_VERSION",
    "LoadedIndex",
    "Manifest",
    "ManifestExpectation",
    "build_index",
    "corpus_sha256",
    "ensure_index",
    "load_index",
]
