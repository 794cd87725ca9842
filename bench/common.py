"""Paths and loaders shared by the bench scripts."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyscope.model import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEEDS = SHARED / "seeds"
OUT = ROOT / "bench" / "out"


def allsides_stories() -> list[dict[str, Any]]:
    with (DATA / "allsides-stories" / "dev.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def bias_articles() -> Iterator[dict[str, Any]]:
    with gzip.open(DATA / "article-bias-prediction" / "articles_all.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def floor(name: str, value: float, minimum: float) -> bool:
    """Print a metric beside its pinned floor; True when it holds."""
    ok = value >= minimum
    print(f"  {name:<40} {value:8.4f}   floor {minimum:.4f}   {'ok' if ok else 'BELOW FLOOR'}")
    return ok


def write_records(articles: Iterable[Article], path: Path) -> None:
    """Articles as the JSONL records ``storyscope ingest`` reads (title, text, url, outlet, date)."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"title": a.title, "text": a.body, "url": a.url, "outlet": a.outlet}
            published = a.published.isoformat() if a.published else None
            out.write(json.dumps({**record, "published": published}) + "\n")
