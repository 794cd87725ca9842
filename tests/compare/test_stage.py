import time
from typing import Any

from storyscope.compare.stage import compare, run
from storyscope.config import Settings
from storyscope.model import (
    Article,
    Attribution,
    Claim,
    Conflict,
    NumberMention,
    Origins,
    Quote,
    Story,
    UniqueClaims,
)
from storyscope.pipeline import StoryContext

KEYS = {"claims", "numbers", "conflicts", "quotes", "attributions", "origins", "unique_claims"}


def test_stage_returns_exactly_its_keys_as_domain_types(kestrel: list[Article]) -> None:
    story = Story(id="s", title="t", article_ids=tuple(a.id for a in kestrel))
    ctx = StoryContext(
        story=story, articles=kestrel, outlets={}, settings=Settings(embedder="tfidf")
    )
    out = run(ctx)
    assert set(out) == KEYS
    for key, kind in (
        ("claims", Claim),
        ("numbers", NumberMention),
        ("conflicts", Conflict),
        ("quotes", Quote),
        ("attributions", Attribution),
        ("unique_claims", UniqueClaims),
    ):
        assert out[key] and all(isinstance(x, kind) for x in out[key]), key
    assert isinstance(out["origins"], Origins)


def test_claim_carried_by_every_source_is_consensus_and_first(
    kestrel_result: dict[str, Any],
) -> None:
    first = kestrel_result["claims"][0]
    assert first.id == "c1"
    assert first.article_ids == ("a1", "a2", "a3", "a4", "a5", "a6")
    assert first.status == "consensus"
    assert "3,000" in first.text
    assert first.variants[0].article_id == "a1"
    supports = [len(c.article_ids) for c in kestrel_result["claims"]]
    assert supports[:3] == sorted(supports, reverse=True)[:3]


def test_figures_across_unit_systems_and_articles(kestrel_result: dict[str, Any]) -> None:
    numbers = {(n.about, n.value, n.unit): n for n in kestrel_result["numbers"]}
    assert numbers[("Kestrel-M rockets", 3000.0, None)].article_ids == (
        "a1",
        "a2",
        "a3",
        "a4",
        "a5",
        "a6",
    )
    assert numbers[("range", 8000.0, "m")].article_ids == (
        "a2",
        "a3",
        "a5",
        "a6",
    )  # 8 km and 8,000 m
    assert numbers[("altitude", 4200.0, "m")].article_ids == ("a3", "a5", "a6")
    assert numbers[("soldiers and engineers", 2300.0, None)].article_ids == ("a3", "a5", "a6")
    assert numbers[("reservists", 2e6, None)].qualifier == "over"


def test_raid_counts_conflict(kestrel_result: dict[str, Any]) -> None:
    (conflict,) = [c for c in kestrel_result["conflicts"] if c.kind == "number"]
    assert [(v.value, v.article_ids) for v in conflict.variants] == [
        ("at least five", ("a2",)),
        ("at least seven", ("a4",)),
    ]


def test_quotes_merge_across_translations_with_canonical_speakers(
    kestrel_result: dict[str, Any],
) -> None:
    quotes = {q.text[:20]: q for q in kestrel_result["quotes"]}
    army = next(q for k, q in quotes.items() if k.startswith("Every army"))
    assert army.speaker == "Tomás Ferreira" and army.article_ids == ("a2", "a4", "a5")
    ports = next(q for k, q in quotes.items() if k.startswith("We are now looking"))
    assert ports.speaker == "Helen Marsh" and ports.article_ids == ("a3", "a5", "a6")
    assert not any(q.text in ("open siege", "millions") for q in kestrel_result["quotes"])


def test_unique_claims_per_outlet(kestrel_result: dict[str, Any]) -> None:
    unique = {u.outlet: u for u in kestrel_result["unique_claims"]}
    claims = {c.id: c for c in kestrel_result["claims"]}
    coastline = unique["Coastline News"]
    assert coastline.article_ids == ("a3", "a6")  # the copy travels with its original
    for outlet, row in unique.items():
        for cid in row.claim_ids:
            assert set(claims[cid].article_ids) <= set(row.article_ids), outlet
    assert "Syndicate Daily" not in unique


def test_output_is_deterministic(kestrel: list[Article]) -> None:
    assert compare(kestrel, embedder_name="tfidf") == compare(list(kestrel), embedder_name="tfidf")


def test_five_article_story_is_fast_without_minilm(kestrel: list[Article]) -> None:
    start = time.perf_counter()
    compare(kestrel[:5], embedder_name="tfidf")
    assert time.perf_counter() - start < 1.0


def test_empty_and_single_article_stories() -> None:
    out = compare([], embedder_name="tfidf")
    assert set(out) == KEYS and out["claims"] == [] and out["origins"] is None
    one = compare(
        [Article(id="x", body="Harbour fees in Lanner will double next spring, officials said.")],
        embedder_name="tfidf",
    )
    assert [c.status for c in one["claims"]] == ["single"] and one["unique_claims"] == []
