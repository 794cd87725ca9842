"""Storage backends behind the ``Store`` protocol; ``open_store`` picks one by config."""

from __future__ import annotations

from storyscope.config import Settings
from storyscope.registry import create
from storyscope.store.base import Store


def open_store(settings: Settings) -> Store:
    store: Store = create("store", settings.store, settings.db)
    return store


__all__ = ["Store", "open_store"]
