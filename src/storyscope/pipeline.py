"""The per-story analysis stages, run in order, each declaring what it requires and provides.

The order is checked when the pipeline is built, so a stage that needs something no earlier stage
provides fails at start-up rather than in the middle of a run. Stage results are cached in the store
under a fingerprint of the story's articles, so a story is recomputed only when it changes.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from storyscope.config import Settings
from storyscope.model import Article, Outlet, Story

# Bump when a stage's output changes shape or meaning, so cached analyses are recomputed.
ANALYSIS_VERSION = "1"


@dataclass
class StoryContext:
    """What a stage sees: the story, its stored articles (duplicates included) and earlier results."""

    story: Story
    articles: list[Article]
    outlets: dict[str, Outlet | None]  # article id -> registry entry (None when unknown)
    settings: Settings
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def originals(self) -> list[Article]:
        """Articles that are not syndicated or near-duplicate copies of another."""
        ids = {a.id for a in self.articles}
        return [a for a in self.articles if not a.duplicate_of or a.duplicate_of not in ids]


StageFn = Callable[[StoryContext], dict[str, Any]]


@dataclass(frozen=True)
class Stage:
    name: str
    target: str  # "module:function"
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def load(self) -> StageFn:
        module, _, attr = self.target.partition(":")
        fn: StageFn = getattr(importlib.import_module(module), attr)
        return fn


STAGES: tuple[Stage, ...] = (
    Stage(
        "landscape",
        "storyscope.outlets.landscape:run",
        requires=(),
        provides=("landscape", "blindspot"),
    ),
    Stage(
        "compare",
        "storyscope.compare.stage:run",
        requires=(),
        provides=(
            "claims",
            "numbers",
            "conflicts",
            "quotes",
            "attributions",
            "origins",
            "unique_claims",
        ),
    ),
    Stage(
        "framing",
        "storyscope.framing.stage:run",
        requires=(),
        provides=("framing", "event_terms", "reporting_verbs", "tone", "headlines"),
    ),
    Stage(
        "summary",
        "storyscope.summarize.stage:run",
        requires=("landscape", "claims", "numbers", "conflicts", "quotes", "framing"),
        provides=("summary", "perspectives", "summary_info"),
    ),
)


class PipelineError(RuntimeError):
    pass


def check_order(stages: Iterable[Stage]) -> None:
    have: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise PipelineError(f"stage {stage.name!r} requires {missing} which no earlier stage provides")
        have.update(stage.provides)


# What the analysis of a story depends on besides its articles: the stage code and the data it reads
# (outlet registry, lexicons). Hashing them makes an upgrade or a local edit invalidate stale caches.
_ANALYSIS_SOURCES = ("compare", "framing", "summarize", "outlets", "stories", "data", "pipeline.py", "model.py")


@cache
def code_digest() -> str:
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(ANALYSIS_VERSION.encode())
    for name in _ANALYSIS_SOURCES:
        base = root / name
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for f in files:
            if f.is_file() and f.suffix not in (".pyc",) and "__pycache__" not in f.parts:
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def _local_registry_stamp(settings: Settings) -> str:
    try:
        stat = settings.local_outlets_path.stat()
    except OSError:
        return "-"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def fingerprint(story: Story, articles: list[Article], settings: Settings) -> str:
    h = hashlib.sha256(code_digest().encode())
    for a in sorted(articles, key=lambda a: a.id):
        h.update(f"{a.id}|{a.content_hash}|{a.outlet}|{a.duplicate_of}\n".encode())
    h.update(
        f"{settings.summarizer}|{settings.llm_url}|{settings.llm_model}|{settings.blindspot_threshold}"
        f"|{settings.ner}|{settings.embedder}|{settings.lexicon_path}|{_local_registry_stamp(settings)}".encode()
    )
    return h.hexdigest()[:32]


def run_stages(ctx: StoryContext, stages: Iterable[Stage] = STAGES) -> dict[str, Any]:
    stage_list = list(stages)
    check_order(stage_list)
    for stage in stage_list:
        produced = stage.load()(ctx)
        unexpected = set(produced) - set(stage.provides)
        if unexpected:
            raise PipelineError(f"stage {stage.name!r} produced undeclared {sorted(unexpected)}")
        ctx.results.update(produced)
    return ctx.results
