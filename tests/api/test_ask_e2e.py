"""POST /api/ask and GET /api/search against a real ``rivs-qa serve`` on a free port."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server_utils import Server, running_server

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(real_index_dir: Path) -> Iterator[Server]:
    with running_server(env={"RIVS_QA_INDEX_DIR": str(real_index_dir)}) as srv:
        yield srv


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def ask(client: httpx.Client, question: str, **extra: object) -> dict:  # type: ignore[type-arg]
    response = client.post("/api/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_latvian_statistic(client: httpx.Client) -> None:
    body = ask(client, "Kāds ir to romu īpatsvars, kuri strādā algotu darbu?")
    assert (body["lang"], body["answerable"]) == ("lv", True)
    assert "43 % (sievietes 29 %, vīrieši 56 %)" in body["answer"]
    fact = body["facts"][0]
    assert fact["kind"] == "indicator"
    assert (fact["value"], fact["unit"], fact["breakdowns"]) == (43.0, "%", {"women": 29.0, "men": 56.0})
    cited = body["citations"][fact["citation"] - 1]
    assert cited["n"] == fact["citation"]
    assert "strādā algotu darbu" in cited["text"]
    assert set(cited) == {
        "n", "chunk_id", "section_id", "section_title", "kind", "text", "quote", "text_en",
        "quote_en", "score",
    }  # fmt: skip


def test_english_question_about_countries_in_a_table(client: httpx.Client) -> None:
    body = ask(client, "Which member states reported measures to combat trafficking in human beings?")
    assert body["lang"] == "en" and body["answerable"]
    fact = body["facts"][0]
    assert fact["kind"] == "table_row"
    assert fact["countries"][:2] == ["AT", "HU"]
    assert "AT (Austria), HU (Hungary) — 6 measures" in body["answer"]


def test_follow_up_in_one_session(client: httpx.Client) -> None:
    first = ask(client, "What share of Roma aged 20-64 are in paid work?")
    second = ask(client, "And for women?", session_id=first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert second["resolved_question"] == "What share of Roma aged 20-64 are in paid work — for women?"
    assert "women: 29 %" in second["answer"]


def test_a_question_sharing_nothing_with_the_report_gets_example_questions(
    client: httpx.Client,
) -> None:
    body = ask(client, "What is the weather in Riga today?")
    assert body["answerable"] is False
    assert body["facts"] == [] and body["citations"] == []
    assert body["answer"] == "The report does not answer this question."
    # no "nearest" sections: none shares a word with the question
    assert body["suggestions"] == []
    examples = json.loads((CORPUS / "examples.json").read_text(encoding="utf-8"))
    assert len(body["examples"]) == 3 and set(body["examples"]) <= set(examples["en"])
    latvian = ask(client, "Cik maksā biļete uz Parīzi?")
    assert latvian["answerable"] is False
    assert set(latvian["examples"]) <= set(examples["lv"]) and len(latvian["examples"]) == 3


def test_a_refusal_sharing_a_subject_suggests_sections_about_it(client: httpx.Client) -> None:
    body = ask(client, "How many Roma children attended school in 2031?")
    assert body["answerable"] is False
    assert body["answer"].startswith("The report does not cover that year.")
    assert body["suggestions"] and body["examples"] == []
    assert any("Education" in s["title"] for s in body["suggestions"])


def test_top_k_bounds_the_citations(client: httpx.Client) -> None:
    body = ask(client, "Kāpēc veselības un mājokļu jomā ir grūti pārņemt politikas atziņas?", top_k=2)
    assert [c["n"] for c in body["citations"]] == [1, 2]


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        ({"question": "   "}, "Invalid body field 'question': the question is empty"),
        ({"question": "x" * 1001}, "Invalid body field 'question': the question has 1001 characters; at most 1000 allowed"),
        ({"question": "Kas?", "lang": "de"}, "Invalid body field 'lang': Input should be 'lv' or 'en'"),
        ({"question": "Kas?", "top_k": 0}, "Invalid body field 'top_k': Input should be greater than or equal to 1"),
        ({"question": "Kas?", "session_id": "../etc"}, "Invalid body field 'session_id': invalid session id: a session id is 1-128 characters of A-Z, a-z, 0-9, '_' or '-'"),
        ({"question": "Kas?", "extra": 1}, "Invalid body field 'extra': Extra inputs are not permitted"),
    ],
)  # fmt: skip
def test_bad_requests_get_a_readable_422(client: httpx.Client, payload: dict, detail: str) -> None:  # type: ignore[type-arg]
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"] == detail


def test_malformed_json_is_a_422(client: httpx.Client) -> None:
    response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Malformed JSON in the request body")


def test_search_ranks_passages(client: httpx.Client) -> None:
    response = client.get("/api/search", params={"q": "romu starpnieki veselības jomā", "k": 3, "mode": "bm25"})
    assert response.status_code == 200
    body = response.json()
    assert (body["mode"], body["lang"], len(body["results"])) == ("bm25", "lv", 3)
    assert [r["rank"] for r in body["results"]] == [1, 2, 3]
    assert any("starpniek" in r["text"] for r in body["results"])
    bad = client.get("/api/search", params={"q": "x", "mode": "magic"})
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("Invalid query parameter 'mode'")


def test_openapi_documents_the_ask_contract(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/ask" in schema["paths"] and "/api/search" in schema["paths"]
    response = schema["components"]["schemas"]["AskResponse"]["properties"]
    assert {"session_id", "lang", "answerable", "answer", "resolved_question", "facts", "citations"} <= set(response)
    assert client.get("/docs").status_code == 200
