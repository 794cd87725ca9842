"""The ``storyscope.report/1`` JSON: the contract between stages, the web page and outside checks.

Field names are documented in ``docs/report-schema.md`` and validated against ``schema.json``;
add fields, never rename them.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from storyscope.model import Article, OutletInfo, Story

FORMAT = "storyscope.report/1"


def to_jsonable(value: Any) -> Any:
    """Dataclasses, tuples, datetimes -> plain JSON values (dict keys kept as strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def article_json(article: Article, info: OutletInfo | None, story_id: str | None) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "outlet_info": to_jsonable(info),
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "author": article.author,
        "body": article.body,
        "duplicate_of": article.duplicate_of,
        "source": article.source,
        "story_id": story_id,
        "dateline": article.dateline,
        "display_name": article.display_name,
    }


def story_json(story: Story, analysis: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_updated": story.last_updated.isoformat() if story.last_updated else None,
    }
    out.update(to_jsonable(analysis))
    return out


def build_report(
    articles: list[dict[str, Any]],
    stories: list[dict[str, Any]],
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "errors": errors or [],
        "articles": articles,
        "stories": stories,
    }


@cache
def schema() -> dict[str, Any]:
    text = resources.files("storyscope.report").joinpath("schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(report: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``report`` breaks the published contract."""
    import jsonschema

    jsonschema.validate(report, schema())
