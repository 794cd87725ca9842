"""The SQLite store on a real file: schema, pragmas, idempotent writes, FTS, transactions, caches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storyscope.model import Article, Story
from storyscope.store.migrations import MIGRATIONS
from storyscope.store.sqlite import SQLiteStore, StoreError

LATEST = MIGRATIONS[-1][0]


def art(
    aid: str, body: str = "The ferry to the outer islands resumed on Monday.", **kw: object
) -> Article:
    return Article(id=aid, body=body, **kw)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(db) as st:
        yield st


def test_migrations_are_recorded_and_not_rerun(db: Path) -> None:
    SQLiteStore(db).close()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == [m[0] for m in MIGRATIONS] and rows[-1][0] == LATEST
    with SQLiteStore(db) as again:
        again.add_articles([art("a")])
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version, applied_at FROM schema_migrations").fetchall() == rows
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1


def test_wal_and_foreign_keys_are_on(store: SQLiteStore, db: Path) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert Path(str(db) + "-wal").exists()
    with pytest.raises(sqlite3.IntegrityError):
        store.save_signature("no-such-article", b"sig")


def test_full_text_search_finds_by_body_word(store: SQLiteStore) -> None:
    store.add_articles(
        [
            art("spill", "A tanker leaked fuel oil into the bay at Marlport."),
            art("library", "The library reopened with a rooftop garden."),
        ]
    )
    assert [a.id for a in store.search_articles("tanker")] == ["spill"]
    assert [a.id for a in store.search_articles("rooftop garden")] == ["library"]
    assert store.search_articles("submarine") == []
    assert store.search_articles('"; DROP TABLE articles; --') == []  # quoted, never SQL


def test_transaction_rolls_back_everything_on_exception(store: SQLiteStore, db: Path) -> None:
    store.add_articles([art("kept")])
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles([art("lost-1"), art("lost-2")])
        store.save_signature("lost-1", b"sig")
        store.set_meta("feed-etag:x", '"v1"')
        raise RuntimeError("crash in the middle of an input")
    assert [a.id for a in store.iter_articles()] == ["kept"]
    assert list(store.iter_signatures()) == [] and store.get_meta("feed-etag:x") is None
    with sqlite3.connect(db) as other:  # and nothing reached the file either
        assert other.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    store.add_articles([art("after")])  # the connection is usable afterwards
    assert store.count_articles() == 2


def test_nested_transactions_commit_once(store: SQLiteStore, db: Path) -> None:
    with store.transaction():
        store.add_articles([art("a")])
        with store.transaction():
            store.add_articles([art("b")])
        with sqlite3.connect(db, timeout=0.1) as other:  # not visible until the outer commit
            assert other.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    assert store.count_articles() == 2


def test_stories_saved_replaced_and_read_back(store: SQLiteStore) -> None:
    store.add_articles([art(i) for i in "abcd"])
    t1, t2 = datetime(2025, 3, 4, tzinfo=UTC), datetime(2025, 3, 5, tzinfo=UTC)
    store.save_stories(
        [Story("s1", "Harbour spill", ("a", "b"), t1, t2), Story("s2", "Library", ("c",), t1, t1)]
    )
    assert store.get_story("s1") == Story("s1", "Harbour spill", ("a", "b"), t1, t2)
    assert [s.id for s in store.get_stories()] == ["s1", "s2"]  # most recently updated first
    assert store.story_of("c") == "s2" and store.story_of("d") is None
    # c moves to s1: s2 is left empty and is dropped as merged away
    store.save_stories([Story("s1", "Harbour spill", ("a", "b", "c"), t1, t2)])
    assert [s.id for s in store.get_stories()] == ["s1"]
    assert store.get_story("s1").article_ids == ("a", "b", "c")  # type: ignore[union-attr]
    store.replace_all_stories([Story("s3", "All", ("d",), t1, t1)])
    assert [(s.id, s.article_ids) for s in store.get_stories()] == [("s3", ("d",))]
    assert store.get_story("s1") is None


def test_analysis_cache_is_keyed_by_fingerprint(store: SQLiteStore) -> None:
    store.add_articles([art("a")])
    store.save_stories([Story("s1", "Spill", ("a",))])
    store.save_analysis("s1", "fp-1", {"claims": [1, 2]})
    assert store.get_analysis("s1", "fp-1") == {"claims": [1, 2]}
    assert store.get_analysis("s1", "fp-2") is None
    store.save_analysis("s1", "fp-2", {"claims": [3]})
    assert store.get_analysis("s1", "fp-2") == {"claims": [3]}
    assert store.get_analysis("s1", "fp-1") is None  # one analysis per story: the newest


def test_signatures_vectors_and_meta(store: SQLiteStore) -> None:
    store.add_articles([art("a"), art("b")])
    store.save_signature("a", b"\x01\x02")
    store.save_signature("a", b"\x03")
    assert list(store.iter_signatures()) == [("a", b"\x03")]
    store.save_vectors("tfidf", {"a": b"va", "b": b"vb"})
    assert store.get_vectors("tfidf", ["a", "b", "c"]) == {"a": b"va", "b": b"vb"}
    assert store.get_vectors("minilm", ["a"]) == {}
    store.set_meta("k", "1")
    store.set_meta("k", "2")
    assert store.get_meta("k") == "2" and store.get_meta("other") is None


def test_unusable_paths_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "no" / "such" / "dir.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="not a storyscope database"):
        SQLiteStore(junk)
