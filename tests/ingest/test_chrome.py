"""The chrome lexicon (``storyscope/data/chrome.json``) and the line-shape tests."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from storyscope.ingest.chrome import (
    Lexicon,
    _anchors,
    is_caps_dateline,
    is_headline_like,
    is_name_line,
    lexicon,
    norm_key,
)
from storyscope.ingest.clean import clean_text


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Share this article", "share"),
        ("Bu haberi paylaşın", "share"),
        ("Partager cet article", "share"),
        ("Tags: , , ,", "tags"),
        ("Related topics", "related"),
        ("Jane Roe (Digital Producer) contributed to this report.", "credit"),
        ("The minister at a rally in a file image", "caption"),
        ("pic.twitter.com/abc123", "embed"),
        ("This recording was made using enhanced software.", "audio"),
        ("Unsubscribe anytime.", "newsletter"),
        ("Enter your email address", "newsletter"),
        ("Get the Daily Brief in your inbox. Sign up now.", "newsletter"),
        ("By entering your email, you agree to our Terms and Privacy Policy.", "newsletter"),
        ("Powered by Summit Digest", "promo"),
        ("5 min read", "navigation"),
        ("We use cookies to improve your experience.", "navigation"),
        ("Follow Jane Roe on Twitter", "share"),
        ("Image copyright Reuters Image caption Crowds gathered at the port", "caption"),
        ("Crowds at the port on Monday. Jane Roe/Getty Images", "caption"),
        ("Copyright 2025 Coastal Press. All rights reserved.", "disclaimer"),
        ("Don't just take our word for it.", "promo"),
        ("Why this story matters", "sidebar"),
        ("Full story", "resume"),
        ("Americas", "section"),
        ("Stay tuned for more updates.", "stay_tuned"),
    ],
)
def test_lexicon_categories(line: str, category: str) -> None:
    assert lexicon().classify(line) == category


@pytest.mark.parametrize(
    "line",
    [
        "Six countries agreed to sign up to the treaty by the end of the year, officials said.",
        "The drones are powered by small petrol engines and carry cameras for surveillance.",
        "Welcome back to the negotiating table was the message from the mediator on Monday, aides said.",
        "Analysts said the subscription model had helped the newspaper survive a difficult decade.",
        "The minister said the share of renewable energy had doubled since 2015.",
        "A photo by a local resident showed flames rising from the roof of the depot.",
        "The company changed its privacy policy last year, regulators said.",
        "The platform said the posts violated its terms of service.",
        "The newsletter, which has 50,000 readers, first reported the resignation.",
        "The documentary, narrated by a former diplomat, premiered on Sunday.",
        "Inspectors were denied unlimited access to the site, the agency said.",
        "Research by the institute found that the river had warmed by two degrees.",
        "Reuters reported that the talks had stalled, citing two officials.",
        "The company changed its privacy policy.",
        "Two more countries are expected to sign up.",
    ],
)
def test_reporting_sentences_are_not_chrome(line: str) -> None:
    assert lexicon().classify(line) is None
    assert clean_text(line, title="A title").body == line


def test_lexicon_file_is_readable_json_with_about() -> None:
    data = lexicon().data
    assert "_about" in data
    for name, spec in data.items():
        if not name.startswith("_"):
            assert spec.get("about"), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Port reopens after storm", True),
        ("\u201cWe will rebuild\u201d: mayor vows after storm", True),
        ("The port reopened after the storm.", False),
        ("reopened port", False),
        ("Ok", False),
    ],
)
def test_headline_shape(text: str, expected: bool) -> None:
    assert is_headline_like(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Q. Roe", True),
        ("Ana de la Cruz", True),
        ("Busra Nur Cakmak", True),
        ("Missile claims", False),
        ("Full story", False),
        ("ANKARA", False),
        ("Jane Roe 2025", False),
    ],
)
def test_name_shape(text: str, expected: bool) -> None:
    assert is_name_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ANKARA", True), ("NEW YORK", True), ("Ankara", False), ("UPDATE:", False)],
)
def test_caps_dateline_shape(text: str, expected: bool) -> None:
    assert is_caps_dateline(text) is expected


def test_norm_key_ignores_case_punctuation_and_trademark() -> None:
    assert norm_key("Unbiased. Straight Facts.TM") == norm_key("unbiased straight facts")


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _fixture_lines() -> list[str]:
    lines: list[str] = []
    for folder in ("text", "pasted"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix in (".txt", ".md"):
                lines.extend(s for s in path.read_text(encoding="utf-8").splitlines() if s.strip())
    return lines


def _unfiltered(lex: Lexicon) -> Lexicon:
    """The same lexicon with every shortcut off: each phrase alternation scans every line and each
    regex is searched on its own, as the lexicon file reads."""
    plain = Lexicon(lex.data)
    for name, cat in plain.categories.items():
        every = tuple(re.compile(r, re.I) for r in lex.data[name].get("regex", []))
        plain.categories[name] = replace(cat, anchors=None, any_regex=None, floating=every)
    return plain


def test_shortcuts_never_change_a_verdict() -> None:
    """The word prefilter and the anchored/floating regex split are only speed-ups."""
    lines = _fixture_lines()
    assert len(lines) > 100
    fast, plain = lexicon(), _unfiltered(lexicon())
    verdicts = [fast.classify(line) for line in lines]
    assert verdicts == [plain.classify(line) for line in lines]
    assert len({v for v in verdicts if v}) >= 8  # the fixtures exercise most categories


@pytest.mark.parametrize(
    ("phrases", "expected"),
    [
        (["sign up", "in your inbox"], {"sign", "inbox"}),
        (["@newsdesk"], {"newsdesk"}),
        (["don’t miss"], {"miss"}),  # "don" and "t" are words too, but shorter
        (["e-mail us:"], {"mail"}),
        (["_x"], None),  # "_" starts no word boundary: "x" may sit inside a longer word
        (["—"], None),
    ],
)
def test_anchor_words(phrases: list[str], expected: set[str] | None) -> None:
    got = _anchors(phrases)
    assert got == (frozenset(expected) if expected is not None else None)
