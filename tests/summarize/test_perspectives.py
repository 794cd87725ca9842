"""Key points by perspective: each side's stressed claims, a note where a side has no coverage."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyscope.model import Outlet, Rating
from storyscope.pipeline import StoryContext
from storyscope.summarize.material import Material
from storyscope.summarize.perspectives import perspectives, side_articles
from storyscope.summarize.support import supports

MakeCtx = Callable[..., StoryContext]


def test_sides_follow_lean_and_state_ownership(make_ctx: MakeCtx) -> None:
    sides = side_articles(Material.from_context(make_ctx()))
    assert sides == {"left": ["a2"], "center": ["a1"], "right": ["a3"], "state": ["a4"]}


def test_points_cite_only_that_sides_articles_and_are_supported(make_ctx: MakeCtx) -> None:
    m = Material.from_context(make_ctx())
    result = {p.side: p for p in perspectives(m)}
    sides = side_articles(m)
    for side, p in result.items():
        assert p.points, side
        assert p.note is None
        for point in p.points:
            assert set(point.article_ids) <= set(sides[side])
            assert all(supports(point.text, m.by_id[i]) for i in point.article_ids)
    # The right's coverage stresses what nobody else carries.
    assert any("distract from fuel shortages" in pt.text for pt in result["right"].points)


@pytest.mark.parametrize(
    ("drop", "side", "note"),
    [
        (("a3",), "right", "No coverage from the right"),
        (("a2",), "left", "No coverage from the left"),
        (("a4",), "state", "No coverage from state-owned media"),
    ],
)
def test_missing_side_is_said_not_filled(
    make_ctx: MakeCtx, drop: tuple[str, ...], side: str, note: str
) -> None:
    result = {p.side: p for p in perspectives(Material.from_context(make_ctx(drop=drop)))}
    assert result[side].points == ()
    assert result[side].note == note
    assert [p.side for p in result.values()] == ["left", "center", "right", "state"]


def test_lean_left_and_lean_right_join_their_side_unrated_join_none(make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    ctx.outlets["a1"] = Outlet("Harbor Wire", type="wire", lean=(Rating("AllSides", "lean-right"),))
    ctx.outlets["a5"] = None
    sides = side_articles(Material.from_context(ctx))
    assert sides["right"] == ["a1", "a3"]
    assert sides["center"] == []
    assert all("a5" not in ids for ids in sides.values())
