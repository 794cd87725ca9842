from typing import Any

import pytest

from storyscope.config import Settings
from storyscope.model import Article, Story
from storyscope.pipeline import STAGES, PipelineError, Stage, StoryContext, check_order, fingerprint


def test_shipped_stage_order_is_consistent() -> None:
    check_order(STAGES)


def test_stage_requiring_something_missing_fails_at_start() -> None:
    stages = [Stage("late", "x:y", requires=("claims",), provides=("summary",))]
    with pytest.raises(PipelineError, match="late"):
        check_order(stages)


def _ctx(*articles: Article) -> StoryContext:
    story = Story(id="s1", title="t", article_ids=tuple(a.id for a in articles))
    return StoryContext(story=story, articles=list(articles), outlets={}, settings=Settings())


def test_originals_drop_copies_of_articles_in_the_story() -> None:
    a = Article(id="a", body="x")
    b = Article(id="b", body="x", duplicate_of="a")
    c = Article(id="c", body="y", duplicate_of="elsewhere")  # original not in this story: keep
    assert [x.id for x in _ctx(a, b, c).originals] == ["a", "c"]


def test_fingerprint_changes_only_when_articles_change() -> None:
    a = Article(id="a", body="x", content_hash="h1")
    b = Article(id="b", body="y", content_hash="h2")
    story = Story(id="s", title="t", article_ids=("a", "b"))
    settings = Settings()
    first = fingerprint(story, [a, b], settings)
    assert fingerprint(story, [b, a], settings) == first
    assert fingerprint(story, [a], settings) != first
    changed = Article(id="b", body="y2", content_hash="h3")
    assert fingerprint(story, [a, changed], settings) != first


def test_run_stages_rejects_undeclared_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import storyscope.pipeline as pipeline

    def rogue(ctx: StoryContext) -> dict[str, Any]:
        return {"claims": [], "surprise": 1}

    monkeypatch.setattr(Stage, "load", lambda self: rogue)
    with pytest.raises(PipelineError, match="surprise"):
        pipeline.run_stages(_ctx(Article(id="a", body="x")), [Stage("r", "m:f", (), ("claims",))])


def test_fingerprint_follows_settings_that_change_the_analysis(tmp_path: Any) -> None:
    a = Article(id="a", body="x", content_hash="h1")
    story = Story(id="s", title="t", article_ids=("a",))
    base = Settings(db=str(tmp_path / "n.db"))
    first = fingerprint(story, [a], base)
    for changed in (base.with_overrides(ner="spacy"), base.with_overrides(blindspot_threshold=0.3),
                    base.with_overrides(summarizer="llm", llm_url="http://127.0.0.1:9/v1")):
        assert fingerprint(story, [a], changed) != first
    # importing ratings into the user's registry changes outlet facts, so the landscape is redone
    base.local_outlets_path.write_text("{}")
    assert fingerprint(story, [a], base) != first
