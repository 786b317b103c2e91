"""Conversations kept in Redis across real servers: two servers, a restart, Redis going away.

The servers run ``rivs-qa serve`` on the real report with the fake embedder (fast startup);
what is checked is where the conversation lives, not how good the answer is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rivs_qa.answer.sessions_redis import UNAVAILABLE_DETAIL
from tests.redis_utils import RedisServer, running_redis
from tests.server_utils import Server, running_server

pytestmark = pytest.mark.server

FIRST = "What share of Roma aged 20-64 are in paid work?"
FOLLOW_UP = "And men?"
RESOLVED = "What share of Roma aged 20-64 are in paid work — for men?"


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with running_redis() as server:
        yield server


def env(index_dir: Path, redis: RedisServer) -> dict[str, str]:
    return {
        "RIVS_QA_INDEX_DIR": str(index_dir),
        "RIVS_QA_EMBEDDER": "fake",
        "RIVS_QA_REDIS_URL": redis.url,
        "RIVS_QA_REDIS_TIMEOUT_SECONDS": "1",
        "RIVS_QA_RATE_LIMIT": "",
    }


def ask(server: Server, question: str, session_id: str | None = None) -> httpx.Response:
    body = {"question": question, "session_id": session_id}
    return httpx.post(f"{server.url}/api/ask", json=body, timeout=30)


def test_a_follow_up_on_another_server_resolves_against_the_first_turn(
    fake_index_dir: Path, redis_server: RedisServer
) -> None:
    settings = env(fake_index_dir, redis_server)
    with running_server(env=settings) as a, running_server(env=settings) as b:
        first = ask(a, FIRST)
        assert first.status_code == 200, first.text
        session_id = first.json()["session_id"]
        second = ask(b, FOLLOW_UP, session_id)
    assert second.status_code == 200, second.text
    assert second.json()["session_id"] == session_id
    assert second.json()["resolved_question"] == RESOLVED


def test_the_conversation_survives_a_restart_of_the_api(
    fake_index_dir: Path, redis_server: RedisServer
) -> None:
    settings = env(fake_index_dir, redis_server)
    with running_server(env=settings) as before:
        session_id = ask(before, FIRST).json()["session_id"]
    with running_server(env=settings) as after:
        second = ask(after, FOLLOW_UP, session_id)
    assert second.status_code == 200, second.text
    assert second.json()["resolved_question"] == RESOLVED


def test_redis_going_away_is_a_503_then_recovers(
    fake_index_dir: Path, redis_server: RedisServer
) -> None:
    with running_server(env=env(fake_index_dir, redis_server)) as server:
        assert ask(server, FIRST).status_code == 200
        redis_server.stop()
        down = ask(server, FIRST)
        assert httpx.get(f"{server.url}/api/health", timeout=10).status_code == 200
        redis_server.start()
        back = ask(server, FIRST)
    assert down.status_code == 503
    assert down.json() == {"detail": UNAVAILABLE_DETAIL}
    assert back.status_code == 200
