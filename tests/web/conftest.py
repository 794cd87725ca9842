"""A real store and a real uvicorn server on loopback for the web tests.

The store is filled by the real ingest on ``tests/fixtures/web/corpus.json`` (fictional articles);
stories are assigned explicitly, and one story gets the hand-written analysis in
``analysis.json`` cached under its real fingerprint, so page tests do not depend on what the
comparison stages find. ``test_pipeline_pages`` runs the whole pipeline instead.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from storyscope.config import Settings
from storyscope.model import Story
from storyscope.pipeline import fingerprint
from storyscope.report.json import story_json
from storyscope.store import open_store
from storyscope.web.app import create_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "web"
CORPUS = FIXTURES / "corpus.json"
STORIES = {
    "skyguard": (
        "Varnia claims Skyguard launchers on its northern border",
        [
            "skyguard-wire",
            "skyguard-ledger",
            "skyguard-meridian",
            "skyguard-herald",
            "skyguard-vsb",
            "skyguard-meridian-wire",
        ],
    ),
    "calder": (
        "Calder dockworkers strike over automation",
        ["calder-courier", "calder-ledger", "calder-beacon"],
    ),
}


def make_settings(db: Path, **overrides: Any) -> Settings:
    return Settings(
        db=str(db),
        outlets_path=str(FIXTURES / "outlets.json"),
        embedder="tfidf",
        ner="heuristic",
        progress="never",
        **overrides,
    )


def analysis_fixture() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / "analysis.json").read_text(encoding="utf-8"))
    return data


def seed(settings: Settings, analysis: dict[str, Any] | None = None) -> None:
    """Ingest the corpus for real, assign the two stories, cache the skyguard analysis."""
    from storyscope.api import ingest

    store = open_store(settings)
    try:
        result = ingest(store, [str(CORPUS)], settings)
        assert not result.errors, result.errors
        stories = []
        for sid, (title, ids) in STORIES.items():
            dates = [a.published for a in store.get_articles(ids) if a.published]
            stories.append(Story(sid, title, tuple(ids), min(dates), max(dates)))
        store.save_stories(stories)
        story = stories[0]
        articles = store.get_articles(story.article_ids)
        body = analysis_fixture() if analysis is None else analysis
        store.save_analysis(
            story.id, fingerprint(story, articles, settings), story_json(story, body)
        )
    finally:
        store.close()


@dataclass
class Live:
    url: str
    settings: Settings


class Server:
    """uvicorn in a thread on a socket we bound ourselves, so there is no port race."""

    def __init__(self, settings: Settings, **app_options: Any) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(settings, **app_options), log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.sock.close()


@pytest.fixture(scope="session")
def seeded_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = make_settings(tmp_path_factory.mktemp("web") / "web.db")
    seed(settings)
    return settings


@pytest.fixture(scope="session")
def live(seeded_settings: Settings) -> Iterator[Live]:
    # Background analysis off: the seeded pages must stay as seeded while tests look at them.
    with Server(seeded_settings, background_analysis=False) as url:
        yield Live(url, seeded_settings)


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "storyscope" / "data" / "sample"


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """A server over a store the real pipeline filled and analysed: the bundled sample corpus
    when the package ships one, else this area's fixture corpus."""
    from storyscope.api import cluster, ingest, report

    folder = tmp_path_factory.mktemp("pipeline")
    sample = SAMPLE.is_dir() and any(SAMPLE.iterdir())
    settings = Settings(
        db=str(folder / "pipeline.db"),
        embedder="tfidf",
        ner="heuristic",
        progress="never",
        outlets_path=str(folder / "none.outlets.json" if sample else FIXTURES / "outlets.json"),
    )
    store = open_store(settings)
    try:
        result = ingest(store, [str(SAMPLE if sample else CORPUS)], settings)
        assert result.stored and not result.errors, result.errors
        assert cluster(store, settings)
        report(store, settings)  # analyse every story now, so pages show full analyses
    finally:
        store.close()
    with Server(settings, background_analysis=False) as url:
        yield Live(url, settings)


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose store accepts ``POST /api/articles`` with the token ``s3cret``."""
    settings = make_settings(tmp_path_factory.mktemp("post") / "post.db", api_token="s3cret")
    seed(settings)
    with Server(settings, background_analysis=False) as url:
        yield url


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    """Settings over an empty store in a test's own folder."""
    return make_settings(tmp_path / "fresh.db")


@pytest.fixture
def analysis() -> dict[str, Any]:
    return analysis_fixture()


@pytest.fixture(scope="session")
def serve() -> type[Server]:
    """The ``Server`` context manager, for tests that need their own app."""
    return Server


@pytest.fixture(scope="session")
def seeder() -> Any:
    return seed
