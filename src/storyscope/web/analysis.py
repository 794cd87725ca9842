"""Story analyses for the pages: read from the store's cache, computed in the background when missing.

A full analysis takes seconds (models, claim matching), far over a page's 100 ms budget, so a page
never waits for one: it renders what the store has, starts the analysis on one worker thread and
the browser reloads when ``/api/stories/{id}/status`` says it is ready. The JSON API, which promises
a full report, computes synchronously instead.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from storyscope.config import Settings
from storyscope.model import Article, Story
from storyscope.pipeline import fingerprint
from storyscope.store import Store, open_store

log = logging.getLogger(__name__)

State = Literal["ready", "running", "failed", "missing"]


@dataclass(frozen=True)
class Status:
    state: State
    error: str | None = None


def cached_analysis(
    store: Store, settings: Settings, story: Story, articles: list[Article]
) -> dict[str, Any] | None:
    """The story's analysis if one was computed for exactly these articles and settings."""
    return store.get_analysis(story.id, fingerprint(story, articles, settings))


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else 'no message'}"


class Analyzer:
    """Runs missing analyses one at a time, each over its own store connection."""

    def __init__(self, settings: Settings, enabled: bool = True) -> None:
        self.settings = settings
        self.enabled = enabled
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._running: dict[str, Future[None]] = {}
        self._failed: dict[str, str] = {}

    def _run(self, story_id: str) -> None:
        from storyscope.api import analyze_story
        from storyscope.outlets.registry import load_registry

        store = open_store(self.settings)
        try:
            story = store.get_story(story_id)
            if story is not None:
                analyze_story(store, self.settings, story, load_registry(self.settings))
        finally:
            store.close()

    def _done(self, story_id: str, future: Future[None]) -> None:
        with self._lock:
            self._running.pop(story_id, None)
            exc = future.exception()
            if exc is not None:
                self._failed[story_id] = _one_line(exc)
                log.warning("analysis of story %s failed: %s", story_id, self._failed[story_id])

    def request(self, story_id: str) -> Status:
        """Start analysing the story unless it is already running or has failed."""
        with self._lock:
            if story_id in self._running:
                return Status("running")
            if story_id in self._failed:
                return Status("failed", self._failed[story_id])
            if not self.enabled:
                return Status("missing")
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
            future = self._pool.submit(self._run, story_id)
            self._running[story_id] = future
        future.add_done_callback(lambda f: self._done(story_id, f))
        return Status("running")

    def status(self, story_id: str) -> Status:
        with self._lock:
            if story_id in self._running:
                return Status("running")
            if story_id in self._failed:
                return Status("failed", self._failed[story_id])
        return Status("missing")

    def retry(self, story_id: str) -> None:
        with self._lock:
            self._failed.pop(story_id, None)

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
