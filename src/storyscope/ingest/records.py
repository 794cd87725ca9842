"""JSON and JSON Lines records to ``RawRecord``s.

A record has ``id, url, outlet, title, published, author, language`` and ``text`` or ``html``; only
the body is required. Common spellings from scrapers and news APIs are accepted too (``link``,
``headline``, ``body``, ``content``, ``source: {"name": ...}``), so exports load without a rewrite.
One bad record is one error (``file:line`` or ``file[index]``); the other records still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storyscope.model import RawRecord

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "ID", "article_id", "uid"),
    "url": ("url", "link", "href", "canonical_url"),
    "outlet": ("outlet", "publisher", "site_name", "source_name", "newsSource", "source"),
    "title": ("title", "headline", "newsTitle"),
    "published": ("published", "published_at", "publishedAt", "date", "pubDate", "datePublished"),
    "author": ("author", "byline", "authors", "creator"),
    "language": ("language", "lang"),
    "text": ("text", "body", "content", "content_original", "article", "newBody"),
    "html": ("html", "raw_html", "content_html"),
    "reference_date": ("reference_date",),
}


@dataclass(frozen=True)
class RecordError:
    """Where in a file a record failed (``file:3`` or ``file[2]``) and why."""

    where: str
    reason: str


def _text_of(value: Any) -> str | None:
    """A field value as text: lists of paragraphs joined, ``{"name": ...}`` objects unwrapped."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        return _text_of(value.get("name") or value.get("title"))
    if isinstance(value, list):
        parts = [p for p in (_text_of(v) for v in value) if p]
        return (
            ", ".join(parts)
            if parts and all(len(p) < 80 for p in parts)
            else ("\n\n".join(parts) or None)
        )
    return None


def _body_of(value: Any) -> str | None:
    if isinstance(value, list):
        parts = [p for p in (_text_of(v) for v in value) if p]
        return "\n\n".join(parts) or None
    return _text_of(value)


def record_from(obj: Any, source: str) -> RawRecord:
    """One JSON value as a record; ``ValueError`` (reason only) when it is not a usable record."""
    if not isinstance(obj, dict):
        raise ValueError(f"a record must be a JSON object, got {type(obj).__name__}")
    found: dict[str, str | None] = {}
    for name, keys in _ALIASES.items():
        value = None
        for key in keys:
            if key in obj and obj[key] not in (None, "", []):
                value = _body_of(obj[key]) if name in ("text", "html") else _text_of(obj[key])
                if value:
                    break
        found[name] = value
    if not found["text"] and not found["html"]:
        raise ValueError("record has no text or html")
    if found["html"] and found["text"]:
        found["html"] = None  # the text given is what the record's author meant as the body
    return RawRecord(source=source, **found)


def parse_json(text: str, source: str) -> tuple[list[RawRecord], list[RecordError]]:
    """A ``.json`` input: one record or a list of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"invalid JSON ({exc.msg.removesuffix(' at')} at line {exc.lineno} column {exc.colno})"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if not isinstance(data, list):
        return [record_from(data, source)], []
    records: list[RawRecord] = []
    errors: list[RecordError] = []
    for index, obj in enumerate(data):
        where = f"{source}[{index}]"
        try:
            records.append(record_from(obj, where))
        except ValueError as exc:
            errors.append(RecordError(where, str(exc)))
    if not records and not errors:
        raise ValueError("empty list, no records")
    return records, errors


def iter_jsonl(text: str, source: str) -> Iterator[RawRecord | RecordError]:
    """A ``.jsonl`` input: one record a line; blank lines are fine, a bad line is one error."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(where, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
            continue
        try:
            yield record_from(obj, where)
        except ValueError as exc:
            yield RecordError(where, str(exc))


def parse_jsonl(text: str, source: str) -> tuple[list[RawRecord], list[RecordError]]:
    records: list[RawRecord] = []
    errors: list[RecordError] = []
    for item in iter_jsonl(text, source):
        (errors if isinstance(item, RecordError) else records).append(item)  # type: ignore[arg-type]
    return records, errors
