from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("text", "category", "count"),
    [
        ("The regime sank the boats.", "labels", 1),
        ("Critics slammed the strikes.", "emotive_verbs", 1),
        ("Tensions rose sharply after the sinking.", "intensifiers", 1),
        ("The navy called it a show of force.", "euphemisms", 1),
        ("Boats allegedly carrying fuel were sunk.", "hedges", 1),
        ('"This regime will fall," the senator said.', "labels", 0),
        ("Talks resume in May.", "hedges", 0),
        ("Talks may resume.", "hedges", 1),
        ("Unions warned of regime change.", "labels", 0),
        ("Unions warned of regime change.", "euphemisms", 1),
    ],
)
def test_categories(
    one: Callable[..., dict[str, Any]], text: str, category: str, count: int
) -> None:
    (tone,) = one(text)["tone"]
    assert tone.by_category[category] == count


def test_loadedness_per_thousand_words(one: Callable[..., dict[str, Any]]) -> None:
    (tone,) = one("The dictator slammed the strikes. " + "Talks went on. " * 16)["tone"]
    assert tone.words == 53
    assert tone.loaded == 2
    assert tone.loadedness_per_1000 == round(2000 / 53, 2)
    assert set(tone.terms) == {"dictator", "slammed"}


def test_story_loaded_outlet_stands_out(story_result: dict[str, Any]) -> None:
    tones = {t.article_id: t for t in story_result["tone"]}
    assert tones["02"].loadedness_per_1000 > 3 * max(
        tones[a].loadedness_per_1000 for a in ("01", "03")
    )
    assert tones["03"].hedges > tones["02"].hedges
    # 02 names the boats without any hedge ("narco-boats", "vessels"); 03 and 04 always hedge.
    assert tones["02"].bare == 2 and tones["03"].bare == 0 and tones["04"].bare == 0


def test_unclosed_quote_runs_to_the_paragraph_end(one: Callable[..., dict[str, Any]]) -> None:
    text = '"This regime will fall, and the strongman with it\n\nThe regime denied it.'
    (tone,) = one(text)["tone"]
    assert tone.by_category["labels"] == 1  # only the second paragraph's "regime"
