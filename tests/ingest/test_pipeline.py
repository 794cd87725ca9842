from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.ingest.pipeline import ingest_inputs
from storyscope.model import Article
from storyscope.store.sqlite import SQLiteStore


def by_source(store: SQLiteStore) -> dict[str, Article]:
    return {a.source.rsplit("/", 1)[-1]: a for a in store.iter_articles()}


@pytest.mark.parametrize(
    ("rel", "stored", "errors", "phrase"),
    [
        ("pages/wire-spill.html", 1, 0, "tanker Northern Lark was unloading"),
        ("pasted/ledger-pasted.txt", 1, 0, "Officials in Marlport insisted"),
        ("pasted/wire-pasted.md", 1, 0, "Port authorities in Marlport closed"),
        ("records/batch.jsonl", 3, 2, "rooftop reading garden"),
        ("records/one.json", 1, 0, "smell of diesel had reached the fish market"),
        ("records/list.json", 2, 2, "latest blow to a port"),
        ("feeds/gazette-rss.xml", 2, 0, "smell of diesel had reached the fish market"),
    ],
)
def test_each_input_kind_is_stored(
    store: SQLiteStore,
    settings: Settings,
    fixtures: Path,
    rel: str,
    stored: int,
    errors: int,
    phrase: str,
) -> None:
    result = ingest_inputs(store, [str(fixtures / rel)], settings, None)
    assert (len(result.stored), len(result.errors)) == (stored, errors), result.errors
    assert store.count_articles() == stored
    bodies = [a.body for a in store.iter_articles()]
    assert any(phrase in b for b in bodies)
    for art in store.iter_articles():
        assert art.language == "en" and art.content_hash and art.source


def test_page_metadata_reaches_the_article(
    store: SQLiteStore, settings: Settings, fixtures: Path
) -> None:
    ingest_inputs(store, [str(fixtures / "pages" / "wire-spill.html")], settings, None)
    (art,) = list(store.iter_articles())
    assert art.title == "Marlport shuts harbour after tanker leaks fuel oil into bay"
    assert art.outlet == art.outlet_given == "Coastline Wire"
    assert art.url == "https://coastlinewire.example/world/marlport-harbour-spill?utm_source=rss"
    assert art.published is not None and art.published.isoformat() == "2025-03-04T09:12:00+00:00"
    assert "cookies" not in art.body and "Related stories" not in art.body


def test_markdown_heading_is_the_title(
    store: SQLiteStore, settings: Settings, fixtures: Path
) -> None:
    ingest_inputs(store, [str(fixtures / "pasted" / "wire-pasted.md")], settings, None)
    (art,) = list(store.iter_articles())
    assert art.title == "Marlport shuts harbour after tanker leaks fuel oil into bay"
    assert not art.body.startswith("#")


def test_rerun_stores_nothing_new(store: SQLiteStore, settings: Settings, fixtures: Path) -> None:
    inputs = [str(fixtures / d) for d in ("pages", "pasted", "records")]
    first = ingest_inputs(store, inputs, settings, None)
    count = store.count_articles()
    second = ingest_inputs(store, inputs, settings, None)
    assert first.stored and not second.stored
    assert store.count_articles() == count
    assert set(second.skipped) >= set(first.stored)


def test_outlets_resolved_by_the_registry_and_unknown_ones_kept(
    store: SQLiteStore, settings: Settings, fixtures: Path, registry
) -> None:
    pages = fixtures / "pages"
    ingest_inputs(
        store,
        [
            str(pages / "gazette-spill.html"),
            str(pages / "ledger-spill.html"),
            str(fixtures / "pasted" / "wire-pasted.md"),
        ],
        settings,
        registry,
    )
    arts = by_source(store)
    gazette = arts["gazette-spill.html"]
    assert (gazette.outlet, gazette.outlet_given) == ("The Harbor Gazette", "Harbor Gazette")
    ledger = arts["ledger-spill.html"]  # not in the registry: kept under the name the page gives
    assert (ledger.outlet, ledger.outlet_given) == ("The Daily Ledger", "The Daily Ledger")
    pasted = arts["wire-pasted.md"]  # no name at all: the text identifies itself
    assert (pasted.outlet, pasted.outlet_given) == ("Coastline Wire", None)


def test_syndicated_copy_points_at_the_first_stored_copy_across_runs(
    settings: Settings, fixtures: Path
) -> None:
    pages = fixtures / "pages"
    with SQLiteStore(settings.db) as store:
        ingest_inputs(store, [str(pages / "wire-spill.html")], settings, None)
    with SQLiteStore(settings.db) as store:  # a new process: the LSH index comes from the store
        ingest_inputs(
            store,
            [str(pages / "metro-copy.html"), str(pages / "gazette-spill.html")],
            settings,
            None,
        )
        arts = by_source(store)
        wire = arts["wire-spill.html"]
        assert wire.duplicate_of is None
        assert arts["metro-copy.html"].duplicate_of == wire.id
        assert arts["gazette-spill.html"].duplicate_of is None
        signed = {aid for aid, _ in store.iter_signatures()}
        assert signed == {wire.id, arts["gazette-spill.html"].id}  # copies are not indexed


def test_exact_copy_under_another_url_is_a_duplicate(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    text = (
        "The ferry to the outer islands will run twice a day from Monday, the operator said, "
        "after the harbour reopened following a week-long closure. "
    ) * 3
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"url": "https://one.example/x", "text": text}) + "\n")
    b.write_text(json.dumps({"url": "https://two.example/y", "text": text.upper()}) + "\n")
    result = ingest_inputs(store, [str(a), str(b)], settings, None)
    first, second = (store.get_article(i) for i in result.stored)
    assert first and second and first.duplicate_of is None and second.duplicate_of == first.id


def test_one_bad_input_costs_only_itself(
    store: SQLiteStore, settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = ingest_inputs(
        store,
        [
            str(fixtures / "pages" / "wire-spill.html"),
            str(empty),
            str(fixtures / "pages" / "gazette-spill.html"),
        ],
        settings,
        None,
    )
    assert len(result.stored) == 2
    assert [e.line() for e in result.errors] == [f"{empty}: empty file"]


def test_page_url_is_fetched_and_named_by_its_canonical_address(
    store: SQLiteStore, settings: Settings, loopback
) -> None:
    result = ingest_inputs(
        store, [loopback.url("/pages/gazette-spill.html?utm_source=x")], settings, None
    )
    assert len(result.stored) == 1 and not result.errors
    (art,) = list(store.iter_articles())
    assert art.url == "https://harborgazette.example/local/2025/03/04/oil-slick-piers"
    assert art.source == loopback.url("/pages/gazette-spill.html?utm_source=x")


def test_atom_teasers_are_fetched_from_their_links_once(
    store: SQLiteStore, settings: Settings, loopback
) -> None:
    feed = loopback.url("/feeds/ledger-atom.xml")
    result = ingest_inputs(store, [feed], settings, None)
    assert len(result.stored) == 2 and not result.errors
    assert {"/pages/ledger-spill.html", "/pages/wire-spill.html"} <= set(loopback.paths())
    titles = {a.title for a in store.iter_articles()}
    assert "Questions mount over spill figures as Marlport closes its port" in titles
    loopback.requests.clear()
    again = ingest_inputs(store, [feed], settings, None)
    assert not again.stored and not again.errors
    assert loopback.paths() == ["/robots.txt", "/feeds/ledger-atom.xml"]  # entries not refetched


def test_full_text_feed_is_not_refetched_and_sniffed_by_content(
    store: SQLiteStore, settings: Settings, loopback
) -> None:
    result = ingest_inputs(store, [loopback.url("/text-xml/gazette-rss.xml")], settings, None)
    assert len(result.stored) == 2 and not result.errors
    assert loopback.paths() == ["/robots.txt", "/text-xml/gazette-rss.xml"]
    outlets = {a.outlet for a in store.iter_articles()}
    assert outlets == {"Harbor Gazette"}  # the feed's own name, without its section


def test_feed_entry_failures_do_not_lose_the_other_entries(
    store: SQLiteStore, settings: Settings, loopback, tmp_path: Path
) -> None:
    feed = tmp_path / "mixed.xml"
    feed.write_text(f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Mixed</title>
<entry><title>a</title><link href="{loopback.url("/pages/wire-spill.html")}"/><id>1</id><updated>2025-03-04T00:00:00Z</updated></entry>
<entry><title>b</title><link href="{loopback.url("/private/ledger-spill.html")}"/><id>2</id><updated>2025-03-04T00:00:00Z</updated></entry>
<entry><title>c</title><link href="{loopback.url("/gone.html")}"/><id>3</id><updated>2025-03-04T00:00:00Z</updated></entry>
</feed>""")
    result = ingest_inputs(store, [str(feed)], settings, None)
    assert len(result.stored) == 1
    assert [e.line() for e in result.errors] == [
        f"{loopback.url('/private/ledger-spill.html')}: disallowed by the site's robots.txt for storyscope",
        f"{loopback.url('/gone.html')}: HTTP 404 Not Found",
    ]


@pytest.mark.parametrize(
    ("rel", "title"),
    [
        ("records/one.json", "Fishermen count the cost as oil slick creeps toward Marlport piers"),
        (
            "records/batch.jsonl",
            "Library reopens after two-year renovation with rooftop reading garden",
        ),
        (
            "pages/ledger-spill.html",
            "Questions mount over spill figures as Marlport closes its port",
        ),
        (
            "pasted/ledger-pasted.txt",
            "Questions mount over spill figures as Marlport closes its port",
        ),
        (
            "feeds/gazette-rss.xml",
            "Fishermen count the cost as oil slick creeps toward Marlport piers",
        ),
    ],
    ids=["json", "jsonl", "html", "text", "rss"],
)
def test_stdin_is_sniffed(
    store: SQLiteStore, settings: Settings, fixtures: Path, monkeypatch, rel: str, title: str
) -> None:
    with (fixtures / rel).open("rb") as raw:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
        result = ingest_inputs(store, ["-"], settings, None)
    assert result.stored
    assert title in {a.title for a in store.iter_articles()}
    assert all(
        a.source == "-" or a.source.startswith(("-:", "https://")) for a in store.iter_articles()
    )


def test_empty_folder_and_jsonl_saved_as_json(
    store: SQLiteStore, settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-folder"
    (empty / ".git").mkdir(parents=True)
    (empty / ".git" / "HEAD.txt").write_text("hidden, skipped")
    misnamed = tmp_path / "export.json"
    misnamed.write_bytes((fixtures / "records" / "batch.jsonl").read_bytes())
    result = ingest_inputs(store, [str(empty), str(misnamed)], settings, None)
    assert len(result.stored) == 3
    assert [e.line() for e in result.errors][0] == (
        f"{empty}: folder holds no .txt, .md, .html, .json, .jsonl or feed files"
    )
    assert [e.source for e in result.errors][1:] == [f"{misnamed}:3", f"{misnamed}:4"]


def test_relative_entry_links_resolve_against_the_feed_url(
    store: SQLiteStore, settings: Settings, loopback
) -> None:
    # /relative/ serves the Atom fixture with links written as ../pages/<page>
    result = ingest_inputs(store, [loopback.url("/relative/ledger-atom.xml")], settings, None)
    assert len(result.stored) == 2 and not result.errors
    assert {"/pages/ledger-spill.html", "/pages/wire-spill.html"} <= set(loopback.paths())


@pytest.mark.parametrize("copies_first", [True, False])
def test_earliest_publication_is_the_original_whatever_the_ingest_order(
    store: SQLiteStore, settings: Settings, fixtures: Path, tmp_path: Path, copies_first: bool
) -> None:
    """Regression: a reprint ingested before the wire story it copies made the wire the copy."""
    wire = (fixtures / "pages" / "wire-spill.html").read_text(encoding="utf-8")
    base = {"outlet": "Coastline Wire", "title": "Harbour shut after spill", "html": wire}
    records = {
        "wire": {**base, "id": "wire", "published": "2025-03-04T09:00:00Z"},
        "reprint-1": {**base, "id": "reprint-1", "published": "2025-03-04T12:00:00Z"},
        "reprint-2": {**base, "id": "reprint-2", "published": "2025-03-04T15:00:00Z"},
    }
    order = ["reprint-1", "reprint-2", "wire"] if copies_first else ["wire", "reprint-2", "reprint-1"]
    paths = []
    for name in order:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(records[name]), encoding="utf-8")
        paths.append(str(path))
    for path in paths:  # one run per input, as a stream of arrivals
        ingest_inputs(store, [path], settings, None)
    got = {a.id: a.duplicate_of for a in store.iter_articles()}
    assert got == {"wire": None, "reprint-1": "wire", "reprint-2": "wire"}


def test_on_article_hears_each_new_original_once(settings: Settings, fixtures: Path) -> None:
    """The story stage's background encoder is fed from here: copies and articles stored by an
    earlier run must not reach it, and every article stored as an original must."""
    pages = fixtures / "pages"
    inputs = [str(pages / n) for n in ("wire-spill.html", "metro-copy.html", "gazette-spill.html")]
    heard: list[str] = []
    with SQLiteStore(settings.db) as store:
        result = ingest_inputs(store, inputs, settings, None, lambda arts: heard.extend(a.id for a in arts))
        originals = {a.id for a in store.iter_articles() if a.duplicate_of is None}
        assert len(result.stored) == 3 and len(originals) == 2
        assert sorted(heard) == sorted(originals)
        heard.clear()
        ingest_inputs(store, inputs, settings, None, lambda arts: heard.extend(a.id for a in arts))
    assert heard == []
