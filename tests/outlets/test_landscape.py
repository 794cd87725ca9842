"""The landscape stage: coverage by lean, country and ownership, independent outlets, blindspots."""

from __future__ import annotations

import pytest

from storyscope.config import Settings
from storyscope.model import Article, Outlet, Rating, Story
from storyscope.outlets.landscape import blindspot, run
from storyscope.pipeline import StoryContext


def outlet(name: str, lean: str | None, country: str = "US", ownership: str = "private") -> Outlet:
    ratings = (Rating("AllSides", lean, "2024"),) if lean else ()
    return Outlet(name=name, country=country, ownership=ownership, lean=ratings)  # type: ignore[arg-type]


WIRE = outlet("Wire", "center", "GB")
LEFTY = outlet("Lefty Daily", "left")
RIGHTY = outlet("Righty Post", "lean-right")
STATE = outlet("State TV", None, "XX", "state")


def context(
    rows: list[tuple[str, Outlet | None, str | None]], threshold: float = 0.2
) -> StoryContext:
    """rows: (article id, outlet, duplicate_of)."""
    articles = [
        Article(id=aid, body="text", outlet=o.name if o else None, duplicate_of=dup)
        for aid, o, dup in rows
    ]
    story = Story(id="s1", title="A story", article_ids=tuple(a.id for a in articles))
    return StoryContext(
        story=story,
        articles=articles,
        outlets={aid: o for aid, o, _ in rows},
        settings=Settings(blindspot_threshold=threshold),
    )


def test_counts_and_independent_outlets() -> None:
    ctx = context(
        [
            ("a1", WIRE, None),
            ("a2", LEFTY, "a1"),  # syndicated wire copy on a left outlet
            ("a3", RIGHTY, "a1"),
            ("a4", RIGHTY, None),
            ("a5", STATE, None),
            ("a6", None, None),  # unknown outlet
        ]
    )
    out = run(ctx)
    assert set(out) == {"landscape", "blindspot"}
    land = out["landscape"]
    assert land.total_articles == 6
    assert land.by_lean == {
        "left": 1,
        "lean-left": 0,
        "center": 1,
        "lean-right": 2,
        "right": 0,
        "unrated": 2,
    }
    assert land.by_country == {"US": 3, "GB": 1, "XX": 1, "unknown": 1}
    assert land.by_ownership == {"private": 4, "state": 1, "unknown": 1}
    # originals a1, a4, a5, a6: Wire, Righty Post, State TV and one unnamed article
    assert land.independent_outlets == 4


def test_same_outlet_twice_is_one_independent_outlet() -> None:
    ctx = context(
        [("a1", LEFTY, None), ("a2", LEFTY, None), ("a3", None, None), ("a4", None, None)]
    )
    assert run(ctx)["landscape"].independent_outlets == 3


def test_outlet_name_without_registry_entry_counts_by_name() -> None:
    articles = [Article(id=f"a{i}", body="x", outlet="Village Bugle") for i in range(3)]
    ctx = StoryContext(
        story=Story(id="s", title="t", article_ids=("a0", "a1", "a2")),
        articles=articles,
        outlets={a.id: None for a in articles},
        settings=Settings(),
    )
    land = run(ctx)["landscape"]
    assert land.independent_outlets == 1 and land.by_lean["unrated"] == 3


@pytest.mark.parametrize(
    ("by_lean", "side", "share"),
    [
        ({"left": 4, "lean-left": 2, "center": 3, "lean-right": 0, "right": 1}, "right", 0.1),
        ({"left": 0, "lean-left": 0, "center": 1, "lean-right": 2, "right": 2}, "left", 0.0),
        ({"left": 0, "lean-left": 1, "center": 2, "right": 5, "unrated": 9}, "left", 0.125),
        # both sides tiny next to the center: the smaller share is the blindspot
        ({"left": 2, "center": 16, "right": 3}, "left", 0.095),
    ],
)
def test_blindspot_found(by_lean: dict[str, int], side: str, share: float) -> None:
    found = blindspot(by_lean, 0.2)
    assert found is not None
    assert found == {
        "side": side,
        "share": share,
        "threshold": 0.2,
        "text": f"Blindspot: few outlets on the {side} cover this story",
    }


@pytest.mark.parametrize(
    "by_lean",
    [
        {"left": 1, "center": 5, "right": 0},  # the other side has fewer than 2 articles
        {"left": 2, "center": 2, "right": 2},  # balanced
        {"left": 0, "right": 0, "center": 0, "unrated": 7},  # nothing rated
        {"left": 1, "center": 2, "right": 2},  # 0.2 is not under 0.2
        {},
    ],
)
def test_no_blindspot(by_lean: dict[str, int]) -> None:
    assert blindspot(by_lean, 0.2) is None


def test_threshold_comes_from_settings() -> None:
    rows: list[tuple[str, Outlet | None, str | None]] = [
        ("a1", LEFTY, None),
        ("a2", LEFTY, None),
        ("a3", LEFTY, None),
        ("a4", RIGHTY, None),
    ]
    assert run(context(rows, threshold=0.2))["blindspot"] is None
    found = run(context(rows, threshold=0.3))["blindspot"]
    assert found is not None and found["side"] == "right" and found["threshold"] == 0.3
