"""The story page's view model: perspectives, framing rows, timelines, citations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from storyscope.model import Article
from storyscope.web.outlets import OutletDirectory
from storyscope.web.view import TIMELINE_ROWS, build

START = datetime(2026, 3, 4, 6, 0, tzinfo=UTC)
HEAD = {"id": "s", "title": "A story", "first_seen": START, "last_updated": START}


def articles(n: int, step: timedelta = timedelta(minutes=30)) -> list[Article]:
    outlets = ["Meridian Post", "Liberty Beacon", "Continental Wire", "Unlisted Times"]
    return [
        Article(id=f"a{i}", body="x", title=f"Article {i}", outlet=outlets[i % 4],
                published=START + i * step)
        for i in reversed(range(n))
    ]  # fmt: skip


@pytest.fixture
def directory(fresh_settings: Any) -> OutletDirectory:
    return OutletDirectory(fresh_settings)


def test_sources_are_numbered_oldest_first_and_cited_by_number(directory: OutletDirectory) -> None:
    analysis = {
        "summary": [{"text": "S.", "article_ids": ["a2", "a0", "zz"], "section": "context"}]
    }
    view = build(HEAD, articles(3), analysis, directory, 0.2)
    assert [s.article.id for s in view.sources] == ["a0", "a1", "a2"]
    title, items = view.summary[0]
    assert title == "Context"
    assert [s.n for s in items[0].sources] == [1, 3]  # unknown ids are dropped, not invented


def test_a_side_without_coverage_says_so(directory: OutletDirectory) -> None:
    analysis = {
        "perspectives": [
            {"side": "left", "points": [{"text": "P.", "article_ids": ["a0"]}], "note": None},
            {"side": "right", "points": [], "note": "No coverage from the right"},
        ]
    }
    view = build(HEAD, articles(2), analysis, directory, 0.2)
    sides = {side: (points, note) for side, points, note in view.perspectives}
    assert list(sides) == ["Left", "Center", "Right", "State media"]
    assert sides["Left"][1] is None and len(sides["Left"][0]) == 1
    assert sides["Right"] == ([], "No coverage from the right")
    assert sides["Center"] == ([], "No coverage from the center")  # absent from the analysis
    assert sides["State media"] == ([], "No coverage from state media")


def test_framing_table_merges_articles_per_outlet_and_drops_empty_rows(
    directory: OutletDirectory,
) -> None:
    analysis = {
        "framing": [
            {"entity": "Dorn", "kind": "person", "labels": {"a0": ["leader"], "a4": ["strongman"],
                                                             "a1": ["president"]}},
            {"entity": "Nobody", "kind": "person", "labels": {"a0": [], "a2": []}},
        ]
    }  # fmt: skip
    view = build(HEAD, articles(5), analysis, directory, 0.2)
    assert view.framing_outlets[:2] == ["Meridian Post", "Liberty Beacon"]
    assert [row[0] for row in view.framing_rows] == ["Dorn"]
    cells = dict(zip(view.framing_outlets, view.framing_rows[0][2], strict=True))
    assert cells["Meridian Post"] == "leader, strongman"  # a0 and a4 are both Meridian Post
    assert cells["Liberty Beacon"] == "president"
    assert cells["Continental Wire"] == ""


@pytest.mark.parametrize("n", [1, 5, TIMELINE_ROWS])
def test_short_timelines_list_every_article(directory: OutletDirectory, n: int) -> None:
    view = build(HEAD, articles(n), None, directory, 0.2)
    positions = [pos for _, pos in view.timeline]
    assert len(positions) == n and positions[0] == 0.0
    assert positions[-1] == (100.0 if n > 1 else 0.0)
    assert not view.timeline_buckets


def test_long_timelines_become_a_histogram(directory: OutletDirectory) -> None:
    view = build(HEAD, articles(300, timedelta(minutes=7)), None, directory, 0.2)
    assert not view.timeline
    assert sum(b.count for b in view.timeline_buckets) == 300
    assert max(b.percent for b in view.timeline_buckets) == 100.0
    assert view.timeline_buckets[0].start == START


def test_unanalysed_story_estimates_its_landscape(directory: OutletDirectory) -> None:
    view = build(HEAD, articles(4), None, directory, 0.2)
    assert view.landscape_estimated and not view.analysed
    counts = {s.key: s.count for s in view.segments}
    assert counts == {"left": 0, "lean-left": 1, "center": 1, "lean-right": 0, "right": 1,
                      "unrated": 1}  # fmt: skip
