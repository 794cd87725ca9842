from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyscope.ingest.records import parse_json, parse_jsonl, record_from


def test_jsonl_bad_lines_are_errors_naming_the_line_and_the_rest_load(fixtures: Path) -> None:
    path = str(fixtures / "records" / "batch.jsonl")
    records, errors = parse_jsonl((fixtures / "records" / "batch.jsonl").read_text(), path)
    assert [r.source for r in records] == [f"{path}:1", f"{path}:2", f"{path}:6"]
    assert [(e.where, e.reason.split(" (")[0]) for e in errors] == [
        (f"{path}:3", "invalid JSON"),
        (f"{path}:4", "record has no text or html"),
    ]
    first = records[0]
    assert (first.id, first.outlet, first.language) == ("ledger-0001", "The Daily Ledger", "en")
    assert first.published == "2025-03-04T15:30:00Z" and first.text and first.html is None
    assert records[2].html and records[2].text is None


def test_json_list_keeps_good_records_and_names_bad_indexes(fixtures: Path) -> None:
    records, errors = parse_json((fixtures / "records" / "list.json").read_text(), "list.json")
    assert [r.outlet for r in records] == ["Metro Evening Post", "Coastline Wire"]
    assert [(e.where, e.reason) for e in errors] == [
        ("list.json[1]", "record has no text or html"),
        ("list.json[2]", "a record must be a JSON object, got str"),
    ]


def test_news_api_spellings_are_understood(fixtures: Path) -> None:
    records, errors = parse_json((fixtures / "records" / "one.json").read_text(), "one.json")
    assert not errors and len(records) == 1
    rec = records[0]
    assert rec.outlet == "Harbor Gazette"  # {"source": {"name": ...}}
    assert rec.url and rec.url.startswith("https://harborgazette.example/")  # "link"
    assert rec.title and rec.title.startswith("Fishermen count")  # "headline"
    assert rec.author == "Petra Lindqvist"  # ["..."] list of names
    assert rec.text and rec.text.count("\n\n") >= 5  # a list of paragraphs is joined


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": 1, "text": "cut sho', "invalid JSON"),
        ("[1, 2", "invalid JSON"),
        ("[]", "empty list"),
        ('"a string"', "must be a JSON object"),
        ('{"title": "no body"}', "no text or html"),
    ],
)
def test_json_whole_file_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_json(text, "x.json")


def test_record_numeric_id_and_text_wins_over_html() -> None:
    rec = record_from({"id": 42, "text": "body", "html": "<p>other</p>"}, "s")
    assert rec.id == "42" and rec.text == "body" and rec.html is None


def test_jsonl_blank_lines_are_not_errors() -> None:
    text = "\n".join([json.dumps({"text": "a"}), "", "   ", json.dumps({"text": "b"})])
    records, errors = parse_jsonl(text, "f")
    assert [r.source for r in records] == ["f:1", "f:4"] and not errors
