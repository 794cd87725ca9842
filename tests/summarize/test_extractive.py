"""The extractive summary of the strait story: cited, hedged, trimmed, without repeats."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from storyscope.model import SECTIONS, Article, Claim, ClaimVariant, Quote, SummarySentence
from storyscope.pipeline import StoryContext
from storyscope.summarize.extractive import ExtractiveSummarizer, mmr, relevance
from storyscope.summarize.material import Material
from storyscope.summarize.support import supports

MakeCtx = Callable[..., StoryContext]


def summary_of(ctx: StoryContext) -> tuple[Material, list[SummarySentence]]:
    m = Material.from_context(ctx)
    return m, ExtractiveSummarizer(ctx.settings).summarize_material(m)


@pytest.mark.parametrize("with_results", [True, False], ids=["stage-results", "no-results"])
def test_every_sentence_is_supported_by_every_article_it_cites(
    make_ctx: MakeCtx, results: dict[str, Any], with_results: bool
) -> None:
    m, summary = summary_of(make_ctx(results=results if with_results else None))
    assert summary
    assert {s.section for s in summary} <= set(SECTIONS)
    for s in summary:
        assert s.article_ids, s.text
        for aid in s.article_ids:
            assert supports(s, m.by_id[aid], m.names), (s.text, aid)


@pytest.mark.parametrize("with_results", [True, False], ids=["stage-results", "no-results"])
def test_hedged_figure_keeps_attribution_and_is_called_unverified(
    make_ctx: MakeCtx, results: dict[str, Any], with_results: bool
) -> None:
    _, summary = summary_of(make_ctx(results=results if with_results else None))
    claims = [
        s for s in summary if "1,200" in s.text and "unverified" not in s.text and "“" not in s.text
    ]
    assert claims
    for s in claims:
        assert re.search(r"\b(said|announced|boasted|claimed|report|reports)\b", s.text), s.text
    notes = [s for s in summary if "unverified" in s.text]
    assert len(notes) == 1
    # a4 (state radio) repeats the figure without any hedge: it must not be cited as saying so.
    assert "a4" not in notes[0].article_ids
    assert {"a1", "a2"} <= set(notes[0].article_ids)


BARE = "Valdoria has 1,200 Kestrel-class coastal drones in key defense posts."


def _bare_claim_hedged_by_y() -> Claim:
    """BARE, carried by x and y alike, with y's article saying it is unverified."""
    return Claim(
        "c1",
        BARE,
        ("x", "y"),
        "consensus",
        False,
        ("y",),
        (ClaimVariant("x", BARE), ClaimVariant("y", BARE)),
    )


def test_attribution_inserted_when_every_wording_is_bare(make_ctx: MakeCtx) -> None:
    x = Article(
        id="x",
        outlet="Harbor Wire",
        body=f"{BARE} Tomas Arvelo made the remarks to naval officers on Tuesday.",
    )
    y = Article(
        id="y",
        outlet="Capital Ledger",
        body=f"{BARE} Analysts could not independently verify the figure that Tomas Arvelo gave to officers.",
    )
    claim = _bare_claim_hedged_by_y()
    quote = Quote("Tomas Arvelo", "Valdoria has 1,200 Kestrel-class coastal drones", ("x",))
    ctx = make_ctx(
        drop=("a1", "a2", "a3", "a4", "a5"), results={"claims": [claim], "quotes": [quote]}
    )
    ctx.articles[:] = [x, y]
    _, summary = summary_of(ctx)
    texts = [s.text for s in summary]
    assert f"Arvelo said {BARE}" in texts
    assert not any(t.startswith("Valdoria has 1,200") for t in texts)
    note = next(s for s in summary if "unverified" in s.text)
    assert note.text == "Capital Ledger reports that the figure of 1,200 is unverified."
    assert note.article_ids == ("y",)


def test_hedged_claim_nobody_can_be_named_for_is_left_out(make_ctx: MakeCtx) -> None:
    x = Article(id="x", outlet="Harbor Wire", body=f"{BARE} The navy held drills near Port Elsa.")
    y = Article(
        id="y",
        outlet="Capital Ledger",
        body=f"{BARE} The number could not be independently verified.",
    )
    claim = _bare_claim_hedged_by_y()
    ctx = make_ctx(drop=("a1", "a2", "a3", "a4", "a5"), results={"claims": [claim]})
    ctx.articles[:] = [x, y]
    _, summary = summary_of(ctx)
    assert summary  # the rest of the story is still summarised
    assert not any("Kestrel-class coastal drones" in s.text for s in summary)


def test_least_loaded_wording_and_wire_preferred(
    make_ctx: MakeCtx, results: dict[str, Any]
) -> None:
    _, summary = summary_of(make_ctx(results=results))
    happened = [s.text for s in summary if s.section == "what_happened"]
    assert not any(re.search(r"Strongman|regime|boasted", t) for t in happened)
    ctx = make_ctx()
    m = Material.from_context(ctx)
    first = next(c for c in m.pool if c.article_id == "a1" and c.position == 0)
    wire = relevance(m, first, len(m.articles))
    m.outlets["a1"] = None  # the same sentence, no longer from a wire
    assert relevance(m, first, len(m.articles)) < wire


def test_leaders_trimmed_and_pronouns_resolved(make_ctx: MakeCtx) -> None:
    m = Material.from_context(make_ctx())
    texts = {c.text for c in m.pool}
    assert "Arvelo said the drones would guard fishing grounds in the Strait of Mirel." in texts
    assert not any(re.match(r"(Meanwhile|However|UPDATE|He|She)\b", t) for t in texts)
    assert "The Northern Assembly has called for talks between the two governments." in texts


def test_mmr_drops_near_repeats(make_ctx: MakeCtx) -> None:
    m = Material.from_context(make_ctx())
    picked = mmr(m, m.pool, k=6)
    drone_sentences = [
        c for c in picked if "1,200" in c.text and "“" not in c.text and '"' not in c.text
    ]
    assert len(drone_sentences) == 1
    assert len({c.text for c in picked}) == len(picked)


def test_differences_numbers_quotes_from_stage_results(
    make_ctx: MakeCtx, results: dict[str, Any]
) -> None:
    _, summary = summary_of(make_ctx(results=results))
    by = {sec: [s for s in summary if s.section == sec] for sec in SECTIONS}
    differ = [s.text for s in by["where_sources_differ"]]
    assert (
        "Harbor Wire and Morning Sentinel report at least six inspections; Capital Ledger reports at least eight Valdorian boats."
        in differ
    )
    assert any(t.startswith("Morning Sentinel calls Arvelo “Strongman”;") for t in differ)
    assert (
        "Only Morning Sentinel reports: Critics say Arvelo is using the dispute to distract from fuel shortages at home."
        in differ
    )
    quoted = [s for s in by["who_is_quoted"] if "Tomas Arvelo" in s.text]
    # The wording all three carry word for word wins over the longer one only two carry.
    assert quoted[0].text.endswith(
        "quote Tomas Arvelo: “Valdoria has no fewer than 1,200 of them”."
    )
    assert set(quoted[0].article_ids) == {"a1", "a2", "a3"}
    assert any("Mirel Institute" in s.text for s in by["who_is_quoted"])
    assert any("1,200 Kestrel-class coastal drones" in s.text for s in by["behind_the_numbers"])
    assert by["context"] and all(re.search(r"since|began|has been", s.text) for s in by["context"])


def test_absent_or_malformed_results_degrade(make_ctx: MakeCtx) -> None:
    _, summary = summary_of(
        make_ctx(results={"claims": None, "quotes": "oops", "conflicts": [object()]})
    )
    assert [s for s in summary if s.section == "what_happened"]
    assert not [s for s in summary if s.section == "where_sources_differ"]


def test_no_articles_no_summary(make_ctx: MakeCtx) -> None:
    _, summary = summary_of(make_ctx(drop=("a1", "a2", "a3", "a4", "a5")))
    assert summary == []
