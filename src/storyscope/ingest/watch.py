"""Following feeds: poll with conditional GET, ingest only entries not seen before, repeat.

A feed's ETag and Last-Modified are kept in the store's meta table, so a restarted watcher still
asks "anything new since?" instead of downloading every feed again; entries are skipped by their
link before any page is fetched. Each round prints one line; Ctrl-C stops between or during rounds
without a traceback, and nothing half-written is left (each feed is one transaction).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from storyscope.config import Settings
from storyscope.ingest.feeds import FeedError, parse_feed
from storyscope.ingest.fetch import Fetcher, FetchError
from storyscope.ingest.pipeline import Batch, Ingestor
from storyscope.model import IngestError

__all__ = ["RoundReport", "parse_every", "read_feeds_file", "watch", "watch_round"]

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNIT = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


@dataclass(frozen=True)
class RoundReport:
    number: int
    feeds: int
    not_modified: int
    new_entries: int
    errors: tuple[IngestError, ...]

    def line(self) -> str:
        return (
            f"round {self.number}: {self.feeds} feeds, {self.not_modified} not modified, "
            f"{self.new_entries} new entries, {len(self.errors)} errors"
        )


def parse_every(text: str) -> float:
    """Seconds in "30s", "15m", "1h", "0.5s" (a bare number is seconds)."""
    match = _EVERY.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"--every {text!r}: give a positive interval such as 30s, 15m or 1h")
    return float(match.group(1)) * _UNIT[(match.group(2) or "s").lower()]


def read_feeds_file(path: str) -> list[str]:
    """Feed URLs, one a line; blank lines and ``#`` comments (whole-line or trailing) skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: feeds file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read feeds file ({exc})") from None
    urls: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if not line.startswith(("http://", "https://")):
            raise ValueError(f"{path}:{number}: not an http(s) feed URL: {line}")
        if line not in urls:
            urls.append(line)
    if not urls:
        raise ValueError(f"{path}: no feed URLs in the file")
    return urls


def _feeds_of(settings: Settings, feeds_file: str | None, outlet_set: str | None) -> list[str]:
    urls: list[str] = read_feeds_file(feeds_file) if feeds_file else []
    if outlet_set:
        if outlet_set != "default":
            raise ValueError(f"--outlets {outlet_set!r}: the only feed set is 'default'")
        from storyscope.outlets.registry import load_registry

        registry = load_registry(settings)
        try:
            default = list(registry.default_feeds())
        except AttributeError:
            raise ValueError(
                "--outlets default: this outlet registry has no default feed set yet; "
                "give a FEEDS_FILE instead"
            ) from None
        urls.extend(u for u in default if u not in urls)
    if not urls:
        raise ValueError("no feeds to watch")
    return urls


def watch_round(ingestor: Ingestor, feeds: list[str], number: int) -> RoundReport:
    """Poll every feed once; ingest what is new; remember validators for the next round."""
    store = ingestor.store
    not_modified = new = 0
    errors: list[IngestError] = []
    for url in feeds:
        etag = store.get_meta(f"feed-etag:{url}")
        modified = store.get_meta(f"feed-last-modified:{url}")
        try:
            got = ingestor.fetcher.get(url, etag=etag, last_modified=modified)
            if got.not_modified:
                not_modified += 1
                continue
            batch = ingestor.feed_batch(
                Batch(source=url), got.content, parse_feed(got.content, got.url)
            )
        except (FetchError, FeedError) as exc:
            errors.append(IngestError(url, str(exc)))
            continue
        out = ingestor.store_batch(batch)
        new += len(out.stored)
        errors.extend(out.errors)
        # validators only after the entries are stored: a crash before this re-polls in full
        if got.etag:
            store.set_meta(f"feed-etag:{url}", got.etag)
        if got.last_modified:
            store.set_meta(f"feed-last-modified:{url}", got.last_modified)
    return RoundReport(number, len(feeds), not_modified, new, tuple(errors))


def watch(
    settings: Settings,
    *,
    feeds_file: str | None,
    outlet_set: str | None,
    every: str,
    rounds: int | None,
    echo: Callable[[str], None],
) -> None:
    """Poll until ``rounds`` are done or the user presses Ctrl-C."""
    interval = parse_every(every)
    feeds = _feeds_of(settings, feeds_file, outlet_set)
    from storyscope.store import open_store

    registry = None
    try:
        from storyscope.outlets.registry import load_registry

        registry = load_registry(settings)
    except ImportError:
        registry = None
    store = open_store(settings)
    number = 0
    try:
        with Fetcher(settings) as fetcher:
            ingestor = Ingestor(store, settings, registry, fetcher)
            while rounds is None or number < rounds:
                number += 1
                report = watch_round(ingestor, feeds, number)
                for err in report.errors:
                    echo(err.line())
                echo(report.line())
                if rounds is None or number < rounds:
                    time.sleep(interval)
    except KeyboardInterrupt:
        echo(f"stopped after {number} round{'s' if number != 1 else ''}")
    finally:
        store.close()
