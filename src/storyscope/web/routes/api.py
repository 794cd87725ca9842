"""The JSON API under ``/api/``; FastAPI documents it at ``/docs`` and ``/openapi.json``."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query

from storyscope.model import Article, OutletInfo, Story
from storyscope.report.json import article_json, build_report
from storyscope.store import Store
from storyscope.web.analysis import cached_analysis
from storyscope.web.app import Web, store_of, web
from storyscope.web.feed import FeedQuery, FilterError, feed, outlet_stories
from storyscope.web.models import (
    ArticleOut,
    ArticlePage,
    ArticleRecord,
    IngestOut,
    OutletDetail,
    OutletOut,
    SearchResult,
    StoryPage,
    StoryStatus,
)
from storyscope.web.outlets import OutletFacts
from storyscope.web.queries import article_page, stories_of
from storyscope.web.submit import check_token, ingest_posted

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api")
StoreDep = Annotated[Store, Depends(store_of)]
WebDep = Annotated[Web, Depends(web)]
PageNo = Annotated[int, Query(ge=1, description="1-based page number")]
PerPage = Annotated[int, Query(ge=1, le=100, description="items per page (at most 100)")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "not in the store"}}


def _info(facts: OutletFacts) -> OutletInfo | None:
    if not facts.known:
        return None
    return OutletInfo(
        name=facts.name,
        country=facts.country,
        type=facts.type,
        ownership=facts.ownership,
        owner=facts.owner,
        lean=facts.lean,
        lean_rater=facts.lean_rater,
        factuality=facts.factuality,
        factuality_rater=facts.factuality_rater,
    )


def _stored_story(store: Store, story_id: str) -> Story:
    story = store.get_story(story_id)
    if story is None:
        raise HTTPException(404, f"story {story_id}: not in the store")
    return story


def _article(w: Web, article: Article, story_id: str | None) -> dict[str, Any]:
    return article_json(article, _info(w.directory.facts(article.outlet)), story_id)


@router.get("/stories", response_model=StoryPage, summary="Stories, newest or most covered first")
def list_stories(
    w: WebDep,
    store: StoreDep,
    page: PageNo = 1,
    per_page: PerPage = 20,
    sort: Literal["newest", "covered"] = "newest",
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    country: str | None = None,
    lean: str | None = None,
) -> dict[str, Any]:
    """One page of the story feed with each story's coverage landscape (no analysis is run)."""
    q = FeedQuery(sort, page, per_page, since, until, outlet, country, lean)
    try:
        result = feed(w, store, q)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc
    items = [
        {
            "id": e.row.id,
            "title": e.row.title,
            "first_seen": e.row.first_seen,
            "last_updated": e.row.last_updated,
            "articles": e.row.articles,
            "landscape": {
                "by_lean": {s.key: s.count for s in e.coverage.segments},
                "by_country": dict(e.coverage.countries),
                "by_ownership": dict(e.coverage.ownership),
                "independent_outlets": e.coverage.outlets,
            },
            "landscape_estimated": e.coverage.estimated,
            "blindspot": e.coverage.blindspot,
            "url": f"/stories/{e.row.id}",
        }
        for e in result.entries
    ]
    return {"items": items, "total": result.total, "page": page, "per_page": per_page}


@router.get(
    "/stories/{story_id}",
    summary="A story's full storyscope.report/1 document",
    responses={**NOT_FOUND, 503: {"description": "the analysis could not run"}},
)
def get_story(w: WebDep, store: StoreDep, story_id: str) -> dict[str, Any]:
    """The report for one story, analysing it first (and caching the result) when needed.

    The shape is ``storyscope.report/1`` (see ``docs/report-schema.md``): ``articles`` and a
    one-element ``stories`` list.
    """
    story = _stored_story(store, story_id)
    from storyscope.api import analyze_story
    from storyscope.outlets.registry import load_registry

    # What api.report(story_ids=[id]) builds, without its get_stories(): that loads every
    # story's membership, about 0.4 s at 40,000 articles, to keep one.
    try:
        doc = analyze_story(store, w.settings, story, load_registry(w.settings))
    except Exception as exc:  # a failing stage is reported in one line; the log keeps the trace
        log.exception("analysis of story %s failed", story_id)
        reason = str(exc).splitlines()[0] if str(exc) else ""
        raise HTTPException(
            503, f"story {story_id}: analysis failed ({type(exc).__name__}: {reason})"
        ) from exc
    articles = [_article(w, a, story.id) for a in store.get_articles(story.article_ids)]
    return build_report(articles, [doc])


@router.get(
    "/stories/{story_id}/status",
    response_model=StoryStatus,
    responses=NOT_FOUND,
    summary="Whether a story's analysis is cached, running or failed",
)
def story_status(w: WebDep, store: StoreDep, story_id: str) -> dict[str, Any]:
    story = _stored_story(store, story_id)
    if cached_analysis(store, w.settings, story, store.get_articles(story.article_ids)) is not None:
        return {"id": story_id, "state": "ready", "error": None}
    status = w.analyzer.status(story_id)
    return {"id": story_id, "state": status.state, "error": status.error}


@router.get("/articles", response_model=ArticlePage, summary="Stored articles, newest first")
def list_articles(
    w: WebDep, store: StoreDep, page: PageNo = 1, per_page: PerPage = 20, outlet: str | None = None
) -> dict[str, Any]:
    articles, total = article_page(
        store, outlet=outlet, offset=(page - 1) * per_page, limit=per_page
    )
    story = stories_of(store, [a.id for a in articles])
    items = [_article(w, a, story.get(a.id)) for a in articles]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


@router.get(
    "/articles/{article_id}",
    response_model=ArticleOut,
    responses=NOT_FOUND,
    summary="One stored article",
)
def get_article(w: WebDep, store: StoreDep, article_id: str) -> dict[str, Any]:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"article {article_id}: not in the store")
    return _article(w, article, store.story_of(article_id))


def authorized(w: WebDep, authorization: Annotated[str | None, Header()] = None) -> None:
    """Runs before the body is parsed, so an unauthorised caller never learns about validation."""
    check_token(w.settings, authorization)


@router.post(
    "/articles",
    response_model=IngestOut,
    status_code=201,
    dependencies=[Depends(authorized)],
    summary="Ingest one record or a list (needs the API token)",
    responses={
        401: {"description": "missing or wrong token"},
        403: {"description": "posting is disabled (no api_token configured)"},
    },
)
def post_articles(
    w: WebDep,
    store: StoreDep,
    records: Annotated[ArticleRecord | list[ArticleRecord], Body()],
) -> dict[str, Any]:
    """Store records through the ingest library, then regroup stories.

    Records use the JSON record format of ``storyscope ingest``: ``id, url, outlet, title,
    published, author, language`` and ``text`` or ``html``.
    """
    items = records if isinstance(records, list) else [records]
    if not items:
        raise HTTPException(422, "no records given")
    with w.ingest_lock:
        out = ingest_posted(store, [r.model_dump() for r in items], w.settings)
    return out


@router.get("/outlets", response_model=list[OutletOut], summary="Outlets with stored articles")
def list_outlets(w: WebDep, store: StoreDep) -> list[dict[str, Any]]:
    counts = w.outlets(store)
    return [{**w.directory.facts(n).as_json(), "articles": c} for n, c in sorted(counts.items())]


@router.get(
    "/outlets/{name:path}",
    response_model=OutletDetail,
    responses=NOT_FOUND,
    summary="An outlet's registry facts, ratings with provenance, and its stories",
)
def get_outlet(w: WebDep, store: StoreDep, name: str) -> dict[str, Any]:
    count = w.outlets(store).get(name, 0)
    facts = w.directory.facts(name)
    if not count and not facts.known:
        raise HTTPException(404, f"outlet {name}: no stored articles and not in the registry")
    stories = [
        {"id": s.id, "title": s.title, "last_updated": s.last_updated, "articles": s.articles}
        for s in outlet_stories(w, store, name)
    ]
    return {**facts.as_json(), "articles": count, "stories": stories}


@router.get("/search", response_model=SearchResult, summary="Full-text search over articles")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1)],
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    hits = store.search_articles(q, limit=limit)
    story = stories_of(store, [a.id for a in hits])
    items = [
        {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "story_id": story.get(a.id),
            "snippet": " ".join(a.body.split()[:40]),
        }
        for a in hits
    ]
    return {"query": q, "items": items}
