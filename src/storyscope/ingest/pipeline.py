"""The ingest pipeline: inputs -> records -> articles -> store, one transaction per input.

Each input (a file, a URL, a feed with the pages its entries link to, stdin) is read completely
before anything is written, then stored in one transaction, so a run killed at any moment leaves
whole inputs or nothing and a rerun stores exactly what is missing (ids are stable, inserts
ignore ids already stored). A failing input or record is one ``IngestError``; the rest of the run
goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from storyscope.config import Settings
from storyscope.ingest import sources
from storyscope.ingest.articles import ConvertError, Item, to_article
from storyscope.ingest.dedup import Deduper, Signature, signature_of
from storyscope.ingest.feeds import Feed, FeedError, is_feed, parse_feed
from storyscope.ingest.fetch import Fetcher, FetchError
from storyscope.ingest.ids import article_id, canonical_url
from storyscope.ingest.records import parse_json, parse_jsonl, record_from
from storyscope.model import Article, IngestError, IngestResult, RawRecord
from storyscope.progress import progress

if TYPE_CHECKING:
    from storyscope.outlets.registry import OutletRegistry
    from storyscope.store.base import Store

__all__ = ["Batch", "Ingestor", "ingest_inputs", "ingest_records"]


@dataclass
class Batch:
    """What one input gave: records to store together, errors, feed entries to mark as seen."""

    source: str
    items: list[Item] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    seen_keys: list[str] = field(default_factory=list)
    repoint: list[tuple[str, str]] = field(default_factory=list)  # (old original, new original)
    old_entries: int = 0  # feed entries skipped because an earlier run stored them


@dataclass
class Outcome:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def entry_key(link: str) -> str:
    """The meta key marking a feed entry's link as ingested (its page may carry another URL)."""
    return "feed-entry:" + hashlib.sha256(canonical_url(link).encode()).hexdigest()[:24]


class Ingestor:
    """One run's state: the store, the fetcher, the duplicate index."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        registry: OutletRegistry | None,
        fetcher: Fetcher,
        on_article: Callable[[Sequence[Article]], None] | None = None,
    ) -> None:
        """``on_article`` is told of each original (not a copy, not stored before) as soon as it
        is read; an input that then fails to store leaves it told but never stored."""
        self.on_article = on_article
        self.store = store
        self.settings = settings
        self.registry = registry
        self.fetcher = fetcher
        self.dedup = Deduper(store)

    # ------------------------------------------------------------------ reading inputs
    def load(self, name: str) -> Batch:
        """Read one input into a batch; an unreadable input is a batch holding one error."""
        batch = Batch(source=name)
        try:
            if name == "-":
                text = sources.decode(sources.read_stdin(self.settings.file_max_bytes))
                self._from_text(batch, sources.sniff(text), text)
            elif sources.is_url(name):
                self._from_url(batch, name)
            elif os.path.isdir(name):  # expand() keeps a folder only when it has no inputs
                raise sources.InputError(
                    "folder holds no .txt, .md, .html, .json, .jsonl or feed files"
                )
            else:
                data = sources.read_file(name, self.settings.file_max_bytes)
                text = sources.decode(data)
                kind = sources.kind_of(name, text)
                if kind == "feed":
                    self.feed_batch(batch, data)  # bytes: the XML declaration names the encoding
                else:
                    self._from_text(batch, kind, text)
        except (sources.InputError, FetchError, FeedError, ValueError) as exc:
            batch.errors.append(IngestError(name, str(exc)))
        except Exception as exc:  # a parser failing on one odd input must not stop the run
            batch.errors.append(IngestError(name, f"could not read ({type(exc).__name__}: {exc})"))
        return batch

    def _from_text(
        self, batch: Batch, kind: sources.Kind, text: str, url: str | None = None
    ) -> None:
        src = batch.source
        if kind == "json" and sources.sniff(text) == "jsonl":
            kind = "jsonl"  # JSON Lines saved as .json
        if kind == "json" or kind == "jsonl":
            records, bad = (parse_json if kind == "json" else parse_jsonl)(text, src)
            batch.items.extend(Item(r) for r in records)
            batch.errors.extend(IngestError(e.where, e.reason) for e in bad)
        elif kind == "html":
            batch.items.append(Item(RawRecord(source=src, html=text, url=url)))
        elif kind == "feed":
            self.feed_batch(batch, text.encode("utf-8"))
        else:
            title = None
            first, _, rest = text.lstrip().partition("\n")
            if src.lower().endswith(".md") and first.startswith("# "):
                title, text = first[2:].strip(), rest  # a Markdown heading is the title
            batch.items.append(Item(RawRecord(source=src, text=text, url=url, title=title)))

    def _from_url(self, batch: Batch, url: str) -> None:
        got = self.fetcher.get(url)
        if is_feed(got.content, got.content_type):
            self.feed_batch(batch, got.content, base=got.url)
            return
        text = sources.decode(got.content, got.charset)
        if got.content_type in ("application/json", "application/x-ndjson"):
            kind: sources.Kind = sources.sniff(text)
        elif got.content_type == "text/plain":
            kind = "text"
        else:
            kind = "html"
        self._from_text(batch, kind, text, url=got.url)

    def feed_batch(
        self, batch: Batch, data: bytes, feed: Feed | None = None, base: str | None = None
    ) -> Batch:
        """Entries not stored before: full-text entries as they are, teasers fetched from their link.
        ``base`` is the URL the feed came from (relative entry links are resolved against it)."""
        feed = feed or parse_feed(data, base)
        if feed.broken:
            batch.errors.append(IngestError(batch.source, feed.broken))
        for number, entry in enumerate(feed.entries, start=1):
            link = entry.link if entry.link and sources.is_url(entry.link) else None
            if link and self._seen(link):
                batch.old_entries += 1
                continue
            record = RawRecord(
                source=link or f"{batch.source} entry {number}",
                url=link,
                title=entry.title,
                published=entry.published,
                author=entry.author,
                reference_date=entry.published,
            )
            if entry.content:
                batch.items.append(Item(replace(record, text=entry.content), feed.site_name))
            elif link:
                try:
                    got = self.fetcher.get(link)
                    page = sources.decode(got.content, got.charset)
                except (FetchError, sources.InputError) as exc:
                    batch.errors.append(IngestError(link, str(exc)))
                    continue
                batch.items.append(Item(replace(record, html=page, url=got.url), feed.site_name))
            else:
                batch.errors.append(
                    IngestError(record.source, "entry has no link and no full text")
                )
                continue
            if link:
                batch.seen_keys.append(entry_key(link))
        return batch

    def _seen(self, link: str) -> bool:
        return (
            self.store.has_article(article_id(None, link, ""))
            or self.store.get_meta(entry_key(link)) is not None
        )

    # ------------------------------------------------------------------ storing
    def _converted(
        self, batch: Batch, out: Outcome
    ) -> Iterator[tuple[Article, Callable[[], Signature | None]]]:
        """Each record as an article with a lazy signature (skipped articles never pay for one)."""
        for item in batch.items:
            try:
                art = to_article(item, self.registry)
            except ConvertError as exc:
                out.errors.append(IngestError(item.record.source, str(exc)))
                continue
            except Exception as exc:  # a library failing on one odd page must not stop the run
                out.errors.append(
                    IngestError(item.record.source, f"could not read ({type(exc).__name__}: {exc})")
                )
                continue
            yield art, partial(signature_of, art.body)

    def _articles(self, batch: Batch, out: Outcome) -> list[tuple[Article, Signature | None]]:
        """Deduplicate; originals are indexed right away so later records see them."""
        ready: list[tuple[Article, Signature | None]] = []
        by_hash: dict[str, str] = {}
        ids: set[str] = set()
        for art, signature in self._converted(batch, out):
            if art.id in ids or self.store.has_article(art.id):
                out.skipped.append(art.id)
                continue
            ids.add(art.id)
            original = by_hash.get(art.content_hash) or self._stored_copy(art.content_hash)
            sig = signature()
            if original is None and sig is not None:
                original = self._root(self.dedup.original_of(sig))
            if original is not None and self._published_earlier(art, original):
                # The copy we already hold was republished later than this one: the earliest
                # publication is the original, so the stored one and its copies now point here.
                batch.repoint.append((original, art.id))
                original = None
            if original is not None:
                ready.append((replace(art, duplicate_of=original), None))
            else:
                if sig is not None:
                    self.dedup.add(art.id, sig)
                ready.append((art, sig))
                if self.on_article is not None:
                    self.on_article((art,))
            by_hash.setdefault(art.content_hash, original or art.id)
        return ready

    def _root(self, article_id: str | None) -> str | None:
        """Follow a stored copy to its original (an original may have been re-pointed since)."""
        held = self.store.get_article(article_id) if article_id else None
        return (held.duplicate_of or held.id) if held else article_id

    def _published_earlier(self, art: Article, original_id: str) -> bool:
        held = self.store.get_article(original_id)
        return bool(held and held.published and art.published and art.published < held.published)

    def _stored_copy(self, digest: str) -> str | None:
        found = self.store.find_by_hash(digest)
        if found is None:
            return None
        art = self.store.get_article(found)
        return (art.duplicate_of or art.id) if art else found

    def store_batch(self, batch: Batch) -> Outcome:
        out = Outcome(errors=list(batch.errors))
        ready = self._articles(batch, out)
        indexed = [a.id for a, sig in ready if sig is not None]
        try:
            with self.store.transaction():
                out.stored = self.store.add_articles([a for a, _ in ready])
                for old_original, new_original in batch.repoint:
                    self.store.repoint_duplicates(old_original, new_original)
                for art, sig in ready:
                    if sig is not None:
                        self.store.save_signature(art.id, sig.to_bytes())
                for key in batch.seen_keys:
                    self.store.set_meta(key, "1")
        except Exception as exc:  # locked or full database: this input fails, the run goes on
            self.dedup.forget(indexed)
            out.errors.append(IngestError(batch.source, f"could not store ({exc})"))
            return out
        except BaseException:
            self.dedup.forget(indexed)
            raise
        stored = set(out.stored)
        out.skipped.extend(a.id for a, _ in ready if a.id not in stored)
        return out


def ingest_inputs(
    store: Store,
    inputs: Sequence[str],
    settings: Settings,
    registry: OutletRegistry | None,
    on_article: Callable[[Sequence[Article]], None] | None = None,
) -> IngestResult:
    """Ingest every input; errors are collected, never raised, so one bad input costs only itself.

    ``on_article`` sees each new original article as soon as it is read, before its input is
    committed, so the story stage can encode it while the rest is read (see ``Ingestor``)."""
    names = sources.expand(list(inputs))
    stored: list[str] = []
    skipped: list[str] = []
    errors: list[IngestError] = []
    with (
        Fetcher(settings) as fetcher,
        progress("ingesting", total=len(names), mode=settings.progress) as bar,
    ):
        ingestor = Ingestor(store, settings, registry, fetcher, on_article)
        for name in names:
            out = ingestor.store_batch(ingestor.load(name))
            stored.extend(out.stored)
            skipped.extend(out.skipped)
            errors.extend(out.errors)
            bar.advance()
    return IngestResult(stored=tuple(stored), skipped=tuple(skipped), errors=tuple(errors))


def ingest_records(
    store: Store,
    records: Sequence[Any],
    settings: Settings,
    registry: OutletRegistry | None,
    source: str = "records",
) -> IngestResult:
    """Ingest JSON-shaped records already in memory (the web API's POST) as one input named
    ``source``, so errors and stored articles name ``source[i]`` rather than a temporary file."""
    batch = Batch(source=source)
    for index, obj in enumerate(records):
        where = f"{source}[{index}]"
        try:
            batch.items.append(Item(record_from(obj, where)))
        except ValueError as exc:
            batch.errors.append(IngestError(where, str(exc)))
    with Fetcher(settings) as fetcher:
        out = Ingestor(store, settings, registry, fetcher).store_batch(batch)
    return IngestResult(stored=tuple(out.stored), skipped=tuple(out.skipped), errors=tuple(out.errors))
