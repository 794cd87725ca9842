"""The library API the CLI, the web app and the benchmarks all call: ingest, cluster, analyse, report.

Data flows one way: ingest -> store -> cluster -> compare/framing -> summarize -> report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storyscope.config import Settings
from storyscope.ingest.pipeline import ingest_inputs
from storyscope.model import IngestResult, Story
from storyscope.outlets.registry import OutletRegistry, load_registry
from storyscope.pipeline import StoryContext, fingerprint, run_stages
from storyscope.progress import progress
from storyscope.report.json import article_json, build_report, story_json
from storyscope.store import Store, open_store
from storyscope.stories.cluster import update_stories
from storyscope.stories.prefetch import Prefetcher


def ingest(store: Store, inputs: Sequence[str], settings: Settings,
           registry: OutletRegistry | None = None) -> IngestResult:
    return ingest_inputs(store, inputs, settings, registry or load_registry(settings))


def cluster(store: Store, settings: Settings) -> list[Story]:
    return update_stories(store, settings)


def ingest_and_cluster(
    store: Store,
    inputs: Sequence[str],
    settings: Settings,
    registry: OutletRegistry | None = None,
) -> tuple[IngestResult, list[Story]]:
    """Ingest, then group into stories, with the story embedder encoding articles in another
    process as soon as they are read (``stories.prefetch``): on two cores the stages overlap."""
    with Prefetcher(settings.embedder) as prefetcher:
        result = ingest_inputs(
            store, inputs, settings, registry or load_registry(settings), prefetcher.submit
        )
        prefetcher.seal()
        return result, update_stories(store, settings, prefetcher)


def analyze_story(store: Store, settings: Settings, story: Story,
                  registry: OutletRegistry) -> dict[str, Any]:
    """Run every analysis stage on one story, reusing the cached result when nothing changed."""
    articles = store.get_articles(story.article_ids)
    key = fingerprint(story, articles, settings)
    cached = store.get_analysis(story.id, key)
    if cached is not None:
        return cached
    outlets = {a.id: registry.get(a.outlet) if a.outlet else None for a in articles}
    ctx = StoryContext(story=story, articles=articles, outlets=outlets, settings=settings)
    data = story_json(story, run_stages(ctx))
    store.save_analysis(story.id, key, data)
    return data


def report(store: Store, settings: Settings, story_ids: Sequence[str] | None = None,
           errors: list[dict[str, str]] | None = None,
           article_ids: Sequence[str] | None = None) -> dict[str, Any]:
    """The ``storyscope.report/1`` document for the given stories (default: all)."""
    registry = load_registry(settings)
    if story_ids is not None:  # fetch only these: loading every membership is slow at scale
        stories = [s for sid in dict.fromkeys(story_ids) if (s := store.get_story(sid))]
    else:
        stories = store.get_stories()
    if article_ids is not None:
        keep = set(article_ids)
        stories = [s for s in stories if keep & set(s.article_ids)]
    story_docs: list[dict[str, Any]] = []
    with progress("analysing stories", total=len(stories), mode=settings.progress) as bar:
        for story in stories:
            story_docs.append(analyze_story(store, settings, story, registry))
            bar.advance()
    ids = [aid for s in stories for aid in s.article_ids]
    article_docs = []
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    for art in store.get_articles(ids):
        outlet = registry.get(art.outlet) if art.outlet else None
        info = registry.info(outlet) if outlet else None
        article_docs.append(article_json(art, info, story_of.get(art.id)))
    return build_report(article_docs, story_docs, errors)


def analyze(inputs: Sequence[str], settings: Settings) -> tuple[dict[str, Any], IngestResult]:
    """The one-shot main job: ingest the inputs, update stories, analyse and report on them."""
    store = open_store(settings)
    try:
        registry = load_registry(settings)
        result, _ = ingest_and_cluster(store, inputs, settings, registry)
        touched = list(result.stored) + list(result.skipped)
        errors = [{"source": e.source, "reason": e.reason} for e in result.errors]
        doc = report(store, settings, errors=errors, article_ids=touched)
    finally:
        store.close()
    return doc, result
