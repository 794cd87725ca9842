"""The summary stage as the pipeline runs it."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest

from storyscope import registry
from storyscope.model import Article, Perspective, SummarySentence
from storyscope.pipeline import STAGES, StoryContext
from storyscope.summarize import Summarizer
from storyscope.summarize.material import Material
from storyscope.summarize.stage import run, verified
from storyscope.summarize.support import supports

MakeCtx = Callable[..., StoryContext]


@pytest.mark.parametrize("name", ["extractive", "llm"])
def test_registered_summarizers_follow_the_protocol(name: str) -> None:
    assert isinstance(registry.create("summarizer", name), Summarizer)


def test_stage_returns_exactly_its_keys(make_ctx: MakeCtx, results: dict[str, Any]) -> None:
    out = run(make_ctx(results=results))
    assert set(out) == {"summary", "perspectives", "summary_info"}
    assert out["summary_info"]["summarizer"] == "extractive"
    assert out["summary_info"]["dropped_unsupported"] >= 0
    assert all(isinstance(s, SummarySentence) for s in out["summary"])
    assert [p.side for p in out["perspectives"]] == ["left", "center", "right", "state"]
    assert all(isinstance(p, Perspective) for p in out["perspectives"])


def test_final_check_drops_unsupported_citations(make_ctx: MakeCtx) -> None:
    m = Material.from_context(make_ctx())
    claim = (
        "Norland has carried out at least six inspections of Valdorian fishing boats this month."
    )
    out = verified(
        m,
        [
            SummarySentence(claim, ("a1", "a4"), "what_happened"),  # a4 never says so
            SummarySentence("Norland sank three ships.", ("a1",), "what_happened"),
        ],
    )
    assert out == [SummarySentence(claim, ("a1",), "what_happened")]


def test_sentence_opening_with_another_outlets_name_keeps_its_citation(make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    ctx.articles[0] = Article(
        id="a1",
        outlet="Harbor Wire",
        body="Capital Ledger reported that Norland stopped at least eight Valdorian boats.",
    )
    m = Material.from_context(ctx)
    text = "Capital Ledger reported that Norland stopped at least eight Valdorian boats."
    # a1 says all of it; a2 (Capital Ledger itself) says what the clause attributes to it.
    kept = verified(m, [SummarySentence(text, ("a1", "a2", "a4"), "what_happened")])
    assert kept == [SummarySentence(text, ("a1", "a2"), "what_happened")]


def _stage_available(name: str) -> bool:
    stage = next(s for s in STAGES if s.name == name)
    try:
        stage.load()
    except (ImportError, AttributeError):
        return False
    return True


@pytest.mark.skipif(not _stage_available("compare"), reason="compare stage not importable yet")
def test_with_the_real_earlier_stages(make_ctx: MakeCtx) -> None:
    ctx = make_ctx()
    for stage in STAGES[:-1]:
        if _stage_available(stage.name):
            ctx.results.update(stage.load()(ctx))
    out = run(ctx)
    m = Material.from_context(ctx)
    assert out["summary"]
    for s in out["summary"]:
        assert s.article_ids and all(supports(s, m.by_id[i], m.names) for i in s.article_ids)
    assert any("unverified" in s.text for s in out["summary"])


def test_stage_module_is_the_pipeline_target() -> None:
    stage = next(s for s in STAGES if s.name == "summary")
    assert stage.load() is importlib.import_module("storyscope.summarize.stage").run
