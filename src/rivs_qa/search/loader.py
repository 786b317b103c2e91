"""Wires the report, its chunks, the embedder and the on-disk index into a SearchEngine."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from ..config import Settings
from ..report.model import Report
from ..report.parse import LABELS_FILE, PARSER_VERSION, load_report
from ..report.translation import TRANSLATION_FILE
from .chunks import build_chunks
from .embed import make_embedder
from .engine import SearchEngine
from .lexical import Glossary
from .store import LoadedIndex, ensure_index

logger = logging.getLogger(__name__)

#: bump when chunking changes: the manifest's parser version covers parser + chunker
CHUNKER_VERSION = "9"
INDEX_SUBDIR = "current"


def index_path(settings: Settings) -> Path:
    return settings.index_dir / INDEX_SUBDIR


def corpus_fingerprint(settings: Settings) -> str:
    """sha256 over the report and every curated file that shapes the chunks. The glossary
    only expands queries, so editing it does not make the index stale."""
    h = hashlib.sha256()
    for path in (
        settings.report_path,
        settings.corpus_dir / LABELS_FILE,
        settings.corpus_dir / TRANSLATION_FILE,
        settings.corpus_dir / "countries.json",
    ):
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def pipeline_version() -> str:
    return f"parser-{PARSER_VERSION}+chunker-{CHUNKER_VERSION}"


def open_index(
    settings: Settings, report: Report | None = None, force: bool = False, progress: bool = True
) -> tuple[Report, LoadedIndex, SearchEngine]:
    """Load the index when it matches the corpus and embedder; build it otherwise."""
    report = report or load_report(settings.report_path, settings.corpus_dir)
    embedder = make_embedder(settings.embedder)
    index = ensure_index(
        index_path(settings),
        lambda: build_chunks(report),
        embedder,
        corpus_fingerprint(settings),
        pipeline_version(),
        force=force,
        progress=progress,
    )
    path = settings.glossary_path
    glossary = Glossary.load(path) if path.is_file() else Glossary.empty()
    return report, index, SearchEngine.from_index(index, embedder, glossary)
