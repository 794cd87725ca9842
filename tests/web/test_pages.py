"""The HTML pages over real HTTP: what each shows, filters, and pages that degrade gracefully."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest

from storyscope.model import Story
from storyscope.pipeline import fingerprint
from storyscope.store import open_store


def page(live: Any, path: str, status: int = 200) -> str:
    response = httpx.get(live.url + path, timeout=30)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "app;dur=" in response.headers["server-timing"]
    return response.text


class Outline(HTMLParser):
    """Heading levels, landmarks and label targets, to check the page structure."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: set[str] = set()
        self.label_for: set[str] = set()
        self.control_ids: list[str] = []
        self.th_without_scope = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.control_ids.append(a.get("id") or "")
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?sort=covered",
        "/stories/skyguard",
        "/stories/calder",
        "/outlets/Continental Wire",
        "/search?q=launchers",
    ],
)
def test_pages_are_semantic(live: Any, path: str) -> None:
    outline = Outline()
    outline.feed(page(live, path))
    assert {"header", "nav", "main", "footer"} <= outline.tags
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    # headings never skip a level on the way down
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert all(i and i in outline.label_for for i in outline.control_ids), outline.control_ids
    assert outline.th_without_scope == 0


def test_home_lists_stories_with_coverage(live: Any) -> None:
    html = page(live, "/")
    assert html.index("Varnia claims Skyguard") < html.index("Calder dockworkers")
    assert "6 articles, 5 outlets" in html and "3 articles, 3 outlets" in html
    for label in ("Left 1", "Lean left 2", "Center 1", "Lean right 1", "Unrated 1", "Right 1"):
        assert label in html
    assert "Blindspot: few outlets on the right" in html
    assert "Countries: US 4 · GB 1 · XV 1" in html
    assert 'href="/?sort=newest" aria-current="page"' in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?lean=right", "Calder dockworkers", "Varnia claims"),
        ("?country=XV", "Varnia claims", "Calder dockworkers"),
        ("?outlet=Eastbay+Courier", "Calder dockworkers", "Varnia claims"),
        ("?since=2026-03-03&until=2026-03-31", "Varnia claims", "Calder dockworkers"),
    ],
)
def test_home_filters(live: Any, query: str, shown: str, hidden: str) -> None:
    html = page(live, "/" + query)
    assert shown in html and hidden not in html


def test_home_rejects_an_unknown_lean_in_one_line(live: Any) -> None:
    html = page(live, "/?lean=sideways", status=400)
    assert "lean &#39;sideways&#39;: choose one of" in html


def test_story_page_shows_every_part(live: Any) -> None:
    html = page(live, "/stories/skyguard")
    for text in (
        "What happened",
        "Key points by perspective",
        "State media",
        "All sources report",
        "Only Varnia State Broadcaster",
        "Where sources disagree",
        "more than 2,500",
        "Helena Strand, as relayed by Meridian Post, Plainsman Herald",
        '<th scope="row">Ilya Dorn',
        "strongman",
        "6 articles, 5 independent origins",
        "Publication timeline",
        "lean by AllSides",
        "Media Bias/Fact Check, 2023-11-20",
    ):
        assert text in html, text
    # every citation chip points at a source anchor that exists
    anchors = set(re.findall(r'<li id="(src-\d+)"', html))
    chips = set(re.findall(r'class="chip[^"]*" href="#(src-\d+)"', html))
    assert chips and chips <= anchors
    assert 'href="https://continentalwire.example/varnia-air-defence-0304"' in html
    assert '<button type="button" class="seg lean-lean-left"' in html


def test_story_without_analysis_still_has_sources_landscape_timeline(live: Any) -> None:
    html = page(live, "/stories/calder")
    assert "has not been computed yet" in html
    assert "Publication timeline" in html and "Port of Calder at a standstill" in html
    assert "estimated from the outlets" in html
    assert "Where sources disagree" not in html


def test_outlet_page_shows_ratings_with_provenance_and_stories(live: Any) -> None:
    html = page(live, "/outlets/Harbor Daily Ledger")
    assert "Ledger Holdings" in html
    assert "<strong>left</strong> by AllSides, 2024-03-01" in html
    assert "Varnia claims Skyguard" in html and "Calder dockworkers" in html
    unknown = page(live, "/outlets/Eastbay Courier")
    assert "not in the outlet registry" in unknown
    page(live, "/outlets/Nobody Weekly", status=404)


def test_search_page(live: Any) -> None:
    html = page(live, "/search?q=satellite")
    assert "2 articles for" in html and 'href="/stories/skyguard"' in html
    assert "0 articles for" in page(live, "/search?q=zeppelin")


def test_unknown_story_is_404(live: Any) -> None:
    assert "not in the store" in page(live, "/stories/nope", status=404)


def test_uncached_story_is_analysed_in_the_background(
    fresh_settings: Any, seeder: Any, serve: Any
) -> None:
    """The page answers at once; the status endpoint then says ready, or failed in one line."""
    seeder(fresh_settings)
    with serve(fresh_settings) as url:
        first = httpx.get(url + "/stories/calder", timeout=30)
        assert first.status_code == 200 and 'data-state="running"' in first.text
        deadline = time.monotonic() + 120
        state: dict[str, Any] = {"state": "running"}
        while state["state"] == "running" and time.monotonic() < deadline:
            time.sleep(0.3)
            state = httpx.get(url + "/api/stories/calder/status").json()
        assert state["state"] in ("ready", "failed")
        if state["state"] == "failed":
            assert state["error"] and "\n" not in state["error"]
        else:
            assert "has not been computed" not in httpx.get(url + "/stories/calder").text


@pytest.mark.parametrize(
    "drop",
    [
        "framing",
        "summary",
        "perspectives",
        "conflicts",
        "quotes",
        "claims",
        "origins",
        "unique_claims",
        "landscape",
    ],
)
def test_story_page_degrades_when_a_part_is_missing(
    fresh_settings: Any, seeder: Any, serve: Any, analysis: dict[str, Any], drop: str
) -> None:
    partial = {k: v for k, v in analysis.items() if k != drop}
    seeder(fresh_settings, partial)
    with serve(fresh_settings, background_analysis=False) as url:
        html = httpx.get(url + "/stories/skyguard", timeout=30).text
    assert "Media landscape" in html and "Sources" in html
    if drop == "landscape":
        assert "estimated from the outlets" in html
    else:
        assert "Not available yet for this story" in html
    if drop == "framing":
        assert "No framing comparison for this story yet" in html
        assert "Where sources disagree" in html and "Every valley and every bridge" in html


def test_stale_analysis_is_not_shown(fresh_settings: Any, seeder: Any, serve: Any) -> None:
    """An analysis cached for other articles (the story grew) must not be shown as current."""
    seeder(fresh_settings)
    store = open_store(fresh_settings)
    try:
        story = store.get_story("skyguard")
        assert story is not None
        grown = Story(
            story.id,
            story.title,
            (*story.article_ids, "calder-beacon"),
            story.first_seen,
            story.last_updated,
        )
        store.save_stories([grown])
        assert (
            store.get_analysis(
                "skyguard",
                fingerprint(grown, store.get_articles(grown.article_ids), fresh_settings),
            )
            is None
        )
    finally:
        store.close()
    with serve(fresh_settings, background_analysis=False) as url:
        html = httpx.get(url + "/stories/skyguard", timeout=30).text
    assert "has not been computed yet" in html and "Union strike paralyses" in html
