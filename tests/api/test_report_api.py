"""The report API against the hand-made report of conftest.py: exact bodies, exact details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rivs_qa import __version__
from rivs_qa.api.app import create_app
from rivs_qa.config import Settings
from rivs_qa.errors import BadQuestion, RivsError
from rivs_qa.report.model import Report
from tests.api.conftest import EMPLOYMENT_LINE
from tests.server_utils import running_server

FOOTNOTE_3 = {
    "n": 3,
    "text": "LV, ES, HU.",
    "text_en": "LV, ES, HU.",
    "countries": ["LV", "ES", "HU"],
    "urls": [],
    "section_id": "I.1",
}
FOOTNOTE_4 = {
    "n": 4,
    "text": "Piem., BiH.",
    "text_en": "",
    "countries": ["BiH"],
    "urls": [],
    "section_id": "I.1.1",
}
NOTE = "English text: a translation made for this product; the Latvian report is the source."


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "sections": 5,
        "footnotes": 4,
        "indicators": 4,
        "table_rows": 2,
    }


def test_report_is_loaded_once_at_startup(settings: Settings, report: Report) -> None:
    calls: list[Settings] = []

    def loader(given: Settings) -> Report:
        calls.append(given)
        return report

    app = create_app(settings, report_loader=loader)
    assert calls == []  # nothing heavy at construction
    with TestClient(app) as client:
        client.get("/api/health")
        client.get("/api/sections")
    assert calls == [settings]


# --- sections ---------------------------------------------------------------------------


def test_sections_list(client: TestClient) -> None:
    body = client.get("/api/sections").json()
    assert body["count"] == 5
    assert body["data"][2] == {
        "id": "I.1",
        "number": "1.",
        "title_lv": "Izglītība",
        "title_en": "Education",
        "level": 2,
        "parent_id": "I",
        "domain": "education",
        "paragraph_count": 2,
        "title": "Izglītība",
    }
    assert (body["lang"], body["translation_note"]) == ("lv", None)
    assert [(s["id"], s["paragraph_count"]) for s in body["data"]] == [
        ("INTRO", 1), ("I", 1), ("I.1", 2), ("I.1.1", 1), ("II", 1),
    ]  # fmt: skip


def test_section_detail_has_paragraphs_and_cited_footnotes(client: TestClient) -> None:
    response = client.get("/api/sections/I.1")
    assert response.status_code == 200
    assert response.json() == {
        "id": "I.1",
        "number": "1.",
        "title_lv": "Izglītība",
        "title_en": "Education",
        "level": 2,
        "parent_id": "I",
        "domain": "education",
        "paragraph_count": 2,
        "title": "Izglītība",
        "lang": "lv",
        "translation_note": None,
        "paragraphs": [
            {
                "id": "I.1.p1",
                "section_id": "I.1",
                "kind": "paragraph",
                "text": "Pasākumi priekšlaicīgas mācību pārtraukšanas mazināšanai.",
                "text_en": "Measures to reduce early school leaving.",
                "footnotes": [
                    {
                        "n": 3,
                        "phrase": "priekšlaicīgas mācību pārtraukšanas mazināšanai",
                        "offset": 56,
                        "offset_en": 39,
                        "phrase_en": "Measures to reduce early school leaving",
                    }
                ],
            },
            {
                "id": "I.1.p2",
                "section_id": "I.1",
                "kind": "list_item",
                "text": "Jāattīsta IT prasmes un valodu prasmes (ES).",
                "text_en": "IT skills and language skills (EU) need to be developed.",
                "footnotes": [],
            },
        ],
        "display": [
            {
                "id": "I.1.p1",
                "kind": "paragraph",
                "text": "Pasākumi priekšlaicīgas mācību pārtraukšanas mazināšanai.",
                "markers": {"3": 56},
            },
            {
                "id": "I.1.p2",
                "kind": "list_item",
                "text": "Jāattīsta IT prasmes un valodu prasmes (ES).",
                "markers": {},
            },
        ],
        "footnotes": [FOOTNOTE_3],
    }


def test_section_in_english_shows_the_translation_with_its_markers(client: TestClient) -> None:
    body = client.get("/api/sections/I.1", params={"lang": "en"}).json()
    assert (body["lang"], body["title"], body["translation_note"]) == ("en", "Education", NOTE)
    assert body["display"][0] == {
        "id": "I.1.p1",
        "kind": "paragraph",
        "text": "Measures to reduce early school leaving.",
        "markers": {"3": 39},
    }
    text = body["display"][0]["text"]
    assert text[: body["display"][0]["markers"]["3"]].endswith("early school leaving")
    # the Latvian original is in the same record
    assert body["paragraphs"][0]["text"].startswith("Pasākumi priekšlaicīgas")


def test_untranslated_units_show_in_latvian_even_in_english(client: TestClient) -> None:
    body = client.get("/api/sections/I.1.1", params={"lang": "en"}).json()
    assert body["title"] == "Aim of measures"  # the hand-made report's title_en
    assert body["display"][0]["text"] == "Vairākas valstis (LV, ES un HU) atbalsta mentorus."


@pytest.mark.parametrize(
    "path", ["/api/sections", "/api/sections/I.1", "/api/footnotes/3", "/api/indicators",
             "/api/tables", "/api/countries/LV"],
)  # fmt: skip
def test_every_report_endpoint_takes_lang(client: TestClient, path: str) -> None:
    english = client.get(path, params={"lang": "en"})
    assert english.status_code == 200
    assert (english.json()["lang"], english.json()["translation_note"]) == ("en", NOTE)
    bad = client.get(path, params={"lang": "de"})
    assert bad.status_code == 422


def test_section_ids_match_in_any_case(client: TestClient) -> None:
    assert client.get("/api/sections/i.1.1").json()["id"] == "I.1.1"
    assert client.get("/api/sections/intro").json()["footnotes"][0]["n"] == 1


def test_unknown_section_is_404_with_fixed_detail(client: TestClient) -> None:
    response = client.get("/api/sections/X.9")
    assert response.status_code == 404
    assert response.json() == {"detail": "Section 'X.9' not found"}


# --- footnotes --------------------------------------------------------------------------


def test_footnote(client: TestClient) -> None:
    assert client.get("/api/footnotes/3").json() == {
        **FOOTNOTE_3, "lang": "lv", "translation_note": None
    }
    assert client.get("/api/footnotes/2").json()["urls"] == ["https://fra.europa.eu/lv"]


def test_unknown_footnote_is_404(client: TestClient) -> None:
    response = client.get("/api/footnotes/999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Footnote 999 not found"}


def test_footnote_numbers_start_at_1(client: TestClient) -> None:
    response = client.get("/api/footnotes/0")
    assert response.status_code == 422
    message = "Input should be greater than or equal to 1"
    assert response.json()["detail"] == f"Invalid path parameter 'n': {message}"


def test_footnote_number_must_be_an_integer(client: TestClient) -> None:
    response = client.get("/api/footnotes/three")
    assert response.status_code == 422
    message = "Input should be a valid integer, unable to parse string as an integer"
    assert response.json() == {
        "detail": f"Invalid path parameter 'n': {message}",
        "errors": [{"loc": ["path", "n"], "msg": message, "type": "int_parsing"}],
    }


# --- indicators -------------------------------------------------------------------------


def _ids(response: Any) -> list[str]:
    body = response.json()
    assert body["count"] == len(body["data"])
    return [item["id"] for item in body["data"]]


def test_indicators_all(client: TestClient) -> None:
    response = client.get("/api/indicators")
    assert _ids(response) == ["education.1", "education.2", "employment.1", "health.1"]
    assert response.json()["data"][2] == {
        "id": "employment.1",
        "domain": "employment",
        "section_id": "I",
        "group_lv": "",
        "group_en": "",
        "label_lv": "Apmaksāts darbs",
        "label_en": "In paid work",
        "value": 43.0,
        "value_text": "43 %",
        "unit": "%",
        "breakdowns": {"women": 29.0, "men": 56.0},
        "breakdown_texts": {"women": "29 %", "men": "56 %"},
        "population": "vecums: 20–64 gadi",
        "note": None,
        "year": 2016,
        "source_line": EMPLOYMENT_LINE,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"domain": "education"}, ["education.1", "education.2"]),
        ({"domain": "health"}, ["health.1"]),
        ({"domain": "housing"}, []),
        ({"domain": ""}, ["education.1", "education.2", "employment.1", "health.1"]),
        ({"q": ""}, ["education.1", "education.2", "employment.1", "health.1"]),
        ({"q": "SEGREGACIJA"}, ["education.2"]),  # group_lv, no diacritics, upper case
        ({"q": "apmaksāts"}, ["employment.1"]),  # label_lv
        ({"q": "paid   WORK"}, ["employment.1"]),  # label_en, whitespace runs collapse
        ({"q": "izglitib"}, ["education.1", "education.2"]),
        ({"domain": "health", "q": "apdrosin"}, ["health.1"]),
        ({"domain": "employment", "q": "apdrosin"}, []),
    ],
)
def test_indicator_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert _ids(client.get("/api/indicators", params=params)) == expected


def test_bad_domain_is_422_listing_valid_domains(client: TestClient) -> None:
    response = client.get("/api/indicators", params={"domain": "sport"})
    assert response.status_code == 422
    # '' is valid too: the schema's enum has it, meaning "every domain"
    valid = "'education', 'employment', 'health', 'housing', 'discrimination' or ''"
    assert response.json() == {
        "detail": f"Invalid query parameter 'domain': Input should be {valid}",
        "errors": [
            {"loc": ["query", "domain"], "msg": f"Input should be {valid}", "type": "literal_error"}
        ],
    }


# --- tables -----------------------------------------------------------------------------


def test_tables(client: TestClient) -> None:
    body = client.get("/api/tables").json()
    assert body["count"] == 1
    table = body["data"][0]
    assert {k: v for k, v in table.items() if k != "rows"} == {
        "id": "education.table",
        "domain": "education",
        "section_id": "I.1",
        "title_lv": "Izglītības pasākumu sadalījums",
        "header_lv": "Tematiskā apakšjoma",
        "source": "VKRJ ziņojumi",
        "title_en": "",
        "header_en": "",
        "source_en": "",
    }
    assert table["rows"][1] == {
        "id": "education.table.2",
        "table_id": "education.table",
        "domain": "education",
        "section_id": "I.1",
        "sub_area_lv": "Ņemt vērā atsevišķu skolēnu vajadzības",
        "sub_area_en": "Take individual needs into account",
        "member_states": ["HU"],
        "member_state_measures": 10,
        "enlargement_countries": ["BiH"],
        "enlargement_measures": 3,
    }
    assert [r["id"] for r in table["rows"]] == ["education.table.1", "education.table.2"]


# --- countries --------------------------------------------------------------------------


def _mentions(body: dict) -> dict[str, list]:
    return {
        "paragraphs": [p["id"] for p in body["paragraphs"]],
        "table_rows": [(r["id"], r["role"]) for r in body["table_rows"]],
        "footnotes": [f["n"] for f in body["footnotes"]],
        "approaches": [a["id"] for a in body["approaches"]],
    }


def test_country_latvia(client: TestClient) -> None:
    body = client.get("/api/countries/LV").json()
    assert body["country"] == {
        "code": "LV",
        "name_lv": "Latvija",
        "name_en": "Latvia",
        "group": "member_state",
        "forms": ["Latvija", "Latvijā", "Latvijas", "Latvia"],
    }
    assert _mentions(body) == {
        "paragraphs": ["I.p1", "I.1.1.p1"],  # "Latvijā …" and "(LV, ES un HU)"
        "table_rows": [("education.table.1", "member_state")],
        "footnotes": [3],
        "approaches": ["education.approach.1"],
    }
    assert body["table_rows"][0]["member_state_measures"] == 66


@pytest.mark.parametrize("code", ["lv", "LV", "Lv", " lv "])
def test_country_codes_match_in_any_case(client: TestClient, code: str) -> None:
    response = client.get(f"/api/countries/{code}")
    assert response.status_code == 200
    assert response.json()["country"]["code"] == "LV"


@pytest.mark.parametrize("code", ["bih", "BIH", "BiH"])
def test_bosnia_and_herzegovina(client: TestClient, code: str) -> None:
    body = client.get(f"/api/countries/{code}").json()
    assert body["country"]["code"] == "BiH"
    assert body["country"]["group"] == "enlargement"
    assert _mentions(body) == {
        "paragraphs": ["II.p1"],  # by name: "Bosnijā un Hercegovinā"
        "table_rows": [("education.table.1", "enlargement"), ("education.table.2", "enlargement")],
        "footnotes": [4],
        "approaches": [],
    }


def test_spain_is_not_the_eu(client: TestClient) -> None:
    # "ES programmu" (INTRO.p1) is the EU; "(ES)" and "(LV, ES un HU)" are Spain.
    assert _mentions(client.get("/api/countries/es").json()) == {
        "paragraphs": ["I.1.p2", "I.1.1.p1"],
        "table_rows": [("education.table.1", "member_state")],
        "footnotes": [3],
        "approaches": [],
    }


def test_country_by_name(client: TestClient) -> None:
    assert client.get("/api/countries/latvija").json()["country"]["code"] == "LV"


def test_unknown_country_is_404(client: TestClient) -> None:
    response = client.get("/api/countries/XX")
    assert response.status_code == 404
    assert response.json() == {"detail": "Country 'XX' not found"}


# --- errors, CORS and the web folder ----------------------------------------------------


def test_unknown_route_is_404(client: TestClient) -> None:
    assert client.get("/api/nothing").json() == {"detail": "Not Found"}


def test_domain_errors_map_to_statuses_without_tracebacks(
    settings: Settings, report: Report
) -> None:
    app = create_app(settings, report_loader=lambda _s: report)

    @app.get("/boom/bad-question")
    def bad_question() -> None:
        raise BadQuestion("Question is empty")

    @app.get("/boom/internal")
    def internal() -> None:
        raise RivsError("index file /secret/path is damaged")

    with TestClient(app) as client:
        response = client.get("/boom/bad-question")
        assert (response.status_code, response.json()) == (422, {"detail": "Question is empty"})
        response = client.get("/boom/internal")
        assert (response.status_code, response.json()) == (500, {"detail": "Internal server error"})


def test_cors_allows_only_configured_origins(tmp_path: Path, report: Report) -> None:
    settings = Settings(web_dir=tmp_path, cors_origins=["http://allowed.example"])
    app = create_app(settings, report_loader=lambda _s: report)
    with TestClient(app) as client:
        ok = client.get("/api/health", headers={"Origin": "http://allowed.example"})
        assert ok.headers["access-control-allow-origin"] == "http://allowed.example"
        other = client.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_root_without_web_page_is_404(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Web interface not found"}


def test_web_folder_is_served_when_present(tmp_path: Path, report: Report) -> None:
    (tmp_path / "index.html").write_text("<h1>RIVS</h1>", encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log(1)", encoding="utf-8")
    app = create_app(Settings(web_dir=tmp_path), report_loader=lambda _s: report)
    with TestClient(app) as client:
        page = client.get("/")
        assert page.status_code == 200
        assert page.text == "<h1>RIVS</h1>"
        assert client.get("/static/app.js").text == "console.log(1)"


def test_missing_web_folder_is_fine(tmp_path: Path, report: Report) -> None:
    app = create_app(Settings(web_dir=tmp_path / "absent"), report_loader=lambda _s: report)
    with TestClient(app) as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("/").status_code == 404
        assert client.get("/static/app.js").status_code == 404


# --- a real server on the real report --------------------------------------------------


@pytest.mark.server
def test_real_server_reports_health(real_index_dir: Path) -> None:
    parse = pytest.importorskip(
        "rivs_qa.report.parse", reason="needs the report parser to load the real report"
    )
    expected = parse.load_report()
    env = {"RIVS_QA_INDEX_DIR": str(real_index_dir)}
    with running_server(env=env) as server:
        response = httpx.get(f"{server.url}/api/health", timeout=10)
        finland = httpx.get(f"{server.url}/api/countries/FI", timeout=10).json()
        process = server.process
    assert process.poll() is not None  # stopped on leaving the block
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "sections": len(expected.sections),
        "footnotes": len(expected.footnotes),
        "indicators": len(expected.indicators),
        "table_rows": len(expected.table_rows),
    }
    # approaches carry their curated English translation
    labels = {a.id: a.label_en for a in expected.approaches if "FI" in a.countries}
    assert {a["id"]: a["label_en"] for a in finland["approaches"]} == labels
    assert len(labels) == 4 and all("FI" in label for label in labels.values())
