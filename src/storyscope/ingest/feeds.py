"""RSS and Atom feeds: telling a feed from a page, and reading its entries.

An entry that carries the whole article (``content:encoded``, Atom ``<content>``) is used as it
is; one that carries only a teaser is fetched from its link by the pipeline. The teaser test is by
length because feeds label teasers and full text with the same elements.
"""

from __future__ import annotations

import io
import re
import xml.sax
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

__all__ = ["Feed", "FeedEntry", "FeedError", "is_feed", "parse_feed", "fragment_text"]

FULL_CONTENT_CHARS = 600  # shorter than this, an entry's content is a teaser: fetch the page
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
)
_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/h[1-6]|/li|/div|/blockquote|/tr)\s*>")
_TITLE_SPLIT = re.compile(r"\s+[-|:–—]\s+|:\s+")


class FeedError(Exception):
    """Not a readable feed; ``str(exc)`` is the reason."""


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    guid: str | None
    title: str | None
    published: str | None
    author: str | None
    content: str | None  # the entry's full text when the feed carries it, else None
    summary: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    site_name: str | None  # the feed title without its section ("Harbor Gazette - World")
    link: str | None
    entries: tuple[FeedEntry, ...]
    broken: str | None = None  # why the XML is malformed when entries could still be read


def is_feed(head: bytes | str, content_type: str = "") -> bool:
    """Whether a response or file is a feed, from its media type or its first element."""
    if content_type in _FEED_TYPES[:3]:
        return True
    text = head[:2048].decode("utf-8", "replace") if isinstance(head, bytes) else head[:2048]
    low = text.lstrip("\ufeff \t\r\n").lower()
    return any(tag in low for tag in ("<rss", "<feed", "<rdf:rdf")) and "<html" not in low[:512]


def fragment_text(html: str) -> str:
    """Text of an HTML fragment with one blank line between blocks (paragraphs survive)."""
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    for junk in root.xpath("//script|//style|//figure|//figcaption|//iframe"):
        junk.drop_tree()
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _site_name(title: str | None) -> str | None:
    if not title:
        return None
    return _TITLE_SPLIT.split(title.strip(), maxsplit=1)[0].strip() or None


def _entry(raw: Any, base: str | None) -> FeedEntry:
    summary_html = raw.get("summary") or ""
    summary = fragment_text(summary_html) if summary_html else ""
    content = ""
    for part in raw.get("content") or []:
        value = fragment_text(part.get("value") or "")
        if len(value) > len(content):
            content = value
    full: str | None = None
    if len(content) >= FULL_CONTENT_CHARS and len(content) > len(summary):
        full = content
    elif len(summary) >= 3 * FULL_CONTENT_CHARS:
        full = summary  # some feeds put the whole article in <description>
    authors = raw.get("author") or ", ".join(
        a.get("name", "") for a in raw.get("authors") or [] if a.get("name")
    )
    return FeedEntry(
        link=urljoin(base, raw["link"]) if base and raw.get("link") else raw.get("link") or None,
        guid=raw.get("id") or None,
        title=raw.get("title") or None,
        published=raw.get("published") or raw.get("updated") or None,
        author=authors or None,
        content=full,
        summary=summary or None,
    )


def parse_feed(data: bytes, base: str | None = None) -> Feed:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom document; ``FeedError`` for anything else.

    A malformed feed whose complete entries could be read keeps them and says why in ``broken``.
    ``base`` is the feed's own URL, against which relative entry links are resolved.
    """
    import feedparser  # imported when a feed is read, not by every command

    # bytes in a stream: never read as a URL or path; the base resolves relative links
    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    version = parsed.get("version") or ""
    exc = parsed.get("bozo_exception")
    broken: str | None = None
    if parsed.get("bozo") and isinstance(exc, xml.sax.SAXException):
        broken = f"broken feed ({str(exc).splitlines()[0]})"
    # a feed cut short leaves a last entry with neither link nor text: not an entry at all
    entries = tuple(
        e
        for e in (_entry(raw, base) for raw in parsed.get("entries") or [])
        if not broken or e.link or e.content or e.summary
    )
    if not entries and (not version or not _has_channel(data)):
        raise FeedError(broken if version and broken else "not an RSS or Atom feed")
    if not entries and broken:
        raise FeedError(broken)
    meta = parsed.get("feed") or {}
    title = meta.get("title") or None
    return Feed(
        title=title,
        site_name=_site_name(title),
        link=meta.get("link") or None,
        entries=entries,
        broken=broken,
    )


def _has_channel(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"<channel" in head or b"<feed" in head
