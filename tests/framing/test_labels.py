from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyscope.framing.labels import valid
from storyscope.framing.lexicon import Lexicon

TABLE = "labels.tsv"


def test_descriptor_found_or_refused(one: Callable[..., dict[str, Any]], row: list[str]) -> None:
    text, actor, label = row
    framing = one(text)["framing"]
    given = [x for f in framing if actor in f.entity for xs in f.labels.values() for x in xs]
    if label.startswith("!"):
        assert not any(label[1:] in x for x in given), given
    else:
        assert label in given, (given, [f.entity for f in framing])


@pytest.mark.parametrize(
    ("label", "ok"),
    [
        ("Venezuelan President", True),
        ("the country's leader", True),
        ("his second in command", True),
        ("who claimed the operation worked", True),
        ("61", False),
        ("leader since 2019", False),
        ("on Wednesday", False),
        ("said the talks", False),
        ("the talks", False),
        ("Mr", False),
    ],
)
def test_valid_rejects_stray_words(lex: Lexicon, label: str, ok: bool) -> None:
    assert valid(label, lex) is ok


def test_story_labels_per_outlet(story_result: dict[str, Any]) -> None:
    quiroga = next(f for f in story_result["framing"] if f.entity == "Tomás Quiroga")
    assert quiroga.kind == "person"
    assert quiroga.labels["02"][0] == "Dictator"
    for article in ("01", "03", "04"):
        assert any(
            "president" in x.lower() or "leader" in x.lower() for x in quiroga.labels[article]
        )
        assert not any("dictator" in x.lower() for x in quiroga.labels[article])


def test_government_is_its_own_row_after_the_leader(story_result: dict[str, Any]) -> None:
    names = [f.entity for f in story_result["framing"]]
    government = story_result["framing"][names.index("Tomás Quiroga's government")]
    assert names.index("Tomás Quiroga's government") == names.index("Tomás Quiroga") + 1
    assert government.kind == "government" and government.of == "Tomás Quiroga"
    assert government.labels == {
        "02": ("his regime", "the Bolivian regime"),
        "03": ("his government",),
    }


def test_minor_actors_follow_main_ones(story_result: dict[str, Any]) -> None:
    framing = story_result["framing"]
    counts = [len(f.labels) for f in framing if f.kind != "government"]
    assert counts == sorted(counts, reverse=True)
    orellana = next(f for f in framing if f.entity == "Rafael Orellana")
    assert orellana.labels == {"02": ("his second in command",)}
