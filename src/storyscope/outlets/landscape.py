"""Pipeline stage ``landscape``: who covers a story (lean, country, ownership) and its blindspot.

Counting rules (also in docs/outlets.md):

- ``by_lean``, ``by_country`` and ``by_ownership`` count articles, duplicates included: a
  syndicated wire copy on an outlet's site still reaches that outlet's readers. An article whose
  outlet is unknown counts as ``unrated`` / ``unknown``.
- ``independent_outlets`` counts distinct outlets among the non-duplicate articles, so one wire
  story reprinted five times is one origin. An original with no outlet at all counts once by itself.
- A blindspot is the side (left = left + lean-left, right = right + lean-right) whose share of the
  *rated* articles is under ``settings.blindspot_threshold`` while the other side has at least
  ``MIN_OTHER_SIDE`` articles and more than this side. When both sides qualify (a story carried
  mostly by the center) the smaller share is reported.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from storyscope.model import LEANS, Article, Landscape, Outlet
from storyscope.outlets.records import preferred
from storyscope.outlets.registry import LEAN_ORDER, lean_side
from storyscope.pipeline import StoryContext

MIN_OTHER_SIDE = 2
UNRATED = "unrated"
UNKNOWN = "unknown"


def outlet_lean(outlet: Outlet | None) -> str | None:
    rating = preferred(outlet.lean, LEAN_ORDER) if outlet else None
    return rating.value if rating else None


def count_landscape(
    articles: list[Article], originals: list[Article], outlets: dict[str, Outlet | None]
) -> Landscape:
    by_lean: Counter[str] = Counter({lean: 0 for lean in (*LEANS, UNRATED)})
    by_country: Counter[str] = Counter()
    by_ownership: Counter[str] = Counter()
    for article in articles:
        outlet = outlets.get(article.id)
        by_lean[outlet_lean(outlet) or UNRATED] += 1
        by_country[(outlet.country if outlet else None) or UNKNOWN] += 1
        by_ownership[(outlet.ownership if outlet else None) or UNKNOWN] += 1
    origins: set[str] = set()
    for article in originals:
        outlet = outlets.get(article.id)
        name = outlet.name if outlet else article.outlet
        origins.add(f"outlet:{name.casefold()}" if name else f"article:{article.id}")
    return Landscape(
        by_lean=dict(by_lean),
        by_country=dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_ownership=dict(sorted(by_ownership.items(), key=lambda kv: (-kv[1], kv[0]))),
        independent_outlets=len(origins),
        total_articles=len(articles),
    )


def blindspot(by_lean: dict[str, int], threshold: float) -> dict[str, Any] | None:
    sides = Counter({"left": 0, "right": 0})
    rated = 0
    for lean, n in by_lean.items():
        if lean == UNRATED:
            continue
        rated += n
        side = lean_side(lean)
        if side in sides:
            sides[side] += n
    if rated == 0:
        return None
    found = []
    for side, other in (("left", "right"), ("right", "left")):
        share = sides[side] / rated
        if share < threshold and sides[other] >= MIN_OTHER_SIDE and sides[other] > sides[side]:
            found.append((share, side))
    if not found:
        return None
    share, side = min(found)
    return {
        "side": side,
        "share": round(share, 3),
        "threshold": threshold,
        "text": f"Blindspot: few outlets on the {side} cover this story",
    }


def run(ctx: StoryContext) -> dict[str, Any]:
    landscape = count_landscape(ctx.articles, ctx.originals, ctx.outlets)
    return {
        "landscape": landscape,
        "blindspot": blindspot(landscape.by_lean, ctx.settings.blindspot_threshold),
    }
