"""Landscape bars and coverage mixes for the feed, without running any analysis.

A story's cached analysis carries the landscape the landscape stage computed; stories not analysed
yet get an estimate from their articles' outlet names, counted by the same rules and marked as an
estimate on the page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from storyscope.web.outlets import LANDSCAPE_KEYS, LEAN_LABELS, OutletDirectory
from storyscope.web.queries import OutletMix


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class Coverage:
    """What one feed entry shows besides its title."""

    segments: tuple[Segment, ...]
    countries: tuple[tuple[str, int], ...]
    ownership: tuple[tuple[str, int], ...]
    outlets: int
    blindspot: dict[str, Any] | None
    estimated: bool


def segments(by_lean: Mapping[str, Any]) -> tuple[Segment, ...]:
    counts = {k: int(by_lean.get(k, 0) or 0) for k in LANDSCAPE_KEYS}
    total = sum(counts.values())
    return tuple(
        Segment(k, LEAN_LABELS[k], counts[k], round(100.0 * counts[k] / total, 1) if total else 0.0)
        for k in LANDSCAPE_KEYS
    )


def _ranked(counts: Mapping[str, Any]) -> tuple[tuple[str, int], ...]:
    items = [(str(k), int(v)) for k, v in counts.items() if v]
    return tuple(sorted(items, key=lambda kv: (-kv[1], kv[0])))


def estimate(mix: Iterable[OutletMix], directory: OutletDirectory) -> dict[str, Any]:
    """A landscape from outlet names alone, counted by the landscape stage's rules.

    Lean, country and ownership count every article (a syndicated copy still reaches its outlet's
    readers); ``independent_outlets`` counts outlets that have at least one original.
    """
    by_lean: Counter[str] = Counter({k: 0 for k in LANDSCAPE_KEYS})
    by_country: Counter[str] = Counter()
    by_ownership: Counter[str] = Counter()
    independent = 0
    total = 0
    for row in mix:
        facts = directory.facts(row.outlet)
        n = row.originals + row.copies
        total += n
        independent += 1 if row.originals else 0
        by_lean[facts.lean_key] += n
        by_country[facts.country or "unknown"] += n
        by_ownership[facts.ownership or "unknown"] += n
    return {
        "by_lean": dict(by_lean),
        "by_country": dict(by_country),
        "by_ownership": dict(by_ownership),
        "independent_outlets": independent,
        "total_articles": total,
    }


def estimate_blindspot(by_lean: dict[str, int], threshold: float) -> dict[str, Any] | None:
    """The landscape stage's own blindspot rule, applied to the estimate."""
    from storyscope.outlets.landscape import blindspot

    return blindspot(by_lean, threshold)


def coverage(
    mix: Iterable[OutletMix],
    cached: tuple[dict[str, Any] | None, dict[str, Any] | None] | None,
    directory: OutletDirectory,
    threshold: float,
) -> Coverage:
    landscape, blindspot = cached if cached else (None, None)
    estimated = landscape is None or not isinstance(landscape.get("by_lean"), dict)
    if estimated:
        landscape = estimate(mix, directory)
        blindspot = estimate_blindspot(landscape["by_lean"], threshold)
    assert landscape is not None
    return Coverage(
        segments=segments(landscape.get("by_lean") or {}),
        countries=_ranked(landscape.get("by_country") or {}),
        ownership=_ranked(landscape.get("by_ownership") or {}),
        outlets=int(landscape.get("independent_outlets") or 0),
        blindspot=blindspot,
        estimated=estimated,
    )
