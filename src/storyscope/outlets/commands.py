"""What ``storyscope outlets list|show|match|import`` print; the CLI only echoes these strings."""

from __future__ import annotations

import json
from pathlib import Path

from storyscope.config import Settings
from storyscope.model import LEANS, Outlet
from storyscope.outlets.importers import import_file
from storyscope.outlets.records import outlet_to_dict
from storyscope.outlets.registry import OutletRegistry, load_registry


def _lean_filter(lean: str) -> set[str | None]:
    key = lean.strip().casefold()
    if key in ("unrated", "none"):
        return {None}
    if key not in LEANS:
        raise ValueError(f"{lean}: unknown lean (use {', '.join(LEANS)} or unrated)")
    return {key}


def list_outlets(
    settings: Settings,
    *,
    as_json: bool = False,
    country: str | None = None,
    lean: str | None = None,
) -> str:
    registry = load_registry(settings)
    outlets = registry.all()
    if country:
        outlets = [o for o in outlets if (o.country or "").casefold() == country.strip().casefold()]
    if lean:
        wanted = _lean_filter(lean)
        outlets = [o for o in outlets if registry.info(o).lean in wanted]
    outlets.sort(key=lambda o: o.name.casefold())
    if as_json:
        return json.dumps([_summary(registry, o) for o in outlets], indent=2, ensure_ascii=False)
    rows = [_row(registry, o) for o in outlets]
    width = max((len(r[0]) for r in rows), default=4)
    lines = [f"{name:<{width}}  {rest}" for name, rest in rows]
    lines.append(f"{len(outlets)} outlets")
    return "\n".join(lines)


def _summary(registry: OutletRegistry, outlet: Outlet) -> dict[str, object]:
    info = registry.info(outlet)
    return {
        "name": outlet.name,
        "country": outlet.country,
        "type": outlet.type,
        "ownership": outlet.ownership,
        "owner": outlet.owner,
        "lean": info.lean,
        "lean_rater": info.lean_rater,
        "factuality": info.factuality,
        "factuality_rater": info.factuality_rater,
        "domains": list(outlet.domains),
    }


def _row(registry: OutletRegistry, outlet: Outlet) -> tuple[str, str]:
    info = registry.info(outlet)
    lean = f"{info.lean} ({info.lean_rater})" if info.lean else "unrated"
    parts = [outlet.country or "??", outlet.type or "-", outlet.ownership or "-", lean]
    return outlet.name, "  ".join(parts)


def _find(registry: OutletRegistry, name: str) -> Outlet:
    outlet = registry.get(name) or registry.match(name=name, url=name if "." in name else None)
    if outlet is None:
        raise ValueError(f"{name}: no such outlet (see `storyscope outlets list`)")
    return outlet


def show_outlet(settings: Settings, name: str, *, as_json: bool = False) -> str:
    registry = load_registry(settings)
    outlet = _find(registry, name)
    if as_json:
        doc = outlet_to_dict(outlet)
        doc["info"] = _summary(registry, outlet)
        return json.dumps(doc, indent=2, ensure_ascii=False)
    lines = [outlet.name]
    fields = (
        ("aliases", ", ".join(outlet.aliases)),
        ("domains", ", ".join(outlet.domains)),
        ("country", outlet.country),
        ("language", outlet.language),
        ("type", outlet.type),
        ("ownership", outlet.ownership),
        ("owner", outlet.owner),
    )
    lines += [f"  {k:<11} {v}" for k, v in fields if v]
    for kind, ratings in (("lean", outlet.lean), ("factuality", outlet.factuality)):
        if not ratings:
            lines.append(f"  {kind:<11} unrated")
        for r in ratings:
            provenance = ", ".join(p for p in (r.date, r.source) if p)
            lines.append(
                f"  {kind:<11} {r.value} by {r.rater}" + (f" ({provenance})" if provenance else "")
            )
    lines += [f"  feed        {f}" for f in outlet.feeds]
    return "\n".join(lines)


def match_outlet(settings: Settings, text: str) -> str:
    """``text`` is tried as a URL (when it looks like one), a name, then a self-identifying line."""
    registry = load_registry(settings)
    stripped = text.strip()
    how = ""
    outlet = None
    if "." in stripped and " " not in stripped:
        outlet, how = registry.match_url(stripped), "domain"
    if outlet is None:
        outlet, how = registry.match_name(stripped), "name"
    if outlet is None:
        outlet, how = registry.match_text(stripped), "text"
    if outlet is None:
        return f"{stripped[:80]}: no known outlet"
    info = registry.info(outlet)
    lean = f"{info.lean} ({info.lean_rater})" if info.lean else "unrated"
    return f"{outlet.name} (by {how}; {outlet.country or '??'}, {outlet.ownership or '-'}, lean {lean})"


def import_ratings(settings: Settings, path: str, fmt: str = "auto") -> str:
    return import_file(settings, Path(path), fmt).line()
