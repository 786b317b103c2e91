"""Retrieval benchmark: `python -m rivs_qa.bench [EVAL.jsonl] [--rebuild] [--build-ratio N]`.

Prints index build (or load) time, in-process search latency p50/p95 over the evaluation
questions (hybrid, after a warm-up), and the process's peak RSS. ``--build-ratio N`` times,
N times interleaved in one run, what the index build spends its time on (embedding the
chunks) for the bilingual index against the Latvian-only index it replaced, and prints the
ratio of the medians.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from .config import get_settings
from .evaluation.dataset import load_items
from .search.dense import chunk_vectors
from .search.loader import open_index
from .search.model import Chunk

DEFAULT_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def latvian_only_text(chunk: Chunk) -> str:
    """What the Latvian-only index (before the translation) embedded per chunk: context,
    the report's words, the English rendering of a structured item and the English path."""
    rendering = chunk.text_en if chunk.kind not in ("paragraph", "list_item", "footnote") else None
    return "\n".join(p for p in (chunk.context, chunk.text, rendering, chunk.context_en) if p)


def build_ratio(chunks: list[Chunk], embedder: object, rounds: int) -> None:
    from .search.embed import Embedder

    assert isinstance(embedder, Embedder)
    lv_only: list[float] = []
    both: list[float] = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        embedder.embed_passages([latvian_only_text(c) for c in chunks])
        lv_only.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        chunk_vectors(chunks, embedder)
        both.append(time.perf_counter() - t0)
    a, b = statistics.median(lv_only), statistics.median(both)
    print(
        f"embedding for the index build ({rounds} rounds, interleaved): Latvian-only "
        f"median {a:.1f} s, Latvian + English median {b:.1f} s, ratio {b / a:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rivs_qa.bench", description=__doc__)
    parser.add_argument("eval_file", nargs="?", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--rebuild", action="store_true", help="time a full index build")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the questions")
    parser.add_argument(
        "--build-ratio", type=int, default=0, metavar="N",
        help="time the build's embedding, bilingual vs Latvian-only, N rounds each",
    )  # fmt: skip
    args = parser.parse_args(argv)

    settings = get_settings()
    start = time.perf_counter()
    _, index, engine = open_index(settings, force=args.rebuild, progress=False)
    what = "index build" if args.rebuild else "index load"
    print(f"{what}: {time.perf_counter() - start:.2f} s ({index.manifest.chunk_count} chunks)")
    if args.build_ratio:
        build_ratio(index.chunks, engine.embedder, args.build_ratio)

    queries = [item.retrieval_query() for item in load_items(args.eval_file)]
    engine.warm_up()
    for query in queries:  # first pass warms what the service would also have warm
        engine.search(query, k=5)
    timings: list[float] = []
    for _ in range(args.rounds):
        for q in queries:
            # the query-embedding cache must not hide the model: empty it before every query
            # (appending a marker to the question instead would time a longer question)
            engine.clear_query_cache()
            t0 = time.perf_counter()
            engine.search(q, k=5)
            timings.append((time.perf_counter() - t0) * 1000)
    print(
        f"search (hybrid, k=5, {len(timings)} queries): p50 {statistics.median(timings):.2f} ms, "
        f"p95 {percentile(timings, 0.95):.2f} ms"
    )
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS: {peak_kb / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
