"""Load a running server with simulated conversations and report latency and errors.

    python -m rivs_qa.loadtest --url http://127.0.0.1:8000 --clients 50 --seconds 60
    python -m rivs_qa.loadtest --url http://127.0.0.1:8000 --pid 12345 --json

Each client holds one conversation at a time: a stand-alone question, then one to three
follow-ups in the same session, in Latvian or English, then starts another. Only loopback
URLs are accepted: this is for your own machine, not for someone else's service.

429s are counted apart from errors: with a rate limit on, they are the limiter doing its
job (all clients share one address, so raise ``RIVS_QA_RATE_LIMIT`` to measure capacity).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

#: Generic questions about the report's themes, written for this script. Each is followed in
#: its session by follow-ups drawn from the same language's list.
OPENERS = {
    "lv": [
        "Kāds ir romu bērnu īpatsvars, kas apmeklē pirmsskolas izglītību?",
        "Kādus pasākumus valstis ziņoja nodarbinātības jomā?",
        "Cik pasākumu bija vērsti uz veselības aprūpes pieejamību?",
        "Kā valstis cīnās pret diskrimināciju pret romiem?",
        "Kādas problēmas minētas mājokļu jomā?",
        "Kuras valstis ziņoja par romu mediatoriem?",
    ],
    "en": [
        "What share of young Roma are neither in work nor in education?",
        "Which measures did countries report on housing?",
        "How many measures addressed access to healthcare?",
        "What does the report say about antigypsyism?",
        "Which countries reported progress in education?",
        "How is the participation of Roma in public life supported?",
    ],
}
FOLLOW_UPS = {
    "lv": ["Un sievietēm?", "Un vīriešiem?", "Kuras valstis?", "Un izglītības jomā?"],
    "en": ["And for women?", "And for them?", "Which countries reported it?", "And in employment?"],
}


def check_loopback(url: str) -> str:
    """``url`` without a trailing slash if its host is a loopback address or localhost."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname
    if host != "localhost":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise ValueError(f"refusing to load {host!r}: only loopback servers (127.0.0.1, ::1)")
    return url.rstrip("/")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, 2xx only
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    follow_ups: int = 0
    #: follow-ups the server read with their conversation (``resolved_question`` differs
    #: from the question): with several workers, only shared sessions get them all
    follow_ups_resolved: int = 0


async def client_loop(
    http: object, base: str, deadline: float, rng: random.Random, tally: Tally
) -> None:
    import httpx

    assert isinstance(http, httpx.AsyncClient)
    while time.monotonic() < deadline:
        lang = rng.choice(("lv", "en"))
        turns = [rng.choice(OPENERS[lang])]
        turns += rng.sample(FOLLOW_UPS[lang], rng.randint(1, 3))
        session_id = None
        for n, question in enumerate(turns):
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                response = await http.post(
                    f"{base}/api/ask", json={"question": question, "session_id": session_id}
                )
            except httpx.HTTPError as exc:
                tally.transport_errors[type(exc).__name__] += 1
                break
            tally.statuses[response.status_code] += 1
            if response.status_code == 429:
                await asyncio.sleep(min(float(response.headers.get("Retry-After", "1")), 5))
                break
            if response.status_code != 200:
                break
            tally.latencies.append(time.perf_counter() - started)
            body = response.json()
            if n > 0:
                tally.follow_ups += 1
                tally.follow_ups_resolved += body.get("resolved_question") != question
            session_id = body["session_id"]


def rss_kib(pid: int) -> int | None:
    """Resident set of ``pid`` and its children (uvicorn workers), from /proc, in KiB."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.is_file():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total or None


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (0 when there are none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, round(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


async def run(base: str, clients: int, seconds: float, seed: int, timeout: float) -> Tally:
    import httpx

    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as http:
        health = await http.get(f"{base}/api/health")
        health.raise_for_status()
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(
                client_loop(http, base, deadline, random.Random(seed + i), tally)
                for i in range(clients)
            )
        )
    return tally


def summary(tally: Tally, elapsed: float, rss: tuple[int | None, int | None]) -> dict[str, object]:
    ok = sorted(tally.latencies)
    total = sum(tally.statuses.values())
    return {
        "requests": total,
        "ok": len(ok),
        "follow_ups": tally.follow_ups,
        "follow_ups_resolved": tally.follow_ups_resolved,
        "requests_per_s": round(total / elapsed, 2) if elapsed else 0.0,
        "latency_ms": {
            "p50": round(percentile(ok, 50) * 1000, 1),
            "p95": round(percentile(ok, 95) * 1000, 1),
            "p99": round(percentile(ok, 99) * 1000, 1),
            "mean": round(statistics.fmean(ok) * 1000, 1) if ok else 0.0,
        },
        "rate_limited_429": tally.statuses.get(429, 0),
        "errors_by_status": {
            str(s): n for s, n in sorted(tally.statuses.items()) if s != 429 and s >= 400
        },
        "transport_errors": dict(tally.transport_errors),
        "rss_kib_before": rss[0],
        "rss_kib_after": rss[1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rivs_qa.loadtest",
        description="Simulated conversations against a local rivs-qa server.",
        epilog="example: python -m rivs_qa.loadtest --url http://127.0.0.1:8000 --clients 50",
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="loopback base URL")
    parser.add_argument("--clients", type=int, default=50, help="concurrent conversations")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run")
    parser.add_argument("--pid", type=int, help="server process id: report RSS before/after")
    parser.add_argument("--timeout", type=float, default=60.0, help="per-request timeout (s)")
    parser.add_argument("--seed", type=int, default=0, help="question choice seed")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    try:
        base = check_loopback(args.url)
    except ValueError as exc:
        parser.error(str(exc))
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be at least 1 and --seconds positive")

    before = rss_kib(args.pid) if args.pid else None
    started = time.monotonic()
    try:
        tally = asyncio.run(run(base, args.clients, args.seconds, args.seed, args.timeout))
    except OSError as exc:
        print(f"error: cannot reach {base}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # httpx errors on the health check
        print(f"error: {base} is not healthy: {exc}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    after = rss_kib(args.pid) if args.pid else None
    result = summary(tally, elapsed, (before, after))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_text(result, args.clients, elapsed)
    return 0


def _print_text(r: dict[str, object], clients: int, elapsed: float) -> None:
    lat = r["latency_ms"]
    assert isinstance(lat, dict)
    print(
        f"{clients} clients for {elapsed:.1f} s: {r['requests']} requests, {r['ok']} ok "
        f"({r['follow_ups']} follow-ups, {r['follow_ups_resolved']} read in their "
        f"conversation), {r['requests_per_s']} req/s"
    )
    print(f"latency of 200s: p50 {lat['p50']} ms, p95 {lat['p95']} ms, p99 {lat['p99']} ms")
    print(f"429 (rate limited): {r['rate_limited_429']}")
    print(f"errors by status: {r['errors_by_status'] or 'none'}")
    print(f"transport errors: {r['transport_errors'] or 'none'}")
    before, after = r["rss_kib_before"], r["rss_kib_after"]
    if isinstance(before, int) and isinstance(after, int):
        growth = 100 * (after - before) / before
        print(f"server RSS: {before} KiB before, {after} KiB after ({growth:+.1f} %)")


if __name__ == "__main__":
    sys.exit(main())
