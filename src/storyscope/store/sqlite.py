"""The embedded default store: one SQLite file in WAL mode with foreign keys on.

Connections run in autocommit mode and every write is wrapped in an explicit ``BEGIN IMMEDIATE``
transaction, so a process killed mid-ingest leaves whole inputs or nothing, and a rerun resumes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from storyscope.model import Article, Story
from storyscope.store.migrations import migrate

ARTICLE_COLUMNS = (
    "id, body, title, url, outlet, outlet_given, published, author, language, duplicate_of,"
    " source, content_hash, ingested_at, dateline, extras"
)


class StoreError(RuntimeError):
    pass


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Article:
    return Article(
        id=row[0],
        body=row[1],
        title=row[2],
        url=row[3],
        outlet=row[4],
        outlet_given=row[5],
        published=_dt(row[6]),
        author=row[7],
        language=row[8],
        duplicate_of=row[9],
        source=row[10],
        content_hash=row[11],
        ingested_at=_dt(row[12]),
        dateline=row[13],
        extras=json.loads(row[14] or "{}"),
    )


class SQLiteStore:
    """``Store`` over SQLite. ``path`` may be ``":memory:"`` for throwaway use."""

    def __init__(self, path: str | Path = "storyscope.db") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a storyscope database ({exc})") from exc
        self._lock = threading.RLock()
        self._depth = 0

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            outer = self._depth == 0
            if outer:
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                # SQLite may already have rolled back (disk full, I/O error); a second ROLLBACK
                # would raise and hide the real error
                if outer and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles
    def add_articles(self, articles: Sequence[Article]) -> list[str]:
        stored: list[str] = []
        now = datetime.now(UTC).isoformat()
        with self.transaction():
            for a in articles:
                cur = self.conn.execute(
                    f"INSERT OR IGNORE INTO articles ({ARTICLE_COLUMNS}) VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        a.id,
                        a.body,
                        a.title,
                        a.url,
                        a.outlet,
                        a.outlet_given,
                        _iso(a.published),
                        a.author,
                        a.language,
                        a.duplicate_of,
                        a.source,
                        a.content_hash,
                        _iso(a.ingested_at) or now,
                        a.dateline,
                        json.dumps(a.extras, sort_keys=True),
                    ),
                )
                if cur.rowcount:
                    stored.append(a.id)
        return stored

    def repoint_duplicates(self, old_original: str, new_original: str) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE articles SET duplicate_of=? WHERE (id=? OR duplicate_of=?) AND id != ?",
                (new_original, old_original, old_original, new_original),
            )

    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone()
        return row is not None

    def find_by_hash(self, content_hash: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash=? ORDER BY rowid_ LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return article_from_row(row) if row else None

    def get_articles(self, article_ids: Iterable[str]) -> list[Article]:
        ids = list(article_ids)
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = article_from_row(row)
        return [found[i] for i in ids if i in found]

    def iter_articles(self, since_rowid: int = 0) -> Iterator[Article]:
        return self._select_articles("rowid_ > ?", (since_rowid,))

    def iter_unassigned(self) -> Iterator[Article]:
        return self._select_articles(
            "NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
        )

    def _select_articles(self, condition: str, args: tuple[Any, ...] = ()) -> Iterator[Article]:
        cur = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE {condition} ORDER BY rowid_", args
        )
        for row in cur:
            yield article_from_row(row)

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def search_articles(self, query: str, limit: int = 50) -> list[Article]:
        terms = [t for t in "".join(c if c.isalnum() else " " for c in query).split() if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in ARTICLE_COLUMNS.split(','))} FROM articles_fts f"
            " JOIN articles a ON a.rowid_ = f.rowid WHERE articles_fts MATCH ?"
            " ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        return [article_from_row(r) for r in rows]

    # ------------------------------------------------------------------ signatures / vectors
    def save_signature(self, article_id: str, signature: bytes) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO signatures(article_id, signature) VALUES (?, ?)",
                (article_id, signature),
            )

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.conn.execute("SELECT article_id, signature FROM signatures")

    def save_vectors(self, embedder: str, vectors: dict[str, bytes]) -> None:
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO vectors(embedder, article_id, vector) VALUES (?, ?, ?)",
                [(embedder, k, v) for k, v in vectors.items()],
            )

    def get_vectors(self, embedder: str, article_ids: Iterable[str]) -> dict[str, bytes]:
        ids = list(article_ids)
        out: dict[str, bytes] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for aid, vec in self.conn.execute(
                f"SELECT article_id, vector FROM vectors WHERE embedder=? AND article_id IN ({marks})",
                [embedder, *chunk],
            ):
                out[aid] = vec
        return out

    # ------------------------------------------------------------------ stories
    def _write_story(self, story: Story) -> None:
        self.conn.execute(
            "INSERT INTO stories(id, title, first_seen, last_updated) VALUES (?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET title=excluded.title,"
            " first_seen=excluded.first_seen, last_updated=excluded.last_updated",
            (story.id, story.title, _iso(story.first_seen), _iso(story.last_updated)),
        )
        self.conn.execute("DELETE FROM story_articles WHERE story_id=?", (story.id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_articles(article_id, story_id, position) VALUES (?,?,?)",
            [(aid, story.id, i) for i, aid in enumerate(story.article_ids)],
        )

    def save_stories(self, stories: Sequence[Story]) -> None:
        with self.transaction():
            for story in stories:
                self._write_story(story)
            # stories left without articles were merged into others
            self.conn.execute(
                "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_articles)"
            )

    def replace_all_stories(self, stories: Sequence[Story]) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM story_articles")
            keep = {s.id for s in stories}
            for (sid,) in self.conn.execute("SELECT id FROM stories").fetchall():
                if sid not in keep:
                    self.conn.execute("DELETE FROM stories WHERE id=?", (sid,))
            for story in stories:
                self._write_story(story)

    def _stories(self, where: str = "", args: tuple[Any, ...] = ()) -> list[Story]:
        rows = self.conn.execute(
            f"SELECT id, title, first_seen, last_updated FROM stories {where}", args
        ).fetchall()
        members: dict[str, list[str]] = {r[0]: [] for r in rows}
        if rows:
            q = "SELECT story_id, article_id FROM story_articles"
            params: tuple[Any, ...] = ()
            if len(rows) == 1:
                q += " WHERE story_id=?"
                params = (rows[0][0],)
            for sid, aid in self.conn.execute(q + " ORDER BY story_id, position", params):
                if sid in members:
                    members[sid].append(aid)
        return [
            Story(id=r[0], title=r[1], article_ids=tuple(members[r[0]]),
                  first_seen=_dt(r[2]), last_updated=_dt(r[3]))
            for r in rows
        ]

    def get_stories(self) -> list[Story]:
        return self._stories("ORDER BY last_updated DESC, id")

    def get_story(self, story_id: str) -> Story | None:
        found = self._stories("WHERE id=?", (story_id,))
        return found[0] if found else None

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id=?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ analyses / meta
    def get_analysis(self, story_id: str, fingerprint: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT data FROM analyses WHERE story_id=? AND fingerprint=?", (story_id, fingerprint)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_analysis(self, story_id: str, fingerprint: str, data: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO analyses(story_id, fingerprint, data, computed_at)"
                " VALUES (?,?,?,?)",
                (story_id, fingerprint, json.dumps(data), datetime.now(UTC).isoformat()),
            )

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)", (key, value))
