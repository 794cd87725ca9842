"""Shared fixtures for the framing tests: the lexicon, the heuristic NER and our fictional story."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from storyscope.framing.lexicon import Lexicon, load_lexicon
from storyscope.framing.ner import HeuristicNER
from storyscope.framing.stage import analyse
from storyscope.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "framing"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking ``row`` runs once per line of its module's ``TABLE`` in tests/fixtures/framing."""
    if "row" in metafunc.fixturenames:
        table = metafunc.module.TABLE
        metafunc.parametrize("row", rows(table), ids=[r[0][:40] for r in rows(table)])


def rows(name: str) -> list[list[str]]:
    """The rows of a phenomenon table in tests/fixtures/framing (comment lines skipped)."""
    with (FIXTURES / name).open(encoding="utf-8", newline="") as fh:
        return [
            r
            for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r and not r[0].startswith("#")
        ]


def story() -> list[Article]:
    """The fictional Bolivia-Peru story: four outlets, title on the first line, body after a blank line."""
    out = []
    for path in sorted((FIXTURES / "story").glob("*.txt")):
        title, _, body = path.read_text("utf-8").partition("\n\n")
        out.append(
            Article(id=path.stem[:2], title=title.strip(), body=body.strip(), outlet=path.stem[3:])
        )
    return out


@pytest.fixture
def story_articles() -> list[Article]:
    return story()


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def heuristic(lex: Lexicon) -> HeuristicNER:
    return HeuristicNER(lex)


@pytest.fixture
def one(heuristic: HeuristicNER, lex: Lexicon) -> Callable[..., dict[str, Any]]:
    """Analyse one text as a one-article story with the heuristic NER."""

    def run(body: str, title: str | None = None) -> dict[str, Any]:
        return analyse([Article(id="a", body=body, title=title)], heuristic, lex)

    return run


@pytest.fixture(scope="session")
def story_result(heuristic: HeuristicNER, lex: Lexicon) -> dict[str, Any]:
    return analyse(story(), heuristic, lex)
