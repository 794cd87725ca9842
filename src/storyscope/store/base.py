"""The ``Store`` protocol: what every storage backend (SQLite now, PostgreSQL for scale-out) offers.

Stages never talk SQL; they call these methods, so a backend is swapped by config alone. Every
write method is atomic on its own; ``transaction()`` groups several into one unit so an interrupted
ingest leaves either all of an input or none of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from storyscope.model import Article, Story


class Store(Protocol):
    def transaction(self) -> AbstractContextManager[None]: ...

    def close(self) -> None: ...

    # articles
    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        """Store articles not yet stored (by id); return the ids newly stored."""

    def repoint_duplicates(self, old_original: str, new_original: str) -> None:
        """Make ``new_original`` the original of ``old_original`` and of every copy of it (an
        earlier-published copy arrived after its republication)."""

    def has_article(self, article_id: str) -> bool: ...

    def find_by_hash(self, content_hash: str) -> str | None: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def get_articles(self, article_ids: Iterable[str]) -> list[Article]: ...

    def iter_articles(self, since_rowid: int = 0) -> Iterator[Article]:
        """Articles in ingestion order."""

    def iter_unassigned(self) -> Iterator[Article]:
        """Articles in no story yet, in ingestion order: what story detection has still to place.

        A query, so a poll reads only the new articles rather than the whole archive.
        """

    def count_articles(self) -> int: ...

    def search_articles(self, query: str, limit: int = 50) -> list[Article]: ...

    # near-duplicate signatures (MinHash), kept so LSH can be rebuilt after a restart
    def save_signature(self, article_id: str, signature: bytes) -> None: ...

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]: ...

    # embeddings cache, keyed by embedder name
    def save_vectors(self, embedder: str, vectors: dict[str, bytes]) -> None: ...

    def get_vectors(self, embedder: str, article_ids: Iterable[str]) -> dict[str, bytes]: ...

    # stories
    def save_stories(self, stories: Sequence[Story]) -> None:
        """Replace the stored membership of these stories (and drop stories merged away)."""

    def replace_all_stories(self, stories: Sequence[Story]) -> None: ...

    def get_stories(self) -> list[Story]: ...

    def get_story(self, story_id: str) -> Story | None: ...

    def story_of(self, article_id: str) -> str | None: ...

    # per-story analysis cache: recomputed only when the story's fingerprint changes
    def get_analysis(self, story_id: str, fingerprint: str) -> dict[str, Any] | None: ...

    def save_analysis(self, story_id: str, fingerprint: str, data: dict[str, Any]) -> None: ...

    # free-form state (feed ETags, clusterer checkpoints)
    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...
