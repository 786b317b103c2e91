"""The load script: loopback only, percentiles, and a short run against a real server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rivs_qa.loadtest import check_loopback, main, percentile
from tests.server_utils import running_server


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/", "http://localhost:9000", "http://[::1]:8000", "http://127.9.9.9"],
)
def test_loopback_urls_are_accepted(url: str) -> None:
    assert check_loopback(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "http://10.0.0.1:8000",
        "http://0.0.0.0:8000",
        "ftp://127.0.0.1",
        "127.0.0.1:8000",
    ],
)
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        check_loopback(url)


def test_the_cli_refuses_a_remote_url(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--url", "http://192.0.2.1:8000"])
    assert exit_info.value.code == 2
    assert "only loopback servers" in capsys.readouterr().err


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50, 95, 99)
    assert percentile([], 50) == 0.0 and percentile([7.0], 99) == 7.0


@pytest.mark.server
def test_a_short_run_against_a_server(
    fake_index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"RIVS_QA_INDEX_DIR": str(fake_index_dir), "RIVS_QA_EMBEDDER": "fake",
           "RIVS_QA_RATE_LIMIT": "20/minute"}  # fmt: skip
    with running_server(env=env) as server:
        code = main(["--url", server.url, "--clients", "4", "--seconds", "3", "--json",
                     "--pid", str(server.process.pid)])  # fmt: skip
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] > 0 and result["follow_ups"] > 0
    # one worker keeps every conversation: each follow-up is read with its context
    assert result["follow_ups_resolved"] == result["follow_ups"]
    assert result["rate_limited_429"] > 0  # 4 clients on one address pass 20/minute quickly
    assert result["errors_by_status"] == {} and result["transport_errors"] == {}
    assert result["rss_kib_before"] > 0
