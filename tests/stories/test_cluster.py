"""Online story detection through a real SQLite store with the dependency-free TF-IDF embedder."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from storyscope.config import Settings
from storyscope.model import Article
from storyscope.store.sqlite import SQLiteStore
from storyscope.stories.cluster import OnlineClusterer, story_id, update_stories
from storyscope.stories.embed import HashedTfidfEmbedder


def partition(groups: list[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def expected_partition(gold: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, label in gold.items():
        groups.setdefault(label, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_articles_join_their_story_or_start_one(store, settings, fixture_articles):
    articles, gold = fixture_articles
    store.add_articles(articles)
    stories = update_stories(store, settings)
    assert partition([s.article_ids for s in stories]) == expected_partition(gold)
    assert all(store.story_of(a.id) is not None for a in articles)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_batch_over_shuffled_ingest_matches_the_stream(tmp_path: Path, seed: int, fixture_articles):
    articles, _ = fixture_articles
    settings = Settings(db=str(tmp_path / "stream"), embedder="tfidf")
    with SQLiteStore(tmp_path / "stream") as stream:
        for article in articles:  # one article at a time, as a feed would deliver them
            stream.add_articles([article])
            update_stories(stream, settings)
        streamed = {(s.id, frozenset(s.article_ids)) for s in stream.get_stories()}
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    with SQLiteStore(tmp_path / "batch") as batch:
        batch.add_articles(shuffled)
        update_stories(batch, replace(settings, db=str(tmp_path / "batch")))
        batched = {(s.id, frozenset(s.article_ids)) for s in batch.get_stories()}
    assert batched == streamed


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_in_memory_clusterer_is_order_robust(seed: int, fixture_articles):
    articles, gold = fixture_articles
    order = articles[:]
    random.Random(seed).shuffle(order)
    vectors = {
        a.id: v
        for a, v in zip(
            articles,
            HashedTfidfEmbedder().embed([f"{a.title}. {a.body}" for a in articles]),
            strict=True,
        )
    }
    clusterer = OnlineClusterer(HashedTfidfEmbedder(), window_days=7)
    for article in order:
        clusterer.add(article, vectors[article.id])
    assert partition([s.article_ids for s in clusterer.stories()]) == expected_partition(gold)


def test_story_ids_are_stable_and_name_the_first_article(store, settings, fixture_articles):
    articles, gold = fixture_articles
    store.add_articles(articles)
    stories = {s.id: s for s in update_stories(store, settings)}
    first_quake = min((a for a in articles if gold[a.id] == "quake"), key=lambda a: a.published)
    assert story_id(first_quake.id) in stories
    assert stories[story_id(first_quake.id)].first_seen == first_quake.published


def test_stories_persist_and_later_articles_join_them(tmp_path: Path, settings, fixture_articles):
    articles, gold = fixture_articles
    late = [a for a in articles if a.id == "rate-post"]
    early = [a for a in articles if a.id != "rate-post"]
    with SQLiteStore(tmp_path / "db") as db:
        db.add_articles(early)
        update_stories(db, settings)
        assert db.get_vectors("tfidf-h4096", [a.id for a in early]).keys() == {a.id for a in early}
    with SQLiteStore(
        tmp_path / "db"
    ) as db:  # a new process: the clusterer state comes from the store
        before = db.story_of("rate-wire")
        db.add_articles(late)
        stories = update_stories(db, settings)
        assert db.story_of("rate-post") == before
        rate = next(s for s in stories if s.id == before)
        assert set(rate.article_ids) == {a for a, label in gold.items() if label == "rate"}
        assert rate.last_updated == late[0].published


def test_duplicates_follow_their_original(tmp_path: Path, settings, fixture_articles):
    articles, _ = fixture_articles
    # A duplicate whose text alone would start a story of its own: it must still follow the original.
    copy = Article(
        id="quake-copy",
        title="Recipes for a rainy weekend",
        body="Soup, bread and a long novel: our editors' picks for staying in.",
        published=articles[-1].published,
        duplicate_of="quake-times",
    )
    with SQLiteStore(tmp_path / "db") as db:
        db.add_articles(articles)
        update_stories(db, settings)
        db.add_articles([copy])
        update_stories(db, settings)
        assert db.story_of("quake-copy") == db.story_of("quake-times")


def test_duplicate_of_an_article_in_a_closed_story_still_follows_it(
    tmp_path: Path, settings, fixture_articles
):
    articles, _ = fixture_articles
    original = articles[0]
    copy = replace(
        original,
        id="copy",
        published=original.published + timedelta(days=30),
        duplicate_of=original.id,
    )
    with SQLiteStore(tmp_path / "db") as db:
        db.add_articles([original])
        update_stories(db, settings)
        db.add_articles([copy])
        update_stories(db, settings)
        assert db.story_of("copy") == db.story_of(original.id)


@pytest.mark.parametrize(("window", "together"), [(7.0, False), (30.0, True)])
def test_stories_idle_past_the_window_are_closed(
    tmp_path: Path, window: float, together: bool, fixture_articles
):
    articles, _ = fixture_articles
    first = next(a for a in articles if a.id == "budget-daily")
    # The same report twelve days on: similar enough to join, unless the story has been closed.
    again = replace(first, id="budget-again", published=first.published + timedelta(days=12))
    settings = Settings(db=str(tmp_path / "db"), embedder="tfidf", story_window_days=window)
    with SQLiteStore(tmp_path / "db") as db:
        db.add_articles([first, again])
        update_stories(db, settings)
        assert (db.story_of("budget-again") == db.story_of("budget-daily")) is together


def test_closed_stories_leave_the_index(fixture_articles):
    clusterer = OnlineClusterer(HashedTfidfEmbedder(), window_days=7)
    articles, _ = fixture_articles
    for article in articles:
        clusterer.add(article)
    assert clusterer.open_count() == 4
    later = replace(articles[0], id="later", published=articles[0].published + timedelta(days=40))
    clusterer.add(later)
    assert clusterer.open_count() == 1
    assert len(clusterer.stories()) == 5


def _article(aid: str, day: int, body: str) -> Article:
    from datetime import UTC, datetime

    return Article(id=aid, title=aid, body=body, published=datetime(2026, 3, day, 12, tzinfo=UTC))


def test_a_bridging_article_merges_two_stories_keeping_the_older_id():
    # Hand-made vectors: the two reports are far apart (cosine 0), the bridge sits between them.
    left = np.array([1.0, 0.0, 0.0], np.float32)
    right = np.array([0.0, 1.0, 0.0], np.float32)
    bridge = (left + right) / np.linalg.norm(left + right)
    clusterer = OnlineClusterer(None, window_days=7, dim=3, k=5)
    first = clusterer.add(
        _article("a", 2, "Harlow tunnel collapse traps nine miners near Brask"), left
    )
    second = clusterer.add(
        _article("b", 2, "Rescuers drilling toward trapped crew near Brask, officials say"), right
    )
    assert first != second
    merged = clusterer.add(
        _article("c", 2, "Harlow tunnel collapse: rescuers drilling toward nine trapped miners"),
        bridge,
    )
    assert merged == first == story_id("a")
    assert [sorted(s.article_ids) for s in clusterer.stories()] == [["a", "b", "c"]]
    assert clusterer.story_of("b") == first


def test_merge_is_persisted_and_the_emptied_story_dropped(tmp_path: Path):
    settings = Settings(db=str(tmp_path / "db"), embedder="tfidf")
    a = _article("a", 2, "Harlow tunnel collapse traps nine miners underground near Brask")
    b = _article("b", 3, "Rescue teams start drilling overnight, officials say")
    c = _article(
        "c", 3, "Harlow tunnel collapse: rescue teams drilling overnight toward nine miners near Brask"
    )
    with SQLiteStore(tmp_path / "db") as db:
        db.add_articles([a, b])
        assert len(update_stories(db, settings)) == 2  # too little in common on their own
        db.add_articles([c])
        after = update_stories(db, settings)
        assert [s.id for s in after] == [story_id("a")]
        assert set(after[0].article_ids) == {"a", "b", "c"}
        assert db.get_story(story_id("b")) is None


def _direction(angle: float) -> np.ndarray:
    return np.array([np.cos(angle), np.sin(angle), 0.0], np.float32)


def test_a_newcomer_can_take_an_article_out_of_a_small_story():
    # b joins a on weak evidence (cosine 0.4); c is far closer to b and unlike a, so grouping
    # the three again, as a batch run would, leaves a alone and puts b with c.
    clusterer = OnlineClusterer(None, window_days=7, dim=3, k=5)
    b_angle = float(np.arccos(0.4))
    first = clusterer.add(_article("a", 2, "Harlow council approves ferry timetable"), _direction(0))
    joined = clusterer.add(
        _article("b", 2, "Quarry workers strike over overtime pay"), _direction(b_angle)
    )
    assert joined == first == story_id("a")
    clusterer.take_changed()
    moved = clusterer.add(
        _article("c", 2, "Stonecutters walk out demanding overtime wages"),
        _direction(b_angle + 0.35),
    )
    assert moved == story_id("b")  # a new story is named after its first article
    assert {s.id: s.article_ids for s in clusterer.stories()} == {
        story_id("a"): ("a",),
        story_id("b"): ("b", "c"),
    }
    assert clusterer.take_changed() == {story_id("a"), story_id("b")}


@pytest.mark.parametrize("cosine", [0.85, 0.9, 0.95])
def test_close_reports_of_one_undated_event_stay_one_story(cosine: float):
    # Five outlets, no dates, nearly the same lead (as the seeds): the nearest story is the
    # articles' own, so it must not count as a crowd that asks them for more evidence.
    rng = np.random.default_rng(7)
    centre = _direction(0.3)
    bodies = [
        "Ferry operator Kestrel Lines halts Brask crossings after engine fire, 41 passengers safe",
        "Kestrel Lines suspends Brask ferry route as engine fire forces evacuation of 41",
        "Engine fire on Kestrel Lines ferry: all 41 aboard rescued off Brask, crossings halted",
        "Brask crossings stopped after fire in a Kestrel Lines ferry engine room; 41 unhurt",
        "Kestrel Lines ferry fire near Brask: operator stops service, 41 passengers evacuated",
    ]
    clusterer = OnlineClusterer(None, window_days=7, dim=3, k=5)
    for i, body in enumerate(bodies):
        noise = rng.normal(size=3).astype(np.float32)
        noise -= float(noise @ centre) * centre
        noise /= float(np.linalg.norm(noise))
        vector = cosine**0.5 * centre + (1 - cosine) ** 0.5 * noise  # about `cosine` apart
        clusterer.add(Article(id=f"r{i}", title=body, body=body), vector.astype(np.float32))
    assert [len(s.article_ids) for s in clusterer.stories()] == [5]


def test_a_resumed_run_groups_as_an_unbroken_one(tmp_path: Path, fixture_articles):
    articles, _ = fixture_articles
    half = len(articles) // 2

    def run(name: str, parts: list[list[Article]]) -> set[tuple[str, frozenset[str]]]:
        settings = Settings(db=str(tmp_path / name), embedder="tfidf")
        for part in parts:
            with SQLiteStore(tmp_path / name) as db:  # a new process each time
                db.add_articles(part)
                update_stories(db, settings)
        with SQLiteStore(tmp_path / name) as db:
            # Each article's crowd is kept beside its vector, so a resumed run sees the same.
            kept = db.get_vectors("crowd@tfidf-h4096", [a.id for a in articles])
            assert kept.keys() == {a.id for a in articles if a.duplicate_of is None}
            return {(s.id, frozenset(s.article_ids)) for s in db.get_stories()}

    assert run("resumed", [articles[:half], articles[half:]]) == run("unbroken", [articles])


def test_the_fallback_embedder_goes_on_from_the_corpus_statistics_the_store_kept(
    tmp_path: Path, fixture_articles
):
    articles, _ = fixture_articles
    settings = Settings(db=str(tmp_path / "db"), embedder="tfidf")

    def documents_seen() -> int:
        with SQLiteStore(tmp_path / "db") as db:
            kept = db.get_meta("stories:embedder-state:tfidf-h4096")
        assert kept is not None
        return int(json.loads(kept)["docs"])

    for count, part in enumerate((articles[:3], articles[3:5]), start=1):
        with SQLiteStore(tmp_path / "db") as db:  # a new process each time
            db.add_articles(part)
            update_stories(db, settings)
        if count == 1:
            first = documents_seen()
    assert documents_seen() == first + 2  # not a cold start's prior + 2


def test_story_title_is_the_most_central_headline():
    body = "Harlow tunnel collapse traps nine miners underground near Brask"
    vectors = {
        "edge-one": np.array([1.0, 0.0, 0.0], np.float32),
        "middle": np.array([1.0, 1.0, 0.0], np.float32) / np.sqrt(2.0),
        "edge-two": np.array([0.0, 1.0, 0.0], np.float32),
    }
    clusterer = OnlineClusterer(None, window_days=7, dim=3)
    for aid, vector in vectors.items():
        clusterer.add(replace(_article(aid, 2, body), title=f"headline {aid}"), vector)
    (story,) = clusterer.stories()
    assert story.title == "headline middle"


def test_nothing_pending_returns_the_stored_stories(store, settings, fixture_articles):
    articles, _ = fixture_articles
    store.add_articles(articles)
    first = update_stories(store, settings)
    assert update_stories(store, settings) == first


def test_undated_articles_join_dated_coverage_and_dates_come_from_publication(
    store, settings, fixture_articles
):
    # Pasted text often has no date: it must still join its story, whose dates stay the dated ones.
    articles, gold = fixture_articles
    undated = {"strike-daily", "strike-review", "rate-ledger"}
    store.add_articles([replace(a, published=None) if a.id in undated else a for a in articles])
    stories = update_stories(store, settings)
    assert partition([s.article_ids for s in stories]) == expected_partition(gold)
    strike = next(s for s in stories if "strike-wire" in s.article_ids)
    wire = next(a for a in articles if a.id == "strike-wire")
    assert strike.first_seen == strike.last_updated == wire.published


def test_a_store_rewritten_behind_the_clusterers_back_is_reclustered(
    store, settings, fixture_articles
):
    # update_stories keeps its clusterer between calls on one store; another writer clearing the
    # stories must not leave it answering from stale memory.
    articles, gold = fixture_articles
    store.add_articles(articles)
    update_stories(store, settings)
    store.replace_all_stories([])
    stories = update_stories(store, settings)
    assert partition([s.article_ids for s in stories]) == expected_partition(gold)
