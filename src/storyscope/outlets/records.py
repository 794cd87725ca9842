"""Outlet records as plain dicts (the data files, the local registry) and how two records merge.

One vocabulary for every source: raters are stored under their full public names, leans on the
five-point scale of ``model.LEANS``, factuality on six steps. Merging never drops a rating: each
keeps its rater, value, date and the file it came from, so ``storyscope outlets show`` can say who
said what and when.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, cast, get_args

from storyscope.model import LEANS, Outlet, OutletType, Ownership, Rating

ALLSIDES = "AllSides"
MBFC = "Media Bias/Fact Check"
AD_FONTES = "Ad Fontes Media"
RATERS = {
    "allsides": ALLSIDES,
    "media bias/fact check": MBFC,
    "media bias fact check": MBFC,
    "mediabiasfactcheck": MBFC,
    "mbfc": MBFC,
    "ad fontes media": AD_FONTES,
    "ad fontes": AD_FONTES,
    "adfontes": AD_FONTES,
}
FACTUALITY = ("very-high", "high", "mostly-factual", "mixed", "low", "very-low")
OUTLET_TYPES: tuple[str, ...] = get_args(OutletType)
OWNERSHIPS: tuple[str, ...] = get_args(Ownership)
# Keys a data file may carry besides the Outlet fields ("fictional" marks the sample corpus).
EXTRA_KEYS = frozenset({"fictional", "note"})
# Every spelling the raters use, mapped onto our five-point scale.
_LEANS = {
    "extreme-left": "left",
    "far-left": "left",
    "left": "left",
    "left-center": "lean-left",
    "center-left": "lean-left",
    "lean-left": "lean-left",
    "leans-left": "lean-left",
    "center": "center",
    "centre": "center",
    "least-biased": "center",
    "right-center": "lean-right",
    "center-right": "lean-right",
    "lean-right": "lean-right",
    "leans-right": "lean-right",
    "right": "right",
    "extreme-right": "right",
    "far-right": "right",
}


def rater_name(raw: str) -> str:
    """Canonical rater name; a rater we do not know keeps the name it was given."""
    return RATERS.get(raw.strip().casefold(), raw.strip())


def lean_value(raw: str) -> str | None:
    """A lean on the five-point scale, from any spelling the raters use, or None when unusable."""
    key = raw.strip().casefold().replace("_", "-").replace(" ", "-")
    return _LEANS.get(key)


def factuality_value(raw: str) -> str | None:
    key = raw.strip().casefold().replace("_", "-").replace(" ", "-")
    return key if key in FACTUALITY else None


def _strings(value: Any, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{field} must be a list of strings")


def _ratings(value: Any, field: str, source: str | None) -> tuple[Rating, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError(f"{field} must be a list of ratings")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or "rater" not in item or "value" not in item:
            raise ValueError(f"{field}: each rating needs rater and value")
        check = lean_value if field == "lean" else factuality_value
        val = check(str(item["value"]))
        if val is None:
            raise ValueError(f"{field}: unknown value {item['value']!r}")
        out.append(
            Rating(
                rater=rater_name(str(item["rater"])),
                value=val,
                date=str(item["date"]) if item.get("date") else None,
                source=str(item["source"]) if item.get("source") else source,
            )
        )
    return tuple(out)


def outlet_from_dict(data: Mapping[str, Any], source: str | None = None) -> Outlet:
    """Build an Outlet from a data-file record, checking vocabularies; raises ValueError naming the field."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("record without a name")
    known = {"name", "aliases", "domains", "country", "language", "type", "ownership", "owner"}
    known |= {"lean", "factuality", "feeds", "signatures"} | EXTRA_KEYS
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{name}: unknown field(s) {', '.join(sorted(unknown))}")
    kind = data.get("type")
    if kind is not None and kind not in OUTLET_TYPES:
        raise ValueError(f"{name}: unknown type {kind!r}")
    own = data.get("ownership")
    if own is not None and own not in OWNERSHIPS:
        raise ValueError(f"{name}: unknown ownership {own!r}")
    country = data.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 2):
        raise ValueError(f"{name}: country must be an ISO 3166-1 alpha-2 code")
    try:
        return Outlet(
            name=name.strip(),
            aliases=_strings(data.get("aliases"), "aliases"),
            domains=_strings(data.get("domains"), "domains"),
            country=country.upper() if country else None,
            language=data.get("language") or None,
            type=cast(OutletType | None, kind),
            ownership=cast(Ownership | None, own),
            owner=data.get("owner") or None,
            lean=_ratings(data.get("lean"), "lean", source),
            factuality=_ratings(data.get("factuality"), "factuality", source),
            feeds=_strings(data.get("feeds"), "feeds"),
            signatures=_strings(data.get("signatures"), "signatures"),
        )
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def rating_dict(rating: Rating) -> dict[str, Any]:
    out: dict[str, Any] = {"rater": rating.rater, "value": rating.value}
    if rating.date:
        out["date"] = rating.date
    if rating.source:
        out["source"] = rating.source
    return out


def outlet_to_dict(outlet: Outlet) -> dict[str, Any]:
    """The JSON form (local registry, ``outlets show --json``); empty fields are left out."""
    out: dict[str, Any] = {"name": outlet.name}
    for key in ("aliases", "domains"):
        if getattr(outlet, key):
            out[key] = list(getattr(outlet, key))
    for key in ("country", "language", "type", "ownership", "owner"):
        if getattr(outlet, key) is not None:
            out[key] = getattr(outlet, key)
    for key in ("lean", "factuality"):
        if getattr(outlet, key):
            out[key] = [rating_dict(r) for r in getattr(outlet, key)]
    for key in ("feeds", "signatures"):
        if getattr(outlet, key):
            out[key] = list(getattr(outlet, key))
    return out


def _union(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in (*a, *b):
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())


def _union_ratings(a: Iterable[Rating], b: Iterable[Rating]) -> tuple[Rating, ...]:
    out: list[Rating] = []
    for rating in (*a, *b):
        if rating not in out:
            out.append(rating)
    return tuple(out)


def merge(base: Outlet, extra: Outlet) -> Outlet:
    """``base`` with ``extra`` laid over it: lists are unioned, scalars set in ``extra`` win."""
    return replace(
        base,
        aliases=_union(
            base.aliases, (extra.aliases + ((extra.name,) if extra.name != base.name else ()))
        ),
        domains=_union(base.domains, extra.domains),
        country=extra.country or base.country,
        language=extra.language or base.language,
        type=extra.type or base.type,
        ownership=extra.ownership or base.ownership,
        owner=extra.owner or base.owner,
        lean=_union_ratings(base.lean, extra.lean),
        factuality=_union_ratings(base.factuality, extra.factuality),
        feeds=_union(base.feeds, extra.feeds),
        signatures=_union(base.signatures, extra.signatures),
    )


def preferred(ratings: Iterable[Rating], order: tuple[str, ...]) -> Rating | None:
    """The rating of the first rater in ``order`` (latest date wins within a rater), else any."""
    items = sorted(ratings, key=lambda r: r.date or "", reverse=True)
    if not items:
        return None
    # sorted() is stable, so the newest rating stays first within each rater's rank.
    return sorted(items, key=lambda r: order.index(r.rater) if r.rater in order else len(order))[0]


__all__ = [
    "AD_FONTES",
    "ALLSIDES",
    "FACTUALITY",
    "LEANS",
    "MBFC",
    "factuality_value",
    "lean_value",
    "merge",
    "outlet_from_dict",
    "outlet_to_dict",
    "preferred",
    "rater_name",
    "rating_dict",
]
