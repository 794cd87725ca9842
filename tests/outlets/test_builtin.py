"""The shipped data files: they load, and the sample corpus' fictional outlets are marked and matched."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from storyscope.outlets.builtin import builtin_outlets, read_json
from storyscope.outlets.csvformat import read_csv, write_csv
from storyscope.outlets.registry import OutletRegistry

SAMPLE = resources.files("storyscope") / "data" / "sample"
FICTIONAL = resources.files("storyscope") / "data" / "outlets" / "sample-fictional.json"


def test_fictional_outlets_are_marked_and_on_example_domains() -> None:
    doc = json.loads(FICTIONAL.read_text(encoding="utf-8"))
    assert doc["fictional"] is True
    assert len(doc["outlets"]) == 7
    for entry in doc["outlets"]:
        assert entry["fictional"] is True
        assert all(d.endswith(".example") for d in entry["domains"])
        assert "(fictional)" in entry["owner"]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("kestane-news-maravia-drones.txt", "Kestane News Agency"),
        ("sentinel-post-maravia-drones.txt", "The Sentinel Post"),
        ("civic-review-aldren-strike.txt", "The Civic Review"),
    ],
)
def test_sample_pasted_text_is_recognised(
    builtin: OutletRegistry, file: str, expected: str
) -> None:
    if not (SAMPLE / file).is_file():
        pytest.skip(f"sample file {file} not in this tree")
    outlet = builtin.match(text=(SAMPLE / file).read_text(encoding="utf-8"))
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"url": "https://meridianwire.example/world/2025/05/14/x"}, "Meridian Wire"),
        ({"site_name": "The Civic Review"}, "The Civic Review"),
        ({"name": "Harbour Ledger"}, "The Harbour Ledger"),
        ({"text": "PORT SEREN (Meridian Wire) \u2014 A dateline."}, "Meridian Wire"),
    ],
)
def test_fictional_outlets_match(
    builtin: OutletRegistry, kwargs: dict[str, str], expected: str
) -> None:
    outlet = builtin.match(**kwargs)
    assert outlet is not None and outlet.name == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "storyscope.outlets/9", "outlets": []}', "unknown format"),
        ('{"outlets": [{"name": "X", "type": "tabloid"}]}', "X: unknown type 'tabloid'"),
        (
            '{"outlets": [{"name": "X", "country": "USA"}]}',
            "X: country must be an ISO 3166-1 alpha-2 code",
        ),
        ('{"outlets": [{"name": "X", "colour": "red"}]}', "X: unknown field(s) colour"),
        (
            '{"outlets": [{"name": "X", "lean": [{"rater": "AllSides", "value": "up"}]}]}',
            "X: lean: unknown value 'up'",
        ),
        ('{"outlets": [{"aliases": ["Y"]}]}', "record without a name"),
        ('"just a string"', "expected a list of outlets"),
    ],
)
def test_read_json_rejects_bad_records(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_json(text, None)


def test_csv_format_round_trips_the_whole_registry() -> None:
    outlets = list(builtin_outlets())
    again, problems = read_csv(write_csv(outlets), "builtin")
    assert problems == []
    assert again == outlets
