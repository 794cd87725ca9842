"""The support checker: a cited article must say what the sentence says."""

from __future__ import annotations

import pytest

from storyscope.model import Article, SummarySentence
from storyscope.summarize.support import speakers, supporting, supports

A = Article(
    id="a",
    outlet="Harbor Wire",
    body=(
        "Valdorian President Tomas Arvelo said on Tuesday that his navy has 1,200 Kestrel-class coastal "
        'drones. "Valdoria has no fewer than 1,200 of them," Arvelo said. Independent analysts could not '
        "verify the number of drones. Norland has carried out at least six inspections of Valdorian boats."
    ),
)
B = Article(
    id="b",
    outlet="Capital Ledger",
    body="Norland's coast guard has stopped at least eight Valdorian boats, port officials said.",
)
NAMES = {"Harbor Wire", "Capital Ledger"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Valdorian President Tomas Arvelo said on Tuesday that his navy has 1,200 Kestrel-class coastal drones.",
            True,
        ),
        ("Arvelo said his navy has 1200 coastal drones.", True),  # 1,200 == 1200
        (
            "Arvelo said his navy has 1,500 coastal drones.",
            False,
        ),  # a number the article never gives
        (
            "Arvelo said his navy has 1,200 coastal submarines and bombers.",
            False,
        ),  # unsupported words
        ('Arvelo said: "Valdoria has no fewer than 1,200 of them."', True),
        (
            'Arvelo said: "Valdoria has more than 1,200 of them."',
            False,
        ),  # a quote not in the article
        ("Norland carried out at least six inspections of Valdorian boats.", True),
        ("Norland carried out at least eight inspections of Valdorian boats.", False),
    ],
)
def test_literal_support(sentence: str, expected: bool) -> None:
    assert supports(sentence, A) is expected


def test_negation_needs_a_negation_in_the_article() -> None:
    assert supports("Port officials said the coast guard stopped Valdorian boats.", B)
    assert not supports("Port officials said the coast guard never stopped Valdorian boats.", B)


def test_unverified_needs_an_article_that_hedges() -> None:
    text = "Harbor Wire and Capital Ledger report that the figure of 1,200 is unverified."
    assert supports(text, A, NAMES)
    assert not supports("Capital Ledger reports that the figure of eight is unverified.", B, NAMES)


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [
        (
            "Harbor Wire reports at least six inspections; Capital Ledger reports at least eight Valdorian boats.",
            ("a", "b"),
        ),
        (
            "Harbor Wire reports at least eight Valdorian boats; Capital Ledger reports at least six inspections.",
            (),
        ),
        (
            "Capital Ledger reports at least eight Valdorian boats; others report at least six inspections.",
            ("a", "b"),
        ),
        ("Harbor Wire reports at least six inspections.", ("a",)),
    ],
)
def test_connective_sentences_are_checked_clause_by_clause(
    sentence: str, ids: tuple[str, ...]
) -> None:
    assert supporting(sentence, [A, B], NAMES) == ids


def test_summary_sentence_accepted_and_speakers_found() -> None:
    s = SummarySentence(
        "Norland has carried out at least six inspections of Valdorian boats.",
        ("a",),
        "what_happened",
    )
    assert supports(s, A)
    assert speakers("Only Harbor Wire and Capital Ledger report X", NAMES) == [
        "Harbor Wire",
        "Capital Ledger",
    ]
    assert speakers("The Harbor Wire story", NAMES) == []
