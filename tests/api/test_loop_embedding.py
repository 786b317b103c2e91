"""Query embedding from FastAPI's worker threads runs on the event loop's thread."""

from __future__ import annotations

import threading

import anyio
import anyio.to_thread
import numpy as np
import pytest

from rivs_qa.api.embedding import LoopThreadEmbedder
from rivs_qa.search.embed import Embedder, HashingEmbedder, Kind


class Recording(Embedder):
    id = "recording"
    dim = 4

    def __init__(self) -> None:
        self.threads: list[str] = []

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        self.threads.append(threading.current_thread().name)
        return np.ones((len(texts), self.dim), dtype=np.float32) / 2


def test_a_worker_thread_call_runs_on_the_loop_thread() -> None:
    inner = Recording()
    wrapped = LoopThreadEmbedder(inner)

    async def main() -> str:
        await anyio.to_thread.run_sync(wrapped.embed_query, "from a worker")
        return threading.current_thread().name

    loop_thread = anyio.run(main)
    assert inner.threads == [loop_thread]
    assert loop_thread != "" and wrapped.id == "recording" and wrapped.dim == 4


def test_a_call_outside_a_loop_runs_where_it_is_made() -> None:
    inner = Recording()
    vector = LoopThreadEmbedder(inner).embed_query("plain")
    assert inner.threads == [threading.current_thread().name]
    assert vector.shape == (4,)


def test_the_engine_takes_only_the_same_model(engine_for_swap) -> None:  # type: ignore[no-untyped-def]
    engine, embedder = engine_for_swap
    engine.use_embedder(LoopThreadEmbedder(embedder))
    assert isinstance(engine.embedder, LoopThreadEmbedder)
    assert engine.search("romu bērni", k=1, mode="dense", lang="lv")
    with pytest.raises(ValueError, match="not recording"):
        engine.use_embedder(Recording())


@pytest.fixture
def engine_for_swap():  # type: ignore[no-untyped-def]
    from rivs_qa.search.engine import SearchEngine
    from rivs_qa.search.model import Chunk

    chunks = [
        Chunk(chunk_id="c1", section_id="I", section_path_lv=["I"], section_path_en=["I"],
              kind="paragraph", text="romu bērni skolā", text_en="Roma children at school"),
    ]  # fmt: skip
    embedder = HashingEmbedder()
    return SearchEngine.build(chunks, embedder), embedder
