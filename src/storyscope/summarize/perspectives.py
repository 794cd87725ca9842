"""Key points by perspective, as Ground News shows them: what each side's coverage stresses.

Sides are left (left + lean-left), center, right (lean-right + right) by the outlet's lean rating,
plus state-owned media as a group. Unrated outlets count for no side. A point is a claim carried by
the side's articles, preferring claims the other sides do not stress; it is cited only with that
side's articles that support its wording. A side without coverage gets a note, never a filler point.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyscope.model import Perspective, PerspectivePoint
from storyscope.summarize.extractive import is_hedged
from storyscope.summarize.material import Material
from storyscope.summarize.pool import Candidate, cosine
from storyscope.summarize.support import supporting

SIDE_ORDER = ("left", "center", "right", "state")
NO_COVERAGE = {
    "left": "No coverage from the left",
    "center": "No coverage from the center",
    "right": "No coverage from the right",
    "state": "No coverage from state-owned media",
}


def side_articles(m: Material) -> dict[str, list[str]]:
    sides: dict[str, list[str]] = {s: [] for s in SIDE_ORDER}
    for a in m.articles:
        side = m.side(a.id)
        if side:
            sides[side].append(a.id)
        if m.is_state(a.id):
            sides["state"].append(a.id)
    return sides


def _stress(c: Candidate, mine: set[str], others: set[str]) -> float:
    """Share of the side's articles carrying the claim minus half the share elsewhere."""
    inside = len(c.support & mine) / max(len(mine), 1)
    outside = len(c.support & others) / len(others) if others else 0.0
    return inside - 0.5 * outside + 0.2 * c.centrality + 0.1 / (1 + c.position)


def points_for(m: Material, ids: Sequence[str], k: int = 3) -> list[PerspectivePoint]:
    mine = set(ids)
    others = {a.id for a in m.articles} - mine
    cands = [
        c for c in m.pool if c.article_id in mine and not (is_hedged(m, c) and not c.attributed)
    ]
    cands.sort(key=lambda c: (-_stress(c, mine, others), m.loadedness(c.text), c.position))
    points: list[PerspectivePoint] = []
    chosen: list[Candidate] = []
    articles = [m.by_id[i] for i in ids]
    for c in cands:
        if any(cosine(c.vector, o.vector) >= 0.45 for o in chosen):
            continue
        backers = supporting(c.text, articles)
        if not backers:
            continue
        chosen.append(c)
        points.append(PerspectivePoint(text=c.text, article_ids=backers))
        if len(points) >= k:
            break
    return points


def perspectives(m: Material, k: int = 3) -> list[Perspective]:
    out: list[Perspective] = []
    for side, ids in side_articles(m).items():
        if not ids:
            out.append(Perspective(side=side, points=(), note=NO_COVERAGE[side]))
            continue
        pts = points_for(m, ids, k)
        note = None if pts else f"No points the {side} coverage stresses could be cited"
        out.append(Perspective(side=side, points=tuple(pts), note=note))
    return out
