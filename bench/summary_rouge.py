"""ROUGE of our "what happened" section against AllSides editors' roundups, beside two baselines.

For each story of ``allsides-stories/dev.jsonl`` the three outlets' articles become a StoryContext;
the earlier stages run when they are importable (``--no-stages`` skips them) and the summary stage
runs as in the pipeline. Baselines at the same number of sentences: lead-k of the center article and
LexRank (sumy) over the three articles. Ours must beat both on ROUGE-2.

    .venv/bin/python bench/summary_rouge.py [--reference first|all] [--limit N] [--no-stages]
"""

from __future__ import annotations

import importlib
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from common import allsides_stories, floor  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.model import Article, Outlet, Story  # noqa: E402
from storyscope.pipeline import STAGES, StoryContext  # noqa: E402
from storyscope.summarize.text import split_sentences  # noqa: E402

# Pinned just under what the code reaches (first roundup paragraph, 252 stories, all stages on);
# measured 2026-11-22: R-1 0.4208, R-2 0.1587, R-L 0.2326, sentences citing 2+ outlets 0.038.
FLOORS = {"rouge1": 0.418, "rouge2": 0.156, "rougeL": 0.230, "multi_outlet_share": 0.037}
SIDES = ("left", "center", "right")
# Baselines at our number of sentences, and ("-w") cut to our number of words.
BASELINES = ("ours", "lead", "lexrank", "lead-w", "lexrank-w")


class Tokenizer:
    """sumy's tokenizer interface without nltk's punkt data (which cannot be downloaded here)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[A-Za-z0-9][A-Za-z0-9'’\-]*", sentence))


def _outlet_lookup(settings: Settings) -> Any:
    """The outlet registry's matcher when the outlets package provides one, else None."""
    try:
        mod = importlib.import_module("storyscope.outlets.registry")
        reg = mod.load_registry(settings)
    except Exception as exc:
        print(f"  (outlet registry unavailable: {exc})")
        return None
    return lambda name: reg.match(name=name)


def context_for(row: dict[str, Any], settings: Settings, lookup: Any) -> StoryContext:
    articles: list[Article] = []
    outlets: dict[str, Outlet | None] = {}
    for side in SIDES:
        news = row["news"].get(side)
        if not news:
            continue
        body = "\n\n".join(
            p.replace("\xa0", " ").strip() for p in news.get("newBody") or [] if p.strip()
        )
        aid = f"{row['id']}-{side}"
        articles.append(
            Article(id=aid, body=body, title=news.get("newsTitle"), outlet=news.get("newsSource"))
        )
        outlet = None
        if lookup is not None:
            try:
                found = lookup(news.get("newsSource") or "")
                outlet = found if isinstance(found, Outlet) else getattr(found, "outlet", None)
            except Exception:
                outlet = None
        outlets[aid] = outlet
    story = Story(
        id=str(row["id"]), title=row.get("issue") or "", article_ids=tuple(a.id for a in articles)
    )
    return StoryContext(story=story, articles=articles, outlets=outlets, settings=settings)


def earlier_stages(use_stages: bool) -> list[tuple[str, Any]]:
    """The stages before the summary that can be imported now (others are being written)."""
    found: list[tuple[str, Any]] = []
    for stage in STAGES:
        if stage.name == "summary" or not use_stages:
            continue
        try:
            found.append((stage.name, stage.load()))
        except (ImportError, AttributeError) as exc:
            print(f"  (stage {stage.name} not importable: {exc}; summary runs without it)")
    return found


def run_stages(ctx: StoryContext, stages: list[tuple[str, Any]]) -> dict[str, Any]:
    for _, fn in stages:
        ctx.results.update(fn(ctx))
    from storyscope.summarize.stage import run

    return run(ctx)


def lexrank(texts: list[str], k: int) -> str:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    parser = PlaintextParser.from_string("\n\n".join(texts), Tokenizer())
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return " ".join(str(s) for s in summarizer(parser.document, k))


def lead(row: dict[str, Any], k: int) -> str:
    side = next((s for s in ("center", "left", "right") if row["news"].get(s)), None)
    if side is None:
        return ""
    body = "\n\n".join(row["news"][side].get("newBody") or []).replace("\xa0", " ")
    return " ".join(split_sentences(body)[:k])


def main(argv: list[str]) -> int:
    reference = (
        "all" if "--reference" in argv and argv[argv.index("--reference") + 1] == "all" else "first"
    )
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    use_stages = "--no-stages" not in argv
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    settings = Settings(summarizer="extractive", embedder="tfidf", ner="heuristic")
    lookup = _outlet_lookup(settings)
    rows = [r for r in allsides_stories() if r.get("news") and r.get("roundup")][:limit]
    totals: dict[str, dict[str, float]] = {
        n: {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0} for n in BASELINES
    }
    stages = earlier_stages(use_stages)
    lengths = dict.fromkeys(totals, 0)
    n = sentences = multi = wh_sentences = wh_multi = 0
    start = time.perf_counter()
    for row in rows:
        ctx = context_for(row, settings, lookup)
        out = run_stages(ctx, stages)
        summary = out["summary"]
        ours = [s for s in summary if s.section == "what_happened"]
        if not ours:
            continue
        ref = row["roundup"][0] if reference == "first" else "\n".join(row["roundup"])
        k = len(ours)
        ours_text = " ".join(s.text for s in ours)
        n_words = len(ours_text.split())
        texts = {
            "ours": ours_text,
            "lead": lead(row, k),
            "lexrank": lexrank([a.body for a in ctx.articles], k),
            "lead-w": " ".join(lead(row, 50).split()[:n_words]),
            "lexrank-w": " ".join(lexrank([a.body for a in ctx.articles], k + 3).split()[:n_words]),
        }
        for name, text in texts.items():
            lengths[name] += len(text.split())
            scores = scorer.score(ref, text)
            for metric in totals[name]:
                totals[name][metric] += scores[metric].fmeasure
        n += 1
        outlets_of = {a.id: a.outlet for a in ctx.articles}
        for s in summary:
            many = len({outlets_of.get(i) for i in s.article_ids}) >= 2
            sentences += 1
            multi += many
            if s.section == "what_happened":
                wh_sentences += 1
                wh_multi += many
    elapsed = time.perf_counter() - start
    print(
        f"summary_rouge: {n} stories, reference={reference}, stages={'+'.join(name for name, _ in stages) or 'none'}, {elapsed:.1f}s"
    )
    print(f"  {'':<10} {'R-1':>8} {'R-2':>8} {'R-L':>8} {'words':>7}")
    means = {name: {m: v / max(n, 1) for m, v in t.items()} for name, t in totals.items()}
    for name, t in means.items():
        words = lengths[name] / max(n, 1)
        print(f"  {name:<10} {t['rouge1']:8.4f} {t['rouge2']:8.4f} {t['rougeL']:8.4f} {words:7.1f}")
    share = multi / max(sentences, 1)
    print(
        f"  sentences citing 2+ outlets: {multi}/{sentences} = {share:.3f} (what_happened {wh_multi}/{wh_sentences})"
    )
    ok = all(
        [floor(f"ours {m}", means["ours"][m], FLOORS[m]) for m in ("rouge1", "rouge2", "rougeL")]
    )
    ok = floor("sentences citing 2+ outlets", share, FLOORS["multi_outlet_share"]) and ok
    for base in BASELINES[1:]:
        margin = means["ours"]["rouge2"] - means[base]["rouge2"]
        ok = floor(f"ROUGE-2 margin over {base}", margin, 0.0) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
