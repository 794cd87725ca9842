import pytest

from storyscope.compare.figures import group_numbers
from storyscope.compare.numbers import Mention, extract, extract_all, parse_number
from storyscope.compare.text import Sentence


def _one(text: str) -> Mention:
    found = extract(Sentence("a", 0, 0, text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("5,000", 5000.0),
        ("5.000", 5000.0),  # European grouping
        ("1.250.000", 1250000.0),
        ("3.7", 3.7),
        ("1,234.5", 1234.5),
        ("five thousand", 5000.0),
        ("twenty-five", 25.0),
        ("two hundred and ten", 210.0),
        ("six", 6.0),
        ("ferry", None),
    ],
)
def test_number_formats(raw: str, value: float | None) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "qualifier", "about"),
    [
        (
            "Valdoria holds 3,000 Russian-made Kestrel-M anti-aircraft rockets.",
            3000,
            None,
            None,
            "Kestrel-M rockets",
        ),
        ("The navy carried out at least six strikes on trawlers.", 6, None, "at least", "strikes"),
        (
            "Estland sent 2,300 U.S. Marines and sailors to the coast.",
            2300,
            None,
            None,
            "Marines and sailors",
        ),
        ("He claims over 8 million reservists are ready.", 8e6, None, "over", "reservists"),
        (
            "The army has no fewer than 5.000 rockets in its depots.",
            5000,
            None,
            "no fewer than",
            "rockets",
        ),
        ("The ministry said five thousand rockets were delivered.", 5000, None, None, "rockets"),
        ("It can hit targets at ranges up to 6 kilometers.", 6000, "m", "up to", "range"),
        ("It strikes targets up to 6,000 meters away.", 6000, "m", "up to", "range"),
        ("It can reach altitudes of 3,500 meters.", 3500, "m", None, "altitude"),
        ("The trench is about 20 feet deep.", 6.096, "m", "about", "depth"),
        ("Prices rose by nearly 4 percent last year.", 4, "%", "nearly", ""),
        ("The fund holds $1.5 billion in reserve.", 1.5e9, "USD", None, ""),
    ],
)
def test_quantities_with_unit_qualifier_and_what_they_count(
    sentence: str, value: float, unit: str | None, qualifier: str | None, about: str
) -> None:
    m = _one(sentence)
    assert m.value == pytest.approx(value)
    assert (m.unit, m.qualifier, m.about) == (unit, qualifier, about)


def test_more_after_a_number_marks_an_increment() -> None:
    m = _one("The ministry announced two more raids on Friday.")
    assert (m.value, m.relative, m.about, m.text) == (2.0, True, "raids", "two more")


@pytest.mark.parametrize(
    "sentence",
    [
        "The F-35 and B-52 flew over the gulf.",
        "The 160th regiment arrived in 2025.",
        "Talks opened on October 22 and closed at 3 p.m.",
        "Dated 23.10.2025, the memo was leaked.",
        "No one expected dozens of ships and millions of dollars.",
    ],
)
def test_designations_years_dates_and_vague_amounts_are_not_figures(sentence: str) -> None:
    assert extract(Sentence("a", 0, 0, sentence)) == []


def test_bracketed_conversion_restates_the_figure_before_it() -> None:
    found = extract(Sentence("a", 0, 0, "It hits drones at ranges up to 6 kilometers (3.7 miles)."))
    assert [(m.value, m.unit) for m in found] == [(6000.0, "m")]


def test_elliptical_figure_borrows_what_the_same_figure_counts_elsewhere() -> None:
    sents = [
        Sentence("a", 0, 0, "Valdoria has 3,000 Kestrel-M rockets, Ferreira said."),
        Sentence("b", 0, 0, "Ferreira said Valdoria has no fewer than 3,000 of them."),
    ]
    found = extract_all(sents)
    assert [m.about for m in found] == ["Kestrel-M rockets", "Kestrel-M rockets"]


def test_same_figure_in_kilometres_and_metres_is_one_number() -> None:
    sents = [
        Sentence("a", 0, 0, "The rocket reaches targets at ranges up to 6 km."),
        Sentence("b", 0, 0, "Its range is up to 6,000 meters, the maker says."),
        Sentence("c", 0, 0, "The rocket can climb to 3,500 meters in altitude."),
    ]
    numbers = group_numbers(extract_all(sents), {"a": 0, "b": 1, "c": 2})
    assert [(n.about, n.value, n.unit, n.article_ids) for n in numbers] == [
        ("range", 6000.0, "m", ("a", "b")),
        ("altitude", 3500.0, "m", ("c",)),
    ]


def test_same_value_counting_different_things_stays_apart() -> None:
    sents = [
        Sentence("a", 0, 0, "Estland sent 2,300 soldiers to the border."),
        Sentence("b", 0, 0, "Estland sent 2,300 rockets to the border."),
    ]
    numbers = group_numbers(extract_all(sents), {"a": 0, "b": 1})
    assert sorted(n.about for n in numbers) == ["rockets", "soldiers"]
