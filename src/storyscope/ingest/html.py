"""An HTML page to its article: body and metadata.

trafilatura finds the body and most metadata; the few tags publishers fill in reliably but
trafilatura sometimes skips (``og:site_name``, ``<link rel=canonical>``, ``article:published_time``,
``og:title``) are read directly with lxml and win, because they are the publisher's own statement.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

__all__ = ["ExtractedPage", "extract_page"]

# trafilatura logs "discarding data" and similar at WARNING for ordinary pages; those are not ours
# to show a user who asked to ingest a page.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class ExtractedPage:
    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # as the page gives it; the pipeline parses it
    site_name: str | None = None
    url: str | None = None  # canonical URL when the page declares one
    language: str | None = None
    description: str | None = None


def _first(tree: Any, *xpaths: str) -> str | None:
    for xp in xpaths:
        for value in tree.xpath(xp):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _title_site(title: str | None) -> str | None:
    """The site in a ``<title>`` like "Headline | The Daily Ledger", when it is short enough to be one."""
    if not title:
        return None
    for sep in (" | ", " – ", " — ", " - "):
        if sep in title:
            tail = title.rsplit(sep, 1)[1].strip()
            return tail if 0 < len(tail) <= 40 and len(tail.split()) <= 5 else None
    return None


def _page_meta(html: str) -> dict[str, str | None]:
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return {}
    return {
        "site_name": _first(
            tree,
            "//meta[@property='og:site_name']/@content",
            "//meta[@name='application-name']/@content",
            "//meta[@name='publisher']/@content",
        ),
        "url": _first(
            tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"
        ),
        "published": _first(
            tree,
            "//meta[@property='article:published_time']/@content",
            "//meta[@itemprop='datePublished']/@content",
            "//time[@itemprop='datePublished']/@datetime",
            "//article//time/@datetime",
            "//meta[@name='date']/@content",
        ),
        "title": _first(
            tree, "//meta[@property='og:title']/@content", "//meta[@name='twitter:title']/@content"
        ),
        "author": _first(
            tree, "//meta[@name='author']/@content", "//meta[@property='article:author']/@content"
        ),
        "page_title": _first(tree, "//title/text()"),
        "language": _first(tree, "/html/@lang", "//meta[@http-equiv='content-language']/@content"),
    }


def extract_page(html: str, url: str | None = None) -> ExtractedPage:
    """Body and metadata of one page; ``body`` is empty when the page holds no article text."""
    import trafilatura  # 0.5 s to import: paid only by runs that read HTML

    meta = _page_meta(html)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # without this htmldate guesses a date from any year in the text ("closed in 2019")
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found: dict[str, Any] = {}
    if doc is not None:
        found = (
            doc
            if isinstance(doc, dict)
            else {
                k: getattr(doc, k, None)
                for k in (
                    "text",
                    "title",
                    "author",
                    "date",
                    "sitename",
                    "url",
                    "language",
                    "description",
                )
            }
        )
    body = (found.get("text") or "").strip()
    canonical = meta.get("url") or found.get("url")
    if canonical and url:
        canonical = urljoin(url, canonical)
    if canonical and not canonical.startswith(("http://", "https://")):
        canonical = None
    if canonical and urlsplit(canonical).path in ("", "/"):
        canonical = None  # some CMSs point every page at the home page: that names no article
    language = meta.get("language") or found.get("language")
    return ExtractedPage(
        body=body,
        title=meta.get("title") or found.get("title"),
        author=meta.get("author") or found.get("author"),
        published=meta.get("published") or found.get("date"),
        site_name=meta.get("site_name")
        or found.get("sitename")
        or _title_site(meta.get("page_title")),
        url=canonical or url,
        language=language.split("-")[0].lower() if language else None,
        description=found.get("description"),
    )
