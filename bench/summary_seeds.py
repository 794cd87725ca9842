"""The summary of the five seed articles: cited, literal, and honest about the unverified figure.

The seeds are cleaned with ``storyscope.ingest.clean.clean_text``, matched to the outlet registry by
their text, run through every earlier stage that is importable, then through the summary stage.

    .venv/bin/python bench/summary_seeds.py [--show]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from common import SEEDS, floor  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.ingest.clean import clean_text  # noqa: E402
from storyscope.model import Article, Outlet, Story  # noqa: E402
from storyscope.pipeline import STAGES, StoryContext  # noqa: E402
from storyscope.summarize.support import CONNECTIVES, supports  # noqa: E402
from storyscope.summarize.text import STOPWORDS, fold, stem, words  # noqa: E402

ATTRIBUTED = re.compile(r"\b(said|says|claimed|claims|announced|stated|told|according to)\b")


def seed_context(settings: Settings) -> StoryContext:
    lookup: Any = None
    try:
        from storyscope.outlets.registry import load_registry

        reg = load_registry(settings)
        lookup = lambda text: reg.match(text=text)  # noqa: E731
    except Exception as exc:
        print(f"  (outlet registry unavailable: {exc})")
    articles: list[Article] = []
    outlets: dict[str, Outlet | None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        outlet = lookup(raw) if lookup else None
        aid = path.stem
        articles.append(
            Article(
                id=aid,
                body=cleaned.body,
                title=cleaned.title,
                outlet=outlet.name if outlet else f"seed {aid[:3]}",
            )
        )
        outlets[aid] = outlet
    story = Story("seeds", articles[0].title or "seeds", tuple(a.id for a in articles))
    ctx = StoryContext(story=story, articles=articles, outlets=outlets, settings=settings)
    for stage in STAGES[:-1]:
        try:
            fn = stage.load()
        except (ImportError, AttributeError):
            print(f"  (stage {stage.name} not importable; summary runs without it)")
            continue
        ctx.results.update(fn(ctx))
    return ctx


def word_share(text: str, cited: list[Article], names: set[str]) -> float:
    """Share of the sentence's content words found (stemmed) in the union of cited articles."""
    for name in names:
        text = text.replace(name, " ")
    pool = {stem(w) for a in cited for w in words(f"{a.title or ''} {a.body}")}
    mine = [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]
    mine = [w for w in mine if w not in CONNECTIVES]
    return sum(1 for w in mine if w in pool) / len(mine) if mine else 1.0


def main(argv: list[str]) -> int:
    settings = Settings(summarizer="extractive", embedder="tfidf", ner="heuristic")
    ctx = seed_context(settings)
    from storyscope.summarize.stage import run

    out = run(ctx)
    summary = out["summary"]
    by_id = {a.id: a for a in ctx.articles}
    names = {a.outlet for a in ctx.articles if a.outlet} | {
        o.name for o in ctx.outlets.values() if o
    }
    if "--show" in argv:
        for s in summary:
            print(f"  [{s.section}] {s.text} {list(s.article_ids)}")
        for p in out["perspectives"]:
            print(f"  <{p.side}> {p.note or ''} {[pt.text for pt in p.points]}")
    cited = sum(1 for s in summary if s.article_ids) / max(len(summary), 1)
    supported = sum(
        1
        for s in summary
        if s.article_ids
        and all(supports(s, by_id[i], names) or supports(s, by_id[i]) for i in s.article_ids)
    ) / max(len(summary), 1)
    share = min(
        (word_share(s.text, [by_id[i] for i in s.article_ids], names) for s in summary), default=0.0
    )
    claimed = any(
        "Maduro" in s.text and "5,000" in s.text and "Igla" in s.text and ATTRIBUTED.search(s.text)
        for s in summary
    )
    unverified = any(
        "5,000" in s.text and "unverified" in fold(s.text) and s.article_ids for s in summary
    )
    print(f"summary_seeds: {len(summary)} sentences, {len(ctx.articles)} articles")
    ok = floor("sentences citing >= 1 article", cited, 1.0)
    ok = floor("sentences every cited article supports", supported, 1.0) and ok
    ok = floor("min share of words found in cited text", share, 1.0) and ok
    ok = floor("says Maduro claimed 5,000 Igla-S", float(claimed), 1.0) and ok
    ok = floor("says the 5,000 figure is unverified", float(unverified), 1.0) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
