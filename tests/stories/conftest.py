"""Shared fixtures for story detection: fictional articles in a real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.model import Article
from storyscope.store.sqlite import SQLiteStore

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stories"


def load_articles() -> tuple[list[Article], dict[str, str]]:
    """The fixture articles (publication order) and the story each belongs to."""
    rows = json.loads((FIXTURES / "articles.json").read_text(encoding="utf-8"))
    articles = [
        Article(
            id=row["id"],
            title=row["title"],
            body=row["body"],
            outlet=row["outlet"],
            published=datetime.fromisoformat(row["published"]),
        )
        for row in rows
    ]
    articles.sort(key=lambda a: (a.published, a.id))
    return articles, {row["id"]: row["story"] for row in rows}


@pytest.fixture
def fixture_articles() -> tuple[list[Article], dict[str, str]]:
    return load_articles()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "db"), embedder="tfidf")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    db = SQLiteStore(tmp_path / "db")
    yield db
    db.close()
