"""The ``Store`` contract, written once and run on every backend: SQLite on a file, PostgreSQL on
the session's private server. A behaviour that differs between them fails here."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from storyscope.config import Settings
from storyscope.model import Article, Story
from storyscope.store import Store, open_store


@dataclass
class Backend:
    name: str
    settings: Settings
    integrity_error: type[Exception]
    raw_count: Callable[[str], int]  # COUNT(*) of a table through another connection
    raw_rows: Callable[[str], list[tuple[Any, ...]]]

    def open(self) -> Store:
        return open_store(self.settings)


def _sqlite(tmp_path: Path) -> Backend:
    import sqlite3

    db = tmp_path / "contract.db"

    def rows(query: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute(query).fetchall()

    return Backend(
        "sqlite",
        Settings(db=str(db), store="sqlite"),
        sqlite3.IntegrityError,
        lambda table: int(rows(f"SELECT COUNT(*) FROM {table}")[0][0]),
        rows,
    )


def _postgres(url: str) -> Backend:
    import psycopg

    def rows(query: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(query).fetchall()  # type: ignore[arg-type]

    return Backend(
        "postgres",
        Settings(db=url, store="postgres"),
        psycopg.IntegrityError,
        lambda table: int(rows(f"SELECT COUNT(*) FROM {table}")[0][0]),
        rows,
    )


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return _sqlite(tmp_path)
    return _postgres(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    st = backend.open()
    try:
        yield st
    finally:
        st.close()


def art(
    aid: str, body: str = "The ferry to the outer islands resumed on Monday.", **kw: Any
) -> Article:
    return Article(id=aid, body=body, **kw)


PLUS_TWO = timezone(timedelta(hours=2))


def test_migrations_are_recorded_once(backend: Backend) -> None:
    backend.open().close()
    first = backend.raw_rows("SELECT version, name FROM schema_migrations ORDER BY version")
    assert first and first[0][0] == 1
    again = backend.open()
    again.add_articles([art("a")])
    again.close()
    assert backend.raw_rows("SELECT version, name FROM schema_migrations ORDER BY version") == first
    assert backend.raw_count("articles") == 1


@pytest.mark.parametrize(
    "published",
    [
        datetime(2025, 3, 4, 9, 12, tzinfo=UTC),
        datetime(2025, 3, 4, 9, 12, 30, 250, tzinfo=PLUS_TWO),  # the outlet's local time survives
        datetime(2025, 3, 4, 9, 12),  # naive: read back as UTC
        None,
    ],
)
def test_add_articles_is_idempotent_and_round_trips(
    store: Store, published: datetime | None
) -> None:
    first = art(
        "a",
        title="Harbour shut",
        url="https://x.example/a",
        outlet="Coastline Wire",
        outlet_given="CW",
        published=published,
        author="A. Kross",
        language="en",
        source="a.html",
        content_hash="h1",
        dateline="MARLPORT",
        extras={"signature": "CW", "dateline_agency": "Reuters"},
    )
    assert store.add_articles([first, art("b")]) == ["a", "b"]
    assert store.add_articles([first, art("b"), art("c"), art("c")]) == ["c"]
    assert store.add_articles([]) == []
    assert store.count_articles() == 3
    got = store.get_article("a")
    assert got is not None and got.ingested_at is not None
    want = published.replace(tzinfo=UTC) if published and not published.tzinfo else published
    assert got == first.__class__(
        **{**first.__dict__, "published": want, "ingested_at": got.ingested_at}
    )
    assert (got.published.isoformat() if got.published else None) == (
        want.isoformat() if want else None
    )
    assert [a.id for a in store.iter_articles()] == ["a", "b", "c"]
    assert [a.id for a in store.iter_articles(since_rowid=1)] == ["b", "c"]
    assert [a.id for a in store.get_articles(["c", "missing", "a"])] == ["c", "a"]
    assert store.find_by_hash("h1") == "a" and store.find_by_hash("nope") is None
    assert store.has_article("b") and not store.has_article("z")
    assert store.get_article("zz") is None


def test_duplicate_of_must_name_a_stored_article(store: Store, backend: Backend) -> None:
    store.add_articles([art("orig"), art("copy", duplicate_of="orig")])
    assert store.get_article("copy").duplicate_of == "orig"  # type: ignore[union-attr]
    with pytest.raises(backend.integrity_error):
        store.add_articles([art("stray", duplicate_of="never-stored")])
    assert not store.has_article("stray")


def test_repoint_duplicates_makes_an_earlier_copy_the_original(store: Store) -> None:
    store.add_articles([art("late"), art("copy-1", duplicate_of="late"), art("other")])
    store.add_articles([art("copy-2", duplicate_of="late"), art("early")])
    store.repoint_duplicates("late", "early")
    got = {a.id: a.duplicate_of for a in store.iter_articles()}
    assert got == {
        "late": "early",
        "copy-1": "early",
        "copy-2": "early",
        "other": None,
        "early": None,
    }
    with pytest.raises(RuntimeError), store.transaction():  # and it is part of the transaction
        store.repoint_duplicates("early", "other")
        raise RuntimeError("interrupted")
    assert store.get_article("copy-1").duplicate_of == "early"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tanker", ["spill"]),
        ("rooftop garden", ["library"]),
        ("Harbour Ledger", ["spill"]),  # the outlet name is searchable too
        ("submarine", []),
        ("", []),
        ('"; DROP TABLE articles; --', []),  # a query is text, never SQL
    ],
)
def test_full_text_search(store: Store, query: str, expected: list[str]) -> None:
    store.add_articles(
        [
            art(
                "spill",
                "A tanker leaked fuel oil into the bay at Marlport.",
                outlet="Harbour Ledger",
            ),
            art("library", "The library reopened with a rooftop garden.", title="Books again"),
        ]
    )
    assert [a.id for a in store.search_articles(query)] == expected
    assert store.count_articles() == 2


def test_search_limit(store: Store) -> None:
    store.add_articles(
        [art(f"a{i}", f"Ferry number {i} crossed the strait to Marlport.") for i in range(5)]
    )
    assert len(store.search_articles("ferry", limit=3)) == 3


def test_transaction_rolls_back_everything_on_exception(store: Store, backend: Backend) -> None:
    store.add_articles([art("kept")])
    with pytest.raises(RuntimeError), store.transaction():
        store.add_articles([art("lost-1"), art("lost-2")])
        store.save_signature("lost-1", b"sig")
        store.set_meta("feed-etag:x", '"v1"')
        with store.transaction():
            store.save_stories([Story("s-lost", "Lost", ("lost-2",))])
        raise RuntimeError("crash in the middle of an input")
    assert [a.id for a in store.iter_articles()] == ["kept"]
    assert list(store.iter_signatures()) == [] and store.get_meta("feed-etag:x") is None
    assert store.get_stories() == [] and backend.raw_count("articles") == 1
    store.add_articles([art("after")])  # the connection is usable afterwards
    assert store.count_articles() == 2


def test_failed_statement_rolls_back_the_whole_transaction(store: Store, backend: Backend) -> None:
    with pytest.raises(backend.integrity_error), store.transaction():
        store.add_articles([art("a")])
        store.save_signature("no-such-article", b"sig")
    assert store.count_articles() == 0
    store.add_articles([art("a")])
    assert store.has_article("a")


def test_nested_transactions_commit_once(store: Store, backend: Backend) -> None:
    with store.transaction():
        store.add_articles([art("a")])
        with store.transaction():
            store.add_articles([art("b")])
        assert backend.raw_count("articles") == 0  # not visible elsewhere until the outer commit
        assert store.count_articles() == 2  # but visible inside
    assert backend.raw_count("articles") == 2


def test_stories_saved_replaced_and_read_back(store: Store) -> None:
    store.add_articles([art(i) for i in "abcde"])
    t1 = datetime(2025, 3, 4, tzinfo=UTC)
    t2 = datetime(2025, 3, 5, 8, 30, tzinfo=PLUS_TWO)
    store.save_stories(
        [
            Story("s1", "Harbour spill", ("a", "b"), t1, t2),
            Story("s2", "Library", ("c",), t1, t1),
            Story("s0", "Undated", ("e",)),
        ]
    )
    got = store.get_story("s1")
    assert got == Story("s1", "Harbour spill", ("a", "b"), t1, t2)
    assert got is not None and got.last_updated is not None
    assert got.last_updated.isoformat() == t2.isoformat()
    # most recently updated first, undated last
    assert [s.id for s in store.get_stories()] == ["s1", "s2", "s0"]
    assert store.story_of("c") == "s2" and store.story_of("d") is None
    assert [a.id for a in store.iter_unassigned()] == ["d"]  # what story detection has to place
    # c moves to s1: s2 is left empty and is dropped as merged away
    store.save_stories([Story("s1", "Harbour spill", ("a", "b", "c"), t1, t2)])
    assert [s.id for s in store.get_stories()] == ["s1", "s0"]
    assert store.get_story("s1").article_ids == ("a", "b", "c")  # type: ignore[union-attr]
    store.replace_all_stories([Story("s3", "All", ("d", "a"), t1, t1)])
    assert [(s.id, s.article_ids) for s in store.get_stories()] == [("s3", ("d", "a"))]
    assert store.get_story("s1") is None and store.story_of("b") is None
    assert [a.id for a in store.iter_unassigned()] == ["b", "c", "e"]
    store.replace_all_stories([])
    assert store.get_stories() == []


def test_stories_with_equal_times_sort_by_id(store: Store) -> None:
    store.add_articles([art(i) for i in "abc"])
    t = datetime(2025, 3, 4, tzinfo=UTC)
    store.save_stories(
        [Story(sid, sid, (aid,), t, t) for sid, aid in (("b-2", "a"), ("B-1", "b"), ("a", "c"))]
    )
    assert [s.id for s in store.get_stories()] == ["B-1", "a", "b-2"]  # bytewise, as SQLite


DOC = {
    "id": "s1",
    "claims": [{"text": "Port shut", "outlets": ["A", "B"], "share": 0.5}],
    "numbers": [],
    "summary": {"sentences": [{"text": "Ünïcode — “quotes”", "cites": [1]}]},
    "blindspot": None,
    "count": 3,
}


def test_analysis_cache_is_keyed_by_fingerprint(store: Store) -> None:
    store.add_articles([art("a")])
    store.save_stories([Story("s1", "Spill", ("a",))])
    store.save_analysis("s1", "fp-1", DOC)
    assert store.get_analysis("s1", "fp-1") == DOC
    assert store.get_analysis("s1", "fp-2") is None
    store.save_analysis("s1", "fp-2", {"claims": [3]})
    assert store.get_analysis("s1", "fp-2") == {"claims": [3]}
    assert store.get_analysis("s1", "fp-1") is None  # one analysis per story: the newest
    store.replace_all_stories([])
    assert store.get_analysis("s1", "fp-2") is None  # dropped with its story


def test_signatures_vectors_and_meta(store: Store, backend: Backend) -> None:
    store.add_articles([art("a"), art("b")])
    store.save_signature("a", b"\x01\x02")
    store.save_signature("a", b"\x00\x03")
    store.save_signature("b", bytes(range(256)))
    assert sorted(store.iter_signatures()) == [("a", b"\x00\x03"), ("b", bytes(range(256)))]
    store.save_vectors("tfidf", {"a": b"va", "b": b"\x00vb"})
    store.save_vectors("tfidf", {"a": b"va2"})
    store.save_vectors("tfidf", {})
    assert store.get_vectors("tfidf", ["a", "b", "c"]) == {"a": b"va2", "b": b"\x00vb"}
    assert store.get_vectors("minilm", ["a"]) == {} and store.get_vectors("tfidf", []) == {}
    store.set_meta("k", "1")
    store.set_meta("k", "2")
    assert store.get_meta("k") == "2" and store.get_meta("other") is None
    with pytest.raises(backend.integrity_error):
        store.save_signature("no-such-article", b"sig")
