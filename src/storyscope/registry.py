"""Every pluggable backend, registered by name in one place.

Entries are ``"module:factory"`` strings so heavy optional dependencies (torch, spaCy, psycopg) are
imported only when that backend is chosen; a missing extra then fails with a message naming it.
Kept in one module (not scattered decorators) so there is one place to read what can be chosen.
"""

from __future__ import annotations

import importlib
from typing import Any

REGISTRY: dict[str, dict[str, str]] = {
    "store": {
        "sqlite": "storyscope.store.sqlite:SQLiteStore",
        "postgres": "storyscope.store.postgres:PostgresStore",
    },
    "embedder": {
        "auto": "storyscope.stories.embed:auto_embedder",
        "minilm": "storyscope.stories.embed:MiniLMEmbedder",
        "tfidf": "storyscope.stories.embed:HashedTfidfEmbedder",
    },
    "ner": {
        "auto": "storyscope.framing.ner:auto_ner",
        "spacy": "storyscope.framing.ner:SpacyNER",
        "heuristic": "storyscope.framing.ner:HeuristicNER",
    },
    "summarizer": {
        "extractive": "storyscope.summarize.extractive:ExtractiveSummarizer",
        "llm": "storyscope.summarize.llm:LLMSummarizer",
    },
}

EXTRAS = {"torch": "ml", "sentence_transformers": "ml", "spacy": "ml", "faiss": "ml", "psycopg": "scale", "dask": "scale"}


class BackendError(RuntimeError):
    """A backend could not be chosen or loaded; the message is one line a user can act on."""


def resolve(kind: str, name: str) -> Any:
    """Return the factory registered as ``name`` for ``kind``."""
    try:
        target = REGISTRY[kind][name]
    except KeyError:
        choices = ", ".join(sorted(REGISTRY.get(kind, {})))
        raise BackendError(f"unknown {kind} {name!r}; choose one of: {choices}") from None
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        extra = EXTRAS.get(missing)
        hint = f"; install it with: pip install 'storyscope[{extra}]'" if extra else ""
        raise BackendError(f"{kind} {name!r} needs {missing or exc}{hint}") from exc
    return getattr(module, attr)


def create(kind: str, name: str, *args: Any, **kwargs: Any) -> Any:
    return resolve(kind, name)(*args, **kwargs)
