from __future__ import annotations

from pathlib import Path

import pytest

from storyscope.ingest.dedup import Deduper, Signature, is_copy, signature_of
from storyscope.ingest.html import extract_page
from storyscope.model import Article
from storyscope.store.sqlite import SQLiteStore


def body(fixtures: Path, page: str) -> str:
    return extract_page((fixtures / "pages" / page).read_text()).body


def sig(text: str) -> Signature:
    found = signature_of(text)
    assert found is not None
    return found


def test_syndicated_copy_with_new_intro_and_edits_is_caught(fixtures: Path) -> None:
    wire, copy = body(fixtures, "wire-spill.html"), body(fixtures, "metro-copy.html")
    assert wire != copy
    assert is_copy(sig(wire), sig(copy)) and is_copy(sig(copy), sig(wire))


def test_wire_copy_cut_short_is_caught(fixtures: Path) -> None:
    wire = body(fixtures, "wire-spill.html")
    paragraphs = wire.split("\n")
    half = "A new opening line written by the republishing desk.\n" + "\n".join(paragraphs[:5])
    assert is_copy(sig(wire), sig(half))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("wire-spill.html", "gazette-spill.html"),  # same event, shared quote, own reporting
        ("wire-spill.html", "ledger-spill.html"),
        ("gazette-spill.html", "ledger-spill.html"),
        ("metro-copy.html", "gazette-spill.html"),
        ("wire-spill.html", "library.html"),
    ],
)
def test_different_reports_of_the_same_event_are_not_copies(fixtures: Path, a: str, b: str) -> None:
    sa, sb = sig(body(fixtures, a)), sig(body(fixtures, b))
    assert not is_copy(sa, sb)
    jaccard, contained = sa.similarity(sb)
    assert jaccard < 0.15 and contained < 0.25  # far from the thresholds, not just under them


def test_short_texts_get_no_signature() -> None:
    assert signature_of("Harbour closed. Beaches shut until Friday.") is None


def test_signature_round_trips_through_bytes(fixtures: Path) -> None:
    original = sig(body(fixtures, "wire-spill.html"))
    back = Signature.from_bytes(original.to_bytes())
    assert back is not None and back.size == original.size
    assert back.similarity(original)[0] == 1.0
    assert Signature.from_bytes(b"old format") is None


def test_index_is_rebuilt_from_the_store(fixtures: Path, tmp_path: Path) -> None:
    wire = body(fixtures, "wire-spill.html")
    db = str(tmp_path / "d.db")
    with SQLiteStore(db) as store:
        store.add_articles([Article(id="wire-1", body=wire)])
        store.save_signature("wire-1", sig(wire).to_bytes())
    with SQLiteStore(db) as store:
        dedup = Deduper(store)
        assert dedup.original_of(sig(body(fixtures, "metro-copy.html"))) == "wire-1"
        assert dedup.original_of(sig(body(fixtures, "gazette-spill.html"))) is None
        dedup.add("gazette-1", sig(body(fixtures, "gazette-spill.html")))
        assert dedup.original_of(sig(body(fixtures, "gazette-spill.html"))) == "gazette-1"
        dedup.forget(["gazette-1"])
        assert dedup.original_of(sig(body(fixtures, "gazette-spill.html"))) is None
