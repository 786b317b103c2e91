"""Benchmark POST /api/ask over HTTP on loopback, sequentially: p50/p95 latency and RSS.

    python -m rivs_qa.bench_ask [--file ../shared/eval/dev.jsonl] [--rounds 3] [--url URL]

Without ``--url`` a ``rivs-qa serve`` is started on a free loopback port for the run. Each
round asks every question of the file (follow-ups after their history, in one session); the
first round also warms caches and is reported separately.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

from rivs_qa.evaluation.dataset import load_items
from rivs_qa.evaluation.http_run import served


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _run(url: str, file: Path, rounds: int) -> None:
    items = load_items(file)
    per_round: list[list[float]] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(rounds):
            times: list[float] = []
            for item in items:
                session = None
                for question in [*item.history, item.question]:
                    start = time.perf_counter()
                    r = client.post("/api/ask", json={"question": question, "session_id": session})
                    times.append((time.perf_counter() - start) * 1000)
                    r.raise_for_status()
                    session = r.json()["session_id"]
            per_round.append(times)
    warm = [t for times in per_round[1:] for t in times] or per_round[0]
    print(f"/api/ask over HTTP, sequential, {len(per_round[0])} requests a round, {rounds} rounds")
    print(f"  first round: p50 {statistics.median(per_round[0]):.1f} ms, p95 {_percentile(per_round[0], 0.95):.1f} ms")
    print(f"  later rounds: p50 {statistics.median(warm):.1f} ms, p95 {_percentile(warm, 0.95):.1f} ms, max {max(warm):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=Path("../shared/eval/dev.jsonl"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=None, help="a running server (default: start one)")
    args = parser.parse_args()
    if args.url:
        _run(args.url, args.file, args.rounds)
        return
    with served() as url:
        _run(url, args.file, args.rounds)


if __name__ == "__main__":
    main()
