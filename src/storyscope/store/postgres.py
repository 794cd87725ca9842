"""The scale-out store: PostgreSQL, shared by many processes on many machines.

Same behaviour as ``SQLiteStore`` (the contract tests in ``tests/store/test_contract.py`` run on
both): idempotent inserts, nested ``transaction()`` committing once at the outermost level, recorded
migrations, a per-story analysis cache. What PostgreSQL adds is many concurrent writers, so the
workers of ``storyscope.scale.batch`` can each cache their analyses directly.

Two things a caller may notice: ``search_articles`` stems English words (``websearch_to_tsquery``,
so "missile" finds "missiles" and ``"quoted phrases"``, ``or`` and ``-word`` work), and analysis
documents come back with their keys in JSONB's order (equal as dicts, not as key sequences).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.types.json import Jsonb

from storyscope.model import Article, Story
from storyscope.store.pg_migrations import migrate
from storyscope.store.sqlite import StoreError

__all__ = ["PostgresStore", "StoreError", "redact"]

_COLUMNS = (
    "id, body, title, url, outlet, outlet_given, published, published_offset, author, language,"
    " duplicate_of, source, content_hash, ingested_at, ingested_offset, dateline, extras"
)
_PAGE = 1000  # rows per round trip when iterating (keyset pages, no cursor held open)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _split_dt(value: datetime | None) -> tuple[datetime | None, int | None]:
    """A moment plus its UTC offset in seconds, so it reads back in the zone it was given in."""
    if value is None:
        return None, None
    if value.tzinfo is None:  # SQLite reads naive times back as UTC; so do we
        return value.replace(tzinfo=UTC), 0
    offset = value.utcoffset()
    return value, int(offset.total_seconds()) if offset is not None else 0


def _join_dt(value: datetime | None, offset: int | None) -> datetime | None:
    if value is None:
        return None
    zone = timezone(timedelta(seconds=offset)) if offset else UTC
    return value.astimezone(zone)


def _article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        body=row[1],
        title=row[2],
        url=row[3],
        outlet=row[4],
        outlet_given=row[5],
        published=_join_dt(row[6], row[7]),
        author=row[8],
        language=row[9],
        duplicate_of=row[10],
        source=row[11],
        content_hash=row[12],
        ingested_at=_join_dt(row[13], row[14]),
        dateline=row[15],
        extras=dict(row[16] or {}),
    )


class PostgresStore:
    """``Store`` over PostgreSQL; ``url`` is a libpq URL such as ``postgresql://user@host/db``."""

    def __init__(self, url: str = "postgresql://localhost/storyscope") -> None:
        self.url = url
        self.where = redact(url)
        if not url.startswith(("postgresql://", "postgres://")):
            raise StoreError(
                f"{url}: the postgres store needs a postgresql://user@host/dbname URL"
                " (set STORYSCOPE_DB or --db)"
            )
        try:
            self.conn: psycopg.Connection[tuple[Any, ...]] = psycopg.connect(
                url, autocommit=True, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot connect ({_first_line(exc)})") from exc
        try:
            self.conn.execute("SET TIME ZONE 'UTC'")
            migrate(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"{self.where}: cannot set up the schema ({_first_line(exc)})"
            ) from exc
        self._lock = threading.RLock()
        self._depth = 0

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction for the outermost block; inner blocks join it (no savepoints), so an
        error anywhere rolls back everything, exactly as in ``SQLiteStore``."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                with self.conn.transaction():
                    yield
            finally:
                self._depth = 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(query, params).fetchall()  # type: ignore[arg-type]

    def _one(self, query: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        return self.conn.execute(query, params).fetchone()  # type: ignore[arg-type]

    # ------------------------------------------------------------------ articles
    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        if not articles:
            return []
        now = datetime.now(UTC)
        rows = []
        for a in articles:
            published, published_offset = _split_dt(a.published)
            ingested, ingested_offset = _split_dt(a.ingested_at or now)
            rows.append(
                (
                    a.id,
                    a.body,
                    a.title,
                    a.url,
                    a.outlet,
                    a.outlet_given,
                    published,
                    published_offset,
                    a.author,
                    a.language,
                    a.duplicate_of,
                    a.source,
                    a.content_hash,
                    ingested,
                    ingested_offset,
                    a.dateline,
                    Jsonb(a.extras),
                )
            )
        stored: list[str] = []
        with self.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO articles ({_COLUMNS}) VALUES ({', '.join(['%s'] * 17)})"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
                rows,
                returning=True,
            )
            while True:
                row = cur.fetchone()
                if row is not None:
                    stored.append(row[0])
                if not cur.nextset():
                    break
        return stored

    def repoint_duplicates(self, old_original: str, new_original: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE articles SET duplicate_of = %s"
                " WHERE (id = %s OR duplicate_of = %s) AND id <> %s",
                (new_original, old_original, old_original, new_original),
            )

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id=%s", (article_id,)) is not None

    def find_by_hash(self, content_hash: str) -> str | None:
        row = self._one(
            "SELECT id FROM articles WHERE content_hash=%s ORDER BY rowid_ LIMIT 1", (content_hash,)
        )
        return row[0] if row else None

    def get_article(self, article_id: str) -> Article | None:
        row = self._one(f"SELECT {_COLUMNS} FROM articles WHERE id=%s", (article_id,))
        return _article(row) if row else None

    def get_articles(self, article_ids: Iterable[str]) -> list[Article]:
        ids = list(article_ids)
        found: dict[str, Article] = {}
        for start in range(0, len(ids), _PAGE):
            chunk = ids[start : start + _PAGE]
            for row in self._rows(f"SELECT {_COLUMNS} FROM articles WHERE id = ANY(%s)", (chunk,)):
                found[row[0]] = _article(row)
        return [found[i] for i in ids if i in found]

    def iter_articles(self, since_rowid: int = 0) -> Iterator[Article]:
        return self._pages("TRUE", since_rowid)

    def iter_unassigned(self) -> Iterator[Article]:
        return self._pages("NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)")

    def _pages(self, condition: str, since_rowid: int = 0) -> Iterator[Article]:
        """Articles meeting ``condition`` in ingestion order, a page at a time (keyset paging)."""
        last = since_rowid
        while True:
            rows = self._rows(
                f"SELECT rowid_, {_COLUMNS} FROM articles a WHERE rowid_ > %s AND {condition}"
                " ORDER BY rowid_ LIMIT %s",
                (last, _PAGE),
            )
            for row in rows:
                yield _article(row[1:])
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def count_articles(self) -> int:
        row = self._one("SELECT COUNT(*) FROM articles")
        return int(row[0]) if row else 0

    def search_articles(self, query: str, limit: int = 50) -> list[Article]:
        if not any(c.isalnum() for c in query):
            return []
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM articles, websearch_to_tsquery('english', %s) AS q"
            " WHERE fts @@ q ORDER BY ts_rank(fts, q) DESC, rowid_ LIMIT %s",
            (query, limit),
        )
        return [_article(r) for r in rows]

    # ------------------------------------------------------------------ signatures / vectors
    def save_signature(self, article_id: str, signature: bytes) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO signatures(article_id, signature) VALUES (%s, %s)"
                " ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature",
                (article_id, signature),
            )

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        last = ""
        while True:
            rows = self._rows(
                "SELECT article_id, signature FROM signatures WHERE article_id > %s"
                " ORDER BY article_id LIMIT %s",
                (last, _PAGE),
            )
            for aid, sig in rows:
                yield aid, bytes(sig)
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def save_vectors(self, embedder: str, vectors: dict[str, bytes]) -> None:
        if not vectors:
            return
        with self.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO vectors(embedder, article_id, vector) VALUES (%s, %s, %s)"
                " ON CONFLICT (embedder, article_id) DO UPDATE SET vector = excluded.vector",
                [(embedder, k, v) for k, v in vectors.items()],
            )

    def get_vectors(self, embedder: str, article_ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(article_ids)
        out: dict[str, bytes] = {}
        for start in range(0, len(ids), _PAGE):
            rows = self._rows(
                "SELECT article_id, vector FROM vectors WHERE embedder=%s AND article_id = ANY(%s)",
                (embedder, ids[start : start + _PAGE]),
            )
            out.update((aid, bytes(vec)) for aid, vec in rows)
        return out

    # ------------------------------------------------------------------ stories
    def _write_story(self, story: Story) -> None:
        first, first_offset = _split_dt(story.first_seen)
        last, last_offset = _split_dt(story.last_updated)
        self.conn.execute(
            "INSERT INTO stories(id, title, first_seen, first_seen_offset, last_updated,"
            " last_updated_offset) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
            " first_seen = excluded.first_seen, first_seen_offset = excluded.first_seen_offset,"
            " last_updated = excluded.last_updated,"
            " last_updated_offset = excluded.last_updated_offset",
            (story.id, story.title, first, first_offset, last, last_offset),
        )
        self.conn.execute("DELETE FROM story_articles WHERE story_id=%s", (story.id,))
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO story_articles(article_id, story_id, position) VALUES (%s, %s, %s)"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET story_id = excluded.story_id, position = excluded.position",
                [(aid, story.id, i) for i, aid in enumerate(story.article_ids)],
            )

    def save_stories(self, stories: Sequence[Story]) -> None:
        with self.transaction():
            for story in stories:
                self._write_story(story)
            # stories left without articles were merged into others
            self.conn.execute(
                "DELETE FROM stories s WHERE NOT EXISTS"
                " (SELECT 1 FROM story_articles m WHERE m.story_id = s.id)"
            )

    def replace_all_stories(self, stories: Sequence[Story]) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM story_articles")
            self.conn.execute(
                "DELETE FROM stories WHERE NOT (id = ANY(%s))", ([s.id for s in stories],)
            )
            for story in stories:
                self._write_story(story)

    def _stories(self, where: str = "", args: Sequence[Any] = ()) -> list[Story]:
        rows = self._rows(
            "SELECT id, title, first_seen, first_seen_offset, last_updated, last_updated_offset"
            f" FROM stories {where}",
            args,
        )
        members: dict[str, list[str]] = {r[0]: [] for r in rows}
        if rows:
            query = "SELECT story_id, article_id FROM story_articles"
            params: tuple[Any, ...] = ()
            if len(rows) == 1:
                query += " WHERE story_id=%s"
                params = (rows[0][0],)
            for sid, aid in self._rows(query + " ORDER BY story_id, position", params):
                if sid in members:
                    members[sid].append(aid)
        return [
            Story(
                id=r[0],
                title=r[1],
                article_ids=tuple(members[r[0]]),
                first_seen=_join_dt(r[2], r[3]),
                last_updated=_join_dt(r[4], r[5]),
            )
            for r in rows
        ]

    def get_stories(self) -> list[Story]:
        # SQLite sorts NULL lowest and compares text bytewise; say so explicitly here
        return self._stories('ORDER BY last_updated DESC NULLS LAST, id COLLATE "C"')

    def get_story(self, story_id: str) -> Story | None:
        found = self._stories("WHERE id=%s", (story_id,))
        return found[0] if found else None

    def story_of(self, article_id: str) -> str | None:
        row = self._one("SELECT story_id FROM story_articles WHERE article_id=%s", (article_id,))
        return row[0] if row else None

    # ------------------------------------------------------------------ analyses / meta
    def get_analysis(self, story_id: str, fingerprint: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT data FROM analyses WHERE story_id=%s AND fingerprint=%s",
            (story_id, fingerprint),
        )
        return dict(row[0]) if row else None

    def save_analysis(self, story_id: str, fingerprint: str, data: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO analyses(story_id, fingerprint, data, computed_at)"
                " VALUES (%s, %s, %s, now()) ON CONFLICT (story_id) DO UPDATE SET"
                " fingerprint = excluded.fingerprint, data = excluded.data,"
                " computed_at = excluded.computed_at",
                (story_id, fingerprint, Jsonb(data)),
            )

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key=%s", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
