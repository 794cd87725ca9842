from typing import Any

import pytest

from storyscope.compare.stage import compare
from storyscope.compare.verification import STRONG, WEAK
from storyscope.model import Article, Claim


@pytest.mark.parametrize(
    "sentence",
    [
        "The Northern Ledger could not independently verify the figure.",
        "Independent verification of Ferreira's rocket claim was not available.",
        "The exact numbers remain unverified.",
        "Estland sank the trawlers without providing evidence of smuggling.",
        "Estland has not provided evidence that the boats carried fuel.",
        "Analysts have questioned his claimed reserve numbers.",
        "Experts expressed skepticism regarding the figures.",
    ],
)
def test_strong_hedges(sentence: str) -> None:
    assert STRONG.search(sentence)


@pytest.mark.parametrize(
    ("sentence", "hedged"),
    [
        ("Ferreira claimed his forces hold 3,000 rockets.", True),
        ("Valdoria's president claims his country holds 3,000 rockets.", True),
        ("The trawlers were allegedly carrying fuel.", True),
        ("Weekly jobless claims fell to 290,000.", False),
        ("Insurance claims rose after the storm.", False),
    ],
)
def test_weak_hedges_are_verbs_not_nouns(sentence: str, hedged: bool) -> None:
    assert bool(WEAK.search(sentence)) is hedged


def _claim_with(result: dict[str, Any], fragment: str) -> Claim:
    return next(c for c in result["claims"] if any(fragment in v.text for v in c.variants))


def test_hedge_sentence_marks_the_claim_it_is_about(kestrel_result: dict[str, Any]) -> None:
    rockets = _claim_with(kestrel_result, "3,000 Kestrel-M")
    assert rockets.verified is False
    # a2: verification not available; a3 (and its copy a6): could not verify the number, and
    # "claimed"; a5: IRS says the number of rockets is unverified.
    assert rockets.hedged_by == ("a2", "a3", "a5", "a6")


def test_hedge_does_not_spill_onto_unrelated_claims(kestrel_result: dict[str, Any]) -> None:
    soldiers = _claim_with(kestrel_result, "2,300")
    assert soldiers.verified is True and soldiers.hedged_by == ()
    ports = _claim_with(kestrel_result, "looking at the ports")
    assert ports.verified is True


def test_hedge_without_its_own_claim_links_back_by_shared_words() -> None:
    arts = [
        Article(
            id="x",
            body=(
                "Harbour fees in Lanner will double next spring, officials said. "
                "Valdoria holds 3,000 Kestrel-M rockets, Ferreira said on Tuesday. "
                "The Harbor Wire could not independently verify the Kestrel-M figure."
            ),
        ),
    ]
    result = compare(arts, embedder_name="tfidf")
    assert _claim_with(result, "3,000").hedged_by == ("x",)
    assert _claim_with(result, "Harbour fees").verified is True
