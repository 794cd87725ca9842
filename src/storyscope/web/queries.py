"""Paged and aggregated reads for the pages, so no request loads the whole store.

``Store.get_stories()`` loads every membership row, which costs tens of milliseconds at 40,000
articles; a page needs a handful of stories, so these queries touch only the rows it shows (the
feed's order and filters come from ``web.index``). They read the SQLite store's connection directly and never
write; every other backend gets a clear error instead of a slow page.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from storyscope.model import Article
from storyscope.store import Store
from storyscope.store.sqlite import ARTICLE_COLUMNS, article_from_row

Order = Literal["newest", "covered"]



class UnsupportedStore(RuntimeError):
    pass


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    first_seen: str | None
    last_updated: str | None
    articles: int


@dataclass(frozen=True)
class OutletMix:
    """How many articles (originals and copies) of one outlet a story has."""

    outlet: str | None
    originals: int
    copies: int


def connection(store: Store) -> sqlite3.Connection:
    conn = getattr(store, "conn", None)
    if not isinstance(conn, sqlite3.Connection):
        raise UnsupportedStore(
            f"the web UI reads the sqlite store; {type(store).__name__} is not supported yet"
        )
    return conn


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def story_rows(store: Store, story_ids: Sequence[str], counts: dict[str, int]) -> list[StoryRow]:
    """The stories' rows in the order given (ids not in the store are left out)."""
    if not story_ids:
        return []
    rows = {
        r[0]: r
        for r in connection(store).execute(
            "SELECT id, title, first_seen, last_updated FROM stories"
            f" WHERE id IN ({_marks(story_ids)})",
            list(story_ids),
        )
    }
    return [
        StoryRow(r[0], r[1], r[2], r[3], counts.get(r[0], 0))
        for sid in story_ids
        if (r := rows.get(sid)) is not None
    ]


def cached_landscapes(
    store: Store, story_ids: Sequence[str]
) -> dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """(landscape, blindspot) of each story's cached analysis, parsed in SQL not in Python."""
    if not story_ids:
        return {}
    rows = (
        connection(store)
        .execute(
            "SELECT story_id, json_extract(data, '$.landscape'), json_extract(data, '$.blindspot')"
            f" FROM analyses WHERE story_id IN ({_marks(story_ids)})",
            list(story_ids),
        )
        .fetchall()
    )
    out: dict[str, tuple[dict[str, Any] | None, dict[str, Any] | None]] = {}
    for sid, landscape, blindspot in rows:
        land = json.loads(landscape) if landscape else None
        blind = json.loads(blindspot) if blindspot else None
        out[sid] = (
            land if isinstance(land, dict) else None,
            blind if isinstance(blind, dict) else None,
        )
    return out


def article_page(
    store: Store, *, outlet: str | None = None, offset: int = 0, limit: int = 20
) -> tuple[list[Article], int]:
    """Articles newest-ingested first, optionally of one outlet, and the total that match."""
    conn = connection(store)
    where, args = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
    total = int(conn.execute(f"SELECT COUNT(*) FROM articles {where}", args).fetchone()[0])
    rows = conn.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles {where} ORDER BY rowid_ DESC LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return [article_from_row(r) for r in rows], total


def stories_of(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """Article id -> story id for those of the given articles that belong to a story."""
    if not article_ids:
        return {}
    rows = (
        connection(store)
        .execute(
            f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({_marks(article_ids)})",
            list(article_ids),
        )
        .fetchall()
    )
    return {r[0]: r[1] for r in rows}


def story_titles(store: Store, story_ids: Sequence[str]) -> dict[str, str]:
    if not story_ids:
        return {}
    rows = (
        connection(store)
        .execute(
            f"SELECT id, title FROM stories WHERE id IN ({_marks(story_ids)})", list(story_ids)
        )
        .fetchall()
    )
    return {r[0]: r[1] for r in rows}
