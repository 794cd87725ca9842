"""HTML pages: the story feed, search, a story, an outlet. None of them runs an analysis."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from storyscope.store import Store
from storyscope.web.analysis import cached_analysis
from storyscope.web.app import Web, store_of, web
from storyscope.web.feed import FeedQuery, FilterError, countries, feed, outlet_stories
from storyscope.web.outlets import LANDSCAPE_KEYS
from storyscope.web.queries import stories_of, story_titles
from storyscope.web.view import StoryView, build

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_of)]
WebDep = Annotated[Web, Depends(web)]


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


@router.get("/", response_class=HTMLResponse)
def home(
    w: WebDep,
    store: StoreDep,
    sort: Literal["newest", "covered"] = "newest",
    page: Annotated[int, Query(ge=1)] = 1,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    country: str | None = None,
    lean: str | None = None,
) -> HTMLResponse:
    q = FeedQuery(
        order=sort,
        page=page,
        since=_blank(since),
        until=_blank(until),
        outlet=_blank(outlet),
        country=_blank(country),
        lean=_blank(lean),
    )
    try:
        result = feed(w, store, q)
    except FilterError as exc:
        return w.render("error.html", 400, title="Bad filter", message=str(exc))
    return w.render(
        "home.html",
        title="Stories",
        feed=result,
        q=q,
        leans=LANDSCAPE_KEYS,
        outlets=sorted(w.outlets(store)),
        countries=countries(w, store),
    )


@router.get("/search", response_class=HTMLResponse)
def search(w: WebDep, store: StoreDep, q: str = "") -> HTMLResponse:
    hits = store.search_articles(q, limit=50) if q.strip() else []
    story_ids = stories_of(store, [a.id for a in hits])
    titles = story_titles(store, sorted(set(story_ids.values())))
    return w.render(
        "search.html",
        title=f"Search: {q}" if q else "Search",
        q=q,
        hits=hits,
        story_of=story_ids,
        story_titles=titles,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, w: WebDep, store: StoreDep, story_id: str) -> HTMLResponse:
    story = store.get_story(story_id)
    if story is None:
        return w.render(
            "error.html", 404, title="No such story", message=f"story {story_id}: not in the store"
        )
    articles = store.get_articles(story.article_ids)
    analysis = cached_analysis(store, w.settings, story, articles)
    status = None if analysis is not None else w.analyzer.request(story.id)
    head = {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen,
        "last_updated": story.last_updated,
    }
    view = build(head, articles, analysis, w.directory, w.settings.blindspot_threshold)
    return w.render(
        "story.html", title=story.title, view=view, status=status, outlet_html=outlet_html(w, view)
    )


def outlet_html(w: Web, view: StoryView) -> dict[str, tuple[Markup, Markup]]:
    """Each outlet's source-list markup, rendered once per outlet rather than once per article."""
    macros = w.templates.get_template("_outlet.html").module
    out: dict[str, tuple[Markup, Markup]] = {}
    for s in view.sources:
        if s.outlet not in out:
            out[s.outlet] = (macros.meta(s.facts, s.outlet), macros.details(s.facts))  # type: ignore[attr-defined]
    return out


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(w: WebDep, store: StoreDep, name: str) -> HTMLResponse:
    count = w.outlets(store).get(name, 0)
    facts = w.directory.facts(name)
    if not count and not facts.known:
        return w.render(
            "error.html",
            404,
            title="No such outlet",
            message=f"outlet {name}: no stored articles and not in the outlet registry",
        )
    return w.render(
        "outlet.html",
        title=name,
        facts=facts,
        count=count,
        stories=outlet_stories(w, store, name),
        registry_error=w.directory.error,
    )
