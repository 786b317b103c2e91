"""Where /api/ask runs a turn: on the event loop's thread when the session store is in this
process, in a worker thread when the store is across the network (Redis may keep it waiting)."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi.testclient import TestClient

from rivs_qa.answer.contract import AskRequest, AskResponse
from rivs_qa.answer.service import AnswerService
from rivs_qa.answer.sessions import MemorySessionStore, SessionStore
from rivs_qa.answer.sessions_redis import RedisSessionStore
from rivs_qa.api.app import create_app
from rivs_qa.config import Settings
from rivs_qa.report.model import Report
from tests.api.conftest import fake_stack_settings
from tests.server_utils import free_port

WORKER = "AnyIO worker thread"  # anyio's name for its worker threads


def turn_threads(index_dir: Path, tmp_path: Path, store: SessionStore) -> tuple[list[str], int]:
    """The names of the threads the turns ran on, and the last status code."""
    settings = fake_stack_settings(index_dir, tmp_path, rate_limit="")
    threads: list[str] = []

    def answers_loader(s: Settings, report: Report) -> AnswerService:
        from rivs_qa.search.loader import open_index

        _, _, engine = open_index(s, report, progress=False)
        service = AnswerService(report, engine, store)
        inner = service.ask

        def ask(req: AskRequest) -> AskResponse:
            threads.append(threading.current_thread().name)
            return inner(req)

        service.ask = ask  # type: ignore[method-assign]
        return service

    with TestClient(create_app(settings, answers_loader=answers_loader)) as client:
        statuses = [
            client.post("/api/ask", json={"question": q}).status_code
            for q in ("Cik romu bērnu apmeklē pirmsskolu?", "And in housing?")
        ]
    return threads, statuses[-1]


def test_an_in_process_store_answers_on_the_loop_thread(
    fake_index_dir: Path, tmp_path: Path
) -> None:
    threads, status = turn_threads(fake_index_dir, tmp_path, MemorySessionStore(60, 10))
    assert status == 200
    assert len(threads) == 2 and WORKER not in threads


def test_a_redis_store_answers_in_a_worker_thread(fake_index_dir: Path, tmp_path: Path) -> None:
    dead = RedisSessionStore(f"redis://127.0.0.1:{free_port()}/0", 60, 10, timeout_seconds=0.2)
    threads, status = turn_threads(fake_index_dir, tmp_path, dead)
    assert status == 503  # the store is down; the turn still started where it should
    assert threads == [WORKER, WORKER]
