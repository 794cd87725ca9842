from __future__ import annotations

from collections.abc import Callable
from typing import Any

TABLE = "events.tsv"


def test_wording_kept_with_hedges(one: Callable[..., dict[str, Any]], row: list[str]) -> None:
    text, concept, wording = row
    events = {e.concept: e for e in one(text)["event_terms"]}
    terms = events[concept].terms.get("a", ()) if concept in events else ()
    if wording.startswith("!"):
        assert wording[1:] not in terms, terms
    else:
        assert wording in terms, terms


def test_story_narco_boats_beside_hedged_wordings(story_result: dict[str, Any]) -> None:
    boats = next(e for e in story_result["event_terms"] if e.concept == "vessels")
    assert "narco-boats" in boats.terms["02"]
    assert boats.terms["01"][0] == "boats allegedly smuggling fuel"
    assert boats.terms["03"] == ("boats it alleges were carrying contraband fuel",)
    assert boats.terms["04"] == ("boats suspected of smuggling fuel",)


def test_concepts_need_two_articles_in_a_story(story_result: dict[str, Any]) -> None:
    for event in story_result["event_terms"]:
        assert len(event.terms) >= 2
