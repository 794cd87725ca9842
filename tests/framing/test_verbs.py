from __future__ import annotations

from collections.abc import Callable
from typing import Any

TABLE = "verbs.tsv"


def test_reporting_verb_and_reading(one: Callable[..., dict[str, Any]], row: list[str]) -> None:
    text, speaker, verb, reading = row
    found = [r for r in one(text)["reporting_verbs"] if speaker in r.speaker]
    verbs = [v for r in found for vs in r.verbs.values() for v in vs]
    if verb.startswith("!"):
        assert verb[1:] not in verbs, verbs
    else:
        assert verb in verbs, (verbs, [r.speaker for r in one(text)["reporting_verbs"]])
        assert found[0].readings[verb] == reading
        if reading == "loaded":
            assert found[0].why[verb]


def test_story_verbs_differ_by_outlet(story_result: dict[str, Any]) -> None:
    quiroga = next(r for r in story_result["reporting_verbs"] if r.speaker == "Tomás Quiroga")
    assert {quiroga.readings[v] for v in quiroga.verbs["01"]} == {"neutral"}
    assert {"boasted", "threatened", "admitted"} <= set(quiroga.verbs["02"])
    assert "claimed" in quiroga.verbs["03"]
    government = next(
        r for r in story_result["reporting_verbs"] if r.speaker == "Tomás Quiroga's government"
    )
    assert government.verbs == {"02": ("slammed",)}
