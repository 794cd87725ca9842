from __future__ import annotations

import pytest

from storyscope.ingest.ids import article_id, canonical_url, content_hash


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.Example.com/news/story/", "https://example.com/news/story"),
        (
            "https://example.com/news/story?utm_source=rss&utm_medium=feed",
            "https://example.com/news/story",
        ),
        ("https://example.com/a?b=2&a=1#comments", "https://example.com/a?a=1&b=2"),
        ("https://example.com:443/a?fbclid=xyz", "https://example.com/a"),
        ("http://example.com:80//a//b", "http://example.com/a/b"),
    ],
)
def test_canonical_url_removes_what_does_not_name_the_article(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com/a", "https://example.org/a"),
        ("https://example.com:8080/a", "https://example.com/a"),
    ],
)
def test_canonical_url_keeps_what_does(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


def test_article_id_prefers_record_id_then_url_then_body() -> None:
    body = "The harbour reopened on Friday."
    assert article_id("rec-1", "https://example.com/a", body) == "rec-1"
    by_url = article_id(None, "https://example.com/a?utm_source=x", body)
    assert by_url == article_id(None, "https://www.example.com/a", "another body")
    assert len(by_url) == 16
    by_body = article_id(None, None, body)
    assert by_body == article_id("  ", None, "the  harbour reopened on friday")
    assert by_body != by_url
    # a path is not a URL: pasted text named by its file hashes by body
    assert article_id(None, "notes/a.txt", body) == by_body


def test_content_hash_ignores_typography_and_spacing() -> None:
    assert content_hash("“Nobody goes in,” she said — twice.") == content_hash(
        '"nobody goes in" she said - twice'
    )
    assert content_hash("a b c") != content_hash("a b d")
