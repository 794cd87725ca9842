from __future__ import annotations

import pytest

from storyscope.framing.actors import find_actors, headline_case, make_doc
from storyscope.framing.lexicon import Lexicon
from storyscope.framing.ner import HeuristicNER
from storyscope.model import Article


@pytest.mark.parametrize(
    ("bodies", "actor", "variants"),
    [
        (
            ["Tomás Quiroga spoke.", "Tomas Quiroga spoke."],
            "Tomás Quiroga",
            {"Tomás Quiroga", "Tomas Quiroga"},
        ),
        (
            ["Tomás Quiroga spoke. Later Quiroga left.", "Critics of Quiroga's plan met."],
            "Tomás Quiroga",
            {"Tomás Quiroga", "Quiroga"},
        ),
        (
            ["Talks with the U.S. ended.", "The United States left the talks."],
            "United States",
            {"U.S.", "United States"},
        ),
        (["Tsai Ing-wen spoke.", "Critics of Tsai met."], "Tsai Ing-wen", {"Tsai Ing-wen", "Tsai"}),
    ],
)
def test_variants_merge_into_one_actor(
    heuristic: HeuristicNER, lex: Lexicon, bodies: list[str], actor: str, variants: set[str]
) -> None:
    docs = [make_doc(Article(id=str(i), body=b)) for i, b in enumerate(bodies)]
    actors = find_actors(docs, heuristic, lex)
    assert actor in actors
    assert variants <= set(actors[actor].variants)
    assert actors[actor].articles == [str(i) for i in range(len(bodies))]


def test_possessive_is_a_mention_of_the_person(heuristic: HeuristicNER, lex: Lexicon) -> None:
    docs = [make_doc(Article(id="a", body="Tomás Quiroga spoke. Quiroga's allies left."))]
    actors = find_actors(docs, heuristic, lex)
    assert [m.text for m in actors["Tomás Quiroga"].mentions] == ["Tomás Quiroga", "Quiroga"]


def test_names_in_headline_case_titles_come_from_the_body(
    heuristic: HeuristicNER, lex: Lexicon
) -> None:
    doc = make_doc(
        Article(
            id="a",
            title="Quiroga Waives Executive Privilege On Tuesday",
            body="Tomás Quiroga spoke.",
        )
    )
    actors = find_actors([doc], heuristic, lex)
    assert set(actors) == {"Tomás Quiroga"}
    assert doc.mentions[0].text == "Quiroga"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Quiroga Waives Executive Privilege On Tuesday", True),
        ("Quiroga says Bolivia holds drones", False),
    ],
)
def test_headline_case(title: str, expected: bool) -> None:
    assert headline_case(title) is expected


def test_weapon_names_are_not_actors(heuristic: HeuristicNER, lex: Lexicon) -> None:
    docs = [
        make_doc(
            Article(
                id="a", body="Bolivia bought Condor-X missiles. The Condor-X missiles are light."
            )
        )
    ]
    actors = find_actors(docs, heuristic, lex)
    assert all(a.kind == "other" for name, a in actors.items() if "Condor" in name)
