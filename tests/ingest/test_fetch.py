from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest

from storyscope.config import Settings
from storyscope.ingest.fetch import Fetcher, FetchError


def test_get_sends_an_honest_user_agent_and_reads_robots_once(loopback, settings: Settings) -> None:
    with Fetcher(settings) as fetcher:
        first = fetcher.get(loopback.url("/pages/wire-spill.html"))
        fetcher.get(loopback.url("/pages/gazette-spill.html"))
    assert first.status == 200 and first.content_type == "text/html" and first.charset == "utf-8"
    assert b"Northern Lark" in first.content
    assert loopback.paths() == [
        "/robots.txt",
        "/pages/wire-spill.html",
        "/pages/gazette-spill.html",
    ]
    assert {h["user-agent"] for _, h in loopback.requests} == {settings.user_agent}


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/private/wire-spill.html", "disallowed by the site's robots.txt for storyscope"),
        ("/missing-page.html", "HTTP 404 Not Found"),
        ("/slow", "timed out after 1s (fetch_timeout)"),
        ("/trickle", "timed out after 2s reading the response (fetch_timeout)"),
        ("/huge", "response is 2,000,000 bytes, over the 1,000,000-byte limit (fetch_max_bytes)"),
        ("/huge-chunked", "response is over the 1,000,000-byte limit (fetch_max_bytes)"),
    ],
)
def test_get_failures_are_one_line_reasons(
    loopback, settings: Settings, path: str, reason: str
) -> None:
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(loopback.url(path))
    assert str(info.value) == reason
    if path.startswith("/private/"):
        assert path not in loopback.paths()  # robots.txt honoured: never requested


def test_unreachable_host(settings: Settings) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match=r"^cannot connect \("):
        fetcher.get(f"http://127.0.0.1:{port}/story.html")


def test_conditional_get_returns_not_modified(loopback, settings: Settings) -> None:
    loopback.watch_sequence = ["feeds/ledger-atom.xml"]
    with Fetcher(settings) as fetcher:
        first = fetcher.get(loopback.url("/watch/feed.xml"))
        again = fetcher.get(loopback.url("/watch/feed.xml"), etag=first.etag)
    assert first.status == 200 and first.etag == '"v0"' and not first.not_modified
    assert again.not_modified and again.content == b""
    assert loopback.requests[-1][1]["if-none-match"] == '"v0"'


def test_robots_rules_match_the_product_token(loopback, settings: Settings) -> None:
    agent = replace(settings, user_agent="storyscope/9.9 (+https://example.org/bot)")
    with Fetcher(agent) as fetcher:
        assert fetcher.agent_token == "storyscope"
        assert fetcher.allowed(loopback.url("/pages/a.html"))
        assert not fetcher.allowed(loopback.url("/private/a.html"))


def test_crawl_delay_is_honoured_between_requests(loopback, settings: Settings) -> None:
    loopback.robots = "User-agent: storyscope\nCrawl-delay: 0.4\nDisallow: /private/\n"
    start = time.monotonic()
    with Fetcher(settings) as fetcher:
        for page in ("wire-spill.html", "gazette-spill.html", "ledger-spill.html"):
            fetcher.get(loopback.url(f"/pages/{page}"))
    assert time.monotonic() - start >= 0.8  # two waits between three requests


@pytest.mark.parametrize(
    ("path", "outcome"),
    [
        ("/redirect/2/pages/wire-spill.html", "/pages/wire-spill.html"),
        (
            "/redirect/1/private/wire-spill.html",
            "disallowed by the site's robots.txt for storyscope",
        ),
        ("/redirect/9/pages/wire-spill.html", "more than 5 redirects"),
    ],
)
def test_redirects_are_followed_with_robots_checked_per_hop(
    loopback, settings: Settings, path: str, outcome: str
) -> None:
    with Fetcher(settings) as fetcher:
        try:
            got = fetcher.get(loopback.url(path))
        except FetchError as exc:
            assert str(exc) == outcome
        else:
            assert got.url == loopback.url(outcome) and got.status == 200
    assert "/private/wire-spill.html" not in loopback.paths()
