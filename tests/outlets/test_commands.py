"""What `storyscope outlets list|show|match|import` print, through the library and the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyscope.cli import main
from storyscope.config import Settings
from storyscope.outlets.commands import import_ratings, list_outlets, match_outlet, show_outlet


def test_list_filters_by_country_and_lean(settings: Settings) -> None:
    rows = json.loads(list_outlets(settings, as_json=True, country="qa"))
    assert {r["name"] for r in rows} >= {"Al Jazeera", "Qatar News Agency"}
    assert all(r["country"] == "QA" for r in rows)
    rows = json.loads(list_outlets(settings, as_json=True, country="US", lean="right"))
    names = {r["name"] for r in rows}
    assert "Fox News" in names and "CNN" not in names
    assert all(r["lean"] == "right" and r["lean_rater"] for r in rows)


def test_list_text_ends_with_count(settings: Settings) -> None:
    text = list_outlets(settings, country="RU")
    lines = text.splitlines()
    assert lines[-1] == f"{len(lines) - 1} outlets"
    assert any(line.startswith("RT ") and "state" in line for line in lines)


def test_list_unrated_and_bad_lean(settings: Settings) -> None:
    rows = json.loads(list_outlets(settings, as_json=True, country="CN", lean="unrated"))
    assert rows and all(r["lean"] is None for r in rows)
    with pytest.raises(ValueError, match="sideways: unknown lean"):
        list_outlets(settings, lean="sideways")


def test_show_lists_every_rating_with_provenance(settings: Settings) -> None:
    text = show_outlet(settings, "reuters")
    assert text.splitlines()[0] == "Reuters"
    assert "lean        center by AllSides (2024, builtin)" in text
    assert "factuality  very-high by Media Bias/Fact Check" in text
    doc = json.loads(show_outlet(settings, "https://www.reuters.com/x", as_json=True))
    assert doc["name"] == "Reuters" and doc["info"]["lean"] == "center"
    with pytest.raises(ValueError, match="Nowhere Gazette: no such outlet"):
        show_outlet(settings, "Nowhere Gazette")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://amp.cnn.com/cnn/2025/x", "CNN (by domain; US, private, lean left (AllSides))"),
        ("Fox News (Online News)", "Fox News (by name; US, private, lean right (AllSides))"),
        (
            "SAN provides Unbiased. Straight Facts.",
            "Straight Arrow News (by text; US, private, lean center (AllSides))",
        ),
        ("Xinhua", "Xinhua News Agency (by name; CN, state, lean unrated)"),
        ("Some Village Bugle", "Some Village Bugle: no known outlet"),
    ],
)
def test_match(settings: Settings, text: str, expected: str) -> None:
    assert match_outlet(settings, text) == expected


def test_import_summary_line(settings: Settings, fixtures: Path) -> None:
    line = import_ratings(settings, str(fixtures / "allsides-sample-2019.csv"), "allsides")
    assert line.startswith(
        "imported 4 ratings: 2 matched existing outlets, 2 new (2 rows skipped: line "
    )
    assert "\n" not in line


def test_cli_wiring(tmp_path: Path, fixtures: Path) -> None:
    env = {
        "STORYSCOPE_OUTLETS_PATH": str(tmp_path / "mine.json"),
        "STORYSCOPE_DB": str(tmp_path / "x.db"),
    }
    runner = CliRunner()
    result = runner.invoke(main, ["outlets", "import", str(fixtures / "mbfc-sample.tsv")], env=env)
    assert result.exit_code == 0, result.output
    assert "imported 3 ratings: 1 matched existing outlets, 2 new" in result.output
    result = runner.invoke(main, ["outlets", "show", "Harbor Voice"], env=env)
    assert result.exit_code == 0 and "lean        right by Media Bias/Fact Check" in result.output
    result = runner.invoke(main, ["outlets", "match", "https://www.aa.com.tr/en/x"], env=env)
    assert result.output.startswith("Anadolu Agency (by domain; TR, state")
    result = runner.invoke(main, ["outlets", "import", str(fixtures / "not-ratings.txt")], env=env)
    assert result.exit_code != 0
    assert "not-ratings.txt: not an AllSides CSV" in result.output
    assert "Traceback" not in result.output
