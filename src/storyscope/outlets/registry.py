"""The outlet registry: built-in knowledge merged with the user's imported ratings, and matching.

Matching is deliberately conservative: a URL's domain, an ``og:site_name``, a name as it appears
in the wild, or a line the outlet prints about itself. Anything else stays unknown (None) rather
than being guessed, because a wrong outlet puts a wrong lean on the report.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from storyscope.config import Settings
from storyscope.model import Outlet, OutletInfo
from storyscope.outlets.builtin import FORMAT, builtin_outlets, read_json
from storyscope.outlets.matching import (
    domain_candidates,
    looks_like_domain,
    loose_name,
    name_variants,
    norm_domain,
    norm_name,
    norm_text,
)
from storyscope.outlets.records import AD_FONTES, ALLSIDES, MBFC, merge, outlet_to_dict, preferred

LEAN_ORDER = (ALLSIDES, AD_FONTES, MBFC)
FACTUALITY_ORDER = (MBFC, AD_FONTES, ALLSIDES)
DEFAULT_FEED_COUNT = 30
MAX_FEEDS_PER_COUNTRY = 10
FEED_SIDE_CYCLE = ("left", "center", "right", "unrated", "unrated")



# "© 2025 Name. All rights reserved." / "Copyright (c) Name 2024" on a line of its own.
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?"
    r"(?P<name>[^\n.,©]{2,60}?)\s*(?:\d{4})?\s*(?:[.,]|all rights|$)",
    re.IGNORECASE | re.MULTILINE,
)

class OutletRegistry:
    """Every known outlet with indexes by name, loose name, domain and self-identifying line."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._outlets = list(outlets)
        self._exact: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        loose: dict[str, list[Outlet]] = defaultdict(list)
        # Canonical names first, so an alias of one outlet never hides another's own name.
        for outlet in self._outlets:
            self._exact.setdefault(norm_name(outlet.name), outlet)
        for outlet in self._outlets:
            for alias in outlet.aliases:
                self._exact.setdefault(norm_name(alias), outlet)
            for label in (outlet.name, *outlet.aliases):
                key = loose_name(label)
                if key and all(o is not outlet for o in loose[key]):
                    loose[key].append(outlet)
            for domain in outlet.domains:
                self._domains.setdefault(norm_domain(domain), outlet)
        # A loose key two outlets share ("abc" for ABC News US and ABC Australia) matches neither.
        self._loose = {k: v[0] for k, v in loose.items() if len(v) == 1}
        self._signatures = [
            (norm_text(s), o) for o in self._outlets for s in o.signatures if s.strip()
        ]

    # ------------------------------------------------------------------ lookups

    def all(self) -> list[Outlet]:
        return list(self._outlets)

    def get(self, name: str) -> Outlet | None:
        """The outlet whose canonical name or alias this is (case and punctuation ignored)."""
        return self._exact.get(norm_name(name)) if name and name.strip() else None

    def match(
        self,
        *,
        name: str | None = None,
        url: str | None = None,
        site_name: str | None = None,
        text: str | None = None,
    ) -> Outlet | None:
        """The outlet an article comes from, trying url > site_name > name > text; None when unsure."""
        if url and (found := self.match_url(url)):
            return found
        for label in (site_name, name):
            if label and (found := self.match_name(label)):
                return found
        if text:
            return self.match_text(text)
        return None

    def match_url(self, url: str) -> Outlet | None:
        for key in domain_candidates(url):
            if key in self._domains:
                return self._domains[key]
        return None

    def match_name(self, name: str) -> Outlet | None:
        variants = name_variants(name)
        for variant in variants:
            if found := self._exact.get(norm_name(variant)):
                return found
        for variant in variants:
            if found := self._loose.get(loose_name(variant)):
                return found
        if looks_like_domain(name):
            return self.match_url(name)
        return None

    def match_text(self, text: str) -> Outlet | None:
        """The outlet whose own lines (dateline, disclaimer, slogan) appear most often in ``text``."""
        body = norm_text(text)
        hits: dict[str, tuple[int, int, Outlet]] = {}
        for signature, outlet in self._signatures:
            pos = body.find(signature)
            if pos < 0:
                continue
            count, first, _ = hits.get(outlet.name, (0, len(body), outlet))
            hits[outlet.name] = (count + body.count(signature), min(first, pos), outlet)
        if not hits:
            return self._match_copyright(text)
        return sorted(hits.values(), key=lambda h: (-h[0], h[1]))[0][2]

    def _match_copyright(self, text: str) -> Outlet | None:
        """A page's own copyright line ("© 2025 The Daily X. All rights reserved.") names it."""
        for m in _COPYRIGHT.finditer(text):
            if found := self.match_name(m.group("name").strip(" .,")):
                return found
        return None

    # ------------------------------------------------------------------ report views

    def info(self, outlet: Outlet) -> OutletInfo:
        """What the report shows: one lean (AllSides > Ad Fontes > MBFC) and one factuality (MBFC first)."""
        lean = preferred(outlet.lean, LEAN_ORDER)
        fact = preferred(outlet.factuality, FACTUALITY_ORDER)
        return OutletInfo(
            name=outlet.name,
            country=outlet.country,
            type=outlet.type,
            ownership=outlet.ownership,
            owner=outlet.owner,
            lean=lean.value if lean else None,
            lean_rater=lean.rater if lean else None,
            factuality=fact.value if fact else None,
            factuality_rater=fact.rater if fact else None,
        )

    def default_feeds(self, count: int = DEFAULT_FEED_COUNT) -> list[str]:
        """A balanced starter set for ``storyscope watch --outlets default``.

        Sides take turns (left, center, right, then two picks of unrated outlets, which are mostly
        the non-US state, public and private media raters do not cover); within a side the
        ownership kinds take turns, and the outlet from the least-picked country goes first, with
        at most ``MAX_FEEDS_PER_COUNTRY`` per country. Data-file order breaks ties, so the
        curated order decides which feed of a crowded group comes first.
        """
        groups: dict[str, dict[str, list[Outlet]]] = defaultdict(lambda: defaultdict(list))
        for outlet in self._outlets:
            if outlet.feeds:
                side = lean_side(self.info(outlet).lean)
                groups[side][outlet.ownership or "unknown"].append(outlet)
        turn: dict[str, int] = defaultdict(int)
        per_country: dict[str, int] = defaultdict(int)
        picked: list[str] = []
        while len(picked) < count:
            before = len(picked)
            for side in FEED_SIDE_CYCLE:
                found = _next_feed(groups[side], turn[side], per_country)
                turn[side] += 1
                if found is not None:
                    per_country[found.country or "?"] += 1
                    picked.append(found.feeds[0])
                if len(picked) >= count:
                    break
            if len(picked) == before:
                break
        return picked


def _next_feed(
    by_ownership: dict[str, list[Outlet]], turn: int, per_country: dict[str, int]
) -> Outlet | None:
    """Pop the next outlet of a side: ownership kinds rotate, the least-used country wins."""
    kinds = sorted(k for k, v in by_ownership.items() if v)
    for i in range(len(kinds)):
        queue = by_ownership[kinds[(turn + i) % len(kinds)]]
        allowed = [o for o in queue if per_country[o.country or "?"] < MAX_FEEDS_PER_COUNTRY]
        if allowed:
            best = min(allowed, key=lambda o: per_country[o.country or "?"])
            queue.remove(best)
            return best
    return None


def lean_side(lean: str | None) -> str:
    """Three sides for balance and blindspots: left+lean-left, center, right+lean-right."""
    if lean in ("left", "lean-left"):
        return "left"
    if lean in ("right", "lean-right"):
        return "right"
    return lean or "unrated"


# ---------------------------------------------------------------------- local registry file


def read_local(path: Path) -> list[Outlet]:
    """The user's registry file (written by the importers); missing means empty."""
    if not path.is_file():
        return []
    try:
        return read_json(path.read_text(encoding="utf-8"), None)
    except (ValueError, OSError) as exc:
        raise ValueError(f"{path}: not a valid outlet registry ({exc})") from None


def write_local(path: Path, outlets: Iterable[Outlet]) -> None:
    """Write atomically, so an interrupted import never leaves half a registry behind."""
    doc = {"format": FORMAT, "outlets": [outlet_to_dict(o) for o in outlets]}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def merged_outlets(builtin: Iterable[Outlet], local: Iterable[Outlet]) -> list[Outlet]:
    """Built-in entries with the local ones laid over them (matched by name or alias), new ones appended."""
    outlets = list(builtin)
    index = OutletRegistry(outlets)
    position = {id(o): i for i, o in enumerate(outlets)}
    for extra in local:
        found = index.get(extra.name)
        if found is not None and id(found) in position:
            i = position[id(found)]
            outlets[i] = merge(outlets[i], extra)
        else:
            outlets.append(extra)
    return outlets


_CACHE: dict[tuple[Settings, int | None], OutletRegistry] = {}


def load_registry(settings: Settings) -> OutletRegistry:
    """The registry for these settings, rebuilt only when the local registry file changes."""
    path = settings.local_outlets_path
    try:
        stamp: int | None = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    key = (settings, stamp)
    if key not in _CACHE:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = OutletRegistry(merged_outlets(builtin_outlets(), read_local(path)))
    return _CACHE[key]
