"""Fuzzing with hostile inputs: each nasty input gets a 200 or a clear 4xx in JSON.

The app, ``fuzz_app``, is the whole stack in-process (ASGI): the real report, a search index
built with the fake embedder, the hardening middlewares. Generated inputs for every operation
of the OpenAPI schema, with every schemathesis check, are in test_schemathesis_all.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rivs_qa.api.app import create_app
from tests.api.conftest import fake_stack_settings

MAX_BODY = 65_536


@pytest.fixture(scope="module")
def fuzz_app(fake_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    settings = fake_stack_settings(
        fake_index_dir, tmp_path_factory.mktemp("fuzz"), rate_limit="", max_body_bytes=MAX_BODY
    )
    return create_app(settings)


# --- hostile inputs --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(fuzz_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(fuzz_app, raise_server_exceptions=False) as test_client:
        yield test_client


def deep_json(depth: int) -> str:
    return '{"question": ' + "[" * depth + "]" * depth + "}"


HOSTILE_TEXT = {
    "control characters": "Kas\x00 ir\x07 romi\x1b[31m?\r\n\x7f",
    "only whitespace": " \t\u00a0\u2003\n",
    "html and script": "<script>alert('x')</script><img src=x onerror=alert(1)> izglītība?",
    "sql-looking": "'; DROP TABLE sessions; -- OR 1=1 /* nodarbinātība */",
    "emoji": "🧑‍🎓📚 Cik romu bērnu mācās skolā? 🇱🇻🇪🇺",
    "right-to-left": "\u202emājokļi\u202c ما هي نسبة الروما العاملين؟ אחוז",
    "combining marks": "a\u0301\u0301\u0301\u0301 izglītība" + "\u0300" * 200,
    "lone surrogate escaped": "\\ud800 veselība",
    "format string": "%s%s%n {0} {__class__} ${jndi:ldap://x}",
    "path traversal": "../../etc/passwd",
    "very long word": "a" * 999,
}


def assert_clear(response, allowed=(200,)) -> None:  # type: ignore[no-untyped-def]
    """200 (or another allowed status), or a 4xx whose JSON says what was wrong."""
    assert response.status_code < 500, response.text
    if response.status_code not in allowed:
        assert 400 <= response.status_code < 500
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail.strip()


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_hostile_questions(client: TestClient, text: str) -> None:
    assert_clear(client.post("/api/ask", json={"question": text}))
    assert_clear(client.get("/api/search", params={"q": text}))
    in_path = quote(text, safe="")
    assert_clear(client.get(f"/api/countries/{in_path}"), allowed=(200, 404))
    assert_clear(client.get(f"/api/sections/{in_path}"), allowed=(200, 404))
    assert_clear(client.get("/api/indicators", params={"domain": text}))


@pytest.mark.parametrize("text", HOSTILE_TEXT.values(), ids=HOSTILE_TEXT.keys())
def test_hostile_session_ids_are_422(client: TestClient, text: str) -> None:
    response = client.post("/api/ask", json={"question": "Kas ir romi?", "session_id": text})
    assert response.status_code == 422
    assert "session" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "body", "headers"),
    [
        ("invalid utf-8", b'{"question": "\xff\xfe\xc3("}', {"Content-Type": "application/json"}),
        ("not json", b"question=romi", {"Content-Type": "application/json"}),
        ("form encoded", b"question=romi", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("no content type", b'{"question": "romi"}', {}),
        ("json null", b"null", {"Content-Type": "application/json"}),
        ("json list", b'["romi"]', {"Content-Type": "application/json"}),
        ("wrong types", b'{"question": 5, "top_k": "many"}', {"Content-Type": "application/json"}),
        ("deep json", deep_json(5000).encode(), {"Content-Type": "application/json"}),
        ("huge number", b'{"question": "q", "top_k": 1e400}', {"Content-Type": "application/json"}),
        ("empty", b"", {"Content-Type": "application/json"}),
    ],
)
def test_hostile_bodies(
    client: TestClient, name: str, body: bytes, headers: dict[str, str]
) -> None:
    response = client.post("/api/ask", content=body, headers=headers)
    assert_clear(response, allowed=())
    if name == "no content type":  # FastAPI reads JSON only when it is declared as such
        assert response.status_code == 422


def test_a_one_megabyte_body_is_413(client: TestClient) -> None:
    body = json.dumps({"question": "romi " * 200_000}).encode()
    assert len(body) > 1_000_000
    response = client.post("/api/ask", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"detail": f"Request body too large: the limit is {MAX_BODY} bytes"}


def test_an_overlong_query_string_is_422(client: TestClient) -> None:
    # httpx will not send a 1 MB URL (uvicorn would refuse its request line anyway)
    response = client.get("/api/search", params={"q": "romi " * 10_000})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Invalid query parameter 'q'")


def test_hostile_headers(client: TestClient) -> None:
    response = client.get(
        "/api/health",
        headers={
            "X-Request-ID": "x" * 10_000,
            "Accept-Language": ("\u202e" * 50).encode(),  # type: ignore[dict-item]
            "Origin": "null",
        },
    )
    assert response.status_code == 200
    assert len(response.headers["X-Request-ID"]) == 32  # replaced, not echoed
