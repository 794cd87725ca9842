"""The built-in registry's data, the report view (info), default feeds and the local overlay."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from storyscope.config import Settings
from storyscope.model import LEANS, Outlet, Rating
from storyscope.outlets.records import ALLSIDES, FACTUALITY, MBFC, OUTLET_TYPES, OWNERSHIPS
from storyscope.outlets.registry import (
    OutletRegistry,
    lean_side,
    load_registry,
    merged_outlets,
    write_local,
)

REQUIRED = [
    # wires
    "Associated Press",
    "Reuters",
    "Agence France-Presse",
    "Anadolu Agency",
    "Xinhua News Agency",
    "TASS",
    "Agencia EFE",
    "ANSA",
    "Deutsche Presse-Agentur",
    "Kyodo News",
    "Bloomberg News",
    "United Press International",
    "Press Trust of India",
    "Yonhap News Agency",
    # state and public media
    "RT",
    "Sputnik",
    "Press TV",
    "CGTN",
    "China Daily",
    "Global Times",
    "TRT World",
    "Al Jazeera",
    "BBC News",
    "Deutsche Welle",
    "France 24",
    "Voice of America",
    "Radio Free Europe/Radio Liberty",
    "NHK",
    "CBC News",
    "ABC News (Australia)",
    "PBS NewsHour",
    "NPR",
    "teleSUR",
    # seeds
    "Straight Arrow News",
]


def test_builtin_is_large_and_worldwide(builtin: OutletRegistry) -> None:
    outlets = builtin.all()
    assert len(outlets) >= 400
    countries = Counter(o.country for o in outlets)
    assert len(countries) >= 60
    for code in (
        "US",
        "GB",
        "FR",
        "DE",
        "BR",
        "MX",
        "QA",
        "IL",
        "NG",
        "ZA",
        "KE",
        "IN",
        "CN",
        "JP",
        "AU",
    ):
        assert countries[code] >= 1, code


@pytest.mark.parametrize("name", REQUIRED)
def test_required_outlets_present(builtin: OutletRegistry, name: str) -> None:
    outlet = builtin.get(name)
    assert outlet is not None and outlet.name == name
    assert outlet.country and outlet.type and outlet.ownership and outlet.domains


def test_builtin_records_use_the_vocabularies(builtin: OutletRegistry) -> None:
    for outlet in builtin.all():
        assert outlet.type in OUTLET_TYPES, outlet.name
        assert outlet.ownership in OWNERSHIPS, outlet.name
        assert outlet.country and len(outlet.country) == 2 and outlet.country.isupper(), outlet.name
        for rating in outlet.lean:
            assert rating.value in LEANS and rating.rater and rating.date, outlet.name
        for rating in outlet.factuality:
            assert rating.value in FACTUALITY and rating.rater and rating.date, outlet.name


def test_no_domain_belongs_to_two_outlets(builtin: OutletRegistry) -> None:
    owners = Counter(d.lower() for o in builtin.all() for d in o.domains)
    assert [d for d, n in owners.items() if n > 1] == []


def test_every_alias_resolves_to_its_outlet_or_a_named_one(builtin: OutletRegistry) -> None:
    """An alias shadowed by another outlet's canonical name would silently mismatch."""
    names = {o.name.casefold() for o in builtin.all()}
    clashes = [
        (o.name, a)
        for o in builtin.all()
        for a in o.aliases
        if builtin.get(a) is not o and a.casefold() not in names
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("name", "ownership"),
    [
        ("RT", "state"),
        ("Xinhua News Agency", "state"),
        ("BBC News", "public"),
        ("NPR", "public"),
        ("Reuters", "private"),
        ("ProPublica", "nonprofit"),
        ("Anadolu Agency", "state"),
    ],
)
def test_ownership(builtin: OutletRegistry, name: str, ownership: str) -> None:
    outlet = builtin.get(name)
    assert outlet is not None and outlet.ownership == ownership


def test_info_prefers_allsides_for_lean_and_mbfc_for_factuality() -> None:
    outlet = Outlet(
        name="Example Daily",
        lean=(
            Rating(MBFC, "left", "2024"),
            Rating(ALLSIDES, "center", "2019"),
            Rating(ALLSIDES, "lean-left", "2023"),
            Rating("Ad Fontes Media", "right", "2024"),
        ),
        factuality=(Rating(ALLSIDES, "low", "2024"), Rating(MBFC, "high", "2022")),
    )
    info = OutletRegistry([outlet]).info(outlet)
    assert (info.lean, info.lean_rater) == ("lean-left", ALLSIDES)
    assert (info.factuality, info.factuality_rater) == ("high", MBFC)


def test_info_falls_back_to_ad_fontes_then_any_rater() -> None:
    a = Outlet(
        name="A", lean=(Rating(MBFC, "left", "2024"), Rating("Ad Fontes Media", "center", "2024"))
    )
    b = Outlet(name="B", lean=(Rating("My Panel", "right", "2025"),))
    reg = OutletRegistry([a, b])
    assert (reg.info(a).lean, reg.info(a).lean_rater) == ("center", "Ad Fontes Media")
    assert (reg.info(b).lean, reg.info(b).lean_rater) == ("right", "My Panel")
    assert reg.info(Outlet(name="C")).lean is None


def test_default_feeds_are_balanced(builtin: OutletRegistry) -> None:
    feeds = builtin.default_feeds()
    assert 20 <= len(feeds) <= 30 and len(set(feeds)) == len(feeds)
    by_feed = {f: o for o in builtin.all() for f in o.feeds}
    chosen = [by_feed[f] for f in feeds]
    sides = Counter(lean_side(builtin.info(o).lean) for o in chosen)
    assert sides["left"] >= 3 and sides["right"] >= 3 and sides["center"] >= 3
    assert {o.ownership for o in chosen} >= {"state", "public", "private", "nonprofit"}
    countries = Counter(o.country for o in chosen)
    assert len(countries) >= 10 and max(countries.values()) <= 10


def test_local_registry_overlays_builtin(settings: Settings) -> None:
    local = [
        Outlet(name="Reuters", factuality=(Rating("My Panel", "high", "2025", "mine.csv"),)),
        Outlet(name="Hilltop Herald", domains=("hilltopherald.example",), country="NZ"),
    ]
    write_local(settings.local_outlets_path, local)
    registry = load_registry(settings)
    reuters = registry.get("Reuters")
    assert (
        reuters is not None and Rating("My Panel", "high", "2025", "mine.csv") in reuters.factuality
    )
    assert any(r.rater == ALLSIDES for r in reuters.lean)  # built-in rating kept
    herald = registry.match(url="https://www.hilltopherald.example/a")
    assert herald is not None and herald.country == "NZ"


def test_load_registry_is_cached_until_the_local_file_changes(settings: Settings) -> None:
    first = load_registry(settings)
    assert load_registry(settings) is first
    path = settings.local_outlets_path
    write_local(path, [Outlet(name="Riverbank Times")])
    os.utime(path, ns=(1, 10**18))  # a distinct mtime even on coarse file systems
    second = load_registry(settings)
    assert second is not first and second.get("Riverbank Times") is not None


def test_bad_local_registry_is_one_line_error(settings: Settings) -> None:
    path = Path(settings.local_outlets_path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\.outlets\.json: not a valid outlet registry") as err:
        load_registry(settings)
    assert "\n" not in str(err.value)


def test_local_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "reg.json"
    outlet = Outlet(
        name="Round Trip",
        aliases=("RT Daily",),
        domains=("roundtrip.example",),
        country="US",
        type="digital",
        ownership="private",
        lean=(Rating(ALLSIDES, "center", "2024", "x.csv"),),
    )
    write_local(path, [outlet])
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "storyscope.outlets/1"
    assert merged_outlets([], OutletRegistry([]).all()) == []
    settings = Settings(db=str(tmp_path / "x.db"), outlets_path=str(path))
    assert load_registry(settings).get("RT Daily") == outlet
