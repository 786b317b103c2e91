"""Start a real ``rivs-qa serve`` on a free port, wait until it answers, always stop it.

Used by every end-to-end test (health, answers, widget, load)::

    with running_server(env={"RIVS_QA_INDEX_DIR": str(index_dir)}) as server:
        httpx.get(f"{server.url}/api/health")

The server runs in its own process group, so ``--workers N`` children stop with it. Its
output goes to a temporary log file (``server.log()`` inside the block), whose tail is put
in the error when startup fails; the file is removed when the server stops.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"
HEALTH_PATH = "/api/health"
_LAUNCH = "import sys; from rivs_qa.cli import main; sys.argv[0] = 'rivs-qa'; main()"


@dataclass(frozen=True)
class Server:
    url: str  # "http://127.0.0.1:PORT", no trailing slash
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


class ServerFailed(RuntimeError):
    """The server exited or never became healthy; the message ends with its log."""


def free_port(host: str = HOST) -> int:
    """A port nothing listens on right now (another process may still take it: we retry)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    env: Mapping[str, str] | None = None,
    *,
    args: Sequence[str] = (),
    startup_timeout: float = 60.0,
    attempts: int = 3,
) -> Iterator[Server]:
    """A healthy server for the ``with`` block; stopped (and its workers) on exit.

    ``env`` is added to this process's environment (e.g. ``RIVS_QA_INDEX_DIR``); ``args``
    go after ``rivs-qa serve --host … --port …`` (e.g. ``["--workers", "2"]``). A port
    taken between choosing and binding it is retried up to ``attempts`` times.
    """
    last_error: ServerFailed | None = None
    for _ in range(attempts):
        server = _start(env or {}, args)
        try:
            _wait_healthy(server, startup_timeout)
        except ServerFailed as exc:
            _stop(server)
            port_taken = "address already in use" in server.log().lower()
            server.log_path.unlink(missing_ok=True)  # its tail is in the exception
            if not port_taken:
                raise
            last_error = exc
            continue
        try:
            yield server
        finally:
            _stop(server)
            server.log_path.unlink(missing_ok=True)
        return
    assert last_error is not None
    raise last_error


def _start(extra_env: Mapping[str, str], args: Sequence[str]) -> Server:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **extra_env}
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the test's lifetime
        prefix=f"rivs-qa-server-{port}-", suffix=".log", delete=False
    )
    command = [sys.executable, "-c", _LAUNCH, "serve", "--host", HOST, "--port", str(port), *args]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # own process group: stopping it reaches the workers too
    )
    log_file.close()
    return Server(f"http://{HOST}:{port}", port, process, Path(log_file.name))


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                status = server.process.returncode
                raise ServerFailed(f"server exited with status {status}:\n{server.log()[-4000:]}")
            try:
                if client.get(server.url + HEALTH_PATH).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise ServerFailed(f"server not healthy after {timeout:.0f}s:\n{server.log()[-4000:]}")


def _stop(server: Server, grace: float = 10.0) -> None:
    """SIGTERM the server's process group; SIGKILL it if it is still there after ``grace``.

    uvicorn's parent stops and joins its workers before it exits, so once the parent is
    gone the group is empty; the group is only signalled while the parent still holds its id.
    """
    process = server.process
    if process.poll() is not None:
        return
    _signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(timeout=grace)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass
