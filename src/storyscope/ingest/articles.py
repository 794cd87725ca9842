"""One ``RawRecord`` to one ``Article``: body, metadata, outlet, language, id.

Fields the record states win over what is read from its body or page, since whoever made the
record knew more than our heuristics; the body's own metadata fills in the rest. The outlet is kept
as given when the registry does not know it, so unknown outlets are never lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from storyscope.ingest.clean import clean_text
from storyscope.ingest.dates import parse_date
from storyscope.ingest.html import extract_page
from storyscope.ingest.ids import article_id, content_hash
from storyscope.ingest.lang import detect_language
from storyscope.model import Article, RawRecord

if TYPE_CHECKING:
    from storyscope.outlets.registry import OutletRegistry

__all__ = ["ConvertError", "Item", "to_article"]

MIN_BODY_CHARS = 80  # less than a couple of sentences is not an article (cookie walls, stubs)


class ConvertError(Exception):
    """A record with no usable article; ``str(exc)`` is the reason."""


@dataclass(frozen=True)
class Item:
    """A record plus what its container knows about it (a feed's name, the page it came from)."""

    record: RawRecord
    site_name: str | None = None


def _date(text: str | None, reference: datetime | None = None) -> datetime | None:
    if not text:
        return None
    try:
        return parse_date(text, reference)
    except (ValueError, OverflowError):
        return None


def _outlet(
    registry: OutletRegistry | None,
    given: str | None,
    url: str | None,
    site_name: str | None,
    text: str | None,
) -> str | None:
    if registry is None:
        return given
    match = registry.match(name=given, url=url, site_name=site_name, text=text)
    return match.name if match is not None else given


def to_article(item: Item, registry: OutletRegistry | None) -> Article:
    """The stored form of one record (``duplicate_of`` is left for the pipeline to decide)."""
    rec = item.record
    reference = _date(rec.reference_date)
    site_name = item.site_name
    url = rec.url
    title, author, published, language = rec.title, rec.author, None, rec.language
    published = _date(rec.published, reference)
    dateline: str | None = None
    extras: dict[str, str] = {}
    if rec.html is not None:
        page = extract_page(rec.html, url)
        url = url or page.url
        if page.url and rec.url and page.url != rec.url:
            url = page.url  # the page's canonical address names the article, not the link we used
        site_name = page.site_name or site_name
        title = title or page.title
        author = author or page.author
        published = published or _date(page.published, reference)
        language = language or page.language
        raw_body = page.body
    else:
        raw_body = rec.text or ""
    if not raw_body.strip():
        raise ConvertError("no article text found")
    cleaned = clean_text(raw_body, title=title, reference_date=published or reference)
    body = cleaned.body.strip() or raw_body.strip()
    if len(body) < MIN_BODY_CHARS:
        raise ConvertError(f"no article text found (only {len(body)} characters)")
    title = title or cleaned.title
    author = author or cleaned.author
    published = published or cleaned.published
    dateline = cleaned.dateline
    extras = {k: str(v) for k, v in cleaned.extras.items()}
    language = language or detect_language(body) or None
    given = rec.outlet or site_name
    # the raw text still holds what the cleaner lifts out (datelines, agency disclaimers), which is
    # exactly what lets a pasted article name its outlet
    signs = "\n".join(
        x for x in (extras.get("signature"), extras.get("dateline_agency"), raw_body) if x
    )
    outlet = _outlet(registry, given, url, site_name, signs)
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return Article(
        id=article_id(rec.id, url, body),
        body=body,
        title=title,
        url=url,
        outlet=outlet,
        outlet_given=given,
        published=published,
        author=author,
        language=language.split("-")[0].split("_")[0].lower() if language else None,
        source=rec.source,
        content_hash=content_hash(body),
        dateline=dateline,
        extras=extras,
    )
