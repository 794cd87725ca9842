"""Server-side latency of the web pages and the JSON API over a store of 40,000 articles.

Loads the article-bias-prediction articles plus the AllSides stories into a fresh SQLite store
(``store.add_articles`` directly; syndicated copies of earlier articles top it up to the requested
count), assigns stories by grouping on topic + date (AllSides stories keep their own id; clustering
40k articles is the clusterer bench's job, not this one's), analyses a few small stories for real
so a cached story page exists, then requests each page through uvicorn on loopback and reads the
``Server-Timing`` header. Prints p50/p95 against the 100 ms target; fails only when a p95 is over
its pinned ceiling (set well above today's figures, since the machine is shared).

    python bench/web_latency.py [--articles 40000] [--requests 40] [--analyse 2]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.model import Article, Story  # noqa: E402
from storyscope.store import open_store  # noqa: E402

TARGET_MS = 100.0
# p95 ceilings in ms, pinned ~3x over what the pages reach now on the shared 2-core machine.
CEILING_MS = {"page": 300.0, "api": 300.0, "report": 500.0}


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _article(
    aid: str,
    body: str,
    title: str | None,
    outlet: str | None,
    url: str | None,
    published: str | None,
    author: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    return Article(
        id=aid,
        body=body,
        title=title,
        url=url,
        outlet=outlet,
        outlet_given=outlet,
        published=_published(published),
        author=author,
        language="en",
        duplicate_of=duplicate_of,
        source="bench:web_latency",
        content_hash=hashlib.sha1(body.encode()).hexdigest(),
    )


def corpus(limit: int) -> tuple[list[Article], dict[str, list[str]]]:
    """Articles and story memberships (story key -> article ids)."""
    articles: list[Article] = []
    groups: dict[str, list[str]] = defaultdict(list)
    for story in common.allsides_stories():
        for side, item in (story.get("news") or {}).items():
            body = "\n\n".join(item.get("newBody") or [])
            if not body:
                continue
            aid = f"as-{story['id']}-{side}"
            articles.append(
                _article(
                    aid,
                    body,
                    item.get("newsTitle"),
                    item.get("newsSource"),
                    item.get("newsLink"),
                    story.get("date"),
                )
            )
            groups[f"as-{story['id']}"].append(aid)
    for i, rec in enumerate(common.bias_articles()):
        if len(articles) >= limit:
            break
        aid = f"abp-{i}"
        articles.append(
            _article(
                aid,
                rec.get("content_original") or rec.get("title") or aid,
                rec.get("title"),
                rec.get("source"),
                rec.get("url"),
                rec.get("date"),
                rec.get("authors"),
            )
        )
        groups[f"{rec.get('topic')}|{rec.get('date')}"].append(aid)
    story_of = {aid: key for key, ids in groups.items() for aid in ids}
    originals = list(articles)
    i = 0
    while len(articles) < limit:  # wire copies reprinted by another outlet
        src = originals[(i * 7919) % len(originals)]
        other = originals[(i * 104729 + 1) % len(originals)].outlet
        aid = f"copy-{i}"
        articles.append(
            _article(
                aid,
                src.body,
                src.title,
                other,
                None,
                src.published.isoformat() if src.published else None,
                duplicate_of=src.id,
            )
        )
        groups[story_of[src.id]].append(aid)
        i += 1
    return articles[:limit], groups


def load(settings: Settings, limit: int) -> tuple[list[Story], float, str]:
    """Fill the store; returns the stories, the seconds it took and the busiest outlet."""
    start = time.perf_counter()
    articles, groups = corpus(limit)
    busiest = Counter(a.outlet for a in articles if a.outlet).most_common(1)[0][0]
    by_id = {a.id: a for a in articles}
    store = open_store(settings)
    try:
        for chunk in range(0, len(articles), 2000):
            store.add_articles(articles[chunk : chunk + 2000])
        stories = []
        for key, ids in groups.items():
            ids = [i for i in ids if i in by_id]
            if not ids:
                continue
            dates = [d for d in (by_id[i].published for i in ids) if d]
            sid = "st-" + hashlib.sha1(key.encode()).hexdigest()[:12]
            stories.append(
                Story(
                    sid,
                    by_id[ids[0]].title or key,
                    tuple(ids),
                    min(dates) if dates else None,
                    max(dates) if dates else None,
                )
            )
        store.replace_all_stories(stories)
    finally:
        store.close()
    return stories, time.perf_counter() - start, busiest


def reuse(settings: Settings) -> tuple[list[Story], float, str]:
    store = open_store(settings)
    try:
        stories = store.get_stories()
        outlets = Counter(a.outlet for a in store.iter_articles() if a.outlet)
    finally:
        store.close()
    return stories, 0.0, outlets.most_common(1)[0][0]


def analyse(settings: Settings, stories: list[Story], count: int) -> tuple[list[str], str | None]:
    """Run the real analysis on ``count`` small stories; returns their ids (or the failure)."""
    if count <= 0:
        return [], "skipped (--analyse 0)"
    from storyscope.api import analyze_story
    from storyscope.outlets.registry import load_registry

    picked = [s for s in stories if 4 <= len(s.article_ids) <= 8][:count]
    store = open_store(settings)
    done: list[str] = []
    try:
        registry = load_registry(settings)
        for story in picked:
            analyze_story(store, settings, story, registry)
            done.append(story.id)
    except Exception as exc:  # the bench still measures every other page
        return done, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    finally:
        store.close()
    return done, None


class Server:
    def __init__(self, settings: Settings) -> None:
        import uvicorn

        from storyscope.web.app import create_app

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        app = create_app(settings, background_analysis=False)
        gc.freeze()  # as storyscope.web.app.serve does
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


def server_ms(client: httpx.Client, path: str) -> float:
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code} {response.text[:200]}")
    timing = response.headers["server-timing"]
    return float(timing.split("dur=")[1].split(";")[0].split(",")[0])


def measure(url: str, paths: dict[str, tuple[str, str]], requests: int) -> bool:
    ok = True
    print(f"  {'page':<34} {'p50 ms':>8} {'p95 ms':>8}   target {TARGET_MS:.0f} ms")
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, (path, kind) in paths.items():
            server_ms(client, path)  # warm: templates compiled, outlet facts cached
            times = sorted(server_ms(client, path) for _ in range(requests))
            p50 = statistics.median(times)
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            ceiling = CEILING_MS[kind]
            verdict = (
                "ok" if p95 <= TARGET_MS else ("over target" if p95 <= ceiling else "OVER CEILING")
            )
            ok &= p95 <= ceiling
            print(f"  {name:<34} {p50:8.1f} {p95:8.1f}   {verdict} (ceiling {ceiling:.0f})")
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="web_latency")
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--analyse", type=int, default=2, help="stories to analyse for real")
    parser.add_argument("--db", help="keep the store here and reuse it on the next run")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="web-latency-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        settings = Settings(db=str(db), embedder="tfidf", ner="heuristic", progress="never")
        if db.exists():
            stories, seconds, outlet_name = reuse(settings)
            print(f"  reusing {db}: {len(stories)} stories")
        else:
            stories, seconds, outlet_name = load(settings, args.articles)
            print(f"  loaded {args.articles} articles, {len(stories)} stories in {seconds:.1f}s")
        cached, failure = analyse(settings, stories, args.analyse)
        biggest = max(stories, key=lambda s: len(s.article_ids))
        typical = next(s for s in stories if 5 <= len(s.article_ids) <= 12 and s.id not in cached)
        paths: dict[str, tuple[str, str]] = {
            "home (newest)": ("/", "page"),
            "home (most covered)": ("/?sort=covered", "page"),
            "home (lean filter, page 3)": ("/?lean=left&page=3", "page"),
            f"story uncached ({len(typical.article_ids)} articles)": (
                f"/stories/{typical.id}",
                "page",
            ),
            f"story uncached ({len(biggest.article_ids)} articles)": (
                f"/stories/{biggest.id}",
                "page",
            ),
            "search page (election)": ("/search?q=election", "page"),
            "outlet page": (f"/outlets/{outlet_name}", "page"),
            "GET /api/stories": ("/api/stories", "api"),
            "GET /api/articles": ("/api/articles", "api"),
            "GET /api/search?q=vaccine": ("/api/search?q=vaccine", "api"),
            "GET /api/outlets": ("/api/outlets", "api"),
        }
        for sid in cached[:1]:
            paths["story cached (analysed)"] = (f"/stories/{sid}", "page")
            paths["GET /api/stories/{id} (cached)"] = (f"/api/stories/{sid}", "report")
        if failure:
            print(f"  cached story page not measured: analysis failed ({failure})")
        with Server(settings) as url:
            ok = measure(url, paths, args.requests)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
