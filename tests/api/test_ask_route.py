"""The lean handler of POST /api/ask: a valid JSON body is answered without FastAPI's
request machinery, with the body FastAPI itself would have written; anything else takes
FastAPI's handler and gets its errors."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from rivs_qa.answer.contract import AskRequest, AskResponse
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore
from rivs_qa.api.app import create_app
from rivs_qa.api.deps import get_answers
from rivs_qa.config import Settings
from rivs_qa.report.model import Report
from tests.api.conftest import fake_stack_settings


def test_a_valid_body_skips_fastapis_handler_and_answers_what_it_would(
    fake_index_dir: Path, tmp_path: Path
) -> None:
    returned: list[AskResponse] = []
    solved: list[int] = []

    def answers_loader(s: Settings, report: Report) -> AnswerService:
        from rivs_qa.search.loader import open_index

        _, _, engine = open_index(s, report, progress=False)
        service = AnswerService(report, engine, MemorySessionStore(60, 10))
        inner = service.ask

        def ask(req: AskRequest) -> AskResponse:
            returned.append(inner(req))
            return returned[-1]

        service.ask = ask  # type: ignore[method-assign]
        return service

    settings = fake_stack_settings(fake_index_dir, tmp_path, rate_limit="")
    app = create_app(settings, answers_loader=answers_loader)

    async def counted(request: Request) -> AnswerService:
        solved.append(1)
        return await get_answers(request)

    app.dependency_overrides[get_answers] = counted
    with TestClient(app) as client:
        first = client.post("/api/ask", json={"question": "Cik romu bērnu apmeklē pirmsskolu?"})
        session = first.json()["session_id"]
        charset = client.post(
            "/api/ask",
            content=json.dumps({"question": "And in housing?", "session_id": session}),
            headers={"content-type": "application/json; charset=utf-8"},
        )
        bad = client.post("/api/ask", json={"question": "Kas?", "top_k": 0})
    assert (first.status_code, charset.status_code) == (200, 200)
    assert first.headers["content-type"] == "application/json"
    assert [first.json(), charset.json()] == [jsonable_encoder(r) for r in returned]
    assert charset.json()["resolved_question"] != "And in housing?"  # the session went on
    assert solved == [1]  # only the invalid body took FastAPI's handler, and its 422
    assert bad.status_code == 422
    detail = "Invalid body field 'top_k': Input should be greater than or equal to 1"
    assert bad.json()["detail"] == detail
