"""An in-memory index of story order and outlet membership, rebuilt only when the store changes.

Sorting 20,000 stories by coverage, or finding every story some left-leaning outlet covered, means
aggregating every membership row: 150-300 ms in SQL at 40,000 articles, on every request. The
index holds the two orders and ``outlet -> story ids`` in memory (about a megabyte at that size),
so a feed page is set lookups plus one query for the rows shown. Whether the store changed is read
from cheap aggregates (row counts and the largest rowids); any write to stories or memberships
inserts rows, so it moves them.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyscope.store import Store
from storyscope.web.queries import Order, OutletMix, connection

_VERSION_SQL = (
    "SELECT (SELECT COUNT(*) FROM story_articles), (SELECT MAX(rowid) FROM story_articles),"
    " (SELECT COUNT(*) FROM stories), (SELECT MAX(rowid_) FROM articles),"
    " (SELECT COUNT(*) FROM articles)"
)


@dataclass(frozen=True)
class StoryIndex:
    version: tuple[Any, ...]
    newest: tuple[str, ...]  # story ids, last_updated descending
    covered: tuple[str, ...]  # story ids, most articles first
    counts: dict[str, int]  # story id -> articles
    spans: dict[str, tuple[str, str]]  # story id -> (first_seen, last_updated) as ISO text
    by_outlet: dict[str, frozenset[str]]  # outlet -> ids of stories it covered
    outlet_articles: dict[str, int]  # outlet -> stored articles
    # story id -> (outlet, originals, copies) rows. Plain tuples of str/int, which the garbage
    # collector stops tracking: as objects they made every full collection 3x slower.
    mixes: dict[str, tuple[tuple[str | None, int, int], ...]]

    def select(
        self,
        order: Order,
        since: str | None,
        until_before: str | None,
        outlets: Sequence[str] | None,
    ) -> list[str]:
        """Story ids in ``order`` that pass the filters (``until_before`` is exclusive)."""
        ids: Sequence[str] = self.covered if order == "covered" else self.newest
        allowed: set[str] | None = None
        if outlets is not None:
            allowed = set()
            for name in outlets:
                allowed |= self.by_outlet.get(name, frozenset())
        out: list[str] = []
        for sid in ids:
            if allowed is not None and sid not in allowed:
                continue
            if since or until_before:
                first, last = self.spans[sid]
                if since and (last or first) < since:
                    continue
                if until_before and (first or last) >= until_before:
                    continue
            out.append(sid)
        return out

    def outlet_stories(self, outlet: str, limit: int = 50) -> list[tuple[str, int]]:
        """Newest stories the outlet covered, each with how many of its articles it has."""
        covered = self.by_outlet.get(outlet, frozenset())
        out: list[tuple[str, int]] = []
        for sid in self.newest:
            if sid in covered:
                n = sum(
                    originals + copies
                    for name, originals, copies in self.mixes.get(sid, ())
                    if name == outlet
                )
                out.append((sid, n))
                if len(out) >= limit:
                    break
        return out

    def mix(self, story_id: str) -> list[OutletMix]:
        return [OutletMix(*row) for row in self.mixes.get(story_id, ())]


def version(store: Store) -> tuple[Any, ...]:
    return tuple(connection(store).execute(_VERSION_SQL).fetchone())


def build(store: Store, stamp: tuple[Any, ...]) -> StoryIndex:
    conn = connection(store)
    rows = conn.execute(
        "SELECT id, COALESCE(first_seen, ''), COALESCE(last_updated, '') FROM stories"
        " ORDER BY last_updated DESC, id"
    ).fetchall()
    newest = tuple(r[0] for r in rows)
    spans = {r[0]: (r[1], r[2]) for r in rows}
    counts = {sid: 0 for sid in newest}
    counts.update(
        dict(conn.execute("SELECT story_id, COUNT(*) FROM story_articles GROUP BY story_id"))
    )
    rank = {sid: i for i, sid in enumerate(newest)}
    covered = tuple(sorted(newest, key=lambda sid: (-counts[sid], rank[sid])))
    members: dict[str, set[str]] = defaultdict(set)
    mixes: dict[str, list[tuple[str | None, int, int]]] = defaultdict(list)
    # Reading outlet columns walks each article's overflow pages (they sit after the body), so
    # this one pass is the index's main cost; the feed then never joins articles per request.
    for sid, outlet, originals, copies in conn.execute(
        "SELECT sa.story_id, a.outlet, SUM(a.duplicate_of IS NULL), SUM(a.duplicate_of IS NOT NULL)"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " GROUP BY sa.story_id, a.outlet"
    ):
        mixes[sid].append((outlet, int(originals), int(copies)))
        if outlet is not None:
            members[outlet].add(sid)
    outlet_articles = {
        r[0]: int(r[1])
        for r in conn.execute(
            "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"
        )
    }
    return StoryIndex(
        version=stamp,
        newest=newest,
        covered=covered,
        counts=counts,
        spans=spans,
        by_outlet={k: frozenset(v) for k, v in members.items()},
        outlet_articles=outlet_articles,
        mixes={k: tuple(v) for k, v in mixes.items()},
    )


class IndexCache:
    """One ``StoryIndex`` per app, rebuilt by one request at a time when the version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: StoryIndex | None = None

    def get(self, store: Store) -> StoryIndex:
        stamp = version(store)
        current = self._index
        if current is not None and current.version == stamp:
            return current
        with self._lock:
            current = self._index
            if current is None or current.version != stamp:
                current = build(store, stamp)
                self._index = current
        return current

    def forget(self) -> None:
        with self._lock:
            self._index = None
