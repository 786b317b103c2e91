"""Run evaluation items through the real HTTP API, turn by turn, and score the answers.

A follow-up item's history is asked first in one session, then its question in the same
session. The server is the one at ``url``, or a ``rivs-qa serve`` started on a free
loopback port for the run (:func:`served`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import httpx

from rivs_qa.answer.contract import AskResponse
from rivs_qa.errors import RivsError, Unavailable
from rivs_qa.evaluation.answers import AnswerScore, score_answer
from rivs_qa.evaluation.dataset import EvalItem

_LAUNCH = "import sys; from rivs_qa.cli import main; sys.argv[0] = 'rivs-qa'; main()"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(startup_timeout: float = 180.0, env: dict[str, str] | None = None) -> Iterator[str]:
    """A ``rivs-qa serve`` on loopback for the block; yields its base URL. Its rate limit
    is off (measurement traffic is not a crowd) unless ``env`` sets one."""
    port = _free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "RIVS_QA_RATE_LIMIT": "", **(env or {})},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
                raise Unavailable(f"the server exited with status {proc.returncode}:\n{tail}")
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise Unavailable(f"the server at {url} did not start in {startup_timeout:.0f} s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def ask(client: httpx.Client, question: str, session_id: str | None) -> tuple[AskResponse, float]:
    start = time.perf_counter()
    response = client.post("/api/ask", json={"question": question, "session_id": session_id})
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RivsError(f"/api/ask answered {response.status_code}: {response.text[:300]}")
    return AskResponse.model_validate(response.json()), elapsed


def run_items(url: str, items: Sequence[EvalItem], known_codes: Sequence[str]) -> list[AnswerScore]:
    scores = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for item in items:
            session_id = None
            for turn in item.history:
                previous, _ = ask(client, turn, session_id)
                session_id = previous.session_id
            response, ms = ask(client, item.question, session_id)
            scores.append(score_answer(item, response, known_codes, ms))
    return scores
