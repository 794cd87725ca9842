"""The background encoder (``stories.prefetch``): a real spawned process encoding with MiniLM."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storyscope.api import ingest_and_cluster
from storyscope.config import Settings
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories import prefetch
from storyscope.stories.cluster import update_stories
from storyscope.stories.embed import HashedTfidfEmbedder, MiniLMEmbedder, article_text
from storyscope.stories.prefetch import Prefetcher, stop_encoders, warm_encoder


@pytest.fixture(autouse=True)
def no_encoders_left() -> Iterator[None]:
    stop_encoders()
    yield
    stop_encoders()


def _wait_encoded(pre: Prefetcher, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(pre._done) < count:
        assert time.monotonic() < deadline, "the encoder process encoded nothing in two minutes"
        time.sleep(0.05)


@pytest.mark.parametrize("by", ["the encoder process", "the caller, taking them back"])
def test_vectors_match_the_in_process_encoder(fixture_articles, by: str) -> None:
    articles, _ = fixture_articles
    copy = replace(articles[1], id="copy-of-1", duplicate_of=articles[1].id)
    here = MiniLMEmbedder()
    with Prefetcher("minilm", start_after=0) as pre:
        pre.submit([*articles, copy])
        if by == "the encoder process":
            pre.seal()
            _wait_encoded(pre, len(articles))
            assert pre.take(articles, HashedTfidfEmbedder()) == {}  # not the caller's embedder
        got = pre.take([*articles, copy], here)
        assert pre.take(articles, here) == {}  # each vector is handed over once
    assert set(got) == {a.id for a in articles}  # the copy is never encoded
    expected = here.embed([article_text(a) for a in articles])
    there = np.vstack([got[a.id] for a in articles])
    assert float((expected * there).sum(axis=1).min()) > 0.999


def test_clustering_with_prefetched_vectors_is_the_same(tmp_path: Path, fixture_articles) -> None:
    articles, _ = fixture_articles
    settings = Settings(db=str(tmp_path / "db"), embedder="minilm", progress="never")
    results = []
    for name, use in (("plain", False), ("prefetched", True)):
        with SQLiteStore(tmp_path / name) as store, Prefetcher("minilm", start_after=0) as pre:
            store.add_articles(articles)
            if use:
                pre.submit(articles)
            stories = update_stories(store, settings, pre)
            results.append({frozenset(s.article_ids) for s in stories})
            cached = store.get_vectors(MiniLMEmbedder.name, [a.id for a in articles])
            assert len(cached) == len(articles)  # prefetched vectors are cached like fresh ones
    assert results[0] == results[1]


def test_a_stateful_embedder_is_declined(fixture_articles) -> None:
    articles, _ = fixture_articles
    with Prefetcher("tfidf", start_after=0) as pre:
        pre.submit(articles)
        assert pre.take(articles, HashedTfidfEmbedder()) == {}  # never taken back either
        deadline = time.monotonic() + 120
        while pre.declined is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pre.declined == "tfidf-h4096"


def test_small_runs_start_no_process(fixture_articles) -> None:
    articles, _ = fixture_articles
    with Prefetcher("minilm", start_after=len(articles) + 1) as pre:
        pre.submit(articles)
        assert pre.take(articles, MiniLMEmbedder()) == {}
    assert prefetch._server("minilm", 1, start=False) is None
    # Once an encoder process runs (a poller keeps it), even a small run uses it.
    assert warm_encoder("minilm") == MiniLMEmbedder.name
    with Prefetcher("minilm", start_after=len(articles) + 1) as pre:
        pre.submit(articles[:2])
        assert set(pre.take(articles[:2], MiniLMEmbedder())) == {a.id for a in articles[:2]}


def test_a_dead_encoder_process_is_replaced(fixture_articles) -> None:
    articles, _ = fixture_articles
    warm_encoder("minilm")
    first = prefetch._server("minilm", 1, start=False)
    assert first is not None
    first.process.kill()
    first.process.join()
    with Prefetcher("minilm", start_after=0) as pre:
        pre.submit(articles[:3])
        pre.seal()
        _wait_encoded(pre, 3)
        assert len(pre.take(articles[:3], MiniLMEmbedder())) == 3
    assert prefetch._server("minilm", 1, start=False) is not first


def test_ingest_and_cluster_feeds_the_encoder(
    tmp_path: Path, fixture_articles, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, _ = fixture_articles
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"title": a.title, "text": a.body, "outlet": a.outlet, "url": f"https://x.example/{a.id}"}
            out.write(json.dumps({**row, "published": a.published.isoformat()}) + "\n")
    encoded_here: list[int] = []
    original = MiniLMEmbedder.embed

    def counting(self: MiniLMEmbedder, texts: list[str]) -> np.ndarray:
        encoded_here.append(len(texts))
        return original(self, texts)

    monkeypatch.setattr(MiniLMEmbedder, "embed", counting)
    partitions = []
    for run in ("in process", "encoder process"):
        if run == "encoder process":
            warm_encoder("minilm")  # running already, so even this small run uses it
        encoded_here.clear()
        settings = Settings(db=str(tmp_path / run), embedder="minilm", progress="never")
        with SQLiteStore(settings.db) as store:
            result, stories = ingest_and_cluster(store, [str(path)], settings)
            assert len(result.stored) == len(articles) and not result.errors
            url_of = {a.id: a.url for a in store.iter_articles()}
        partitions.append({frozenset(url_of[i] for i in s.article_ids) for s in stories})
        if run == "in process":
            assert sum(encoded_here) == len(articles)
        else:  # the process encoded some while the rest was read; the caller took back the others
            assert sum(encoded_here) < len(articles)
    assert partitions[0] == partitions[1]


def test_vectors_do_not_depend_on_who_encodes_them(fixture_articles) -> None:
    """Fixed batches: the same submissions give the same vectors to the bit, whether the process
    encoded them or the caller took them back, so one input always gives the same stories."""
    articles, _ = fixture_articles
    many = [
        replace(a, id=f"{a.id}-{n}", body=f"{a.body} Update {n}.")
        for n in range(5)
        for a in articles
    ]
    assert len(many) > 2 * prefetch.BATCH
    here = MiniLMEmbedder()
    runs = []
    for by in ("process", "caller"):
        with Prefetcher("minilm", start_after=0) as pre:
            pre.submit(many)
            if by == "process":
                pre.seal()
                _wait_encoded(pre, len(many))
            runs.append(pre.take(many, here))
    assert set(runs[0]) == set(runs[1]) == {a.id for a in many}
    assert all(np.array_equal(runs[0][k], runs[1][k]) for k in runs[0])
