"""Benchmark POST /api/ask over HTTP on loopback, sequentially: p50/p95 latency and RSS.

    python -m rivs_qa.bench_ask [--file ../shared/eval/dev.jsonl] [--rounds 3] [--url URL]
    python -m rivs_qa.bench_ask --embedding-ratio [--settle-ms 20] [--file F …]

Without ``--url`` a ``rivs-qa serve`` is started on a free loopback port for the run. Each
round asks every question of the file (follow-ups after their history, in one session); the
first round also warms caches and is reported separately.

``--embedding-ratio`` compares, in the same run and interleaved question by question, the
bare query embedding (the configured embedder loaded in this process, no cache) with a
first-time ``/api/ask`` of the same question (the server's query cache has not seen it):
the p50 of each and their ratio.

The requests go through the standard library's ``http.client`` on one keep-alive
connection: a lean client, so the figures are the server's. httpx, the client the tests
use, adds about 0.5 ms a request of its own on the 2-core machine (measured in one run,
alternating the two clients question by question).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import time
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rivs_qa.evaluation.dataset import load_items
from rivs_qa.evaluation.http_run import served

#: Pause after each timed call of ``--embedding-ratio`` (``--settle-ms``). The embedder's
#: OpenMP threads spin for a while after a call; without a pause, this process's spinning
#: threads take a core from the server's next embedding (and the server's from the next bare
#: one), which measures the benchmark rather than the service. Both sides get the same pause.
#: The pause sets the regime: after 20 ms the cores are still warm from the last call; after
#: 100 ms or more each call starts cold, as a lone visitor's question does, and both the
#: embedding and the rest of the answer take longer (README, "Measured figures").
SETTLE_MS = 20.0


class _Client:
    """POST JSON on one keep-alive connection; an error status raises."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self._conn = http.client.HTTPConnection(
            parts.hostname or "127.0.0.1", parts.port, timeout=30
        )

    def post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(payload).encode()
        self._conn.request("POST", path, body, {"Content-Type": "application/json"})
        response = self._conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"POST {path}: {response.status} {data[:200]!r}")
        result: dict[str, Any] = json.loads(data)
        return result

    def close(self) -> None:
        self._conn.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _run(url: str, file: Path, rounds: int) -> None:
    items = load_items(file)
    per_round: list[list[float]] = []
    with closing(_Client(url)) as client:
        for _ in range(rounds):
            times: list[float] = []
            for item in items:
                session = None
                for question in [*item.history, item.question]:
                    start = time.perf_counter()
                    r = client.post("/api/ask", {"question": question, "session_id": session})
                    times.append((time.perf_counter() - start) * 1000)
                    session = r["session_id"]
            per_round.append(times)
    warm = [t for times in per_round[1:] for t in times] or per_round[0]
    print(f"/api/ask over HTTP, sequential, {len(per_round[0])} requests a round, {rounds} rounds")
    first = per_round[0]
    print(
        f"  first round: p50 {statistics.median(first):.1f} ms,"
        f" p95 {_percentile(first, 0.95):.1f} ms"
    )
    print(
        f"  later rounds: p50 {statistics.median(warm):.1f} ms,"
        f" p95 {_percentile(warm, 0.95):.1f} ms, max {max(warm):.1f} ms"
    )


def _ratio(url: str, files: list[Path], settle_ms: float = SETTLE_MS) -> None:
    from rivs_qa.config import get_settings
    from rivs_qa.search.embed import make_embedder

    embedder = make_embedder(get_settings().embedder)
    embedder.warm_up()
    questions = list(
        dict.fromkeys(
            q for f in files for item in load_items(f) for q in item.history + [item.question]
        )
    )
    embed_ms: list[float] = []
    ask_ms: list[float] = []
    with closing(_Client(url)) as client:
        client.post("/api/ask", {"question": "Cik romu strādā algotu darbu?"})  # warm
        for question in questions:
            start = time.perf_counter()
            embedder.embed_query(question)
            embed_ms.append((time.perf_counter() - start) * 1000)
            time.sleep(settle_ms / 1000)
            start = time.perf_counter()
            client.post("/api/ask", {"question": question})
            ask_ms.append((time.perf_counter() - start) * 1000)
            time.sleep(settle_ms / 1000)
    e, a = statistics.median(embed_ms), statistics.median(ask_ms)
    print(
        f"{len(questions)} distinct questions, each embedded bare then asked once, interleaved,"
        f" {settle_ms:g} ms apart"
    )
    print(f"  bare query embedding: p50 {e:.1f} ms, p95 {_percentile(embed_ms, 0.95):.1f} ms")
    print(f"  /api/ask over HTTP:   p50 {a:.1f} ms, p95 {_percentile(ask_ms, 0.95):.1f} ms")
    print(f"  ratio of p50s: {a / e:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, action="append", default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=None, help="a running server (default: start one)")
    parser.add_argument("--embedding-ratio", action="store_true")
    parser.add_argument(
        "--settle-ms", type=float, default=SETTLE_MS, help="pause after each timed call"
    )
    args = parser.parse_args()
    files = args.file or [Path("../shared/eval/dev.jsonl")]

    def run(url: str) -> None:
        if args.embedding_ratio:
            _ratio(url, files, args.settle_ms)
        else:
            for file in files:
                _run(url, file, args.rounds)

    if args.url:
        run(args.url)
        return
    with served() as url:
        run(url)


if __name__ == "__main__":
    main()
