"""Limits (429, 413), request ids, the JSON access log, /api/metrics and CORS headers."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions_redis import UNAVAILABLE_DETAIL, RedisSessionStore
from rivs_qa.api.app import create_app
from rivs_qa.api.observability import ACCESS_LOGGER, JsonFormatter, record_answer
from rivs_qa.config import Settings
from rivs_qa.report.model import Report
from tests.api.conftest import fake_stack_settings
from tests.redis_utils import RedisServer, running_redis
from tests.server_utils import free_port

ORIGIN = "http://127.0.0.1:8000"


def make_client(settings: Settings, report: Report, **kw: object) -> TestClient:
    return TestClient(create_app(settings, report_loader=lambda _s: report), **kw)  # type: ignore[arg-type]


def limited(settings: Settings, limit: str) -> Settings:
    return Settings(**{**settings.model_dump(), "rate_limit": limit})  # validated again


class Lines(logging.Handler):
    """Collects the access log as the JSON lines it would print."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, object]] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def access_lines() -> Iterator[list[dict[str, object]]]:
    handler = Lines()
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


# --- rate limit -----------------------------------------------------------------------------
def test_rate_limit_is_429_with_retry_after(settings: Settings, report: Report) -> None:
    with make_client(limited(settings, "3/minute"), report) as client:
        assert [client.get("/api/sections").status_code for _ in range(3)] == [200] * 3
        response = client.get("/api/footnotes/1")  # one count over every /api/ path
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert re.fullmatch(
        r"Too many requests: the limit is 3 per 1 minute per client; retry in \d+ s",
        response.json()["detail"],
    )


def test_health_and_metrics_are_never_limited(settings: Settings, report: Report) -> None:
    with make_client(limited(settings, "1/minute"), report) as client:
        for _ in range(5):
            assert client.get("/api/health").status_code == 200
            assert client.get("/api/metrics").status_code == 200
        assert client.get("/api/sections").status_code == 200
        assert client.get("/api/sections").status_code == 429


def test_each_client_has_its_own_count(settings: Settings, report: Report) -> None:
    app = create_app(limited(settings, "1/minute"), report_loader=lambda _s: report)
    with TestClient(app, client=("10.0.0.1", 1)) as a:
        b = TestClient(app, client=("10.0.0.2", 1))  # same app, its lifespan already ran
        assert a.get("/api/sections").status_code == 200
        assert a.get("/api/sections").status_code == 429
        assert b.get("/api/sections").status_code == 200


@pytest.mark.parametrize("off", ["", "0"])
def test_rate_limit_can_be_switched_off(settings: Settings, report: Report, off: str) -> None:
    with make_client(limited(settings, off), report) as client:
        assert {client.get("/api/sections").status_code for _ in range(100)} == {200}


def test_bad_rate_limit_is_a_settings_error() -> None:
    with pytest.raises(ValueError, match="'often' is not a rate limit"):
        Settings(rate_limit="often")


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as server:
        yield server


def test_with_redis_every_app_shares_one_count(
    settings: Settings, report: Report, redis_server: RedisServer
) -> None:
    shared = settings.model_copy(update={"rate_limit": "3/minute", "redis_url": redis_server.url})
    with make_client(shared, report) as a, make_client(shared, report) as b:
        assert a.get("/api/sections").status_code == 200
        assert b.get("/api/sections").status_code == 200
        assert a.get("/api/sections").status_code == 200
        assert b.get("/api/sections").status_code == 429


def test_a_dead_limiter_store_lets_requests_through(
    settings: Settings, report: Report, caplog: pytest.LogCaptureFixture
) -> None:
    dead = settings.model_copy(
        update={
            "rate_limit": "1/minute",
            "redis_url": f"redis://127.0.0.1:{free_port()}/0",
            "redis_timeout_seconds": 0.5,
        }
    )
    with make_client(dead, report) as client:
        assert [client.get("/api/sections").status_code for _ in range(3)] == [200] * 3
    warnings = [r.getMessage() for r in caplog.records if r.name == "rivs_qa.api.limits"]
    assert len(warnings) == 1  # once a minute, not once a request
    assert warnings[0].startswith("rate limit storage failed, not limiting")


# --- body size ------------------------------------------------------------------------------
def small_body(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_body_bytes": 100})


def test_declared_oversized_body_is_413(settings: Settings, report: Report) -> None:
    with make_client(small_body(settings), report) as client:
        response = client.post("/api/ask", content=b"x" * 101)
    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: the limit is 100 bytes"}


def test_chunked_oversized_body_is_413(settings: Settings, report: Report) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield b"y" * 30

    with make_client(small_body(settings), report) as client:
        response = client.post("/api/ask", content=chunks())  # no Content-Length
    assert response.status_code == 413
    assert response.json()["detail"] == "Request body too large: the limit is 100 bytes"


def test_bodies_up_to_the_cap_reach_the_route(settings: Settings, report: Report) -> None:
    body = json.dumps({"question": "q" * 80}).encode()
    assert len(body) <= 100

    def chunks() -> Iterator[bytes]:
        yield body[:10]
        yield body[10:]

    with make_client(small_body(settings), report) as client:
        # this app has no search index: the route itself answers 503, not the limit
        assert client.post("/api/ask", content=body).status_code == 503
        assert client.post("/api/ask", content=chunks()).status_code == 503


# --- request ids and the access log ---------------------------------------------------------
def test_a_sane_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/api/health", headers={"X-Request-ID": "trace-42.a_b:c"})
    assert response.headers["X-Request-ID"] == "trace-42.a_b:c"


@pytest.mark.parametrize("bad", ["", "a b", "x" * 129, "<script>", "ok\tno", "ā"])
def test_other_request_ids_are_replaced(client: TestClient, bad: str) -> None:
    response = client.get("/api/health", headers={"X-Request-ID": bad.encode("utf-8")})  # type: ignore[dict-item]
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_every_response_gets_a_fresh_id(client: TestClient) -> None:
    ids = {client.get(path).headers["X-Request-ID"] for path in ["/api/health"] * 3 + ["/nope"]}
    assert len(ids) == 4


def test_one_json_log_line_per_request(
    client: TestClient, access_lines: list[dict[str, object]]
) -> None:
    response = client.get("/api/sections/I.1", headers={"X-Request-ID": "req-1"})
    client.get("/api/sections/NOPE")
    first, second = access_lines
    assert set(first) == {
        "ts", "level", "logger", "msg",
        "method", "path", "route", "status", "latency_ms", "request_id", "client",
    }  # fmt: skip
    assert (first["method"], first["path"], first["route"]) == (
        "GET",
        "/api/sections/I.1",
        "/api/sections/{section_id}",
    )
    assert (first["status"], first["request_id"], first["client"]) == (200, "req-1", "testclient")
    assert isinstance(first["latency_ms"], float) and first["latency_ms"] >= 0
    assert first["level"] == "info" and first["logger"] == ACCESS_LOGGER
    assert response.headers["X-Request-ID"] == "req-1"
    assert (second["status"], second["route"]) == (404, "/api/sections/{section_id}")


# --- metrics --------------------------------------------------------------------------------
def sample(text: str, name: str, **labels: str) -> float:
    """The value of one series in Prometheus text, 0 when it is not there yet."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        series, _, value = line.rpartition(" ")
        got_name, _, got_labels = series.partition("{")
        got = ",".join(sorted(got_labels.rstrip("}").split(","))) if got_labels else ""
        if got_name == name and got == want:
            return float(value)
    return 0.0


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    before = client.get("/api/metrics").text
    client.get("/api/sections/I.1")
    client.get("/api/sections/II")
    client.get("/api/sections/NOPE")
    client.get("/no/such/path")
    response = client.get("/api/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    route = "/api/sections/{section_id}"
    total = "rivs_qa_http_requests_total"
    assert delta(total, method="GET", route=route, status="200") == 2
    assert delta(total, method="GET", route=route, status="404") == 1
    assert delta(total, method="GET", route="<unmatched>", status="404") == 1
    count = "rivs_qa_http_request_duration_seconds_count"
    assert delta(count, method="GET", route=route) == 3
    assert "rivs_qa_http_request_duration_seconds_bucket" in after
    assert "_created" not in after


def test_record_answer_counts_answers_and_abstentions(client: TestClient) -> None:
    before = client.get("/api/metrics").text
    record_answer(True)
    record_answer(False)
    record_answer(False)
    after = client.get("/api/metrics").text
    for name, labels, expected in [
        ("rivs_qa_answers_total", {"answerable": "true"}, 1),
        ("rivs_qa_answers_total", {"answerable": "false"}, 2),
        ("rivs_qa_abstentions_total", {}, 2),
    ]:
        assert sample(after, name, **labels) - sample(before, name, **labels) == expected


def test_metrics_can_be_switched_off(settings: Settings, report: Report) -> None:
    off = settings.model_copy(update={"metrics_enabled": False})
    with make_client(off, report) as client:
        assert client.get("/api/metrics").status_code == 404


def test_metrics_are_not_in_the_public_schema(client: TestClient) -> None:
    assert "/api/metrics" not in client.get("/openapi.json").json()["paths"]


# --- CORS -----------------------------------------------------------------------------------
def test_cors_exposes_retry_after_and_request_id(settings: Settings, report: Report) -> None:
    with make_client(limited(settings, "1/minute"), report) as client:
        ok = client.get("/api/sections", headers={"Origin": ORIGIN})
        refused = client.get("/api/sections", headers={"Origin": ORIGIN})
    assert refused.status_code == 429
    for response in (ok, refused):  # a page can read both headers, on a 429 too
        assert response.headers["access-control-allow-origin"] == ORIGIN
        exposed = response.headers["access-control-expose-headers"].lower().replace(" ", "")
        assert {"retry-after", "x-request-id"} <= set(exposed.split(","))


def test_cors_preflight_allows_sending_a_request_id(client: TestClient) -> None:
    response = client.options(
        "/api/ask",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-request-id",
        },
    )
    assert response.status_code == 200
    assert "x-request-id" in response.headers["access-control-allow-headers"].lower()


# --- a session store that is down is a 503, not a 500 ---------------------------------------
def test_session_store_down_is_503(fake_index_dir: Path, tmp_path: Path) -> None:
    settings = fake_stack_settings(fake_index_dir, tmp_path, rate_limit="")
    dead = RedisSessionStore(f"redis://127.0.0.1:{free_port()}/0", 60, 10, timeout_seconds=0.5)

    def answers_loader(s: Settings, report: Report) -> AnswerService:
        from rivs_qa.search.loader import open_index

        _, _, engine = open_index(s, report, progress=False)
        return AnswerService(report, engine, dead)

    app = create_app(settings, answers_loader=answers_loader)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/ask", json={"question": "Kas ir romu integrācija?"})
    assert response.status_code == 503
    assert response.json() == {"detail": UNAVAILABLE_DETAIL}


def test_answers_run_on_the_configured_number_of_threads(settings: Settings, report: Report) -> None:
    import anyio.to_thread

    three = Settings(**{**settings.model_dump(), "worker_threads": 3})
    with make_client(three, report) as client:
        tokens = client.portal.call(  # type: ignore[union-attr]
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
    assert tokens == 3
