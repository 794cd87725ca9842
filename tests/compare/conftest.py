"""Fixture stories for the compare tests: fictional articles written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyscope.compare.stage import compare
from storyscope.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"


def load_story(name: str) -> list[Article]:
    """Articles of ``fixtures/compare/<name>``; ``outlets.tsv`` gives id, outlet, duplicate_of."""
    folder = FIXTURES / name
    index = folder / "outlets.tsv"
    rows = (
        [
            (line.split("\t") + ["", ""])[:3]
            for line in index.read_text(encoding="utf-8").splitlines()
        ]
        if index.exists()
        else [(p.stem, p.stem, "") for p in sorted(folder.glob("*.txt"))]
    )
    return [
        Article(
            id=aid,
            body=(folder / f"{aid}.txt").read_text(encoding="utf-8"),
            outlet=outlet or None,
            duplicate_of=dup or None,
        )
        for aid, outlet, dup in rows
    ]


@pytest.fixture(scope="session")
def kestrel() -> list[Article]:
    return load_story("kestrel")


@pytest.fixture(scope="session")
def kestrel_result(kestrel: list[Article]) -> dict[str, Any]:
    return compare(kestrel, embedder_name="tfidf")


@pytest.fixture(scope="session")
def disputes() -> list[Article]:
    return load_story("disputes")
