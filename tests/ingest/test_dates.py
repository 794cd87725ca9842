"""Date forms news pages use, all to aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storyscope.ingest.dates import find_date, parse_date

# Thursday 23 October 2025, mid-afternoon UTC.
REF = datetime(2025, 10, 23, 15, 30, tzinfo=UTC)
DAY = datetime(2025, 10, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-23", DAY),
        ("2025-10-23T10:00:00Z", datetime(2025, 10, 23, 10, tzinfo=UTC)),
        ("2025-10-23T10:00:00+02:00", datetime(2025, 10, 23, 8, tzinfo=UTC)),
        ("2025-10-23T10:00:00.123-0500", datetime(2025, 10, 23, 15, tzinfo=UTC)),
        ("2025-10-23 10:00", datetime(2025, 10, 23, 10, tzinfo=UTC)),
        ("23.10.2025", DAY),
        ("23/10/2025", DAY),
        ("10/23/2025", DAY),  # second number cannot be a month: US order
        ("03/04/2025", datetime(2025, 4, 3, tzinfo=UTC)),  # ambiguous: day first
        ("October 23, 2025", DAY),
        ("Oct. 23, 2025", DAY),
        ("Oct 23 2025", DAY),
        ("Sept. 3, 2025", datetime(2025, 9, 3, tzinfo=UTC)),
        ("23 October 2025", DAY),
        ("23rd October 2025", DAY),
        ("October 23, 2025 at 10:30 p.m.", datetime(2025, 10, 23, 22, 30, tzinfo=UTC)),
        ("Oct. 23, 2025 10:30 a.m. EDT", datetime(2025, 10, 23, 14, 30, tzinfo=UTC)),
        ("23.10.2025 14:05 TRT", datetime(2025, 10, 23, 11, 5, tzinfo=UTC)),
        ("23 de octubre de 2025", DAY),
        ("23 Ekim 2025", DAY),
        ("23. Oktober 2025", DAY),
        ("Thu, 23 Oct 2025 10:00:00 +0000", datetime(2025, 10, 23, 10, tzinfo=UTC)),
        ("Thu, 23 Oct 2025 12:00:00 +0200", datetime(2025, 10, 23, 10, tzinfo=UTC)),
        ("Thu, 23 Oct 2025 10:00:00 GMT", datetime(2025, 10, 23, 10, tzinfo=UTC)),
    ],
)
def test_absolute_forms(text: str, expected: datetime) -> None:
    value = parse_date(text)
    assert value == expected
    assert value is not None and value.tzinfo is not None and value.utcoffset() is not None
    assert value.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected_day"),
    [
        ("Wednesday", 22),
        ("on Wednesday", 22),
        ("last Wednesday", 22),
        ("Thursday", 23),  # the reference day itself
        ("Friday", 17),  # most recent Friday on or before the reference
        ("yesterday", 22),
        ("today", 23),
        ("miércoles", 22),
    ],
)
def test_relative_forms(text: str, expected_day: int) -> None:
    assert parse_date(text, REF) == datetime(2025, 10, expected_day, tzinfo=UTC)


def test_relative_needs_reference() -> None:
    assert parse_date("Wednesday") is None


def test_naive_reference_is_read_as_utc() -> None:
    assert parse_date("yesterday", datetime(2025, 10, 23, 1, 0)) == datetime(
        2025, 10, 22, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    ["", "soon", "2025-13-45", "31.02.2025", "the 5,000 missiles", "Wednesday's meeting ran late"],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text, REF) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Roe | 23.10.2025 - Update : 24.10.2025", DAY),
        ("By Jane Roe, published October 23, 2025", DAY),
        ("— A. Person (@handle) October 23, 2025", DAY),
        ("Updated 2025-10-23T10:00:00Z", datetime(2025, 10, 23, 10, tzinfo=UTC)),
        ("Posted 23 Oct 2025, 09:15", datetime(2025, 10, 23, 9, 15, tzinfo=UTC)),
    ],
)
def test_find_date_in_byline(text: str, expected: datetime) -> None:
    assert find_date(text) == expected


def test_find_date_prefers_absolute_and_first() -> None:
    text = "Published Wednesday | 21.10.2025, updated 23.10.2025"
    assert find_date(text, REF) == datetime(2025, 10, 21, tzinfo=UTC)
    assert find_date("said on Wednesday", REF) == datetime(2025, 10, 22, tzinfo=UTC)
    assert find_date("said on Wednesday") is None
    assert find_date("no date in this line") is None
