"""``POST /api/articles``: token check, then the ingest library and the clusterer, nothing of its own.

The token is compared in constant time. Records go through the same ingest code as files do: the
ingest package has no records-level entry point, so they are written to a temporary ``.json`` file,
exactly what ``storyscope ingest records.json`` would read (stored articles' ``source`` therefore
names that file).
"""

from __future__ import annotations

import hmac
import json
import os
import tempfile
from collections.abc import Sequence
from typing import Any

from fastapi import HTTPException

from storyscope.config import Settings
from storyscope.model import IngestError, IngestResult
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


def _via_file(
    store: Store, records: Sequence[dict[str, Any]], settings: Settings, registry: Any
) -> IngestResult:
    from storyscope.ingest.pipeline import ingest_inputs

    fd, path = tempfile.mkstemp(prefix="storyscope-post-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump([{k: v for k, v in r.items() if v is not None} for r in records], fh)
        result = ingest_inputs(store, [path], settings, registry)
    finally:
        os.unlink(path)
    # Errors name the request's records ("POST /api/articles[1]"), not our temporary file.
    errors = tuple(
        IngestError(e.source.replace(path, SOURCE, 1), e.reason.replace(path, SOURCE))
        for e in result.errors
    )
    return IngestResult(result.stored, result.skipped, errors)


def ingest_posted(
    store: Store, records: Sequence[dict[str, Any]], settings: Settings
) -> dict[str, Any]:
    """Store the records, regroup stories; returns ``IngestOut``'s fields."""
    from storyscope.api import cluster
    from storyscope.outlets.registry import load_registry

    result = _via_file(store, records, settings, load_registry(settings))
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
