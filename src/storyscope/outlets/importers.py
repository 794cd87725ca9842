"""Importers for public rating files (AllSides CSV, MBFC TSV) and our own outlet CSV.

An import never edits the shipped data: every rating is merged into the user's local registry
(``Settings.local_outlets_path``) with its provenance (rater, value, date, the file it came from).
A row that cannot be read is skipped and counted; a file that is not one of the formats at all is
one ``ValueError`` naming it, which the CLI prints as a single line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from storyscope.config import Settings
from storyscope.model import Outlet, Rating
from storyscope.outlets.csvformat import read_csv
from storyscope.outlets.records import ALLSIDES, MBFC, factuality_value, lean_value, merge
from storyscope.outlets.registry import OutletRegistry, load_registry, read_local, write_local

FORMATS = ("auto", "allsides", "mbfc", "storyscope")


@dataclass
class Parsed:
    """Rated records read from one file, before they are matched to the registry."""

    records: list[tuple[Outlet, str | None]] = field(default_factory=list)  # (record, url to match)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportSummary:
    ratings: int
    matched: int
    new: int
    problems: tuple[str, ...] = ()

    def line(self) -> str:
        text = f"imported {self.ratings} ratings: {self.matched} matched existing outlets, {self.new} new"
        if self.problems:
            shown = "; ".join(self.problems[:3]) + ("; ..." if len(self.problems) > 3 else "")
            text += f" ({len(self.problems)} rows skipped: {shown})"
        return text


def file_date(path: Path) -> str | None:
    """A rating date from the file name ("allsides-2019.csv" -> "2019"): the files carry none."""
    found = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", path.name)
    return found.group(1) if found else None


def detect(text: str) -> str | None:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    cells = {c.strip().strip('"').casefold() for c in re.split(r"[,\t]", first)}
    if {"news_source", "rating"} <= cells:
        return "allsides"
    if (
        "\t" in first
        and {"fact", "bias"} <= cells
        and ("source_url" in cells or "source_url_normalized" in cells)
    ):
        return "mbfc"
    if "name" in cells and "\t" not in first:
        return "storyscope"
    return None


def parse_allsides(text: str, source: str, date: str | None) -> Parsed:
    out = Parsed()
    reader = csv.DictReader(io.StringIO(text))
    if not {"news_source", "rating"} <= set(reader.fieldnames or []):
        raise ValueError("not an AllSides CSV (needs news_source and rating columns)")
    for row in reader:
        name = (row.get("news_source") or "").strip()
        raw = (row.get("rating") or "").strip()
        if not name:
            out.problems.append(f"line {reader.line_num}: no news_source")
            continue
        if raw.casefold() == "allsides":  # AllSides' own "mixed/allsides" entries carry no lean
            continue
        value = lean_value(raw)
        if value is None:
            out.problems.append(f"line {reader.line_num}: unknown rating {raw[:40]!r}")
            continue
        rating = Rating(rater=ALLSIDES, value=value, date=date, source=source)
        out.records.append((Outlet(name=name, lean=(rating,)), None))
    return out


def _name_from_ref(ref: str, domain: str) -> str:
    """MBFC rows have no outlet name; the review URL's slug is one ("the-village-voice")."""
    slug = ref.rstrip("/").rsplit("/", 1)[-1] if ref.strip() else ""
    slug = re.sub(r"-(media-bias|bias|rating)$", "", slug)
    if not slug or not re.fullmatch(r"[a-z0-9-]+", slug):
        return domain
    return " ".join(w if w.isdigit() else w.capitalize() for w in slug.split("-"))


def parse_mbfc(text: str, source: str, date: str | None) -> Parsed:
    out = Parsed()
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    names = set(reader.fieldnames or [])
    if not {"fact", "bias"} <= names or not names & {"source_url", "source_url_normalized"}:
        raise ValueError("not an MBFC TSV (needs source_url, fact and bias columns)")
    for row in reader:
        url = (row.get("source_url_normalized") or row.get("source_url") or "").strip()
        if not url or None in row:
            out.problems.append(f"line {reader.line_num}: no source_url")
            continue
        lean = lean_value(row.get("bias") or "")
        fact = factuality_value(row.get("fact") or "")
        if lean is None and fact is None:
            out.problems.append(
                f"line {reader.line_num}: unknown bias/fact {row.get('bias')!r}/{row.get('fact')!r}"
            )
            continue
        domain = re.sub(r"^[a-z]+://", "", url.casefold()).removeprefix("www.").split("/")[0]
        record = Outlet(
            name=_name_from_ref(row.get("ref") or "", domain),
            domains=(domain,),
            lean=(Rating(MBFC, lean, date, source),) if lean else (),
            factuality=(Rating(MBFC, fact, date, source),) if fact else (),
        )
        out.records.append((record, url))
    return out


def parse_storyscope(text: str, source: str) -> Parsed:
    outlets, problems = read_csv(text, source)
    out = Parsed(problems=problems)
    for outlet in outlets:
        out.records.append((outlet, outlet.domains[0] if outlet.domains else None))
    return out


def parse_file(path: Path, fmt: str) -> Parsed:
    if fmt not in FORMATS:
        raise ValueError(f"{path}: unknown format {fmt!r} (use {', '.join(FORMATS)})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    kind = detect(text) if fmt == "auto" else fmt
    if kind is None:
        raise ValueError(
            f"{path}: not an AllSides CSV, MBFC TSV or storyscope outlet CSV (see docs/outlets.md)"
        )
    source = str(path.resolve())
    try:
        if kind == "allsides":
            parsed = parse_allsides(text, source, file_date(path))
        elif kind == "mbfc":
            parsed = parse_mbfc(text, source, file_date(path))
        else:
            parsed = parse_storyscope(text, source)
    except (ValueError, csv.Error) as exc:
        raise ValueError(f"{path}: {exc}") from None
    if not parsed.records and parsed.problems:
        raise ValueError(f"{path}: no readable rows ({parsed.problems[0]})")
    return parsed


def apply(
    registry: OutletRegistry, local: list[Outlet], parsed: Parsed
) -> tuple[list[Outlet], int, int]:
    """Local registry entries with the parsed records merged in; returns (entries, matched, new)."""
    by_name = {o.name.casefold(): i for i, o in enumerate(local)}
    matched = new = 0
    seen_new: set[str] = set()
    for record, url in parsed.records:
        # A record with a URL is matched by domain, then by its exact name only: MBFC names are
        # made up from review-page slugs, too loose to trust the looser name rules with.
        existing = (
            (registry.match_url(url) or registry.get(record.name))
            if url
            else registry.match(name=record.name)
        )
        if existing is not None:
            matched += 1
            record = Outlet(name=existing.name, lean=record.lean, factuality=record.factuality)
        elif record.name.casefold() not in seen_new:
            new += 1
            seen_new.add(record.name.casefold())
        key = record.name.casefold()
        if key in by_name:
            local[by_name[key]] = merge(local[by_name[key]], record)
        else:
            by_name[key] = len(local)
            local.append(record)
    return local, matched, new


def import_file(settings: Settings, path: str | Path, fmt: str = "auto") -> ImportSummary:
    file = Path(path)
    parsed = parse_file(file, fmt)
    target = settings.local_outlets_path
    local, matched, new = apply(load_registry(settings), read_local(target), parsed)
    write_local(target, local)
    return ImportSummary(len(parsed.records), matched, new, tuple(parsed.problems))
