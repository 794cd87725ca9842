"""Importing AllSides CSV, MBFC TSV and our own CSV into the local registry, with provenance."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.model import Rating
from storyscope.outlets.importers import detect, file_date, import_file
from storyscope.outlets.records import ALLSIDES, MBFC
from storyscope.outlets.registry import load_registry, read_local


def test_allsides_import_maps_ratings_and_keeps_provenance(
    settings: Settings, fixtures: Path
) -> None:
    path = fixtures / "allsides-sample-2019.csv"
    summary = import_file(settings, path, "auto")
    # 4 usable rows: Fox and Reuters exist, Lakeside and Prairie are new; "allsides" row skipped
    # silently; the unknown rating and the nameless row are counted as problems.
    assert (summary.ratings, summary.matched, summary.new) == (4, 2, 2)
    assert len(summary.problems) == 2 and "sideways" in " ".join(summary.problems)
    registry = load_registry(settings)
    fox = registry.get("Fox News")
    assert fox is not None
    assert Rating(ALLSIDES, "right", "2019", str(path.resolve())) in fox.lean
    assert any(r.source == "builtin" for r in fox.lean)  # the shipped rating is kept beside it
    lakeside = registry.get("Lakeside Courier, The")
    assert lakeside is not None and [r.value for r in lakeside.lean] == ["lean-left"]
    prairie = registry.match(name="Prairie Ledger Opinion")
    assert prairie is not None and prairie.lean[0].value == "lean-right"
    assert registry.get("AllSides Picks") is None


def test_mbfc_import_matches_by_domain_and_names_new_outlets(
    settings: Settings, fixtures: Path
) -> None:
    summary = import_file(settings, fixtures / "mbfc-sample.tsv", "mbfc")
    assert (summary.ratings, summary.matched, summary.new) == (3, 1, 2)
    assert len(summary.problems) == 2
    registry = load_registry(settings)
    reuters = registry.match(url="https://www.reuters.com/world/")
    assert reuters is not None and reuters.name == "Reuters"
    assert any(r.rater == MBFC and r.value == "high" and r.date is None for r in reuters.factuality)
    harbor = registry.match(url="https://harborvoice.example/story")
    assert harbor is not None and harbor.name == "Harbor Voice"
    assert [r.value for r in harbor.lean] == ["right"] and [r.value for r in harbor.factuality] == [
        "low"
    ]
    lakeside = registry.match(url="lakesidecourier.example")
    assert lakeside is not None and lakeside.name == "The Lakeside Courier"


def test_storyscope_csv_merges_rows_and_reports_bad_ones(
    settings: Settings, fixtures: Path
) -> None:
    summary = import_file(settings, fixtures / "storyscope-sample.csv", "auto")
    assert (summary.ratings, summary.matched, summary.new) == (2, 1, 1)
    assert [p.split(":")[0] for p in summary.problems] == ["line 5", "line 6"]
    registry = load_registry(settings)
    vd = registry.match(url="https://valleydispatch.example/a")
    assert vd is not None and vd.aliases == ("Dispatch of the Valley", "VD News")
    assert {(r.rater, r.value) for r in vd.lean} == {
        ("My Newsroom Panel", "lean-right"),
        (ALLSIDES, "center"),
    }
    assert registry.info(vd).lean == "center"  # AllSides preferred over a user's own panel
    assert vd.signatures == ("Read more at the Valley Dispatch.",)
    assert registry.match(text="Story.\nRead more at the Valley Dispatch.") == vd
    bbc = registry.get("BBC News")
    assert bbc is not None and ("Ad Fontes Media", "very-high") in {
        (r.rater, r.value) for r in bbc.factuality
    }


def test_reimport_is_idempotent(settings: Settings, fixtures: Path) -> None:
    path = fixtures / "allsides-sample-2019.csv"
    import_file(settings, path)
    before = read_local(settings.local_outlets_path)
    second = import_file(settings, path)
    assert second.matched == 4 and second.new == 0  # outlets created by the first import now exist
    assert read_local(settings.local_outlets_path) == before


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("not-ratings.txt", "auto", "not an AllSides CSV, MBFC TSV or storyscope outlet CSV"),
        ("unknown-column.csv", "auto", "unknown column(s) colour"),
        ("not-ratings.txt", "allsides", "not an AllSides CSV"),
        ("storyscope-sample.csv", "mbfc", "not an MBFC TSV"),
        ("missing.csv", "auto", "no such file"),
        ("storyscope-sample.csv", "excel", "unknown format 'excel'"),
    ],
)
def test_bad_file_is_one_line_error_naming_it(
    settings: Settings, fixtures: Path, name: str, fmt: str, message: str
) -> None:
    with pytest.raises(ValueError) as err:
        import_file(settings, fixtures / name, fmt)
    text = str(err.value)
    assert name in text and message in text and "\n" not in text
    assert not settings.local_outlets_path.exists()


def test_file_with_only_bad_rows_is_an_error(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "allsides.csv"
    path.write_text("news_source,rating\nNowhere Daily,upwards\n", encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"allsides\.csv: no readable rows \(line 2: unknown rating"
    ):
        import_file(settings, path)


@pytest.mark.parametrize(
    ("first_line", "kind"),
    [
        ("news_source,rating,rating_num", "allsides"),
        ("source_url\tsource_url_normalized\tref\tfact\tbias", "mbfc"),
        ("name,domains,lean,lean_rater", "storyscope"),
        ("hello world", None),
    ],
)
def test_detect(first_line: str, kind: str | None) -> None:
    assert detect(first_line + "\n") == kind


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("allsides-2019.csv", "2019"),
        ("mbfc_2020-06.tsv", "2020"),
        ("ratings.csv", None),
        ("x12019.csv", None),
    ],
)
def test_file_date(name: str, date: str | None) -> None:
    assert file_date(Path(name)) == date


def test_date_from_copied_file_name(settings: Settings, fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "mbfc-2021.tsv"
    shutil.copy(fixtures / "mbfc-sample.tsv", copy)
    import_file(settings, copy)
    harbor = load_registry(settings).get("Harbor Voice")
    assert (
        harbor is not None
        and harbor.lean[0].date == "2021"
        and harbor.lean[0].source == str(copy.resolve())
    )


def test_mbfc_slug_names_are_not_matched_loosely(settings: Settings, tmp_path: Path) -> None:
    """Regression: a slug name "World News" once loosely matched PRI's alias "The World"."""
    path = tmp_path / "mbfc.tsv"
    path.write_text(
        "source_url\tsource_url_normalized\tref\tfact\tbias\n"
        "http://wn.example\twn.example\thttps://mbfc.example/world-news/\tmixed\tcenter\n"
        "http://fox.example\tfox.example\thttps://mbfc.example/fox-news/\tmixed\tright\n",
        encoding="utf-8",
    )
    summary = import_file(settings, path)
    assert (summary.matched, summary.new) == (1, 1)  # "Fox News" is an exact name
    registry = load_registry(settings)
    world = registry.match(url="https://wn.example/x")
    assert world is not None and world.name == "World News"
