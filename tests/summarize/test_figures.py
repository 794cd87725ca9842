"""Behind the numbers: figure phrases lifted from the sources, and who gives which wording."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from storyscope.model import Article, NumberMention
from storyscope.pipeline import StoryContext
from storyscope.summarize.figures import figure_sentence, number_phrase
from storyscope.summarize.material import Material


@pytest.mark.parametrize(
    ("sentence", "value", "phrase"),
    [
        (
            "Norland has carried out at least six inspections of Valdorian boats.",
            6,
            "at least six inspections",
        ),
        (
            "It caused the loss of at least eight drug boats headed north.",
            8,
            "at least eight drug boats",
        ),
        (
            "The drone can patrol up to 40 kilometers (25 miles) from shore.",
            40,
            "up to 40 kilometers",
        ),
        ("Valdoria has no fewer than 1,200 in key posts.", 1200, "no fewer than 1,200"),
        ("The navy has 1,200 drones.", 7, None),
    ],
)
def test_number_phrase(sentence: str, value: float, phrase: str | None) -> None:
    assert number_phrase(sentence, value) == phrase


def test_who_gives_which_wording(make_ctx: Callable[..., StoryContext]) -> None:
    ctx = make_ctx(drop=("a1", "a2", "a3", "a4", "a5"))
    ctx.articles[:] = [
        Article(
            id="x",
            outlet="Harbor Wire",
            body="Tomas Arvelo said the Kestrel drone can fly up to 40 kilometers. Arvelo spoke to officers.",
        ),
        Article(
            id="y",
            outlet="Capital Ledger",
            body="The Kestrel drone can fly up to 40,000 meters, its maker says.",
        ),
        Article(
            id="z",
            outlet="Coastal Review",
            body="Its maker says the Kestrel drone can fly up to 40,000 meters.",
        ),
    ]
    n = NumberMention("range", 40000.0, "m", "up to", "up to 40 kilometers", ("x", "y", "z"))
    s = figure_sentence(Material.from_context(ctx), n)
    assert s is not None
    assert s.text == (
        "Capital Ledger and Coastal Review report up to 40,000 meters; "
        "Harbor Wire reports up to 40 kilometers, a figure from Arvelo."
    )
    assert set(s.article_ids) == {"x", "y", "z"}
