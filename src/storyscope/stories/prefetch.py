"""Encode articles in a second process while the rest of the pipeline is still ingesting.

Cleaning and storing articles is pure Python and keeps one core busy; encoding them with MiniLM
keeps the other busy if it runs beside, not after. A thread is not enough: the encoder's Python
glue between torch kernels waits for the GIL the ingest holds (measured: 500 to 670 of 2,000
articles encoded in a thread during an 11-second ingest, 990 in a process). So the encoder lives
in a spawned process with its own interpreter, fed from the ingest pipeline (``on_article``), and
clustering later takes the vectors ready-made (``update_stories(prefetched=...)``).

The encoder uses one thread. When the caller needs vectors the process has not reached yet, it
takes those articles back and encodes them itself on the other core: two one-thread encoders side
by side get through about 9% more than one on two threads. Starting a process and loading a model
there costs seconds, so small runs (fewer than ``start_after`` articles) never start one, and a
started one is kept for the next run. Only stateless embedders are prefetched: one that learns
corpus statistics (hashed TF-IDF) must see articles in publication order.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable, Sequence
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Protocol, runtime_checkable

import numpy as np

from storyscope.model import Article
from storyscope.registry import create
from storyscope.stories.embed import Embedder, FloatArray, StatefulEmbedder, article_text

__all__ = ["Prefetcher", "ThreadedEmbedder", "stop_encoders", "warm_encoder"]

BATCH = 24  # texts per encoder call: small enough to hand over quickly, large enough to be fast
# Below this many articles a process start costs more than the overlap saves (unless one runs).
START_AFTER = 256


@runtime_checkable
class ThreadedEmbedder(Embedder, Protocol):
    """An embedder whose compute threads can be set per call (the torch-backed ones)."""

    threads: int


def _prefetchable(embedder: Embedder) -> bool:
    """Stateful embedders learn from the order and the batches they see: never out of order."""
    return isinstance(embedder, ThreadedEmbedder) and not isinstance(embedder, StatefulEmbedder)


def _serve(conn: Connection, name: str, busy_threads: int) -> None:
    """The encoder process: make the embedder, then encode each batch of texts it is sent."""
    # Ctrl-C reaches the whole process group: the parent stops this process in order (``stop``)
    # instead of both printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One core is this process's: the tokenizer must not spread a batch over the ingest's core.
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    try:
        embedder = create("embedder", name)
    except BaseException as exc:  # the parent encodes (and reports the failure) itself
        conn.send(("declined", f"{type(exc).__name__}: {exc}"))
        return
    if not _prefetchable(embedder):
        conn.send(("declined", embedder.name))
        return
    conn.send(("ready", embedder.name))
    embedder.threads = min(busy_threads, max(1, embedder.threads))
    while True:
        texts = conn.recv()
        if texts is None:
            return
        matrix = np.ascontiguousarray(embedder.embed(texts), dtype=np.float32)
        conn.send(matrix)


class _Server:
    """One encoder process, kept for the life of this one (like the in-process model cache): a
    feed poller or the web app pays its start-up once. One prefetcher uses it at a time."""

    def __init__(self, embedder: str, busy_threads: int) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process holding torch
        self.conn, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, embedder, busy_threads), name="storyscope-encoder",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.busy = threading.Lock()
        self.status: tuple[str, str] | None = None

    def ready(self) -> tuple[str, str]:
        """("ready", embedder name) or ("declined", why), waiting for the process to say."""
        if self.status is None:
            self.status = self.conn.recv()
        return self.status

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()


_SERVERS: dict[tuple[str, int], _Server] = {}
_SERVERS_LOCK = threading.Lock()


def _server(embedder: str, busy_threads: int, start: bool = True) -> _Server | None:
    key = (embedder, busy_threads)
    with _SERVERS_LOCK:
        found = _SERVERS.get(key)
        if found is not None and not found.process.is_alive():
            del _SERVERS[key]
            found = None
        if found is None and start:
            found = _SERVERS[key] = _Server(embedder, busy_threads)
        return found


@atexit.register
def stop_encoders() -> None:
    """Stop every encoder process (also at exit; they are daemons, this just lets them finish)."""
    with _SERVERS_LOCK:
        servers = list(_SERVERS.values())
        _SERVERS.clear()
    for server in servers:
        server.stop()


def warm_encoder(embedder: str, busy_threads: int = 1) -> str:
    """Start the encoder process for ``embedder`` now and wait until its model is loaded, so the
    first prefetch starts at once; returns the embedder's name or why it declined."""
    server = _server(embedder, busy_threads)
    assert server is not None
    with server.busy:
        return server.ready()[1]


def _encode_here(embedder: Embedder, texts: list[str], threads: int) -> FloatArray:
    """Encode in this process on ``threads`` threads (the encoder process has the other core)."""
    assert isinstance(embedder, ThreadedEmbedder)
    before = embedder.threads
    embedder.threads = threads
    try:
        return embedder.embed(texts)
    finally:
        embedder.threads = before


class Prefetcher:
    """Articles submitted are encoded in submission order by a spawned process.

    Articles are grouped into fixed batches of ``BATCH`` in submission order, and a batch is
    encoded whole, by the process or by the caller taking it back: a vector depends a little on
    the texts padded beside it (bfloat16 sums), and fixed batches make it depend on the input
    alone, never on timing, so one input always gives the same stories.

    A thread here pumps batches to the process and collects the vectors (it blocks on the pipe,
    which releases the GIL). Any failure of the process only means fewer prefetched vectors:
    ``take`` returns what is done and the caller encodes the rest as it always did.
    """

    def __init__(
        self, embedder: str, start_after: int = START_AFTER, busy_threads: int = 1
    ) -> None:
        self.embedder = embedder
        self.start_after = start_after
        self.busy_threads = busy_threads
        self.name: str | None = None  # the embedder's, once the process has made it
        self.declined: str | None = None  # why nothing will be prefetched, once known
        self._batches: list[list[tuple[str, str]]] = []  # (id, text), in submission order
        self._batch_of: dict[str, int] = {}
        self._claimed: set[int] = set()  # batches sent to the process or taken back
        self._next = 0  # the first batch the pump has not looked at
        self._sealed = False  # no more submissions: a last, short batch may go
        self._done: dict[str, tuple[str, FloatArray]] = {}  # id -> (embedder name, vector)
        self._encoded: set[str] = set()  # taken or not
        self._closed = False
        self._lock = threading.Condition()
        self._pump: threading.Thread | None = None

    # ------------------------------------------------------------------ caller side
    def submit(self, articles: Iterable[Article]) -> None:
        """Queue articles for encoding; copies (``duplicate_of``) are never embedded."""
        with self._lock:
            if self.declined or self._closed or self._sealed:
                return
            for art in articles:
                if art.duplicate_of is None and art.id not in self._batch_of:
                    if not self._batches or len(self._batches[-1]) >= BATCH:
                        self._batches.append([])
                    self._batch_of[art.id] = len(self._batches) - 1
                    self._batches[-1].append((art.id, article_text(art)))
            if self._pump is None and (
                len(self._batch_of) >= self.start_after
                or _server(self.embedder, self.busy_threads, start=False) is not None
            ):
                self._pump = threading.Thread(
                    target=self._run, name="storyscope-encoder", daemon=True
                )
                self._pump.start()
            self._lock.notify_all()

    def seal(self) -> None:
        """No more submissions: the last, short batch may go to the process."""
        with self._lock:
            self._sealed = True
            self._lock.notify_all()

    def take(self, articles: Sequence[Article], embedder: Embedder) -> dict[str, FloatArray]:
        """The vectors of those ``articles`` that were submitted; no more are accepted after.

        While the process has not reached some of them, the caller takes their batches back and
        encodes them itself (with ``embedder``, on one thread) instead of waiting: two one-thread
        encoders side by side get through more than one encoder on two threads. Nothing comes from
        the process when none was started, when it declined, or when its embedder is not the
        caller's; after a failure, only what it finished.
        """
        if not _prefetchable(embedder):
            return {}
        self.seal()
        with self._lock:
            if self._pump is None:
                return {}
            wanted = [a.id for a in articles if a.id in self._batch_of]
        while True:
            with self._lock:
                stolen: list[tuple[str, str]] = []
                while not self.declined and not self._closed:
                    needed = sorted({self._batch_of[w] for w in wanted if w not in self._encoded})
                    if not needed:
                        break
                    free = [b for b in needed if b not in self._claimed]
                    if free:
                        stolen = self._claim(free[0])
                        break
                    self._lock.wait()  # all of them are with the process
            if not stolen:
                break
            rows = _encode_here(embedder, [text for _, text in stolen], self.busy_threads)
            with self._lock:
                for row, (aid, _) in enumerate(stolen):
                    self._done[aid] = (embedder.name, rows[row])
                    self._encoded.add(aid)
        found: dict[str, FloatArray] = {}
        with self._lock:
            for w in wanted:
                held = self._done.get(w)
                if held is not None and held[0] == embedder.name:
                    found[w] = self._done.pop(w)[1]
        return found

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if self._pump is not None:
            self._pump.join()

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ pump thread
    def _run(self) -> None:
        server = _server(self.embedder, self.busy_threads)
        assert server is not None
        if not server.busy.acquire(blocking=False):  # another prefetch is using it
            self._decline("the encoder process is busy")
            return
        try:
            self._pump_batches(server)
        except (OSError, EOFError, ValueError) as exc:  # the process died or could not start
            self._decline(f"encoder process failed ({type(exc).__name__}: {exc})")
            server.stop()
        finally:
            server.busy.release()

    def _decline(self, reason: str) -> None:
        with self._lock:
            self.declined = reason
            self._lock.notify_all()

    def _pump_batches(self, server: _Server) -> None:
        status, name = server.ready()
        if status != "ready":
            self._decline(name)
            return
        with self._lock:
            self.name = name
        while True:
            with self._lock:
                batch = self._next_batch()
                while batch is None and not self._closed:
                    self._lock.wait()
                    batch = self._next_batch()
                if batch is None:
                    return
            server.conn.send([text for _, text in batch])
            matrix = server.conn.recv()
            with self._lock:
                for row, (aid, _) in enumerate(batch):
                    self._done[aid] = (name, matrix[row])
                    self._encoded.add(aid)
                self._lock.notify_all()

    def _next_batch(self) -> list[tuple[str, str]] | None:
        """The first batch neither sent nor taken back, once it is full or submissions ended."""
        if self._closed:
            return None
        while self._next in self._claimed:
            self._next += 1
        if self._next >= len(self._batches):
            return None
        if len(self._batches[self._next]) < BATCH and not self._sealed:
            return None
        return self._claim(self._next)

    def _claim(self, index: int) -> list[tuple[str, str]]:
        """Hand a batch over (its texts are not kept once it is out)."""
        self._claimed.add(index)
        batch, self._batches[index] = self._batches[index], []
        return batch
