"""The story feed shared by the home page and ``GET /api/stories``: one filtered, sorted page.

Country and lean filters are answered through outlet names (the registry knows an outlet's country
and lean, the store only its name); order and filters come from the in-memory ``StoryIndex`` and
only the page's own rows are read from SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from storyscope.store import Store
from storyscope.web.coverage import Coverage, coverage
from storyscope.web.outlets import LANDSCAPE_KEYS
from storyscope.web.queries import (
    Order,
    StoryRow,
    cached_landscapes,
    story_rows,
)

if TYPE_CHECKING:
    from storyscope.web.app import Web


@dataclass(frozen=True)
class FeedQuery:
    order: Order = "newest"
    page: int = 1
    per_page: int = 20
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    country: str | None = None
    lean: str | None = None


@dataclass(frozen=True)
class FeedEntry:
    row: StoryRow
    coverage: Coverage


@dataclass(frozen=True)
class Feed:
    entries: list[FeedEntry]
    total: int
    query: FeedQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


class FilterError(ValueError):
    pass


def _outlets(web: Web, store: Store, q: FeedQuery) -> tuple[str, ...] | None:
    if not (q.outlet or q.country or q.lean):
        return None
    if q.lean and q.lean not in LANDSCAPE_KEYS:
        raise FilterError(f"lean {q.lean!r}: choose one of {', '.join(LANDSCAPE_KEYS)}")
    names = list(web.outlets(store))
    if q.outlet:
        wanted = q.outlet.strip().casefold()
        names = [n for n in names if n.casefold() == wanted]
    if q.country:
        country = q.country.strip().casefold()
        names = [n for n in names if (web.directory.facts(n).country or "").casefold() == country]
    if q.lean:
        names = [n for n in names if web.directory.facts(n).lean_key == q.lean]
    return tuple(sorted(names))


def _next_day(day: str) -> str:
    """ISO text compares in order; the end of a bare date is the start of the next day."""
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError as exc:
        raise FilterError(f"date {day!r}: expected YYYY-MM-DD") from exc


def _since(day: str | None) -> str | None:
    if not day:
        return None
    try:
        return date.fromisoformat(day[:10]).isoformat()
    except ValueError as exc:
        raise FilterError(f"date {day!r}: expected YYYY-MM-DD") from exc


def feed(web: Web, store: Store, q: FeedQuery) -> Feed:
    index = web.index.get(store)
    ids = index.select(
        q.order,
        _since(q.since),
        _next_day(q.until) if q.until else None,
        _outlets(web, store, q),
    )
    offset = (q.page - 1) * q.per_page
    rows = story_rows(store, ids[offset : offset + q.per_page], index.counts)
    page_ids = [r.id for r in rows]
    cached = cached_landscapes(store, page_ids)
    threshold = web.settings.blindspot_threshold
    entries = [
        FeedEntry(r, coverage(index.mix(r.id), cached.get(r.id), web.directory, threshold))
        for r in rows
    ]
    return Feed(entries, len(ids), q)


def countries(web: Web, store: Store) -> list[str]:
    """Countries of the stored outlets, for the filter's choices."""
    found = {web.directory.facts(n).country for n in web.outlets(store)}
    return sorted(c for c in found if c)


def outlet_stories(web: Web, store: Store, outlet: str, limit: int = 50) -> list[StoryRow]:
    """Newest stories an outlet covered; ``articles`` counts that outlet's articles in each."""
    found = web.index.get(store).outlet_stories(outlet, limit)
    return story_rows(store, [sid for sid, _ in found], dict(found))
