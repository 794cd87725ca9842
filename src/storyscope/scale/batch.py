"""Batch work with Dask: analyse every stored story, or ingest many inputs, in parallel.

Analysis is the expensive part (claims, framing, summaries) and stories are independent, so each
task opens its own store from the settings, analyses its share of the stories with
``storyscope.api.analyze_story`` and caches every result in the store. The report is then put
together from that cache by ``storyscope.api.report``, so it is exactly the serial report. SQLite
takes one writer at a time (a task waits on the lock for the moment a cache write takes);
PostgreSQL takes many, from as many machines as share the database (see ``shard``).

Ingest splits the other way: reading inputs and turning them into articles (HTML extraction,
cleaning, outlet matching, MinHash signatures) runs in parallel in a dask bag, while duplicate
detection and writing stay in the calling process, in input order and one transaction per input,
so the result is the same as a serial ``storyscope.api.ingest`` of the same inputs.

Both run under any local dask scheduler: ``"sync"`` (debugging), ``"threads"`` or ``"processes"``
(the default: the stages are pure Python and hold the GIL). With ``"processes"``, a script calling
these must guard its entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from storyscope.api import analyze_story, cluster, report
from storyscope.config import Settings
from storyscope.ingest import sources
from storyscope.ingest.articles import ConvertError, to_article
from storyscope.ingest.dedup import Signature, signature_of
from storyscope.ingest.fetch import Fetcher
from storyscope.ingest.pipeline import Batch, Ingestor, Outcome
from storyscope.model import Article, IngestError, IngestResult, Story
from storyscope.outlets.registry import OutletRegistry, load_registry
from storyscope.store import open_store

__all__ = [
    "BatchError",
    "analyze_all",
    "analyze_stories",
    "in_shard",
    "ingest_many",
    "run_batch_analyze",
]

SCHEDULERS = {
    "sync": "sync",
    "synchronous": "sync",
    "single-threaded": "sync",
    "threads": "threads",
    "processes": "processes",
}
TASKS_PER_WORKER = 4  # several small tasks per worker even out stories of very different sizes
# for worker processes (see _pinned_hash_seed); not "0": multiprocessing starts its children with
# -R, which turns randomisation back on when the seed is 0
HASH_SEED = "1"


_NO_DASK = "batch work needs dask; install it with: pip install 'storyscope[scale]'"


class BatchError(ValueError):
    """A batch run asked for something it cannot do; the message is one line."""


def _scheduler(name: str) -> str:
    try:
        return SCHEDULERS[name]
    except KeyError:
        raise BatchError(
            f"unknown dask scheduler {name!r}; choose one of: {', '.join(sorted(SCHEDULERS))}"
        ) from None


def _workers(workers: int | None) -> int:
    if workers is not None and workers < 1:
        raise BatchError(f"workers must be at least 1 (got {workers})")
    return workers or os.cpu_count() or 1


def _compute(tasks: Sequence[Any], scheduler: str, workers: int) -> list[Any]:
    try:  # the 'scale' extra; imported here so the rest of storyscope never needs it
        from dask.base import compute
    except ImportError:
        raise BatchError(_NO_DASK) from None

    kind = _scheduler(scheduler)
    with _pinned_hash_seed(kind == "processes"):
        done = compute(*tasks, scheduler=kind, num_workers=workers)  # type: ignore[no-untyped-call]
    return list(done)


@contextmanager
def _pinned_hash_seed(active: bool) -> Iterator[None]:
    """Give the worker processes one string-hash seed (``HASH_SEED`` unless one is set already).

    Some analysis steps iterate over sets of strings, whose order follows the interpreter's hash
    seed, and ties then break differently in different processes. Spawned workers inherit the
    environment, so with one seed the result of a story never depends on which worker took it
    and a rerun gives the same report.
    """
    if not active or "PYTHONHASHSEED" in os.environ:
        yield
        return
    os.environ["PYTHONHASHSEED"] = HASH_SEED
    try:
        yield
    finally:
        os.environ.pop("PYTHONHASHSEED", None)


def in_shard(story_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether machine ``index`` of ``count`` owns this story (a stable hash, same everywhere)."""
    if shard is None:
        return True
    index, count = shard
    digest = hashlib.sha256(story_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") % count == index


def _deal(stories: list[Story], parts: int) -> list[list[str]]:
    """Largest stories first, dealt round-robin, so no task gets all the big ones."""
    ordered = sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
    hands: list[list[str]] = [[] for _ in range(max(1, min(parts, len(ordered))))]
    for i, story in enumerate(ordered):
        hands[i % len(hands)].append(story.id)
    return [h for h in hands if h]


def _analyze_share(settings: Settings, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """One task: its own store connection, the registry, its stories analysed and cached."""
    store = open_store(settings)
    try:
        registry = load_registry(settings)
        done: dict[str, dict[str, Any]] = {}
        for story_id in story_ids:
            story = store.get_story(story_id)
            if story is not None:  # a concurrent re-clustering may have merged it away
                done[story_id] = analyze_story(store, settings, story, registry)
        return done
    finally:
        store.close()


def analyze_stories(
    settings: Settings,
    story_ids: Sequence[str] | None = None,
    *,
    workers: int | None = None,
    scheduler: str = "processes",
    shard: tuple[int, int] | None = None,
) -> dict[str, dict[str, Any]]:
    """Analyse the stories (default: all stored) in parallel; return story id -> story document.

    ``shard=(index, count)`` keeps only the stories machine ``index`` of ``count`` owns, so
    ``count`` machines sharing one PostgreSQL database split the work without talking to each
    other.
    """
    if shard is not None and not 0 <= shard[0] < shard[1]:
        raise BatchError(f"shard must be (index, count) with 0 <= index < count (got {shard})")
    n = _workers(workers)
    _scheduler(scheduler)
    store = open_store(settings)
    try:
        stories = store.get_stories()
    finally:
        store.close()
    if story_ids is not None:
        wanted = set(story_ids)
        stories = [s for s in stories if s.id in wanted]
    stories = [s for s in stories if in_shard(s.id, shard)]
    if not stories:
        return {}
    try:
        from dask.delayed import delayed
    except ImportError:
        raise BatchError(_NO_DASK) from None

    tasks = [
        delayed(_analyze_share, pure=False)(settings, share)
        for share in _deal(stories, n * TASKS_PER_WORKER)
    ]
    done: dict[str, dict[str, Any]] = {}
    for part in _compute(tasks, scheduler, n):
        done.update(part)
    return done


def analyze_all(
    settings: Settings, *, workers: int | None = None, scheduler: str = "processes"
) -> dict[str, Any]:
    """The ``storyscope.report/1`` document for every stored story, analysed in parallel."""
    analyze_stories(settings, workers=workers, scheduler=scheduler)
    store = open_store(settings)
    try:
        return report(store, settings)  # every analysis is cached now: this only reads
    finally:
        store.close()


# ---------------------------------------------------------------------- ingest


@dataclass
class Prepared(Batch):
    """A batch whose records were already turned into articles (with signatures) by a worker."""

    converted: list[tuple[Article, bytes | None] | IngestError] = field(default_factory=list)


def _convert(batch: Batch, registry: OutletRegistry) -> Prepared:
    converted: list[tuple[Article, bytes | None] | IngestError] = []
    for item in batch.items:
        where = item.record.source
        try:
            art = to_article(item, registry)
        except ConvertError as exc:
            converted.append(IngestError(where, str(exc)))
            continue
        except Exception as exc:  # a library failing on one odd page must not stop the run
            converted.append(IngestError(where, f"could not read ({type(exc).__name__}: {exc})"))
            continue
        sig = signature_of(art.body)
        converted.append((art, sig.to_bytes() if sig is not None else None))
    return Prepared(
        source=batch.source,
        errors=list(batch.errors),
        seen_keys=list(batch.seen_keys),
        old_entries=batch.old_entries,
        converted=converted,
    )


def _prepare_partition(names: list[str], settings: Settings) -> list[Prepared]:
    """One task: read and convert its inputs; the store is only read (which feed entries are old)."""
    store = open_store(settings)
    try:
        registry = load_registry(settings)
        with Fetcher(settings) as fetcher:
            loader = Ingestor(store, settings, registry, fetcher)
            return [_convert(loader.load(name), registry) for name in names]
    finally:
        store.close()


class _Writer(Ingestor):
    """Stores prepared batches: the serial ingest's duplicate checks, without converting again.

    Only the conversion step differs (workers already converted); duplicate checks are the serial
    ingest's own ``Ingestor._articles``.
    """

    def _converted(
        self, batch: Batch, out: Outcome
    ) -> Iterator[tuple[Article, Callable[[], Signature | None]]]:
        if not isinstance(batch, Prepared):
            yield from super()._converted(batch, out)
            return
        for entry in batch.converted:
            if isinstance(entry, IngestError):
                out.errors.append(entry)
                continue
            art, sig_bytes = entry
            yield art, partial(_signature, sig_bytes)


def _signature(data: bytes | None) -> Signature | None:
    return Signature.from_bytes(data) if data is not None else None


def ingest_many(
    settings: Settings,
    inputs: Sequence[str],
    partitions: int | None = None,
    *,
    workers: int | None = None,
    scheduler: str = "processes",
) -> IngestResult:
    """Ingest files, folders and URLs: parsed and cleaned in parallel, written here in order.

    Every converted input is held in memory until the writing starts; for very large runs, call
    this once per slice of the inputs.
    """
    if "-" in inputs:
        raise BatchError("-: batch ingest reads files, folders and URLs, not stdin")
    if partitions is not None and partitions < 1:
        raise BatchError(f"partitions must be at least 1 (got {partitions})")
    n = _workers(workers)
    _scheduler(scheduler)
    names = sources.expand(list(inputs))
    store = open_store(settings)  # creates the schema before any worker opens the store
    try:
        if not names:
            return IngestResult()
        try:
            import dask.bag as db
        except ImportError:
            raise BatchError(_NO_DASK) from None

        parts = min(len(names), partitions or n * TASKS_PER_WORKER)
        bag = db.from_sequence(names, npartitions=parts)  # type: ignore[no-untyped-call]
        bag = bag.map_partitions(_prepare_partition, settings)
        prepared: list[Prepared] = _compute([bag], scheduler, n)[0]
        stored: list[str] = []
        skipped: list[str] = []
        errors: list[IngestError] = []
        with Fetcher(settings) as fetcher:
            writer = _Writer(store, settings, load_registry(settings), fetcher)
            for batch in prepared:
                out = writer.store_batch(batch)
                stored.extend(out.stored)
                skipped.extend(out.skipped)
                errors.extend(out.errors)
        return IngestResult(stored=tuple(stored), skipped=tuple(skipped), errors=tuple(errors))
    finally:
        store.close()


def run_batch_analyze(
    settings: Settings, *, workers: int | None, scheduler: str, shard: str | None
) -> tuple[dict[str, Any] | None, str]:
    """``storyscope batch analyze``: (the full report or None for one shard, a one-line summary).

    Without a shard, stories are brought up to date first (as ``storyscope report`` does). With
    one, clustering is left to a single machine, so machines never re-cluster under each other.
    """
    if shard is None:
        store = open_store(settings)
        try:
            cluster(store, settings)
        finally:
            store.close()
        doc = analyze_all(settings, workers=workers, scheduler=scheduler)
        return doc, f"analysed {len(doc['stories'])} stories"
    index, sep, count = shard.partition("/")
    if not (sep and index.isdigit() and count.isdigit()):
        raise BatchError(f"--shard {shard}: give it as I/N, e.g. 0/4 (machine 0 of 4)")
    done = analyze_stories(
        settings, workers=workers, scheduler=scheduler, shard=(int(index), int(count))
    )
    return None, f"analysed {len(done)} stories (shard {shard})"
