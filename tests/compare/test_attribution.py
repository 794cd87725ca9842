from typing import Any

import pytest

from storyscope.compare.attribution import attributions_of, cited_in, origins_of
from storyscope.compare.people import People
from storyscope.model import Article

PEOPLE = People(["Prime Minister Helen Marsh spoke. President Tomás Ferreira replied."])


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        (
            "Ferreira accused Estland of a siege, according to the Northern Ledger.",
            ["Northern Ledger"],
        ),
        (
            "Independent verification was not available, the Northern Ledger reported.",
            ["Northern Ledger"],
        ),
        ("The Harbor Wire noted it could not independently verify the figure.", ["Harbor Wire"]),
        ("According to the defence ministry, the raids will continue.", ["defence ministry"]),
        ("According to Estlandic state media, the treaty was ratified.", ["Estlandic state media"]),
        ("The rocket weighs little, according to military sources.", ["military sources"]),
        (
            "The Institute for Regional Security (IRS) has noted that the figures are unverified.",
            ["IRS"],
        ),
        (
            "The Ministry of Defence said the raids would continue, citing Reuters.",
            ["Ministry of Defence", "Reuters"],
        ),
        # A person speaking is a quote, not a source.
        ("According to Marsh, the ports are next.", []),
        ("Prime Minister Helen Marsh said the ports are next.", []),
        ("Estland's ambassador in Lanner said the talks had failed.", []),
        ("Estland has deployed frigates, citing operations against smugglers.", []),
    ],
)
def test_attribution_patterns(sentence: str, sources: list[str]) -> None:
    assert cited_in(sentence, PEOPLE) == sources


def test_attributions_list_each_source_with_the_articles_citing_it(kestrel: list[Article]) -> None:
    rows = {a.source: a.article_ids for a in attributions_of(kestrel, set())}
    assert rows["Northern Ledger"] == ("a2", "a3", "a6")
    assert rows["IRS"] == ("a5",)
    assert "Helen Marsh" not in rows and "Marsh" not in rows


def test_relays_and_copies_fold_into_fewer_origins(kestrel: list[Article]) -> None:
    origins = origins_of(kestrel, attributions_of(kestrel, set()), set())
    assert origins is not None
    # a2 and a3 rest on the Northern Ledger's reporting; a6 is a syndicated copy of a3.
    assert origins.relies_on == {"Northern Ledger": ("a2", "a3", "a6")}
    assert (origins.articles, origins.independent) == (6, 4)
    assert origins.text == "6 articles, 4 independent origins; 3 rely on Northern Ledger"


@pytest.mark.parametrize(
    ("bodies", "independent", "relies_on"),
    [
        # One credit to a government body is not relaying a newsroom.
        ({"x": "The navy sank two boats, the Pentagon reported to Congress on Monday."}, 1, {}),
        # A single passing credit to a newsroom is not relying on it either...
        (
            {
                "x": "The crowd was large. Ferreira spoke for an hour, according to the Northern Ledger."
            },
            1,
            {},
        ),
        # ...unless it credits the lead, the story's headline claim.
        (
            {
                "x": "Ferreira spoke for an hour, according to the Northern Ledger. The crowd was large."
            },
            1,
            {"Northern Ledger": ("x",)},
        ),
        (
            {
                "x": "Ferreira spoke for an hour, according to the Northern Ledger. The Northern Ledger reported that the crowd was large.",
                "y": "Ferreira spoke for an hour, the Northern Ledger reported. The crowd was large, according to the Northern Ledger.",
            },
            1,
            {"Northern Ledger": ("x", "y")},
        ),
    ],
)
def test_what_counts_as_relying_on_a_source(
    bodies: dict[str, str], independent: int, relies_on: dict[str, Any]
) -> None:
    arts = [Article(id=k, body=v, outlet=f"Outlet {k}") for k, v in bodies.items()]
    origins = origins_of(arts, attributions_of(arts, set()), set())
    assert origins is not None
    assert (origins.independent, origins.relies_on) == (independent, relies_on)


def test_an_outlet_cited_by_its_own_registry_name_counts_as_media() -> None:
    arts = [
        Article(
            id="x",
            body="The rocket was shown to troops, according to Lanner Nine. Lanner Nine said it saw 40 launchers.",
        ),
        Article(id="y", body="Troops paraded in Lanner on Tuesday."),
    ]
    origins = origins_of(arts, [], {"Lanner Nine"})
    assert origins is not None and origins.relies_on == {"Lanner Nine": ("x",)}
