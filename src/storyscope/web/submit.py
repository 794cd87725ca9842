"""``POST /api/articles``: token check, then the ingest library and the clusterer, nothing of its own.

The token is compared in constant time. Records go through the same ingest code as files do
(``ingest_records``), so errors and stored articles name ``POST /api/articles[i]``.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Any

from fastapi import HTTPException

from storyscope.config import Settings
from storyscope.store import Store

SOURCE = "POST /api/articles"


def check_token(settings: Settings, authorization: str | None) -> None:
    """403 when posting is not enabled at all, 401 when the bearer token is missing or wrong."""
    if not settings.api_token:
        raise HTTPException(
            403,
            "POST /api/articles is disabled: set api_token (STORYSCOPE_API_TOKEN) to enable it",
        )
    scheme, _, given = (authorization or "").partition(" ")
    ok = hmac.compare_digest(given.strip().encode(), settings.api_token.encode())
    if scheme.lower() != "bearer" or not ok:
        raise HTTPException(
            401,
            "missing or wrong API token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def ingest_posted(
    store: Store, records: Sequence[dict[str, Any]], settings: Settings
) -> dict[str, Any]:
    """Store the records, regroup stories; returns ``IngestOut``'s fields."""
    from storyscope.api import cluster
    from storyscope.ingest.pipeline import ingest_records
    from storyscope.outlets.registry import load_registry

    result = ingest_records(store, records, settings, load_registry(settings), source=SOURCE)
    if result.stored:
        cluster(store, settings)
    touched = [*result.stored, *result.skipped]
    stories = sorted({sid for aid in touched if (sid := store.story_of(aid))})
    return {
        "stored": list(result.stored),
        "skipped": list(result.skipped),
        "errors": [{"source": e.source, "reason": e.reason} for e in result.errors],
        "stories": stories,
    }
