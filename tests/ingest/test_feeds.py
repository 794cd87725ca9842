from __future__ import annotations

from pathlib import Path

import pytest

from storyscope.ingest.feeds import (
    FULL_CONTENT_CHARS,
    FeedError,
    fragment_text,
    is_feed,
    parse_feed,
)


def test_rss_content_encoded_is_full_text(fixtures: Path) -> None:
    feed = parse_feed((fixtures / "feeds" / "gazette-rss.xml").read_bytes())
    assert feed.title == "Harbor Gazette - Local news" and feed.site_name == "Harbor Gazette"
    assert len(feed.entries) == 2
    entry = feed.entries[0]
    assert entry.link == "https://harborgazette.example/local/2025/03/04/oil-slick-piers"
    assert entry.author == "Petra Lindqvist" and entry.published
    assert entry.content and len(entry.content) > FULL_CONTENT_CHARS
    assert entry.content.startswith("By mid-morning on Tuesday")  # figure caption dropped
    assert "Photo: staff" not in entry.content
    assert entry.content.count("\n\n") >= 6  # one block per paragraph


def test_atom_summary_only_entries_are_teasers(fixtures: Path) -> None:
    feed = parse_feed((fixtures / "feeds" / "ledger-atom.xml").read_bytes())
    assert feed.site_name == "The Daily Ledger"
    assert [e.content for e in feed.entries] == [None, None]
    assert all(e.summary and e.link for e in feed.entries)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel><item><title>cut", "broken feed"),
        (b"<?xml version='1.0'?><notafeed><x/></notafeed>", "not an RSS or Atom feed"),
        (b"just words, not XML at all", "not an RSS or Atom feed"),
    ],
)
def test_unreadable_feeds_raise(data: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(data)


def test_truncated_feed_reports_broken_and_keeps_nothing_half_read(fixtures: Path) -> None:
    with pytest.raises(FeedError, match="broken feed"):
        parse_feed((fixtures / "feeds" / "broken.xml").read_bytes())


def test_feed_text_that_looks_like_a_path_is_not_opened(tmp_path: Path) -> None:
    # feedparser opens str/bytes that name a file or URL; ours must parse the bytes themselves
    target = tmp_path / "feed.xml"
    target.write_text("<rss version='2.0'><channel><title>x</title></channel></rss>")
    with pytest.raises(FeedError):
        parse_feed(str(target).encode())


@pytest.mark.parametrize(
    ("head", "ctype", "expected"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'>", "", True),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "text/xml", True),
        (b"anything", "application/atom+xml", True),
        (b"<!DOCTYPE html><html><body>rss</body></html>", "text/html", False),
        (
            b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>",
            "application/xml",
            False,
        ),
    ],
)
def test_is_feed(head: bytes, ctype: str, expected: bool) -> None:
    assert is_feed(head, ctype) is expected


def test_fragment_text_keeps_paragraphs_drops_scripts() -> None:
    html = "<p>One <b>bold</b> line.</p><script>x()</script><p>Two<br>three</p>"
    assert fragment_text(html) == "One bold line.\n\nTwo\n\nthree"
