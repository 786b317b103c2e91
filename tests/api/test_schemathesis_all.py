"""The OpenAPI schema states exactly what each operation accepts: schemathesis, every check on.

Every operation is fuzzed in-process (the whole stack of ``fuzz_app``: the real report, the
fake embedder, the hardening middlewares) with all of schemathesis' checks, none excluded:
besides "no 5xx" and "responses as documented", ``positive_data_acceptance`` (a request the
schema allows is not refused) and ``negative_data_rejection`` (one it forbids is). The run
is deterministic (``derandomize``): a failure here reproduces on every run.

Schemathesis judges validity with jsonschema-rs, whose regexes are ECMA-262's, as JSON
Schema's are; the tests after the run hold the validators of a question and of a session
id to that judge for every character, at the length limits and in random strings.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rivs_qa.answer.contract import MAX_QUESTION_CHARS, AskRequest
from rivs_qa.api import routes_ask
from rivs_qa.api.app import create_app
from rivs_qa.config import Settings
from tests.api.test_fuzz import fuzz_app  # noqa: F401  (the app under test, a fixture)

#: Generated examples per operation (the fuzzing phase; the examples and coverage phases
#: add their own cases). Answering with the fake embedder takes milliseconds.
EXAMPLES = 200

#: The schema comes from an app that is built but never started (cheap, no index); the
#: cases are sent to ``fuzz_app``, whose lifespan schemathesis runs.
OPENAPI: dict[str, Any] = create_app(Settings(rate_limit="")).openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing replayed from earlier runs: the same cases every time
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_passes_every_check(case, fuzz_app: FastAPI) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # No `checks=` and no `excluded_checks=`: every built-in check runs.
    case.call_and_validate(app=fuzz_app, base_url="http://testserver")


# --- the schema's rules against the validators, character by character ------------------------
def _property(schema_name: str, name: str) -> dict[str, Any]:
    return OPENAPI["components"]["schemas"][schema_name]["properties"][name]


QUESTION = jsonschema_rs.validator_for(_property("AskRequest", "question"))
SESSION_ID = jsonschema_rs.validator_for(_property("AskRequest", "session_id"))


def accepts_question(text: str, model: type[AskRequest] = AskRequest) -> bool:
    try:
        cleaned = model(question=text).question
    except ValidationError:
        return False
    assert cleaned.strip() == cleaned and cleaned, repr(text)  # never empty once accepted
    return True


def accepts_session_id(value: str) -> bool:
    try:
        AskRequest(question="Kas?", session_id=value)
    except ValidationError:
        return False
    return True


def test_every_one_character_question_is_judged_as_the_schema_judges_it() -> None:
    # Surrogates cannot be given to jsonschema-rs (Rust strings are UTF-8); a JSON "\ud800"
    # escape is accepted and becomes U+FFFD (see the next test).
    disagree = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and accepts_question(chr(c)) != QUESTION.is_valid(chr(c))
    ]
    assert disagree == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("", False),
        (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2007\u2028\u2029\u202f\u3000", False),
        ("\x00\x07\x1b\x7f\x9f", False),  # control characters
        ("\u00ad\u200b\u200d\u200e\u202e\u2060\u2066\ufeff\ufff9", False),  # invisible format
        ("\x00x\u200b", True),
        ("😀", True),  # one code point, two UTF-16 units
        ("\ue000", True),  # private use: not blank, kept
        ("\ud800", True),  # a lone surrogate (JSON "\ud800"): kept as U+FFFD
        ("x" * MAX_QUESTION_CHARS, True),
        ("x" * (MAX_QUESTION_CHARS + 1), False),
        (" " + "x" * (MAX_QUESTION_CHARS - 1), True),
        # the limit counts what is sent, not what is left after trimming
        (" " + "x" * (MAX_QUESTION_CHARS - 1) + " ", False),
        ("x" * MAX_QUESTION_CHARS + "\u200b", False),
        ("x" + " " * MAX_QUESTION_CHARS, False),
    ],
)
def test_question_edges(text: str, valid: bool) -> None:
    assert accepts_question(text) is valid
    if "\ud800" not in text:
        assert QUESTION.is_valid(text) is valid


def test_an_accepted_question_is_cleaned() -> None:
    question = AskRequest(question=" Kas\x00 ir\u200b\t\tro\u00admi\x1b[31m?\r\n\ud800 ").question
    assert question == "Kas ir romi[31m? \ufffd"


BLANKS = " \t\n\x00\x1c\x85\xa0\u200b\u2028\u3000\ufeff"


@given(st.text(st.sampled_from(BLANKS) | st.characters(codec="utf-8"), max_size=12))
@settings(derandomize=True, database=None)
def test_random_questions_are_judged_as_the_schema_judges_them(text: str) -> None:
    assert accepts_question(text) == QUESTION.is_valid(text)


@pytest.mark.parametrize(
    "value",
    ["a", "a" * 128, "a" * 129, "", "abc\n", "\nabc", "ab c", "ab.c", "A-z_09", "ā", "abc\x00"],
)
def test_session_id_edges(value: str) -> None:
    assert accepts_session_id(value) == SESSION_ID.is_valid(value)


@given(st.text(st.sampled_from("aZ09_-\n .é/\x00"), max_size=130))
@settings(derandomize=True, database=None)
def test_random_session_ids_are_judged_as_the_schema_judges_them(value: str) -> None:
    assert accepts_session_id(value) == SESSION_ID.is_valid(value)


def test_the_search_query_follows_the_question_rule() -> None:
    (q,) = (p for p in OPENAPI["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "q")
    question = _property("AskRequest", "question")
    keys = ("minLength", "maxLength", "pattern")
    assert {k: q["schema"][k] for k in keys} == {k: question[k] for k in keys}


@pytest.fixture(scope="module")
def client(fuzz_app: FastAPI) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(fuzz_app) as test_client:
        yield test_client


def test_search_cleans_and_checks_its_query_as_ask_does(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "\x00romu\u200b  starpnieki\n"})
    assert (response.status_code, response.json()["query"]) == (200, "romu starpnieki")
    response = client.get("/api/search", params={"q": "\u200b\t"})
    assert (response.status_code, response.json()["detail"]) == (
        422,
        "Invalid query parameter 'q': the query is empty",
    )


def test_path_parameter_examples_exist_in_the_report(client: TestClient) -> None:
    """Each example names something the report has, so fuzzing gets past 404."""
    seen = 0
    for path, operations in OPENAPI["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] == "path":
                for example in parameter["schema"]["examples"]:
                    url = path.replace("{" + parameter["name"] + "}", str(example))
                    assert client.get(url).status_code == 200, url
                    seen += 1
    assert seen >= 9


# --- the configured limit (Settings.max_question_chars) ---------------------------------------
def test_a_configured_limit_is_the_schema_limit() -> None:
    model = AskRequest.limited_to(50)
    question = model.model_json_schema()["properties"]["question"]
    assert question["maxLength"] == 50
    validator = jsonschema_rs.validator_for(question)
    for text in ("x" * 50, "x" * 51, " " * 50, " " + "x" * 49 + " "):
        assert accepts_question(text, model) == validator.is_valid(text), len(text)
    assert accepts_question("x" * 50, model) and not accepts_question("x" * 51, model)
    assert AskRequest.limited_to(MAX_QUESTION_CHARS) is AskRequest


def test_the_ask_route_states_its_configured_limit() -> None:
    app = FastAPI()
    app.include_router(routes_ask.build_router(max_question_chars=50))
    question = app.openapi()["components"]["schemas"]["AskRequest"]["properties"]["question"]
    assert (question["minLength"], question["maxLength"]) == (1, 50)
