"""Deterministic trimming: discourse markers dropped, opening pronouns resolved."""

from __future__ import annotations

import pytest

from storyscope.summarize.trim import drop_leaders, persons_in, resolve_pronoun, trim


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Meanwhile, the assembly called for talks.", "The assembly called for talks."),
        ("However, the regime has offered no proof.", "The regime has offered no proof."),
        ("UPDATE: President Arvelo spoke on Tuesday.", "President Arvelo spoke on Tuesday."),
        ("BREAKING: Separately, ships left port.", "Ships left port."),
        ("PORT ELSA — Arvelo spoke to officers.", "Arvelo spoke to officers."),
        ("But the talks failed.", "The talks failed."),
        ("Howevering is not a word here.", "Howevering is not a word here."),
    ],
)
def test_drop_leaders(raw: str, expected: str) -> None:
    assert drop_leaders(raw) == expected


PREVIOUS = (
    "UPDATE: President Tomas Arvelo announced on Tuesday that Valdoria's navy has 1,200 drones."
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "He said the drones would guard fishing grounds.",
            "Arvelo said the drones would guard fishing grounds.",
        ),
        ("His speech was televised.", "Arvelo's speech was televised."),
        ("The drones would guard fishing grounds.", "The drones would guard fishing grounds."),
        ("Hence nothing changes.", "Hence nothing changes."),
    ],
)
def test_pronoun_resolved_from_previous_sentence(sentence: str, expected: str) -> None:
    assert resolve_pronoun(sentence, PREVIOUS) == expected


def test_unresolvable_pronoun_gives_none() -> None:
    assert resolve_pronoun("He said more.", "The weather was calm on Tuesday.") is None
    assert resolve_pronoun("She said more.", None) is None
    assert trim("Meanwhile, he said more.", "Nobody was named here.") is None


def test_known_people_and_repeated_surnames_count_as_people() -> None:
    body = "Tomas Arvelo spoke. Later Arvelo left. United States officials watched."
    assert persons_in("Tomas Arvelo spoke with United States officials.", (), body) == ["Arvelo"]
    assert persons_in("The minister met Lina Vos.", ["Lina Vos"]) == ["Vos"]
