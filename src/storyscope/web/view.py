"""Turns a story's ``storyscope.report/1`` analysis into what the story page template shows.

Every part of the analysis is optional here: a story not analysed yet, or one whose framing stage
has not run, still gets a page with its sources, landscape and timeline, and each missing part is
named instead of silently left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storyscope.model import SECTION_TITLES, SECTIONS, Article
from storyscope.web.coverage import Segment, estimate, segments
from storyscope.web.outlets import OutletDirectory, OutletFacts
from storyscope.web.queries import OutletMix

# Up to this many dated articles the timeline lists each; longer ones become a histogram.
TIMELINE_ROWS = 40
TIMELINE_BUCKETS = 24
SIDE_TITLES = {"left": "Left", "center": "Center", "right": "Right", "state": "State media"}
SIDE_NOTES = {
    "left": "No coverage from the left",
    "center": "No coverage from the center",
    "right": "No coverage from the right",
    "state": "No coverage from state media",
}


@dataclass(frozen=True)
class Source:
    n: int
    article: Article
    facts: OutletFacts

    @property
    def anchor(self) -> str:
        return f"src-{self.n}"

    @property
    def outlet(self) -> str:
        if self.article.outlet:
            return self.article.outlet
        return f"Unknown outlet ({self.article.display_name})"


@dataclass(frozen=True)
class Cited:
    text: str
    sources: tuple[Source, ...]


@dataclass
class StoryView:
    story: dict[str, Any]
    sources: list[Source]
    segments: tuple[Segment, ...]
    landscape: dict[str, Any]
    landscape_estimated: bool
    analysed: bool
    summary: list[tuple[str, list[Cited]]] = field(default_factory=list)
    perspectives: list[tuple[str, list[Cited], str | None]] = field(default_factory=list)
    consensus: list[Cited] = field(default_factory=list)
    unique: list[tuple[str, list[Cited]]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    framing_outlets: list[str] = field(default_factory=list)
    framing_rows: list[tuple[str, str, list[str]]] = field(default_factory=list)
    origins: dict[str, Any] | None = None
    timeline: list[tuple[Source, float]] = field(default_factory=list)
    timeline_buckets: list[Bucket] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    blindspot: dict[str, Any] | None = None


def _sort_key(article: Article) -> tuple[int, float, str]:
    """Oldest first (sources are numbered in publication order), undated last."""
    if article.published is None:
        return (1, 0.0, article.id)
    return (0, article.published.timestamp(), article.id)


def _mix(articles: Iterable[Article]) -> list[OutletMix]:
    counts: dict[str | None, list[int]] = {}
    for a in articles:
        slot = counts.setdefault(a.outlet, [0, 0])
        slot[1 if a.duplicate_of else 0] += 1
    return [OutletMix(o, c[0], c[1]) for o, c in counts.items()]


class _Builder:
    def __init__(self, sources: list[Source]) -> None:
        self.by_id = {s.article.id: s for s in sources}

    def cite(self, ids: Iterable[str]) -> tuple[Source, ...]:
        found = {self.by_id[i].n: self.by_id[i] for i in ids if i in self.by_id}
        return tuple(found[n] for n in sorted(found))

    def cited(self, text: str, ids: Iterable[str]) -> Cited:
        return Cited(text, self.cite(ids))

    def outlets(self, ids: Iterable[str]) -> list[str]:
        names: list[str] = []
        for s in self.cite(ids):
            if s.outlet not in names:
                names.append(s.outlet)
        return names


def _list(analysis: Mapping[str, Any], key: str, missing: list[str], label: str) -> list[Any]:
    value = analysis.get(key)
    if value is None:
        missing.append(label)
        return []
    return list(value) if isinstance(value, list) else []


def _perspectives(b: _Builder, raw: list[Any]) -> list[tuple[str, list[Cited], str | None]]:
    by_side = {p.get("side"): p for p in raw if isinstance(p, dict)}
    out: list[tuple[str, list[Cited], str | None]] = []
    for side, title in SIDE_TITLES.items():
        p = by_side.get(side)
        points = [
            b.cited(x.get("text", ""), x.get("article_ids", []))
            for x in (p or {}).get("points", [])
        ]
        note = (p or {}).get("note") or (None if points else SIDE_NOTES[side])
        out.append((title, points, note))
    return out


def _framing(
    b: _Builder, sources: list[Source], raw: list[Any]
) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    outlets: list[str] = []
    for s in sources:
        if s.outlet not in outlets:
            outlets.append(s.outlet)
    rows: list[tuple[str, str, list[str]]] = []
    for item in raw:
        labels: dict[str, list[str]] = {o: [] for o in outlets}
        for aid, words in (item.get("labels") or {}).items():
            src = b.by_id.get(aid)
            if src is None:
                continue
            for w in words:
                if w not in labels[src.outlet]:
                    labels[src.outlet].append(w)
        cells = [", ".join(labels[o]) for o in outlets]
        if not any(cells):
            continue  # an actor no outlet labels tells the reader nothing about framing
        rows.append((str(item.get("entity", "")), str(item.get("kind") or ""), cells))
    return outlets, rows


@dataclass(frozen=True)
class Bucket:
    """A slice of a long timeline: how many articles appeared between ``start`` and ``end``."""

    start: datetime
    end: datetime
    count: int
    percent: float  # of the busiest bucket, for the bar width


def _buckets(sources: list[Source]) -> list[Bucket]:
    times = sorted(s.article.published for s in sources if s.article.published)
    lo, hi = times[0], times[-1]
    step = max((hi - lo) / TIMELINE_BUCKETS, timedelta(minutes=1))
    counts = [0] * TIMELINE_BUCKETS
    for t in times:
        counts[min(int((t - lo) / step), TIMELINE_BUCKETS - 1)] += 1
    top = max(counts)
    return [
        Bucket(lo + i * step, lo + (i + 1) * step, n, round(100.0 * n / top, 1))
        for i, n in enumerate(counts)
        if n
    ]


def _timeline(sources: list[Source]) -> list[tuple[Source, float]]:
    """One row per article, placed on a shared time axis (short stories only)."""
    dated = [s for s in sources if s.article.published]
    if not dated or len(dated) > TIMELINE_ROWS:
        return []
    times = [s.article.published.timestamp() for s in dated if s.article.published]
    lo, hi = min(times), max(times)
    span = hi - lo
    return [
        (s, round(100.0 * (t - lo) / span, 1) if span else 0.0)
        for s, t in zip(dated, times, strict=True)
    ]


def build(
    story: dict[str, Any],
    articles: list[Article],
    analysis: dict[str, Any] | None,
    directory: OutletDirectory,
    threshold: float,
) -> StoryView:
    """The story page's content; ``story`` has id, title, first_seen, last_updated."""
    ordered = sorted(articles, key=_sort_key)
    sources = [Source(i + 1, a, directory.facts(a.outlet)) for i, a in enumerate(ordered)]
    data = analysis or {}
    landscape = data.get("landscape") if isinstance(data.get("landscape"), dict) else None
    estimated = landscape is None
    if landscape is None:
        landscape = estimate(_mix(ordered), directory)
    view = StoryView(
        story=story,
        sources=sources,
        segments=segments(landscape.get("by_lean") or {}),
        landscape=landscape,
        landscape_estimated=estimated,
        analysed=analysis is not None,
        blindspot=data.get("blindspot") if isinstance(data.get("blindspot"), dict) else None,
    )
    view.timeline = _timeline(sources)
    if not view.timeline and any(s.article.published for s in sources):
        view.timeline_buckets = _buckets(sources)
    if analysis is None:
        return view
    b = _Builder(sources)
    missing = view.missing
    summary = _list(data, "summary", missing, "summary")
    for section in SECTIONS:
        items = [
            b.cited(s.get("text", ""), s.get("article_ids", []))
            for s in summary
            if s.get("section") == section
        ]
        if items:
            view.summary.append((SECTION_TITLES[section], items))
    view.perspectives = _perspectives(
        b, _list(data, "perspectives", missing, "key points by perspective")
    )
    claims = _list(data, "claims", missing, "claims")
    view.consensus = [
        b.cited(c.get("text", ""), c.get("article_ids", []))
        for c in claims
        if c.get("status") == "consensus"
    ]
    claim_text = {c.get("id"): c for c in claims}
    for uc in _list(data, "unique_claims", missing, "claims only some sources report"):
        items = [
            b.cited(claim_text[cid].get("text", ""), claim_text[cid].get("article_ids", []))
            for cid in uc.get("claim_ids", [])
            if cid in claim_text
        ]
        if items:
            view.unique.append((str(uc.get("outlet") or "Unknown outlet"), items))
    for c in _list(data, "conflicts", missing, "conflicts"):
        variants = [
            {
                "value": v.get("value", ""),
                "text": v.get("text", ""),
                "sources": b.cite(v.get("article_ids", [])),
                "outlets": b.outlets(v.get("article_ids", [])),
            }
            for v in c.get("variants", [])
        ]
        view.conflicts.append(
            {"about": c.get("about", ""), "kind": c.get("kind") or "number", "variants": variants}
        )
    for q in _list(data, "quotes", missing, "quotes"):
        view.quotes.append(
            {
                "speaker": q.get("speaker"),
                "text": q.get("text", ""),
                "sources": b.cite(q.get("article_ids", [])),
                "outlets": b.outlets(q.get("article_ids", [])),
                "variants": [
                    v
                    for v in q.get("variants", [])
                    if v.get("text") and v.get("text") != q.get("text")
                ],
            }
        )
    view.framing_outlets, view.framing_rows = _framing(
        b, sources, _list(data, "framing", missing, "framing")
    )
    origins = data.get("origins")
    if isinstance(origins, dict):
        view.origins = {
            "text": origins.get("text", ""),
            "relies_on": [(k, b.outlets(v)) for k, v in (origins.get("relies_on") or {}).items()],
        }
    elif "origins" not in data:
        missing.append("origins")
    return view


def published_label(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "undated"
