"""Regression: "the figure of 7 is unverified" came from the model name "Kestrel-7"."""

import pytest

from storyscope.summarize.extractive import _figure


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Ravel says his Kestrel-7 drones number 3,000.", "3,000"),
        ("The F-35 and B-52 flights went on.", None),
        ("Officials counted 12 boats in 2024.", "12"),
        ("It flew 8 km, not 2019 metres.", "8 km"),
        ("Turnout rose to 61% in the north.", "61%"),
    ],
)
def test_model_names_and_years_are_not_figures(text: str, figure: str | None) -> None:
    assert _figure(text) == figure
