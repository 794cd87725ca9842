from typing import Any

import pytest

from storyscope.compare.conflicts import event_dates, incompatible, number_conflicts
from storyscope.compare.numbers import Mention, extract_all
from storyscope.compare.stage import compare
from storyscope.compare.text import Sentence
from storyscope.model import Article


def _m(value: float, qualifier: str | None, unit: str | None = None) -> Mention:
    return Mention("a", 0, value, unit, qualifier, "", "strikes", "strik")


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        (_m(6, "at least"), _m(8, "at least"), True),  # two different floors: two counts
        (_m(5000, "no fewer than"), _m(5000, "more than"), False),
        (_m(5000, None), _m(5000, "no fewer than"), False),
        (_m(6000, "up to", "m"), _m(6000, None, "m"), False),  # 6 km = 6,000 m
        (_m(10, "up to"), _m(12, None), True),
        (_m(10, "up to"), _m(8, None), False),
        (_m(100, "about"), _m(105, None), False),
        (_m(100, "about"), _m(140, None), True),
        (_m(7, None), _m(9, None), True),
        (_m(6, "at least"), _m(4, None), True),
    ],
)
def test_qualifiers_decide_whether_figures_conflict(a: Mention, b: Mention, conflict: bool) -> None:
    assert incompatible(a, b) is conflict
    assert incompatible(b, a) is conflict


def _conflicts(*texts: str) -> list[Any]:
    sents = [Sentence(f"a{i}", 0, 0, t) for i, t in enumerate(texts)]
    keys = {s.article_id: s.article_id for s in sents}
    return number_conflicts(extract_all(sents), keys, {k: i for i, k in enumerate(keys)})


def test_strikes_and_boats_of_one_campaign_counted_differently_conflict() -> None:
    found = _conflicts(
        "Estland has carried out at least five raids on fishing trawlers suspected of carrying fuel.",
        "The campaign has destroyed at least seven fuel trawlers bound for Valdoria.",
    )
    assert len(found) == 1
    assert [v.value for v in found[0].variants] == ["at least five", "at least seven"]
    assert found[0].kind == "number"


@pytest.mark.parametrize(
    "texts",
    [
        # Different things counted.
        (
            "Valdoria has 3,000 rockets in coastal batteries.",
            "Valdoria has 2 million reservists in coastal towns.",
        ),
        # Compatible qualifiers for one figure.
        ("Valdoria has no fewer than 3,000 rockets.", "Valdoria has more than 3,000 rockets."),
        # An increment is not a total.
        (
            "Estland carried out at least five raids on trawlers.",
            "Estland announced two more raids on trawlers.",
        ),
        # Same head noun, different groups counted.
        (
            "The bombing near the Lanner airport killed 13 service members on Friday.",
            "A drone strike near the Lanner airport killed two members of the Red Tide militia.",
        ),
        # Schools are not school districts.
        (
            "At least 1,000 schools in Mirel closed after the flood warning.",
            "Some 143 school districts in Mirel closed after the flood warning.",
        ),
        # A daily figure is not a total.
        (
            "Mirel recorded 279 flu deaths on Sunday as the outbreak spread.",
            "Mirel now records more than 1,500 flu deaths a day as the outbreak spread.",
        ),
        # A breakdown is not the total it breaks down.
        (
            "Clinics in Mirel have thrown away at least 15 million flu doses since March.",
            "Mirel clinics threw away 15.1 million flu doses since March; the Orrin chain alone discarded 2.6 million doses.",
        ),
        # Same noun, nothing else in common: not the same measured thing.
        (
            "Lanner hospital treated 40 patients after the storm.",
            "A clinic in Orrin admitted 75 patients with flu.",
        ),
    ],
)
def test_figures_that_do_not_conflict(texts: tuple[str, str]) -> None:
    assert _conflicts(*texts) == []


def test_same_event_on_different_weekdays_is_a_date_conflict(disputes: list[Article]) -> None:
    result = compare(disputes, embedder_name="tfidf")
    dates = [c for c in result["conflicts"] if c.kind == "date"]
    assert len(dates) == 1
    assert {v.value: v.article_ids for v in dates[0].variants} == {
        "Wednesday": ("d1",),
        "Thursday": ("d2",),
    }


def test_same_words_credited_to_different_speakers_is_an_attribution_conflict(
    disputes: list[Article],
) -> None:
    result = compare(disputes, embedder_name="tfidf")
    spoken = [c for c in result["conflicts"] if c.kind == "attribution"]
    assert len(spoken) == 1
    assert {v.value: v.article_ids for v in spoken[0].variants} == {
        "Owen Pike": ("d1",),
        "Rita Coles": ("d2",),
    }


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The port reopened on Wednesday after repairs.", {"Wednesday"}),
        ("The port reopened on Oct. 22 after repairs.", {"Oct 22"}),
        ("The port reopened on October 22, 2025, after repairs.", {"Oct 22"}),
        ("The port, shut since Monday, reopened after repairs.", set()),
    ],
)
def test_event_dates_a_statement_gives(text: str, dates: set[str]) -> None:
    assert event_dates(text) == dates


def test_a_weekday_and_a_calendar_date_are_not_compared() -> None:
    arts = [
        Article(
            id="a",
            body="Seven harbour workers filed a lawsuit on Thursday against the Lanner port authority.",
        ),
        Article(
            id="b",
            body="Seven harbour workers filed a lawsuit against the Lanner port authority on Oct. 3.",
        ),
    ]
    result = compare(arts, embedder_name="tfidf")
    assert result["claims"][0].article_ids == ("a", "b")
    assert [c for c in result["conflicts"] if c.kind == "date"] == []
