"""Start a real, throw-away ``redis-server`` on a free loopback port, without persistence.

    with running_redis() as server:
        store = RedisSessionStore(server.url, ...)
        server.restart()   # same port, empty data (nothing is saved)

Tests that use it are skipped when the Debian package ``redis-server`` is not installed
(``make system-deps`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.server_utils import HOST, free_port

REDIS_SERVER = "redis-server"


class RedisServer:
    def __init__(self, port: int, workdir: Path) -> None:
        self.port = port
        self.url = f"redis://{HOST}:{port}/0"
        self._workdir = workdir
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                HOST,
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self._workdir),
                "--protected-mode",
                "yes",
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _wait_ready(self, timeout: float = 10.0) -> None:
        import redis

        client = redis.Redis(host=HOST, port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                assert self._process is not None
                if self._process.poll() is not None:
                    raise RuntimeError(f"redis-server exited with {self._process.returncode}")
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    time.sleep(0.05)
            raise RuntimeError(f"redis-server not ready on port {self.port} after {timeout}s")
        finally:
            client.close()


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    if shutil.which(REDIS_SERVER) is None:
        pytest.skip("redis-server is not installed (make system-deps installs it)")
    with tempfile.TemporaryDirectory(prefix="rivs-qa-redis-") as workdir:
        server = RedisServer(free_port(), Path(workdir))
        server.start()
        try:
            yield server
        finally:
            server.stop()
