"""The in-memory story index: orders, filters, and rebuilding whenever the store changes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from storyscope.model import Article, Story
from storyscope.store import open_store
from storyscope.web.index import IndexCache


@pytest.fixture
def store(fresh_settings: Any, seeder: Any) -> Any:
    seeder(fresh_settings)
    opened = open_store(fresh_settings)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("order", "since", "until_before", "outlets", "expected"),
    [
        ("newest", None, None, None, ["skyguard", "calder"]),
        ("covered", None, None, None, ["skyguard", "calder"]),
        ("newest", "2026-03-03", None, None, ["skyguard"]),
        ("newest", None, "2026-03-03", None, ["calder"]),
        ("newest", None, None, ["Harbor Daily Ledger"], ["skyguard", "calder"]),
        ("newest", None, None, ["Liberty Beacon"], ["calder"]),
        ("newest", None, None, [], []),
    ],
)
def test_select(
    store: Any,
    order: Any,
    since: str | None,
    until_before: str | None,
    outlets: list[str] | None,
    expected: list[str],
) -> None:
    index = IndexCache().get(store)
    assert index.select(order, since, until_before, outlets) == expected
    assert index.counts == {"skyguard": 6, "calder": 3}
    assert index.outlet_articles["Meridian Post"] == 2


def test_index_follows_new_stories_and_articles(store: Any) -> None:
    """Regression: a cached index must not hide stories clustered after it was built."""
    cache = IndexCache()
    before = cache.get(store)
    assert cache.get(store) is before  # unchanged store, no rebuild
    when = datetime(2026, 3, 9, tzinfo=UTC)
    store.add_articles(
        [Article(id="new-1", body="A new story.", outlet="Quiet Gazette", published=when)]
    )
    store.save_stories([Story("quiet", "A quiet story", ("new-1",), when, when)])
    after = cache.get(store)
    assert after is not before
    assert after.select("newest", None, None, None)[0] == "quiet"
    assert after.select("covered", None, None, None)[-1] == "quiet"
    assert after.by_outlet["Quiet Gazette"] == frozenset({"quiet"})


def test_index_follows_membership_moves(store: Any) -> None:
    cache = IndexCache()
    assert cache.get(store).counts["calder"] == 3
    story = store.get_story("skyguard")
    store.save_stories(
        [
            Story(
                story.id,
                story.title,
                (*story.article_ids, "calder-beacon"),
                story.first_seen,
                story.last_updated,
            )
        ]
    )
    moved = cache.get(store)
    assert moved.counts == {"skyguard": 7, "calder": 2}
    assert moved.by_outlet["Liberty Beacon"] == frozenset({"skyguard"})
