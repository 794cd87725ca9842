"""Story detection quality on AllSides stories, ours against three baselines, with distractors.

    python bench/clustering.py              # CI: clean run + 5,000 distractors
    python bench/clustering.py --tune       # refit the score weights on half A, report both halves

Articles are fed in publication order (the URL's date when it has one, else the story's date).
Figures: BCubed precision/recall/F1 and pairwise F1 against the AllSides story ids. MiniLM vectors
are cached under bench/out/ keyed by a hash of the texts, so reruns skip the encoder.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import common  # noqa: E402
from storyscope.model import Article  # noqa: E402
from storyscope.stories.cluster import OnlineClusterer  # noqa: E402
from storyscope.stories.embed import (  # noqa: E402
    MAX_TOKENS,
    Embedder,
    HashedTfidfEmbedder,
    MiniLMEmbedder,
    article_text,
    native_bf16,
)
from storyscope.stories.features import (  # noqa: E402
    TFIDF_WEIGHTS,
    WEIGHTS,
    Rarity,
    Weights,
    article_time,
    evidence,
    extract,
    timeline_key,
)

# Floors pinned just under what the code reaches. The goal for ours is 0.96; we reach
# 0.9406 (batch baseline 3 is 0.9317 on the same vectors, and ours must beat it in the same run).
# Most remaining errors are AllSides grouping opinion pieces on a theme (Memorial Day, inflation)
# that share no particulars, and one event split into two stories a day apart.
FLOOR_OURS_F1 = 0.94  # reached 0.9406
FLOOR_TFIDF_F1 = 0.928  # reached 0.9282
FLOOR_DISTRACTOR_DROP = 0.02  # labelled BCubed precision may fall at most this much
DISTRACTORS_CI = 5000

_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/|-(20\d\d)-(\d\d)-(\d\d)")
_embedder_cache: dict[str, Embedder] = {}
# Vectors depend on how many word pieces the encoder reads: one cache per setting.
# Vectors from bfloat16 weights (CPUs with native bfloat16) and float32 ones are cached apart.
_CACHE_TAG = f"minilm-t{MAX_TOKENS}-{'bf16w' if native_bf16() else 'f32'}"


# ------------------------------------------------------------------ data
def _url_date(url: str) -> datetime | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    try:
        return datetime(int(y), int(m), int(d), 12, tzinfo=UTC)
    except ValueError:
        return None


def labelled_articles() -> tuple[list[Article], dict[str, str]]:
    """AllSides articles (publication order) and their gold story labels."""
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for story in common.allsides_stories():
        story_date = datetime.fromisoformat(story["date"]).astimezone(UTC)
        for side, item in sorted(story["news"].items()):
            aid = f"as-{story['id']}-{side}"
            published = _url_date(item.get("newsLink", "")) or story_date
            articles.append(
                Article(
                    id=aid,
                    title=item.get("newsTitle") or None,
                    body="\n\n".join(item.get("newBody") or []),
                    url=item.get("newsLink"),
                    outlet=item.get("newsSource"),
                    published=published,
                )
            )
            gold[aid] = str(story["id"])
    articles.sort(key=timeline_key)
    return articles, gold


def distractors(limit: int | None, start: datetime, end: datetime) -> list[Article]:
    """Article-bias-prediction articles with their dates mapped linearly into [start, end]."""
    rows = []
    for row in common.bias_articles():
        # A deterministic subsample: keep ids whose hash falls under the wanted fraction.
        if limit is not None and _unit_hash(row["ID"]) >= limit / 37554:
            continue
        rows.append(row)
    lo, hi = datetime(2012, 1, 1, tzinfo=UTC), datetime(2020, 12, 31, tzinfo=UTC)
    span = (end - start).total_seconds()
    out = []
    for row in rows:
        try:
            original = datetime.fromisoformat(row.get("date") or "").replace(tzinfo=UTC)
        except ValueError:
            original = lo + (hi - lo) * _unit_hash(row["ID"] + "d")
        frac = min(1.0, max(0.0, (original - lo) / (hi - lo)))
        moment = start + timedelta(seconds=span * frac + 86400 * _unit_hash(row["ID"] + "h"))
        out.append(
            Article(
                id="abp-" + row["ID"],
                title=row.get("title") or None,
                body=row.get("content_original") or "",
                url=row.get("url"),
                outlet=row.get("source"),
                published=min(moment, end),
            )
        )
    return out


def _unit_hash(text: str) -> float:
    return int(hashlib.sha1(text.encode()).hexdigest()[:12], 16) / float(16**12)


# ------------------------------------------------------------------ vectors
def minilm_vectors(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """MiniLM rows for ``articles``, cached under bench/out keyed by a hash of each text.

    Every cache file holds (text hashes, rows); a run encodes only texts no file has yet and
    saves them in chunks, so the 37k-article scale run can be interrupted and resumed.
    """
    texts = [article_text(a) for a in articles]
    keys = [hashlib.sha1(t.encode()).hexdigest()[:20] for t in texts]
    known = _load_cache()
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if todo:
        if "minilm" not in _embedder_cache:
            _embedder_cache["minilm"] = MiniLMEmbedder()
        started = time.perf_counter()
        common.OUT.mkdir(parents=True, exist_ok=True)
        for at in range(0, len(todo), 2000):
            part = todo[at : at + 2000]
            rows = _embedder_cache["minilm"].embed([t for _, t in part])
            name = hashlib.sha1("".join(k for k, _ in part).encode()).hexdigest()[:16]
            np.savez(
                common.OUT / f"{_CACHE_TAG}-{name}.npz",
                keys=np.array([k for k, _ in part]),
                rows=rows,
            )
            known.update({k: rows[i] for i, (k, _) in enumerate(part)})
        rate = len(todo) / (time.perf_counter() - started)
        print(f"  (encoded {len(todo)} texts with MiniLM at {rate:.0f}/s; cached in {common.OUT})")
    return {a.id: known[k] for a, k in zip(articles, keys, strict=True)}


def _load_cache() -> dict[str, np.ndarray]:
    known: dict[str, np.ndarray] = {}
    for path in sorted(common.OUT.glob(f"{_CACHE_TAG}-*.npz")):
        with np.load(path) as data:
            known.update(zip(data["keys"].tolist(), data["rows"], strict=True))
    return known


def tfidf_vectors(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """Embedded one at a time, in order, as the online fallback would see them."""
    embedder = HashedTfidfEmbedder()
    return {a.id: embedder.embed([article_text(a)])[0] for a in articles}


# ------------------------------------------------------------------ metrics
def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed over the labelled articles; unlabelled members of a cluster count as wrong."""
    clusters: dict[str, list[str]] = defaultdict(list)
    for aid, cid in pred.items():
        clusters[cid].append(aid)
    golds = Counter(gold.values())
    p_sum = r_sum = 0.0
    for aid, label in gold.items():
        members = clusters[pred[aid]]
        same = sum(1 for m in members if gold.get(m) == label)
        p_sum += same / len(members)
        r_sum += same / golds[label]
    p, r = p_sum / len(gold), r_sum / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    by_pred: dict[str, list[str]] = defaultdict(list)
    for aid in gold:
        by_pred[pred[aid]].append(aid)
    tp = sum(
        1
        for members in by_pred.values()
        for i, a in enumerate(members)
        for b in members[i + 1 :]
        if gold[a] == gold[b]
    )
    pred_pairs = sum(len(m) * (len(m) - 1) // 2 for m in by_pred.values())
    gold_pairs = sum(n * (n - 1) // 2 for n in Counter(gold.values()).values())
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# ------------------------------------------------------------------ systems
def run_ours(
    articles: Sequence[Article],
    vectors: dict[str, np.ndarray],
    threshold: float | None = None,
    weights: Weights | None = None,
) -> dict[str, str]:
    kwargs: dict[str, Any] = {} if threshold is None else {"threshold": threshold}
    if weights is not None:
        kwargs["weights"] = weights
    dim = len(next(iter(vectors.values())))
    clusterer = OnlineClusterer(None, window_days=7.0, dim=dim, **kwargs)
    for article in articles:
        clusterer.add(article, vectors[article.id])
    return {a.id: clusterer.story_of(a.id) or "" for a in articles}


def single_pass(
    articles: Sequence[Article], vectors: dict[str, np.ndarray], threshold: float
) -> dict[str, str]:
    """Baseline 1: join the most similar cluster centroid when cosine >= threshold."""
    dim = len(vectors[articles[0].id])
    sums = np.zeros((len(articles), dim), dtype=np.float32)
    units = np.zeros_like(sums)
    count = 0
    pred: dict[str, str] = {}
    for article in articles:
        vec = vectors[article.id]
        sims = units[:count] @ vec
        best = int(np.argmax(sims)) if count else -1
        if count and sims[best] >= threshold:
            sums[best] += vec
        else:
            best, count = count, count + 1
            sums[best] = vec
        units[best] = sums[best] / (np.linalg.norm(sums[best]) or 1.0)
        pred[article.id] = str(best)
    return pred


def average_linkage(
    ids: Sequence[str], similarity: np.ndarray
) -> Callable[[float], dict[str, str]]:
    """Baselines 2 and 3: one scipy average-linkage tree, cut at distance 1 - threshold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")

    def cut(threshold: float) -> dict[str, str]:
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        return {aid: str(label) for aid, label in zip(ids, labels, strict=True)}

    return cut


def best_threshold(
    run: Callable[[float], dict[str, str]], gold: dict[str, str], grid: Sequence[float]
) -> tuple[float, dict[str, str], float]:
    best = (grid[0], run(grid[0]), -1.0)
    for t in grid:
        pred = run(t)
        f1 = bcubed(pred, gold)[2]
        if f1 > best[2]:
            best = (t, pred, f1)
    return best


def _row(name: str, pred: dict[str, str], gold: dict[str, str], extra: str = "") -> float:
    p, r, f = bcubed(pred, gold)
    print(
        f"  {name:<44} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  pairF1 {pairwise_f1(pred, gold):.4f} {extra}"
    )
    return f


def baselines(
    articles: list[Article], gold: dict[str, str], minilm: dict[str, np.ndarray]
) -> float:
    """Print the three reference systems, each at its best threshold; return the best F1."""
    tfidf = tfidf_vectors(articles)
    grid = [round(x, 2) for x in np.arange(0.05, 0.95, 0.025)]
    t1, pred1, f1 = best_threshold(lambda t: single_pass(articles, tfidf, t), gold, grid)
    _row("(1) TF-IDF single-pass", pred1, gold, f"t={t1}")
    ids = [a.id for a in articles]
    dense = np.vstack([minilm[i] for i in ids])
    sim_minilm = dense @ dense.T
    t2, pred2, f2 = best_threshold(average_linkage(ids, sim_minilm), gold, grid)
    _row("(2) MiniLM + average-linkage", pred2, gold, f"t={t2}")
    sparse = np.vstack([tfidf[i] for i in ids])
    times = np.array([article_time(a) or 0.0 for a in articles])
    decay = np.exp(-np.abs(times[:, None] - times[None, :]) / 3.0)
    sim3 = (0.5 * sim_minilm + 0.5 * (sparse @ sparse.T)) * decay
    t3, pred3, f3 = best_threshold(average_linkage(ids, sim3), gold, grid)
    _row("(3) batch MiniLM+TF-IDF x time decay", pred3, gold, f"t={t3}")
    return max(f1, f2, f3)


# ------------------------------------------------------------------ tuning
def tune(
    articles: list[Article],
    gold: dict[str, str],
    vectors: dict[str, np.ndarray],
    constants: Weights,
) -> None:
    """Fit the pair-score weights on half A of the stories; report BCubed on both halves.

    Each article's crowd is the one the online clusterer gives it (with the current constants),
    so the fit sees the values it will meet. The name and number overlaps are left out: names
    and numbers are terms of the keyword overlap already, and the fit gives them about zero.
    """
    labels = sorted(set(gold.values()), key=int)
    half_a = {lab for i, lab in enumerate(labels) if i % 2 == 0}
    parts = {
        "A": [a for a in articles if gold[a.id] in half_a],
        "B": [a for a in articles if gold[a.id] not in half_a],
    }
    feats = {a.id: extract(a) for a in articles}
    train = parts["A"]
    dim = len(next(iter(vectors.values())))
    clusterer = OnlineClusterer(None, window_days=7.0, dim=dim, weights=constants)
    for a in train:
        clusterer.add(a, vectors[a.id])
    crowd = clusterer.take_crowds()
    rarity = Rarity()
    for a in train:
        rarity.observe(feats[a.id])
    x, y = [], []
    matrix = np.vstack([vectors[a.id] for a in train])
    sims = matrix @ matrix.T
    for i, a in enumerate(train):
        for j in range(i):
            b = train[j]
            if abs(feats[a.id].time - feats[b.id].time) <= 7.0:
                dense, _, keyword, _, near = evidence(
                    feats[a.id], feats[b.id], float(sims[i, j]), rarity
                )
                x.append((dense, keyword, near, crowd.get(a.id, 0.0) + crowd.get(b.id, 0.0)))
                y.append(1.0 if gold[a.id] == gold[b.id] else 0.0)
    w = _logistic(np.array(x), np.array(y))
    names = ["bias", "dense", "keyword", "time", "crowd"]
    print("  fitted logit:", "  ".join(f"{n}={v:+.2f}" for n, v in zip(names, w, strict=True)))
    print(f"  pairs: {len(y)} ({int(sum(y))} positive)")
    fitted = Weights(*(round(float(v), 1) for v in (w[0], w[1], 0.0, w[2], 0.0, w[3], w[4])))
    for label, chosen in (("constants", constants), ("fitted", fitted)):
        for offset in (-0.5, 0.0, 0.5, 1.0):
            shifted = replace(chosen, bias=round(chosen.bias + offset, 2))
            for name, part in parts.items():
                sub = {a.id: gold[a.id] for a in part}
                pred = run_ours(part, vectors, weights=shifted)
                _row(f"{label} bias {shifted.bias:+.1f} half {name}", pred, sub)


def _logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 50) -> np.ndarray:
    """Newton's method for an L2-regularised logistic regression; returns [bias, weights...]."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        grad = design.T @ (p - y) + l2 * np.r_[0.0, w[1:]]
        hess = (design * (p * (1 - p))[:, None]).T @ design + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


# ------------------------------------------------------------------ main
def main(argv: list[str]) -> int:
    articles, gold = labelled_articles()
    print(f"clustering: {len(articles)} AllSides articles, {len(set(gold.values()))} stories")
    vectors = minilm_vectors(articles)
    if "--tune" in argv:
        if "--tfidf" in argv:
            tune(articles, gold, tfidf_vectors(articles), TFIDF_WEIGHTS)
        else:
            tune(articles, gold, vectors, WEIGHTS)
        return 0
    started = time.perf_counter()
    pred = run_ours(articles, vectors)
    elapsed = time.perf_counter() - started
    clean_f1 = _row(
        "ours (online, MiniLM + evidence)", pred, gold, f"{len(articles) / elapsed:.0f}/s"
    )
    clean_p = bcubed(pred, gold)[0]
    tfidf_pred = run_ours(articles, tfidf_vectors(articles), weights=TFIDF_WEIGHTS)
    tfidf_f1 = _row("ours (online, TF-IDF fallback)", tfidf_pred, gold)
    ok = True
    if "--no-baselines" not in argv:
        best = baselines(articles, gold, vectors)
        # The bar: online, ours beats every baseline (each at its tuned threshold).
        ok = common.floor("ours minus the best baseline", clean_f1 - best, 0.0)
    ok = common.floor("ours BCubed F1 (clean)", clean_f1, FLOOR_OURS_F1) and ok
    ok = common.floor("ours, TF-IDF fallback, BCubed F1", tfidf_f1, FLOOR_TFIDF_F1) and ok
    limit = None if "--all-distractors" in argv else DISTRACTORS_CI
    if "--no-distractors" not in argv:
        ok = distractor_run(articles, gold, vectors, clean_p, limit) and ok
    return 0 if ok else 1


def distractor_run(
    articles: list[Article],
    gold: dict[str, str],
    vectors: dict[str, np.ndarray],
    clean_p: float,
    limit: int | None,
) -> bool:
    times = [a.published for a in articles if a.published]
    extra = distractors(limit, min(times), max(times))  # type: ignore[type-var]
    mixed = sorted([*articles, *extra], key=timeline_key)
    mixed_vectors = {**vectors, **minilm_vectors(extra)}
    started = time.perf_counter()
    pred = run_ours(mixed, mixed_vectors)
    rate = len(mixed) / (time.perf_counter() - started)
    p, _, _ = bcubed(pred, gold)
    _row(f"ours + {len(extra)} distractors", pred, gold, f"{rate:.0f}/s")
    print(f"  labelled BCubed precision drop: {clean_p - p:+.4f} (clean {clean_p:.4f})")
    return common.floor("precision with distractors", p, clean_p - FLOOR_DISTRACTOR_DROP)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
