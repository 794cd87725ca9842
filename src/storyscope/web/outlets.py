"""What the pages need to know about an outlet, looked up once per name and kept.

The outlet registry may match names fuzzily, which is too slow to repeat for every article of
every page, so facts are cached per stored outlet name. When the registry cannot be loaded (a bad
local file, or an older install) pages still render, with every outlet shown as unrated.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from storyscope.config import Settings
from storyscope.model import LEANS, Outlet, Rating

log = logging.getLogger(__name__)

UNRATED = "unrated"
LANDSCAPE_KEYS: tuple[str, ...] = (*LEANS, UNRATED)
LEAN_LABELS: dict[str, str] = {
    "left": "Left",
    "lean-left": "Lean left",
    "center": "Center",
    "lean-right": "Lean right",
    "right": "Right",
    UNRATED: "Unrated",
}


@dataclass(frozen=True)
class OutletFacts:
    """An outlet as the pages show it; ``known`` is False for names the registry does not match."""

    name: str
    known: bool = False
    lean: str | None = None
    lean_rater: str | None = None
    factuality: str | None = None
    factuality_rater: str | None = None
    country: str | None = None
    ownership: str | None = None
    owner: str | None = None
    type: str | None = None
    lean_ratings: tuple[Rating, ...] = ()
    factuality_ratings: tuple[Rating, ...] = ()
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    language: str | None = None

    @property
    def lean_key(self) -> str:
        return self.lean if self.lean in LEANS else UNRATED

    def as_json(self) -> dict[str, Any]:
        def ratings(values: tuple[Rating, ...]) -> list[dict[str, str | None]]:
            return [
                {"rater": r.rater, "value": r.value, "date": r.date, "source": r.source}
                for r in values
            ]

        return {
            "name": self.name,
            "known": self.known,
            "country": self.country,
            "language": self.language,
            "type": self.type,
            "ownership": self.ownership,
            "owner": self.owner,
            "lean": self.lean,
            "lean_rater": self.lean_rater,
            "factuality": self.factuality,
            "factuality_rater": self.factuality_rater,
            "lean_ratings": ratings(self.lean_ratings),
            "factuality_ratings": ratings(self.factuality_ratings),
            "aliases": list(self.aliases),
            "domains": list(self.domains),
        }


def _facts(name: str, outlet: Outlet, info: Any) -> OutletFacts:
    return OutletFacts(
        name=name,
        known=True,
        lean=getattr(info, "lean", None),
        lean_rater=getattr(info, "lean_rater", None),
        factuality=getattr(info, "factuality", None),
        factuality_rater=getattr(info, "factuality_rater", None),
        country=outlet.country,
        ownership=outlet.ownership,
        owner=outlet.owner,
        type=outlet.type,
        lean_ratings=tuple(outlet.lean),
        factuality_ratings=tuple(outlet.factuality),
        aliases=tuple(outlet.aliases),
        domains=tuple(outlet.domains),
        language=outlet.language,
    )


class OutletDirectory:
    """Thread-safe, lazily loaded view of the outlet registry for one app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._registry: Any = None
        self._loaded = False
        self._cache: dict[str, OutletFacts] = {}
        self.error: str | None = None

    def _load(self) -> Any:
        if not self._loaded:
            try:
                from storyscope.outlets.registry import load_registry

                self._registry = load_registry(self.settings)
            except Exception as exc:  # a broken registry must not take the pages down
                self.error = f"outlet registry unavailable: {exc}"
                log.warning("%s", self.error)
                self._registry = None
            self._loaded = True
        return self._registry

    def facts(self, name: str | None) -> OutletFacts:
        key = name or ""
        found = self._cache.get(key)
        if found is not None:
            return found
        with self._lock:
            registry = self._load()
            facts = OutletFacts(name=key or "unknown outlet")
            if registry is not None and key:
                try:
                    outlet = registry.get(key)
                    if outlet is not None:
                        facts = _facts(key, outlet, registry.info(outlet))
                except Exception as exc:  # one odd name must not break a page
                    log.warning("outlet %r: %s", key, exc)
            self._cache[key] = facts
        return facts

    def reset(self) -> None:
        """Forget cached facts (after ratings are imported while the server runs)."""
        with self._lock:
            self._cache.clear()
            self._loaded = False
            self._registry = None
            self.error = None
