from __future__ import annotations

from collections.abc import Callable
from typing import Any

TABLE = "headlines.tsv"

BODY = "Chilean President Marta Ibáñez spoke in Santiago on Monday."


def test_headline_parts(one: Callable[..., dict[str, Any]], row: list[str]) -> None:
    title, actor, written, verb, cause = row
    (headline,) = one(BODY, title=title)["headlines"]
    assert headline.first_actor is not None and actor in headline.first_actor
    assert headline.first_actor_as == written
    assert headline.verb == verb
    assert headline.cause == (None if cause == "-" else cause)


def test_prefix_is_not_part_of_the_title(one: Callable[..., dict[str, Any]]) -> None:
    (headline,) = one(BODY, title="UPDATE: Ibáñez says talks resume")["headlines"]
    assert headline.title == "Ibáñez says talks resume"


def test_story_headlines(story_result: dict[str, Any]) -> None:
    by_id = {h.article_id: h for h in story_result["headlines"]}
    assert by_id["03"].first_actor == "Tomás Quiroga"
    assert by_id["03"].first_actor_as == "Bolivia's president"
    assert [by_id[a].verb for a in ("01", "02", "03", "04")] == [
        "says",
        "boasts",
        "claims",
        "warns",
    ]
    assert by_id["02"].cause == "in the face of Peru's lake offensive"
    assert by_id["04"].outlet == "update"
