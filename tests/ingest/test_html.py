from __future__ import annotations

from pathlib import Path

import pytest

from storyscope.ingest.html import extract_page

CHROME = [
    "cookies",
    "Accept all",
    "Related stories",
    "newsletter",
    "Share on",
    "All rights reserved",
    "Privacy policy",
    "dataLayer",
    "Subscribe",
    "Five things to do",
]


@pytest.mark.parametrize(
    ("page", "first_words", "last_words"),
    [
        (
            "wire-spill.html",
            "MARLPORT, March 4 (Coastline Wire)",
            "board the Northern Lark on Wednesday.",
        ),
        ("gazette-spill.html", "By mid-morning on Tuesday", "age of the failed hose."),
        (
            "ledger-spill.html",
            "Officials in Marlport insisted",
            "once the investigation was complete.",
        ),
    ],
)
def test_body_is_the_article_without_page_chrome(
    fixtures: Path, page: str, first_words: str, last_words: str
) -> None:
    got = extract_page((fixtures / "pages" / page).read_text())
    assert first_words in got.body and last_words in got.body
    for chrome in CHROME:
        assert chrome not in got.body, chrome
    assert got.body.count("\n") >= 4  # paragraphs survive


def test_publisher_meta_tags_are_read_directly(fixtures: Path) -> None:
    got = extract_page((fixtures / "pages" / "wire-spill.html").read_text())
    assert got.site_name == "Coastline Wire"  # og:site_name
    assert got.url == "https://coastlinewire.example/world/marlport-harbour-spill?utm_source=rss"
    assert (
        got.published == "2025-03-04T09:12:00+00:00"
    )  # article:published_time, not the <time> text
    assert (
        got.title == "Marlport shuts harbour after tanker leaks fuel oil into bay"
    )  # og:title, no " | site"
    assert got.author == "Anneli Kross"
    assert got.language == "en"  # <html lang="en-GB">


def test_page_without_open_graph_falls_back_to_title_and_time(fixtures: Path) -> None:
    got = extract_page((fixtures / "pages" / "ledger-spill.html").read_text())
    assert got.site_name == "The Daily Ledger"  # from "<headline> | The Daily Ledger"
    assert got.published == "2025-03-04T15:30:00Z"  # <article><time datetime>
    assert got.title and got.title.startswith("Questions mount over spill figures")
    assert got.url is None


def test_relative_canonical_is_resolved_against_the_page_url() -> None:
    page = (
        '<html><head><link rel="canonical" href="/news/a-story"></head><body><article>'
        + "<p>The harbour reopened on Friday after a week of work on the damaged quay wall.</p>" * 5
        + "</article></body></html>"
    )
    got = extract_page(page, "https://example.com/news/a-story?ref=home")
    assert got.url == "https://example.com/news/a-story"


def test_canonical_pointing_at_the_home_page_is_ignored() -> None:
    page = (
        '<html><head><link rel="canonical" href="https://example.com/"></head><body><article>'
        + "<p>The harbour reopened on Friday after a week of work on the damaged quay wall.</p>" * 5
        + "</article></body></html>"
    )
    assert extract_page(page, "https://example.com/news/a").url == "https://example.com/news/a"
    assert extract_page(page).url is None


def test_page_without_article_has_no_body(fixtures: Path) -> None:
    got = extract_page((fixtures / "pages" / "no-article.html").read_text())
    assert len(got.body) < 80


def test_no_date_is_guessed_from_years_in_the_text() -> None:
    page = (
        "<html><body><article>" + "<p>Marlport last closed its harbour in 2019, when a container "
        "ship ran aground in fog near the breakwater at night.</p>" * 4 + "</article></body></html>"
    )
    assert extract_page(page).published is None
