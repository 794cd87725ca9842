"""Where the time of ingesting one article goes, stage by stage (informational, not in CI).

    python bench/ingest_stages.py [N]       # N article-bias-prediction records (default 1000)

Writes N records as JSONL, ingests them into a fresh SQLiteStore through the real pipeline with
the main stages wrapped in timers, then groups them into stories with MiniLM (loaded beforehand),
and prints milliseconds per article for each stage. It explains the gap between the clustering
rate and the whole-pipeline rate in ``clustering_scale.py``.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import clustering  # noqa: E402
import common  # noqa: E402
import storyscope.ingest.articles as articles_module  # noqa: E402
import storyscope.ingest.pipeline as pipeline_module  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.outlets.registry import load_registry  # noqa: E402
from storyscope.store.sqlite import SQLiteStore  # noqa: E402
from storyscope.stories.cluster import update_stories  # noqa: E402
from storyscope.stories.embed import MiniLMEmbedder  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def _timed(module: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] += time.perf_counter() - started

    setattr(module, name, wrapper)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    articles, _ = clustering.labelled_articles()
    times = [a.published for a in articles if a.published]
    sample = clustering.distractors(count * 2, min(times), max(times))[:count]  # type: ignore[type-var]
    folder = common.OUT / "ingest-stages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "records.jsonl"
    common.write_records(sample, path)
    # The names as the ingest modules imported them, so the wrappers are what they call.
    for module in (articles_module, pipeline_module):
        for name, label in (
            ("clean_text", "text cleaning"),
            ("detect_language", "language"),
            ("signature_of", "near-duplicate signature"),
        ):
            if hasattr(module, name):
                _timed(module, name, label)
    _timed(pipeline_module, "to_article", "record -> article (cleaning, language, ...)")
    settings = Settings(db=str(folder / "db"), embedder="minilm", progress="never")
    registry = load_registry(settings)
    MiniLMEmbedder().embed(["warm-up"])
    with SQLiteStore(folder / "db") as store:
        started = time.perf_counter()
        pipeline_module.ingest_inputs(store, [str(path)], settings, registry)
        ingest = time.perf_counter() - started
        started = time.perf_counter()
        update_stories(store, settings)
        stories = time.perf_counter() - started
    print(f"ingest_stages: {count} records")
    for label, seconds in sorted(SPENT.items()):
        print(f"  {label:<42} {1000 * seconds / count:6.2f} ms/article")
    print(f"  {'ingest_inputs, total':<42} {1000 * ingest / count:6.2f} ms/article")
    print(f"  {'update_stories (MiniLM + clustering)':<42} {1000 * stories / count:6.2f} ms/article")
    print(f"  {'whole path':<42} {count / (ingest + stories):6.1f} articles/s")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
