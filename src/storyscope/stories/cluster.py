"""Online story detection: every new article joins an open story, starts one, or bridges several.

An article is scored against the ``k`` open stories whose centroids are nearest it (a
``index.VectorIndex``, not a scan): a story's score is the mean, over its newest members, of the
learned pair logit (``features.pair_score``), i.e. average linkage, so one loosely related member
cannot pull in a stray article. The article joins the best story above ``threshold``, or starts a
new one. When it also scores above threshold with other stories it is a bridge: each of those whose
cohesion with the joined story (mean cross-pair logit) clears ``threshold + merge_margin`` is merged
into the older of the two, which keeps its id.

Stories whose newest article was published more than the window before the incoming one are closed:
they leave the index and their vectors are dropped, so the cost per article does not grow with the
archive. Term rarity is counted over the open window too, so a run that resumes from the store
sees the same statistics as one that never stopped.

Order: ``update_stories`` always processes pending articles in publication order (undated last), so
any ingestion order gives the same stories; average linkage and the merge check keep the result
stable when the publication order itself interleaves stories (the tests shuffle both).
"""

from __future__ import annotations

import hashlib
import heapq
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from storyscope.config import Settings
from storyscope.model import Article, Story
from storyscope.progress import progress
from storyscope.registry import create
from storyscope.store.base import Store
from storyscope.stories.embed import Embedder, FloatArray, embed_articles
from storyscope.stories.features import (
    WEIGHTS,
    Features,
    Rarity,
    Weights,
    article_time,
    days,
    extract,
    pair_score,
    timeline_key,
    weights_for,
)
from storyscope.stories.index import make_index

LINK_THRESHOLD = 0.0  # logit; the weights' bias carries the tuned margin
MERGE_MARGIN = 1.0  # extra logit two stories need between them to merge
CANDIDATES = 10  # open stories scored per article
MEMBERS_SCORED = 24  # newest members of a candidate story compared pairwise
CHUNK = 256  # articles embedded per batch by update_stories


def story_id(first_article_id: str) -> str:
    """Stable id: it names the story's first article, so re-runs give the same ids."""
    return "s-" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


@dataclass
class _Story:
    key: int
    id: str
    start: tuple[float, str]  # (time, id) of the first article: older wins a merge; undated last
    members: list[str] = field(default_factory=list)  # every article, duplicates included
    core: list[str] = field(default_factory=list)  # non-duplicates, which carry vectors
    total: FloatArray | None = None
    newest: float = float("-inf")
    # Publication span; the ingestion span stands in only while no member has a date.
    published: tuple[datetime | None, datetime | None] = (None, None)
    ingested: tuple[datetime | None, datetime | None] = (None, None)
    title: str = ""
    closed: bool = False


class OnlineClusterer:
    """In-memory single-pass clustering; ``add`` returns the id of the story an article is in.

    Ids can change afterwards only by a merge, which keeps the older story's id; ``story_of`` and
    ``stories`` always give the current assignment.
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        window_days: float = 7.0,
        threshold: float = LINK_THRESHOLD,
        k: int = CANDIDATES,
        index: str = "auto",
        dim: int | None = None,
        weights: Weights | None = None,
        merge_margin: float = MERGE_MARGIN,
    ) -> None:
        if weights is None:
            weights = weights_for(embedder.name) if embedder else WEIGHTS
        self.weights = weights
        self.merge_margin = merge_margin
        self.embedder = embedder
        self.window = window_days
        self.threshold = threshold
        self.k = k
        self.dim = dim or (embedder.dim if embedder else 384)
        self.index = make_index(self.dim, index)
        self.rarity = Rarity()
        self._stories: dict[int, _Story] = {}
        self._key_of: dict[str, int] = {}  # article id -> story key
        self._features: dict[str, Features] = {}  # open stories' members only
        self._vectors: dict[str, FloatArray] = {}
        self._titles: dict[str, str] = {}
        self._heap: list[tuple[float, int]] = []
        self._next = 0

    # ------------------------------------------------------------ public
    def add(self, article: Article, vector: FloatArray | None = None) -> str:
        if vector is None:
            if self.embedder is None:
                raise ValueError("OnlineClusterer.add needs a vector or an embedder")
            vector = embed_articles([article], self.embedder)[article.id]
        feats = extract(article)
        if feats.time is not None:  # undated articles do not move the clock
            self._close_before(feats.time - self.window)
        original = self._key_of.get(article.duplicate_of or "")
        if original is not None:
            return self._join(self._stories[original], article, feats, None)
        self.rarity.observe(feats)
        linked = self._linked(feats, vector)
        if not linked:
            key = self._next
            self._next += 1
            self._stories[key] = _Story(key, story_id(article.id), _start(feats))
            return self._join(self._stories[key], article, feats, vector)
        linked.sort(key=lambda pair: (-pair[0], pair[1].start))
        target = linked[0][1]
        self._join(target, article, feats, vector)
        # A bridging article: it links several stories; merge those that also match each other.
        for _, other in linked[1:]:
            if self._cohesion(target, other) > self.threshold + self.merge_margin:
                older, newer = sorted((target, other), key=lambda s: s.start)
                self._merge(older, newer)
                target = older
        return target.id

    def add_many(self, articles: Sequence[Article], vectors: dict[str, FloatArray]) -> None:
        for article in articles:
            self.add(article, vectors.get(article.id))

    def seed(
        self, story: Story, articles: Sequence[Article], vectors: dict[str, FloatArray]
    ) -> None:
        """Re-open a stored story (its id kept) so new articles can join it."""
        by_id = {a.id: a for a in articles}
        ordered = [by_id[i] for i in story.article_ids if i in by_id]
        if not ordered:
            return
        first = min(ordered, key=timeline_key)
        key = self._next
        self._next += 1
        state = _Story(key, story.id, _start(extract(first)))
        self._stories[key] = state
        for article in sorted(ordered, key=timeline_key):
            feats = extract(article)
            vector = vectors.get(article.id) if article.duplicate_of is None else None
            if vector is not None:
                self.rarity.observe(feats)
            self._join(state, article, feats, vector)

    def story_of(self, article_id: str) -> str | None:
        key = self._key_of.get(article_id)
        return None if key is None else self._stories[key].id

    def stories(self, ids: set[str] | None = None) -> list[Story]:
        """Every story (oldest first), or only those whose id is in ``ids``."""
        chosen = [s for s in self._stories.values() if ids is None or s.id in ids]
        return [self._as_story(s) for s in sorted(chosen, key=lambda s: s.start)]

    def open_count(self) -> int:
        return len(self.index)

    # ------------------------------------------------------------ internals
    def _linked(self, feats: Features, vector: FloatArray) -> list[tuple[float, _Story]]:
        """Open stories the article scores above threshold with (mean pair logit), best first."""
        linked: list[tuple[float, _Story]] = []
        for key, _ in self.index.search(vector, self.k):
            state = self._stories[key]
            members = state.core[-MEMBERS_SCORED:]
            dense = np.vstack([self._vectors[m] for m in members]) @ vector
            score = sum(
                pair_score(feats, self._features[m], float(d), self.rarity, self.weights)
                for m, d in zip(members, dense, strict=True)
            ) / len(members)
            if score > self.threshold:
                linked.append((score, state))
        return linked

    def _cohesion(self, a: _Story, b: _Story) -> float:
        """Mean pair logit across two stories: average linkage, so one stray pair cannot merge."""
        left, right = a.core[-MEMBERS_SCORED:], b.core[-MEMBERS_SCORED:]
        dense = (
            np.vstack([self._vectors[m] for m in left])
            @ np.vstack([self._vectors[m] for m in right]).T
        )
        total = 0.0
        for i, x in enumerate(left):
            for j, y in enumerate(right):
                total += pair_score(
                    self._features[x],
                    self._features[y],
                    float(dense[i, j]),
                    self.rarity,
                    self.weights,
                )
        return total / (len(left) * len(right))

    def _join(
        self, state: _Story, article: Article, feats: Features, vector: FloatArray | None
    ) -> str:
        state.members.append(article.id)
        self._key_of[article.id] = state.key
        state.published = _widen(state.published, article.published)
        state.ingested = _widen(state.ingested, article.ingested_at)
        if vector is not None:
            state.core.append(article.id)
            self._features[article.id] = feats
            self._vectors[article.id] = vector
            self._titles[article.id] = article.title or ""
            state.total = vector.copy() if state.total is None else state.total + vector
        if feats.time is not None and feats.time > state.newest:
            state.newest = feats.time
            heapq.heappush(self._heap, (state.newest, state.key))
        if state.total is not None and not state.closed:
            self.index.upsert(state.key, _unit(state.total))
        return state.id

    def _merge(self, target: _Story, other: _Story) -> None:
        for aid in other.members:
            self._key_of[aid] = target.key
        target.members.extend(other.members)
        target.core.extend(other.core)
        if other.total is not None:
            target.total = other.total if target.total is None else target.total + other.total
        if other.newest > target.newest:
            target.newest = other.newest
            heapq.heappush(self._heap, (target.newest, target.key))
        for moment in other.published:
            target.published = _widen(target.published, moment)
        for moment in other.ingested:
            target.ingested = _widen(target.ingested, moment)
        self.index.remove(other.key)
        del self._stories[other.key]

    def _close_before(self, limit: float) -> None:
        while self._heap and self._heap[0][0] < limit:
            newest, key = heapq.heappop(self._heap)
            state = self._stories.get(key)
            if state is None or state.closed or state.newest != newest:
                continue  # merged away, or it has a newer article since
            state.title = self._central_title(state)
            state.closed = True
            self.index.remove(key)
            for aid in state.core:
                dropped = self._features.pop(aid, None)
                if dropped is not None:
                    self.rarity.forget(dropped)
                self._vectors.pop(aid, None)
                self._titles.pop(aid, None)

    def _central_title(self, state: _Story) -> str:
        if state.closed or not state.core or state.total is None:
            return state.title
        centre = _unit(state.total)
        scored = [(-float(self._vectors[a] @ centre), i, a) for i, a in enumerate(state.core)]
        for _, _, aid in sorted(scored):
            if self._titles.get(aid):
                return self._titles[aid]
        return ""

    def _as_story(self, state: _Story) -> Story:
        first, last = state.published if state.published[0] else state.ingested
        return Story(
            id=state.id,
            title=self._central_title(state) or state.title,
            article_ids=tuple(state.members),
            first_seen=first,
            last_updated=last,
        )


def _widen(
    span: tuple[datetime | None, datetime | None], moment: datetime | None
) -> tuple[datetime | None, datetime | None]:
    low, high = span
    if moment is None:
        return span
    return (
        moment if low is None or moment < low else low,
        moment if high is None or moment > high else high,
    )


def _start(feats: Features) -> tuple[float, str]:
    return (float("inf") if feats.time is None else feats.time, feats.id)


def _unit(vector: FloatArray) -> FloatArray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def update_stories(store: Store, settings: Settings) -> list[Story]:
    """Assign every stored article not yet in a story, in publication order; return all stories."""
    clusterer = _live_clusterer(store, settings)
    if clusterer is None:
        existing = store.get_stories()
        assigned = {aid for s in existing for aid in s.article_ids}
        pending = [a for a in store.iter_articles() if a.id not in assigned]
    else:
        pending = [a for a in store.iter_articles() if clusterer.story_of(a.id) is None]
    if not pending:
        return store.get_stories()
    pending.sort(key=timeline_key)
    embedder = _embedder(settings.embedder)
    if clusterer is None:
        clusterer = OnlineClusterer(embedder, settings.story_window_days)
        _seed_open(store, clusterer, existing, pending, settings.story_window_days)
    with progress("grouping into stories", total=len(pending), mode=settings.progress) as bar:
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            vectors = embed_articles([a for a in chunk if a.duplicate_of is None], embedder, store)
            clusterer.add_many(chunk, vectors)
            bar.advance(len(chunk))
    touched = {clusterer.story_of(a.id) for a in pending}
    saved = clusterer.stories({sid for sid in touched if sid})
    store.save_stories(saved)
    token = uuid.uuid4().hex
    store.set_meta(_TOKEN, token)
    _LIVE.pop(id(store), None)
    while len(_LIVE) >= _LIVE_MAX:
        del _LIVE[next(iter(_LIVE))]
    params = (settings.embedder, settings.story_window_days)
    _LIVE[id(store)] = _Live(token, params, clusterer, saved[-1])
    return store.get_stories()


def _seed_open(
    store: Store,
    clusterer: OnlineClusterer,
    existing: Sequence[Story],
    pending: Sequence[Article],
    window: float,
) -> None:
    """Load the stored stories new articles may join: those open at the first pending article."""
    dated = [t for t in map(article_time, pending) if t is not None]
    clock = min(dated) if dated else max((_days(s.last_updated) for s in existing), default=0.0)
    # Stories a pending duplicate's original is in are loaded even when closed: copies follow it.
    originals = {a.duplicate_of for a in pending if a.duplicate_of}
    for story in existing:
        if _days(story.last_updated) >= clock - window or originals & set(story.article_ids):
            articles = store.get_articles(story.article_ids)
            vectors = (
                embed_articles(articles, clusterer.embedder, store) if clusterer.embedder else {}
            )
            clusterer.seed(story, articles, vectors)


# The clusterer of the last run on a store, reused by the next run in the same process (a feed
# poller, the web app) when the store's stories are still the ones it wrote: this skips reloading
# and re-reading the open window on every poll. The token in the store's meta proves it.
_TOKEN = "stories:clusterer-token"
_LIVE_MAX = 4


@dataclass
class _Live:
    token: str
    params: tuple[str, float]
    clusterer: OnlineClusterer
    last: Story  # re-read to catch a writer that replaced stories without the token


_LIVE: dict[int, _Live] = {}


def _live_clusterer(store: Store, settings: Settings) -> OnlineClusterer | None:
    live = _LIVE.get(id(store))
    if live is None:
        return None
    stored = store.get_story(live.last.id)
    if (
        live.params != (settings.embedder, settings.story_window_days)
        or store.get_meta(_TOKEN) != live.token
        or stored is None
        or stored.article_ids != live.last.article_ids
    ):
        del _LIVE[id(store)]
        return None
    return live.clusterer


_EMBEDDERS: dict[str, Embedder] = {}


def _embedder(name: str) -> Embedder:
    """One embedder per name and process: loading MiniLM takes seconds, a feed poll far less."""
    if name not in _EMBEDDERS:
        _EMBEDDERS[name] = create("embedder", name)
    return _EMBEDDERS[name]


def _days(moment: datetime | None) -> float:
    found = days(moment)
    return float("-inf") if found is None else found
