"""The cleaner on fixture pages: each ``X.txt`` has an ``X.expect.json`` naming what must stay,
what must go (and be recorded with a reason) and the metadata to lift out."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from storyscope.ingest.clean import CleanResult, clean_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "text"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).lower()


def _run(name: str) -> tuple[CleanResult, dict[str, Any]]:
    expect = json.loads((FIXTURES / f"{name}.expect.json").read_text(encoding="utf-8"))
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    ref = expect.get("reference_date")
    result = clean_text(
        text,
        title=expect.get("given_title"),
        reference_date=datetime.fromisoformat(ref) if ref else None,
    )
    return result, expect


def test_fixtures_found() -> None:
    assert len(CASES) >= 10
    for name in CASES:
        assert (FIXTURES / f"{name}.expect.json").is_file(), name


@pytest.mark.parametrize("name", CASES)
def test_reporting_kept(name: str) -> None:
    result, expect = _run(name)
    body = _norm(result.body)
    lost = [frag for frag in expect["keep"] if _norm(frag) not in body]
    assert not lost, f"reporting lost: {lost}\nbody:\n{result.body}"


@pytest.mark.parametrize("name", CASES)
def test_chrome_removed_and_recorded(name: str) -> None:
    result, expect = _run(name)
    body = _norm(result.body)
    removed = [_norm(r.text) for r in result.removed]
    left = [frag for frag in expect["drop"] if _norm(frag) in body]
    assert not left, f"chrome left in body: {left}\nbody:\n{result.body}"
    unrecorded = [f for f in expect["drop"] if not any(_norm(f) in r for r in removed)]
    assert not unrecorded, f"removed without a record: {unrecorded}"
    reasons = {r.reason for r in result.removed}
    assert set(expect["reasons"]) <= reasons, reasons


@pytest.mark.parametrize("name", CASES)
def test_metadata(name: str) -> None:
    result, expect = _run(name)
    assert result.title == expect["title"]
    assert result.author == expect["author"]
    assert result.dateline == expect["dateline"]
    published = result.published.isoformat() if result.published else None
    assert published == expect["published"]
    if "subtitle" in expect:
        assert result.extras.get("subtitle", "").startswith(expect["subtitle"])
    for key, start in expect.get("extras", {}).items():
        assert start in result.extras.get(key, ""), (key, result.extras)
    if "paragraphs" in expect:
        assert len(result.body.split("\n\n")) == expect["paragraphs"]


@pytest.mark.parametrize("name", CASES)
def test_nothing_invented(name: str) -> None:
    """Body paragraphs come from the input (or are a paragraph minus removed sentences)."""
    result, _ = _run(name)
    source = _norm((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    for paragraph in result.body.split("\n\n"):
        for sentence in paragraph.split(". "):
            assert _norm(sentence) in source, sentence


@pytest.mark.parametrize("name", CASES)
def test_cleaning_a_clean_body_changes_nothing(name: str) -> None:
    result, _ = _run(name)
    again = clean_text(result.body, title=result.title or "untitled")
    assert again.body == result.body


LAYOUTS = {
    "no-blank-lines": lambda t: "\n".join(ln for ln in t.splitlines() if ln.strip()),
    "blank-between-all": lambda t: "\n\n".join(ln for ln in t.splitlines() if ln.strip()),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "indented": lambda t: "\n".join(f"  {ln}  " for ln in t.splitlines()),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", [c for c in CASES if "wrapped" not in c])
def test_layout_of_the_paste_does_not_matter(name: str, layout: str) -> None:
    """Pasting keeps or loses blank lines depending on the browser and editor; results must not."""
    expect = json.loads((FIXTURES / f"{name}.expect.json").read_text(encoding="utf-8"))
    text = LAYOUTS[layout]((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    ref = expect.get("reference_date")
    result = clean_text(
        text,
        title=expect.get("given_title"),
        reference_date=datetime.fromisoformat(ref) if ref else None,
    )
    body = _norm(result.body)
    assert all(_norm(f) in body for f in expect["keep"]), result.body
    assert not [f for f in expect["drop"] if _norm(f) in body], result.body
    assert (result.title, result.author) == (expect["title"], expect["author"])


def test_empty_and_blank_input() -> None:
    assert clean_text("").body == ""
    assert clean_text(" \n\n \n").removed == ()


def test_given_title_is_kept_even_without_headline_line() -> None:
    text = "The council approved the budget on Monday after a long debate about school funding."
    result = clean_text(text, title="Council approves budget")
    assert result.title == "Council approves budget"
    assert result.body == text


def test_plain_paragraph_is_not_taken_as_title() -> None:
    text = (
        "The council approved the budget on Monday after a long debate.\n\n"
        "Opposition members voted against it."
    )
    result = clean_text(text)
    assert result.title is None
    assert result.body == text.replace("\n\n", "\n\n")


def test_body_paragraphs_joined_with_blank_lines() -> None:
    text = (
        "Headline about a harbour\n\nFirst paragraph of the report here.\nSecond paragraph of it."
    )
    result = clean_text(text)
    assert result.title == "Headline about a harbour"
    assert result.body.split("\n\n") == [
        "First paragraph of the report here.",
        "Second paragraph of it.",
    ]


# Regressions found by cleaning real article bodies (../shared/data); each guards a rule that once
# ate reporting. The texts are ours.
REGRESSIONS = [
    pytest.param(
        "Headline about a storm\n\nWhat we know\n\n"
        "The storm reached the coast on Monday night and cut power to 40,000 homes.\n\n"
        "Crews expected to restore most connections by Wednesday.",
        ["The storm reached the coast", "Crews expected to restore"],
        id="summary-heading-without-box",
    ),
    pytest.param(
        "Headline about a vote\n\nThe vote was delayed by a week, officials said.\n\n"
        "More on this...\n\nLawmakers said the bill would return in spring.\n\n"
        "The opposition welcomed the delay.",
        ["The vote was delayed", "Lawmakers said the bill", "The opposition welcomed"],
        id="link-list-heading-mid-article",
    ),
    pytest.param(
        "Headline about panels\n\nWhy this story matters\n\n"
        "The council met for six hours on Tuesday. It approved the budget. It also cut two "
        "programmes. Members said more cuts could follow next year. The mayor did not comment.",
        ["The council met for six hours", "The mayor did not comment"],
        id="panel-heading-then-long-prose",
    ),
    pytest.param(
        "Headline about a campaign\n\nFor now, the candidate has a simple message for rivals: stay "
        "tuned.\n\nHer team said an announcement would come in May.",
        ["the candidate has a simple message for rivals: stay tuned"],
        id="stay-tuned-inside-reporting",
    ),
    pytest.param(
        "Countries have announced plans, in alphabetical order:\n\nARGENTINA\n\n"
        "Argentina will reopen its borders in June, the government said.",
        ["Countries have announced plans", "Argentina will reopen its borders"],
        id="list-intro-and-caps-item",
    ),
    pytest.param(
        "Headline about waiting\n\nFor months residents have asked one question.\n\n"
        "How much longer?\n\nThe ministry says repairs will end in March.",
        ["How much longer?", "The ministry says repairs"],
        id="short-rhetorical-question",
    ),
]


@pytest.mark.parametrize(("text", "keep"), REGRESSIONS)
def test_regressions_keep_reporting(text: str, keep: list[str]) -> None:
    body = _norm(clean_text(text).body)
    for fragment in keep:
        assert _norm(fragment) in body, (fragment, body)


def test_lede_sharing_title_words_is_not_a_headline() -> None:
    title = "Senate to vote next week on spending package"
    lede = "The Senate will vote next week on the spending package, leaders said."
    result = clean_text(f"{lede}\n\nDebate starts on Monday.", title=title)
    assert result.body.startswith(lede)
    assert not [r for r in result.removed if r.reason == "headline"]


def test_mid_article_caps_line_is_not_the_dateline() -> None:
    text = (
        "HARBOURTON\n\nThe port reopened on Friday after repairs.\n\nBERGEN\n\nThe ferry ran late."
    )
    result = clean_text(text, title="Ports reopen")
    assert result.dateline == "HARBOURTON"
    assert result.extras["subheadings"] == "BERGEN"
