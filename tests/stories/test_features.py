"""The evidence that two articles report one event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storyscope.model import Article
from storyscope.stories.features import (
    TFIDF_WEIGHTS,
    WEIGHTS,
    Rarity,
    evidence,
    extract,
    pair_score,
    stem,
    weights_for,
)

DAY = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _article(aid: str, title: str, body: str, published: datetime = DAY) -> Article:
    return Article(id=aid, title=title, body=body, published=published)


def test_names_come_from_mid_sentence_capitals_not_title_case():
    feats = extract(
        _article(
            "a",
            "Strong Quake Jolts Islands",
            "Officials said on Monday that Sen. Mara Holt visited Tarrow. The quake hit at dawn.",
        )
    )
    assert {"mara", "holt", "tarrow"} <= feats.entities
    assert "strong" not in feats.entities and "officials" not in feats.entities


def test_numbers_are_normalised_and_trivial_ones_dropped():
    feats = extract(_article("a", "t", "About 3,400 workers struck for 72 hours on 2 piers."))
    assert feats.numbers == frozenset({"3400", "72"})


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("approves", "approved", "approve"), True),
        (("trapped", "traps"), True),
        (("fees", "fed"), False),
    ],
)
def test_stem_meets_inflections(words: tuple[str, ...], same: bool):
    assert (len({stem(w) for w in words}) == 1) is same


def test_rare_shared_names_score_higher_than_common_ones():
    rarity = Rarity()
    common = [_article(f"c{i}", "t", f"The Senate met on item {i}.") for i in range(10)]
    for article in common:
        rarity.observe(extract(article))
    a = extract(_article("a", "t", "The Senate and Velasco met."))
    b = extract(_article("b", "t", "The Senate and Velasco spoke."))
    c = extract(_article("c", "t", "The Senate and Ibarra spoke."))
    for f in (a, b, c):
        rarity.observe(f)
    assert evidence(a, b, 0.5, rarity)[2] > evidence(a, c, 0.5, rarity)[2]


def test_publication_distance_lowers_the_score():
    body = "Judge Arturo Velasco froze the Valmora library budget cut."
    rarity = Rarity()
    a = extract(_article("a", "t", body))
    near = extract(_article("b", "t", body, DAY + timedelta(hours=6)))
    far = extract(_article("c", "t", body, DAY + timedelta(days=6)))
    for f in (a, near, far):
        rarity.observe(f)
    assert pair_score(a, near, 0.8, rarity) > pair_score(a, far, 0.8, rarity) + 3


def test_forgetting_restores_the_window_counts():
    rarity = Rarity()
    feats = extract(_article("a", "t", "Velasco froze the budget."))
    rarity.observe(feats)
    rarity.forget(feats)
    assert rarity.docs == 0 and not rarity.df


@pytest.mark.parametrize(
    ("name", "weights"), [("tfidf-h4096", TFIDF_WEIGHTS), ("minilm-l6-v2", WEIGHTS)]
)
def test_weights_follow_the_embedder(name: str, weights: object):
    assert weights_for(name) is weights
