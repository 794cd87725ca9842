"""The story page in a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
OUT = Path(__file__).resolve().parents[2] / "bench" / "out"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"{CHROMIUM} not installed (make system-deps installs Debian chromium)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture
def story(browser: Any, live: Any) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(live.url + "/stories/skyguard")
    yield page
    page.close()


def visible_leans(page: Any) -> list[str]:
    leans: list[str] = page.eval_on_selector_all(
        "ol.sources > li", "els => els.filter(e => !e.hidden).map(e => e.dataset.lean)"
    )
    return leans


def test_story_page_shows_landscape_conflicts_quotes_framing(story: Any) -> None:
    bar = story.locator("#landscape .bar button")
    assert bar.all_inner_texts() == [
        "Left 1",
        "Lean left 2",
        "Center 1",
        "Lean right 1",
        "Unrated 1",
    ]
    assert story.locator("#conflicts").get_by_text("more than 2,500", exact=True).is_visible()
    assert story.locator("#quotes blockquote").first.inner_text().startswith("Every valley")
    table = story.locator("#framing table")
    assert table.locator("th[scope=col]").all_inner_texts()[0] == "Actor"
    assert "strongman" in table.locator("tr", has_text="Ilya Dorn").inner_text()
    OUT.mkdir(parents=True, exist_ok=True)
    story.screenshot(path=str(OUT / "story-page.png"), full_page=True)
    assert (OUT / "story-page.png").stat().st_size > 10_000


def test_clicking_a_bar_segment_filters_the_sources(story: Any) -> None:
    assert len(visible_leans(story)) == 6
    segment = story.locator("#landscape button[data-lean=lean-left]")
    segment.click()
    assert visible_leans(story) == ["lean-left", "lean-left"]
    assert segment.get_attribute("aria-pressed") == "true"
    assert "Showing 2 of 6 sources" in story.locator("#filter-note").inner_text()
    segment.click()
    assert len(visible_leans(story)) == 6


def test_bar_segments_work_from_the_keyboard(story: Any) -> None:
    story.locator("#landscape button[data-lean=center]").focus()
    story.keyboard.press("Enter")
    assert visible_leans(story) == ["center"]
    story.keyboard.press("Shift+Tab")
    story.keyboard.press("Space")
    assert visible_leans(story) == ["lean-left", "lean-left"]
    story.locator("#filter-note button").click()
    assert len(visible_leans(story)) == 6


def test_skip_link_is_the_first_stop(story: Any) -> None:
    story.keyboard.press("Tab")
    focused = story.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"


def test_a_citation_chip_lands_on_its_source_even_when_filtered(story: Any) -> None:
    story.locator("#landscape button[data-lean=center]").click()
    chip = story.locator(".summary a.chip", has_text="4").first
    target = chip.get_attribute("data-target")
    source = story.locator(f"#{target}")
    assert source.is_hidden()
    chip.click()
    assert story.url.endswith(f"#{target}")
    assert source.is_visible()
    assert story.evaluate("document.activeElement.id") == target
    box = source.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert "Harbor Daily Ledger" in source.inner_text()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/skyguard",
        "/stories/calder",
        "/outlets/Varnia State Broadcaster",
        "/search?q=Dorn",
    ],
)
def test_phone_width_has_no_horizontal_scroll(browser: Any, live: Any, path: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        page.goto(live.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.close()


@pytest.fixture(scope="module")
def sample_story(browser: Any, pipeline: Any) -> Iterator[Any]:
    """The most covered story of the real pipeline's store, as the browser shows it."""
    import httpx

    feed = httpx.get(pipeline.url + "/api/stories", params={"sort": "covered"}).json()
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.goto(f"{pipeline.url}/stories/{feed['items'][0]['id']}")
    yield page
    page.close()


def test_pipeline_story_page_in_the_browser(sample_story: Any) -> None:
    page = sample_story
    assert page.locator("#conflicts article.conflict").count() >= 1
    assert page.locator("#quotes blockquote").count() >= 1
    assert page.locator("#framing table tbody tr").count() >= 1
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "sample-story-page.png"), full_page=True)
    total = len(visible_leans(page))
    for segment in page.locator("#landscape .bar button").all():
        lean = segment.get_attribute("data-lean")
        count = int(segment.inner_text().rsplit(" ", 1)[1])
        segment.click()
        assert visible_leans(page) == [lean] * count
        segment.click()
        assert len(visible_leans(page)) == total


def test_pipeline_citation_chips_land_on_sources(sample_story: Any) -> None:
    page = sample_story
    chips = page.locator(".summary a.chip")
    assert chips.count() >= 1
    for i in range(min(chips.count(), 5)):
        chip = chips.nth(i)
        target = chip.get_attribute("data-target")
        chip.click()
        assert page.url.endswith(f"#{target}")
        assert page.locator(f"#{target}").is_visible()
        assert page.evaluate("document.activeElement.id") == target


def test_pipeline_story_fits_a_phone(browser: Any, pipeline: Any) -> None:
    import httpx

    ids = [s["id"] for s in httpx.get(pipeline.url + "/api/stories").json()["items"]]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    try:
        for sid in ids:
            page.goto(f"{pipeline.url}/stories/{sid}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, sid
    finally:
        page.close()
