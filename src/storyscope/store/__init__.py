"""Storage backends behind the ``Store`` protocol; ``open_store`` picks one by config."""

from __future__ import annotations

from storyscope.config import Settings
from storyscope.registry import create
from storyscope.store.base import Store

# A database URL names its backend, so `--db postgresql://...` works without also setting `store`.
URL_SCHEMES = {"postgresql": "postgres", "postgres": "postgres"}


def backend_of(settings: Settings) -> str:
    scheme, sep, _ = settings.db.partition("://")
    return URL_SCHEMES.get(scheme.lower(), settings.store) if sep else settings.store


def open_store(settings: Settings) -> Store:
    store: Store = create("store", backend_of(settings), settings.db)
    return store


__all__ = ["Store", "backend_of", "open_store"]
