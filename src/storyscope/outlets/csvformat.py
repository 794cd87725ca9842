"""Our own outlet CSV: the format of the built-in registry files and of ``outlets import --format storyscope``.

One row per outlet; list cells hold several values separated by ``|``; a row may carry one lean
and one factuality rating, and further rows with the same ``name`` add more ratings (or fields)
to that outlet. ``docs/outlets.md`` documents the columns. Reading returns the problems it met
(line number and reason) instead of stopping, so an importer can skip a bad row and say so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from storyscope.model import Outlet, Rating
from storyscope.outlets.records import (
    factuality_value,
    lean_value,
    merge,
    outlet_from_dict,
    rater_name,
)

COLUMNS = (
    "name",
    "aliases",
    "domains",
    "country",
    "language",
    "type",
    "ownership",
    "owner",
    "lean",
    "lean_rater",
    "lean_date",
    "factuality",
    "factuality_rater",
    "factuality_date",
    "feeds",
    "signatures",
)
LIST_COLUMNS = ("aliases", "domains", "feeds", "signatures")
SEP = "|"


def _rating(row: dict[str, str], kind: str, source: str | None) -> Rating | None:
    raw = row.get(kind, "").strip()
    if not raw:
        return None
    value = lean_value(raw) if kind == "lean" else factuality_value(raw)
    if value is None:
        raise ValueError(f"unknown {kind} {raw!r}")
    rater = row.get(f"{kind}_rater", "").strip()
    if not rater:
        raise ValueError(f"{kind} {raw!r} without {kind}_rater")
    date = row.get(f"{kind}_date", "").strip() or None
    return Rating(rater=rater_name(rater), value=value, date=date, source=source)


def row_to_outlet(row: dict[str, str], source: str | None) -> Outlet:
    """One CSV row as an Outlet (at most one lean and one factuality rating); ValueError if bad."""
    record: dict[str, Any] = {}
    for key in COLUMNS:
        value = (row.get(key) or "").strip()
        if not value or key.startswith(("lean", "factuality")):
            continue
        record[key] = (
            [v.strip() for v in value.split(SEP) if v.strip()] if key in LIST_COLUMNS else value
        )
    lean = _rating(row, "lean", source)
    fact = _rating(row, "factuality", source)
    return replace(
        outlet_from_dict(record, source),
        lean=(lean,) if lean else (),
        factuality=(fact,) if fact else (),
    )


def read_csv(text: str, source: str | None) -> tuple[list[Outlet], list[str]]:
    """Outlets in file order (rows sharing a name merged) and one ``line N: reason`` per bad row.

    Raises ValueError when the header lacks ``name`` or has a column we do not know: that is a
    wrong file, not a bad row.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    if "name" not in header:
        raise ValueError("not a storyscope outlet CSV (no 'name' column)")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown column(s) {', '.join(unknown)}")
    reader.fieldnames = header
    outlets: dict[str, Outlet] = {}
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(f"line {line}: more cells than columns")
            continue
        try:
            outlet = row_to_outlet({k: v or "" for k, v in row.items()}, source)
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        key = outlet.name.casefold()
        outlets[key] = merge(outlets[key], outlet) if key in outlets else outlet
    return list(outlets.values()), problems


def write_csv(outlets: Iterable[Outlet]) -> str:
    """The CSV form of outlets: one row per outlet plus one row per further rating."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for outlet in outlets:
        row = {
            "name": outlet.name,
            "aliases": SEP.join(outlet.aliases),
            "domains": SEP.join(outlet.domains),
            "country": outlet.country or "",
            "language": outlet.language or "",
            "type": outlet.type or "",
            "ownership": outlet.ownership or "",
            "owner": outlet.owner or "",
            "feeds": SEP.join(outlet.feeds),
            "signatures": SEP.join(outlet.signatures),
        }
        extra = max(len(outlet.lean), len(outlet.factuality), 1)
        for i in range(extra):
            if i:
                row = {"name": outlet.name}
            for kind, ratings in (("lean", outlet.lean), ("factuality", outlet.factuality)):
                if i < len(ratings):
                    row[kind] = ratings[i].value
                    row[f"{kind}_rater"] = ratings[i].rater
                    row[f"{kind}_date"] = ratings[i].date or ""
            writer.writerow(row)
    return buf.getvalue()
