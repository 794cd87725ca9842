"""Recorded, transactional schema migrations for the PostgreSQL store.

The same tables as the SQLite schema (``storyscope.store.migrations``), in PostgreSQL's own types:
``timestamptz`` plus the source's UTC offset (so a time reads back exactly as it was stored),
``bytea`` for signatures and vectors, ``jsonb`` for analyses and a generated ``tsvector`` column
with a GIN index for full-text search. Each step runs in one transaction with the row that records
it; a session-level advisory lock makes the many workers of a batch run, which all open the store
at once, migrate one after another instead of racing. Append new steps; never edit an applied one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psycopg import Connection

# any constant works: it only has to be the same for every storyscope process on the database
LOCK_KEY = 0x5370_7279

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, stories, caches",
        """
        CREATE TABLE articles (
            rowid_ BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
            id TEXT PRIMARY KEY,
            body TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            outlet_given TEXT,
            published TIMESTAMPTZ,
            published_offset INTEGER,
            author TEXT,
            language TEXT,
            duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL,
            source TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL DEFAULT '',
            ingested_at TIMESTAMPTZ,
            ingested_offset INTEGER,
            dateline TEXT,
            extras JSONB NOT NULL DEFAULT '{}'::jsonb,
            fts TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
                || to_tsvector('english'::regconfig, body)
                || to_tsvector('simple'::regconfig, coalesce(outlet, ''))
            ) STORED
        );
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_fts ON articles USING GIN (fts);
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BYTEA NOT NULL
        );
        CREATE TABLE vectors (
            embedder TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            vector BYTEA NOT NULL,
            PRIMARY KEY (embedder, article_id)
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            first_seen TIMESTAMPTZ,
            first_seen_offset INTEGER,
            last_updated TIMESTAMPTZ,
            last_updated_offset INTEGER
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
            data JSONB NOT NULL,
            computed_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
]


def current_version(conn: Connection[Any]) -> int:
    """The highest applied version; ``conn`` must be in autocommit mode."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(conn: Connection[Any]) -> int:
    """Apply every pending migration, each in its own transaction; return the new version."""
    conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
    try:
        version = current_version(conn)
        for number, name, sql in MIGRATIONS:
            if number <= version:
                continue
            with conn.transaction():
                # no parameters: psycopg then sends the script as one simple query
                conn.execute(sql)
                conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at)"
                    " VALUES (%s, %s, now())",
                    (number, name),
                )
            version = number
        return version
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
