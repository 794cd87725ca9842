"""Recorded, transactional schema migrations for the SQLite store.

Each migration runs inside one transaction together with the row that records it, so a crash
leaves the schema at a known version. Append new steps; never edit an applied one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, stories, caches",
        """
        CREATE TABLE articles (
            rowid_ INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            outlet_given TEXT,
            published TEXT,
            author TEXT,
            language TEXT,
            duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL DEFAULT '',
            ingested_at TEXT,
            dateline TEXT,
            extras TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, outlet, content='articles', content_rowid='rowid_'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body, outlet)
            VALUES (new.rowid_, new.title, new.body, new.outlet);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body, outlet)
            VALUES ('delete', old.rowid_, old.title, old.body, old.outlet);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body, outlet)
            VALUES ('delete', old.rowid_, old.title, old.body, old.outlet);
            INSERT INTO articles_fts(rowid, title, body, outlet)
            VALUES (new.rowid_, new.title, new.body, new.outlet);
        END;
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
        CREATE TABLE vectors (
            embedder TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            vector BLOB NOT NULL,
            PRIMARY KEY (embedder, article_id)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first_seen TEXT,
            last_updated TEXT
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE analyses (
            story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            data TEXT NOT NULL,
            computed_at TEXT NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
]


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; return the new version."""
    version = current_version(conn)
    for number, name, sql in MIGRATIONS:
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _split(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at)"
                " VALUES (?, ?, datetime('now'))",
                (number, name),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _split(sql: str) -> list[str]:
    """Split a script on ';' but keep trigger bodies (BEGIN ... END;) whole."""
    out: list[str] = []
    buf: list[str] = []
    for line in sql.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out
