"""The registry shipped with the package: ``storyscope/data/outlets/*.csv`` and ``*.json``.

The CSV files (one per region, plus wires and commentators) are written by us from public facts;
the JSON files hold extra sets such as the fictional outlets of the bundled sample corpus. A
broken shipped file is a bug in the package, so loading raises instead of skipping.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from storyscope.model import Outlet
from storyscope.outlets.csvformat import read_csv
from storyscope.outlets.records import merge, outlet_from_dict

FORMAT = "storyscope.outlets/1"
BUILTIN_SOURCE = "builtin"


def read_json(text: str, source: str | None) -> list[Outlet]:
    """Outlets of a ``storyscope.outlets/1`` JSON document (also the local registry's format)."""
    data: Any = json.loads(text)
    if isinstance(data, dict):
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r} (expected {FORMAT})")
        data = data.get("outlets", [])
    if not isinstance(data, list):
        raise ValueError("expected a list of outlets")
    return [outlet_from_dict(item, source) for item in data if isinstance(item, dict)]


@cache
def builtin_outlets() -> tuple[Outlet, ...]:
    folder = resources.files("storyscope") / "data" / "outlets"
    merged: dict[str, Outlet] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        text = entry.read_text(encoding="utf-8") if entry.name.endswith((".csv", ".json")) else None
        if text is None:
            continue
        try:
            if entry.name.endswith(".csv"):
                outlets, problems = read_csv(text, BUILTIN_SOURCE)
                if problems:
                    raise ValueError("; ".join(problems))
            else:
                outlets = read_json(text, BUILTIN_SOURCE)
        except ValueError as exc:
            raise ValueError(f"built-in outlet file {entry.name}: {exc}") from None
        for outlet in outlets:
            key = outlet.name.casefold()
            merged[key] = merge(merged[key], outlet) if key in merged else outlet
    return tuple(merged.values())
