"""Matching by URL, name, og:site_name and pasted text; unknown outlets stay None."""

from __future__ import annotations

import pytest

from storyscope.outlets.matching import (
    domain_candidates,
    host_of,
    loose_name,
    norm_name,
    registered_domain,
)
from storyscope.outlets.registry import OutletRegistry


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.bbc.co.uk/news/world-latin-america-1", "BBC News"),
        ("https://feeds.bbci.co.uk/news/world/rss.xml", "BBC News"),
        ("https://amp.theguardian.com/world/2025/oct/23/x", "The Guardian"),
        ("https://m.foxnews.com/politics/x", "Fox News"),
        ("https://www.foxnews.com/opinion/some-column", "Fox News (Opinion)"),
        ("https://mobile.reuters.com/world/x", "Reuters"),
        ("http://edition.cnn.com/2025/10/23/americas/x", "CNN"),
        ("https://abcnews.go.com/International/x", "ABC News"),
        ("https://www.abc.net.au/news/2025-10-23/x", "ABC News (Australia)"),
        ("https://www.aa.com.tr/en/americas/venezuela/1", "Anadolu Agency"),
        ("https://english.news.cn/20251023/x/c.html", "Xinhua News Agency"),
        ("https://www.wsj.com/opinion/x", "Wall Street Journal (Opinion)"),
        ("https://www.wsj.com/world/americas/x", "The Wall Street Journal"),
        ("https://san.com/cc/maduro-claims/", "Straight Arrow News"),
        ("https://www3.nhk.or.jp/nhkworld/en/news/1/", "NHK"),
        ("WWW.DW.COM/en/x", "Deutsche Welle"),
        ("https://user:pw@www.rt.com:443/news/1", "RT"),
        ("sputnikglobe.com", "Sputnik"),
    ],
)
def test_url_domain(builtin: OutletRegistry, url: str, expected: str) -> None:
    outlet = builtin.match(url=url)
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.unknown-paper.example/news/1",
        "https://co.uk/x",
        "not a url",
        "https://localhost/x",
        "",
    ],
)
def test_unknown_url_stays_none(builtin: OutletRegistry, url: str) -> None:
    assert builtin.match(url=url) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Fox News (Online News)", "Fox News"),
        ("Fox Online News", "Fox News"),
        ("New York Times - News", "The New York Times"),
        ("New York Times (Opinion)", "New York Times (Opinion)"),
        ("New York Times - Opinion", "New York Times (Opinion)"),
        ("Reuters (Opinion)", "Reuters"),
        ("CNN (Web News)", "CNN"),
        ("CNN - Editorial", "CNN (Opinion)"),
        ("The Hill", "The Hill"),
        ("Washington Post", "The Washington Post"),
        ("BBC News", "BBC News"),
        ("NPR Online News", "NPR"),
        ("NBCNews.com", "NBC News"),
        ("Yahoo! News", "Yahoo News"),
        ("WASHINGTON TIMES", "The Washington Times"),
        ("Wall Street Journal – News", "The Wall Street Journal"),
        ("Newsmax - News", "Newsmax"),
        ("Anadolu Ajansı", "Anadolu Agency"),
        ("Anadolu Ajansi", "Anadolu Agency"),
        ("AA", "Anadolu Agency"),
        ("SAN", "Straight Arrow News"),
        ("Mitu", "Mitú"),
        ("ABC News", "ABC News"),
        ("ABC Australia", "ABC News (Australia)"),
        ("Russia Today", "RT"),
    ],
)
def test_wild_names(builtin: OutletRegistry, name: str, expected: str) -> None:
    outlet = builtin.match(name=name)
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    "name", ["Guest Writer - Right", "Some Village Bugle", "News", "The", "Online News", ""]
)
def test_unknown_name_stays_none(builtin: OutletRegistry, name: str) -> None:
    assert builtin.match(name=name) is None


@pytest.mark.parametrize(
    ("site_name", "expected"),
    [
        ("BBC News", "BBC News"),
        ("Anadolu Ajansı", "Anadolu Agency"),
        ("The Civic Review", "The Civic Review"),
    ],
)
def test_og_site_name(builtin: OutletRegistry, site_name: str, expected: str) -> None:
    outlet = builtin.match(site_name=site_name)
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Body text.\n\nAnadolu Agency website contains only a portion of the news stories offered to "
            "subscribers in the AA News Broadcasting System (HAS), and in summarized form.",
            "Anadolu Agency",
        ),
        (
            "Story text\n\nSAN provides\nUnbiased. Straight Facts.\u2122\n\nMore",
            "Straight Arrow News",
        ),
        ("CARACAS (Reuters) \u2014 A story about a port.", "Reuters"),
        ("MOSCOW, October 23. /TASS/. The ministry said...", "TASS"),
        ("BEIJING, Oct. 23 (Xinhua) -- Officials said...", "Xinhua News Agency"),
        ("Some text. CLICK HERE TO GET THE FOX NEWS APP. More text.", "Fox News"),
    ],
)
def test_pasted_text_signatures(builtin: OutletRegistry, text: str, expected: str) -> None:
    outlet = builtin.match(text=text)
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    "text",
    [
        "According to Reuters, the ministry said the figure was not verified.",
        "Anadolu Agency reported on Tuesday that talks resumed.",
        "A plain article that never says where it comes from.",
    ],
)
def test_text_mentioning_an_outlet_is_not_a_match(builtin: OutletRegistry, text: str) -> None:
    assert builtin.match(text=text) is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"url": "https://www.bbc.com/x", "site_name": "CNN", "name": "Fox News"}, "BBC News"),
        ({"site_name": "CNN", "name": "Fox News"}, "CNN"),
        ({"name": "Fox News"}, "Fox News"),
        ({"url": "https://unknown.example/x", "name": "Unknown Bugle"}, "Reuters"),
    ],
)
def test_precedence_url_over_site_name_over_name_over_text(
    builtin: OutletRegistry, given: dict[str, str], expected: str
) -> None:
    outlet = builtin.match(text="LONDON (Reuters) - text", **given)
    assert outlet is not None and outlet.name == expected


def test_most_frequent_signature_wins(builtin: OutletRegistry) -> None:
    text = "PARIS (AFP) - one line. (Reuters) - quoted once. (AFP) - and again."
    outlet = builtin.match(text=text)
    assert outlet is not None and outlet.name == "Agence France-Presse"


@pytest.mark.parametrize(
    ("host", "registered"),
    [
        ("edition.cnn.com", "cnn.com"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("www.abc.net.au", "abc.net.au"),
        ("a.b.aa.com.tr", "aa.com.tr"),
        ("cnn.com", "cnn.com"),
        ("example.de", "example.de"),
    ],
)
def test_registered_domain(host: str, registered: str) -> None:
    assert registered_domain(host) == registered


def test_domain_candidates_stop_at_registered_domain() -> None:
    assert domain_candidates("https://amp.news.bbc.co.uk/x/y") == [
        "news.bbc.co.uk/x",
        "news.bbc.co.uk",
        "bbc.co.uk/x",
        "bbc.co.uk",
    ]
    assert host_of("https://www.m.example.org") == "example.org"


@pytest.mark.parametrize(
    ("raw", "exact", "loose"),
    [
        ("The New York Times", "new york times", "new york times"),
        ("Fox News (Online News)", "fox news online news", "fox"),
        ("Investor's Business Daily", "investors business daily", "investors business daily"),
        ("AT&T News", "at and t news", "at and t"),
        ("Yahoo! News", "yahoo news", "yahoo"),
    ],
)
def test_name_keys(raw: str, exact: str, loose: str) -> None:
    assert norm_name(raw) == exact
    assert loose_name(raw) == loose


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met.\n© 2025 The Guardian. All rights reserved.", "The Guardian"),
        ("The council met.\nCopyright 2024 Reuters", "Reuters"),
        ("The council met.\n(c) Al Jazeera 2023. All rights reserved", "Al Jazeera"),
        ("The council met.\n© 2025 Some Unknown Local Blog. All rights reserved.", None),
        ("A caption says the photo is © by its maker.", None),
    ],
)
def test_copyright_line_names_the_outlet(
    builtin: OutletRegistry, text: str, expected: str | None
) -> None:
    found = builtin.match(text=text)
    assert (found.name if found else None) == expected
