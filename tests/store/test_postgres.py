"""What only the PostgreSQL store has: PostgreSQL types, stemmed web-style search, many writers at
once, a migration lock, and one-line errors for URLs that cannot work. The shared behaviour is in
``test_contract.py``."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

psycopg = pytest.importorskip("psycopg", reason="needs the 'scale' extra (psycopg)")

from storyscope.config import Settings  # noqa: E402
from storyscope.model import Article  # noqa: E402
from storyscope.store import open_store, pg_migrations, postgres  # noqa: E402
from storyscope.store.postgres import PostgresStore, StoreError, redact  # noqa: E402


def art(
    aid: str, body: str = "The ferry to the outer islands resumed on Monday.", **kw: object
) -> Article:
    return Article(id=aid, body=body, **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(pg_url: str) -> Iterator[PostgresStore]:
    with PostgresStore(pg_url) as st:
        yield st


def _rows(url: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(query).fetchall()  # type: ignore[arg-type]


def test_open_store_picks_postgres_from_settings(pg_url: str) -> None:
    store = open_store(Settings(store="postgres", db=pg_url))
    try:
        assert isinstance(store, PostgresStore)
        store.add_articles([art("a")])
    finally:
        store.close()
    assert _rows(pg_url, "SELECT id FROM articles") == [("a",)]


def test_schema_uses_postgres_types_and_a_gin_index(store: PostgresStore, pg_url: str) -> None:
    types: dict[object, object] = dict(
        _rows(  # type: ignore[arg-type]
            pg_url,
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema()",
        )
    )
    assert types["analyses.data"] == "jsonb" and types["articles.extras"] == "jsonb"
    assert types["vectors.vector"] == "bytea" and types["signatures.signature"] == "bytea"
    assert types["articles.fts"] == "tsvector"
    assert types["articles.published"] == "timestamp with time zone"
    indexes = _rows(pg_url, "SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_fts'")
    assert len(indexes) == 1 and "USING gin (fts)" in str(indexes[0][0])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("missile", ["arms"]),  # stemmed: finds "missiles"
        ('"fuel oil"', ["spill"]),  # a quoted phrase
        ('"oil fuel"', []),  # ... in that order only
        ("bay -tanker", ["arms"]),  # minus excludes
        ("tanker or missiles", ["spill", "arms"]),
        ("the", []),  # stop words alone match nothing
    ],
)
def test_search_understands_web_style_queries(
    store: PostgresStore, query: str, expected: list[str]
) -> None:
    store.add_articles(
        [
            art("spill", "A tanker leaked fuel oil into the bay at Marlport."),
            art("arms", "The navy moved missiles to the bay near Kaldmark, officials said."),
        ]
    )
    assert sorted(a.id for a in store.search_articles(query)) == sorted(expected)


def test_iteration_pages_through_everything(
    store: PostgresStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres, "_PAGE", 2)
    store.add_articles([art(f"a{i}") for i in range(5)])
    for i in range(5):
        store.save_signature(f"a{i}", bytes([i]))
    assert [a.id for a in store.iter_articles()] == [f"a{i}" for i in range(5)]
    assert [a.id for a in store.iter_articles(since_rowid=3)] == ["a3", "a4"]
    assert list(store.iter_signatures()) == [(f"a{i}", bytes([i])) for i in range(5)]
    assert [a.id for a in store.get_articles([f"a{i}" for i in (4, 0, 2)])] == ["a4", "a0", "a2"]


def test_many_writers_store_each_article_once(pg_url: str) -> None:
    ids = [f"a{i}" for i in range(40)]
    results: list[list[str]] = []
    failures: list[BaseException] = []
    start = threading.Barrier(4)

    def write(offset: int) -> None:
        try:
            with PostgresStore(pg_url) as st:
                start.wait()
                got: list[str] = []
                for i in range(0, len(ids), 5):  # overlapping batches in a different order
                    chunk = ids[(i + offset * 10) % 40 :][:5] or ids[:5]
                    got += st.add_articles([art(a) for a in chunk])
                results.append(got)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    claimed = [a for got in results for a in got]
    assert sorted(claimed) == sorted(set(claimed))  # every id reported stored by one writer only
    assert set(claimed) == set(ids)
    assert _rows(pg_url, "SELECT COUNT(*) FROM articles") == [(40,)]


def test_first_open_by_many_processes_migrates_once(pg_url: str) -> None:
    failures: list[BaseException] = []

    def open_one() -> None:
        try:
            PostgresStore(pg_url).close()
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    versions = _rows(pg_url, "SELECT version FROM schema_migrations ORDER BY version")
    assert versions == [(m[0],) for m in pg_migrations.MIGRATIONS]


def test_a_failing_migration_leaves_nothing_behind(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    PostgresStore(pg_url).close()
    latest = pg_migrations.MIGRATIONS[-1][0]
    broken = (
        999,
        "broken step",
        "CREATE TABLE half_done (x int); SELECT no_such_column FROM meta;",
    )
    monkeypatch.setattr(pg_migrations, "MIGRATIONS", [*pg_migrations.MIGRATIONS, broken])
    with pytest.raises(StoreError, match="cannot set up the schema") as info:
        PostgresStore(pg_url)
    assert "\n" not in str(info.value)
    assert _rows(pg_url, "SELECT to_regclass('half_done') IS NULL") == [(True,)]
    assert _rows(pg_url, "SELECT MAX(version) FROM schema_migrations") == [(latest,)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("storyscope.db", "needs a postgresql://"),
        ("sqlite:///x.db", "needs a postgresql://"),
        (f"postgresql://reader:s3cret@127.0.0.1:{_free_port()}/news", "cannot connect"),
    ],
)
def test_unusable_urls_are_one_line_errors(db: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as info:
        open_store(Settings(store="postgres", db=db))
    text = str(info.value)
    assert "\n" not in text and "s3cret" not in text


def test_redact_hides_only_the_password() -> None:
    assert (
        redact("postgresql://u:pw@db.example:5433/news")
        == "postgresql://u:***@db.example:5433/news"
    )
    assert redact("postgresql://u@db.example/news") == "postgresql://u@db.example/news"
