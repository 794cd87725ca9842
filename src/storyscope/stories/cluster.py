"""Online story detection: every new article joins an open story, starts one, or bridges several.

An article is scored against the ``k`` open stories whose centroids are nearest it (a
``index.VectorIndex``, not a scan): a story's score is the mean, over its newest members, of the
learned pair probability (``features.pair_score``), i.e. average linkage, so one loosely related
member cannot pull in a stray article. With no story near it, the article starts one.

Otherwise the article and the stories near it are grouped again, by the same average linkage a
batch run would use: best pair first, while the mean pair probability clears ``threshold``. Small
stories take part article by article, so a newcomer can show that an earlier article, placed on
thin evidence, belongs with it rather than where it went (a split), and that two stories are one
event (a merge: the older story keeps its id). Doing this online, only where the newcomer lands,
is what lifts BCubed F1 on the AllSides stories from 0.921 (join-or-start with bridge merges)
to 0.941, past the batch baseline's 0.932 (``bench/clustering.py``).

The pair score also weighs how crowded the article's neighbourhood is (``_crowd_near``), so a
quiet week joins coverage on one topic readily while a busy day asks for more particulars in
common; this is what keeps precision when 37k unrelated articles share the stories' days.

Stories whose newest article was published more than the window before the incoming one are closed:
they leave the index and their vectors are dropped, so the cost per article does not grow with the
archive. Term rarity is counted over the open window too, and each article's crowd is kept in the
store, so a run that resumes from the store scores as one that never stopped.

Order: ``update_stories`` always processes pending articles in publication order (undated last), so
any ingestion order gives the same stories; average linkage keeps the result stable when the
publication order itself interleaves stories (the tests shuffle both).
"""

from __future__ import annotations

import hashlib
import heapq
import math
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
from storyscope.stories.embed import (
    Embedder,
    FloatArray,
    StatefulEmbedder,
    VectorSource,
    embed_articles,
)
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
LOOSE_MARGIN = 1.0  # stories this much below the threshold still take part in a re-grouping
CANDIDATES = 10  # open stories scored per article
MEMBERS_SCORED = 24  # newest members of a story compared pairwise
SPLIT_LIMIT = 8  # stories up to this size are re-grouped article by article; larger ones as a whole
CHUNK = 256
CROWD_K = 5  # articles embedded per batch by update_stories


def story_id(first_article_id: str) -> str:
    """Stable id: it names the story's first article, so re-runs give the same ids."""
    return "s-" + hashlib.sha1(first_article_id.encode()).hexdigest()[:12]


def _probability(logit: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


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

    Ids can change afterwards only by a re-grouping, and the article a story's id names keeps
    it; ``story_of`` and ``stories`` always give the current assignment, and ``take_changed``
    the ids of stories whose membership changed since it was last called.
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
        loose_margin: float = LOOSE_MARGIN,
    ) -> None:
        if weights is None:
            weights = weights_for(embedder.name) if embedder else WEIGHTS
        self.weights = weights
        self.embedder = embedder
        self.window = window_days
        self.threshold = threshold
        self._join_p = _probability(threshold)
        self._loose_p = _probability(threshold - loose_margin)
        self.k = k
        self.dim = dim or (embedder.dim if embedder else 384)
        self.index = make_index(self.dim, index)
        self.rarity = Rarity()
        self._stories: dict[int, _Story] = {}
        self._key_of: dict[str, int] = {}  # article id -> story key
        # Open stories' articles only (dropped when their story closes):
        self._features: dict[str, Features] = {}  # non-duplicates
        self._vectors: dict[str, FloatArray] = {}  # non-duplicates
        self._titles: dict[str, str] = {}  # non-duplicates
        self._copies: dict[str, list[str]] = {}  # non-duplicate -> duplicates that follow it
        self._anchor: dict[str, str] = {}  # duplicate -> the non-duplicate it follows
        self._moments: dict[str, tuple[float | None, datetime | None, datetime | None]] = {}
        self._seq: dict[str, int] = {}  # arrival order, which orders a story's members
        self._ids: set[str] = set()  # every story id given out, so a new story never reuses one
        self._changed: set[int] = set()
        self._crowd: dict[str, float] = {}
        self._fresh_crowds: dict[str, float] = {}
        self._heap: list[tuple[float, int]] = []
        self._next = 0
        self._arrivals = 0

    # ------------------------------------------------------------ public
    def add(self, article: Article, vector: FloatArray | None = None) -> str:
        feats = extract(article)
        if feats.time is not None:  # undated articles do not move the clock
            self._close_before(feats.time - self.window)
        original = self._key_of.get(article.duplicate_of or "")
        if original is not None:  # a copy needs no vector: it follows its original
            return self._attach_copy(article, feats)
        if vector is None:
            if self.embedder is None:
                raise ValueError("OnlineClusterer.add needs a vector or an embedder")
            vector = embed_articles([article], self.embedder)[article.id]
        self.rarity.observe(feats)
        candidates = self._candidates(feats, vector)
        self._remember(article, feats, vector)
        if not candidates:
            state = self._new_story([article.id])
            return state.id
        self._regroup(article.id, candidates)
        return self._stories[self._key_of[article.id]].id

    def add_many(self, articles: Sequence[Article], vectors: dict[str, FloatArray]) -> None:
        for article in articles:
            self.add(article, vectors.get(article.id))

    def seed(
        self,
        story: Story,
        articles: Sequence[Article],
        vectors: dict[str, FloatArray],
        crowds: dict[str, float] | None = None,
    ) -> None:
        """Re-open a stored story (its id kept) so new articles can join it.

        ``crowds`` are the members' neighbourhood similarities as ``take_crowds`` gave them when
        they arrived; without them a resumed run would score the open window differently from
        one that never stopped. A member missing one (a store written before they were kept)
        gets it from the stories seeded so far.
        """
        by_id = {a.id: a for a in articles}
        ordered = sorted((by_id[i] for i in story.article_ids if i in by_id), key=timeline_key)
        core = [a for a in ordered if a.duplicate_of is None and a.id in vectors]
        if not core:
            return
        for article in core:
            feats = extract(article)
            self.rarity.observe(feats)
            self._remember(article, feats, vectors[article.id])
            known = (crowds or {}).get(article.id)
            self._crowd[article.id] = (
                known if known is not None else self._crowd_near(vectors[article.id])[0]
            )
        state = self._new_story([a.id for a in core], story.id)
        for article in ordered:
            if article.id not in self._features:
                self._attach_copy(article, extract(article), state)
        self._changed.discard(state.key)

    def story_of(self, article_id: str) -> str | None:
        key = self._key_of.get(article_id)
        return None if key is None else self._stories[key].id

    def stories(self, ids: set[str] | None = None) -> list[Story]:
        """Every story (oldest first), or only those whose id is in ``ids``."""
        chosen = [s for s in self._stories.values() if ids is None or s.id in ids]
        return [self._as_story(s) for s in sorted(chosen, key=lambda s: s.start)]

    def take_crowds(self) -> dict[str, float]:
        """Neighbourhood similarities worked out since the last call, for the store to keep."""
        found, self._fresh_crowds = self._fresh_crowds, {}
        return found

    def take_changed(self) -> set[str]:
        """Ids of the stories created or changed since the last call (merged-away ones excluded)."""
        found = {self._stories[k].id for k in self._changed if k in self._stories}
        self._changed.clear()
        return found

    def open_count(self) -> int:
        return len(self.index)

    # ------------------------------------------------------------ scoring
    def _pair(self, a: str, b: str, dense: float) -> float:
        """Probability that two open articles report one event."""
        return _probability(
            pair_score(
                self._features[a],
                self._features[b],
                dense,
                self.rarity,
                self.weights,
                self._crowd.get(a, 0.0) + self._crowd.get(b, 0.0),
            )
        )

    def _candidates(self, feats: Features, vector: FloatArray) -> list[_Candidate]:
        """Open stories near the article: mean pair probability over their newest members."""
        found: list[_Candidate] = []
        crowd, near = self._crowd_near(vector)
        self._crowd[feats.id] = self._fresh_crowds[feats.id] = crowd
        for key, _ in near:
            state = self._stories[key]
            members = state.core[-MEMBERS_SCORED:]
            dense = np.vstack([self._vectors[m] for m in members]) @ vector
            pairs = {
                m: _probability(
                    pair_score(
                        feats,
                        self._features[m],
                        float(d),
                        self.rarity,
                        self.weights,
                        crowd + self._crowd.get(m, 0.0),
                    )
                )
                for m, d in zip(members, dense, strict=True)
            }
            score = sum(pairs.values()) / len(members)
            if score > self._loose_p:
                found.append(_Candidate(score, state, pairs))
        found.sort(key=lambda c: (-c.score, c.state.start))
        return found

    def _crowd_near(self, vector: FloatArray) -> tuple[float, list[tuple[int, float]]]:
        """How crowded the article's neighbourhood is, and its nearest open stories.

        The crowd is the mean cosine to the ``CROWD_K`` open story centroids nearest after the
        nearest one. The pair score weighs it negatively: in a quiet week two articles on one
        topic are likely one story, on a busy day with ten stories on that topic they need more
        particulars in common. Fitted on the AllSides stories, it is what keeps precision when
        37k articles on the same topics share their days (``bench/clustering.py``).
        """
        near = self.index.search(vector, self.k)
        # The nearest story is left out: it is most likely the article's own, and five reports
        # of one event are not a crowd.
        others = sorted((max(0.0, sim) for _, sim in near), reverse=True)[1 : 1 + CROWD_K]
        # float32, as the store keeps it, so a resumed run scores exactly as an unbroken one
        return float(np.float32(sum(others) / max(1, len(others)))), near

    # ------------------------------------------------------------ re-grouping
    def _regroup(self, aid: str, candidates: list[_Candidate]) -> None:
        """Re-group the article with the open stories it is near, by average linkage.

        Small stories take part article by article, so a newcomer can show that an earlier
        article was closer to it than to the story it joined; large ones as a whole (their
        members were grouped on more evidence, and splitting them would cost the most).
        Units merge best pair first while their mean pair probability clears the threshold,
        which is what a batch average-linkage run over the same articles does.
        """
        units: list[list[str]] = [[aid]]
        for candidate in candidates:
            core = candidate.state.core
            units.extend([[m] for m in core] if len(core) <= SPLIT_LIMIT else [list(core)])
        involved = sorted({m for unit in units for m in unit[-MEMBERS_SCORED:]})
        slot = {m: i for i, m in enumerate(involved)}
        matrix = np.vstack([self._vectors[m] for m in involved])
        dense = matrix @ matrix.T
        # The newcomer's pairs were scored when its candidates were chosen.
        pairs = {_key(aid, m): p for c in candidates for m, p in c.pairs.items()}

        def pair(x: str, y: str) -> float:
            key = _key(x, y)
            found = pairs.get(key)
            if found is None:
                found = pairs[key] = self._pair(x, y, float(dense[slot[x], slot[y]]))
            return found

        def link(u: list[str], v: list[str]) -> float:
            left, right = u[-MEMBERS_SCORED:], v[-MEMBERS_SCORED:]
            return sum(pair(x, y) for x in left for y in right) / (len(left) * len(right))

        scores = {(i, j): link(units[i], units[j]) for i in range(len(units)) for j in range(i)}
        alive = set(range(len(units)))
        while True:
            best = max(
                ((s, -i, -j) for (i, j), s in scores.items() if i in alive and j in alive),
                default=None,
            )
            if best is None or best[0] <= self._join_p:
                break
            i, j = -best[1], -best[2]
            units[j] = self._in_order(units[j], units[i])
            alive.discard(i)
            for other in alive:
                if other != j:
                    scores[(max(j, other), min(j, other))] = link(units[j], units[other])
        self._apply(aid, [units[i] for i in sorted(alive)], [c.state for c in candidates])

    def _in_order(self, u: list[str], v: list[str]) -> list[str]:
        """Two units' articles in arrival order; usually one simply follows the other."""
        if self._seq[u[-1]] < self._seq[v[0]]:
            return u + v
        if self._seq[v[-1]] < self._seq[u[0]]:
            return v + u
        return sorted(u + v, key=self._seq.__getitem__)

    def _apply(self, aid: str, groups: list[list[str]], stories: list[_Story]) -> None:
        """Turn the groups into stories.

        Each old story lives on in the group holding the article its id names (its earliest
        member if that one is a copy); when two land in one group the older keeps its id. Other
        groups are new stories named after their first article. A story left as it was is not
        touched, and one that only gained the newcomer takes it without being rebuilt.
        """
        group_of = {m: g for g, members in enumerate(groups) for m in members}
        heirs: dict[int, _Story] = {}
        for state in sorted(stories, key=lambda s: s.start):
            anchor = state.start[1] if state.start[1] in group_of else state.core[0]
            if heirs.setdefault(group_of[anchor], state) is not state:
                self._drop(state)
        for g, members in enumerate(groups):
            heir = heirs.get(g)
            if heir is None:
                self._new_story(members)
            elif members != heir.core:
                if members[:-1] == heir.core and members[-1] == aid:
                    self._append(heir, aid, self._vectors[aid])
                else:
                    self._fill(heir, members)

    def _new_story(self, core: list[str], name: str | None = None) -> _Story:
        first = min(core, key=lambda m: _start(self._features[m]))
        if name is None:
            order = sorted(core, key=lambda m: _start(self._features[m]))
            name = next((story_id(m) for m in order if story_id(m) not in self._ids), None)
            name = name or story_id(f"{first}#{self._next}")
        state = _Story(self._next, name, _start(self._features[first]))
        self._next += 1
        self._stories[state.key] = state
        self._ids.add(state.id)
        self._fill(state, core)
        return state

    def _fill(self, state: _Story, core: list[str]) -> None:
        """Make ``core`` (and the copies that follow it) the members of ``state``."""
        core = sorted(core, key=self._seq.__getitem__)
        members = sorted(
            [*core, *(c for m in core for c in self._copies.get(m, ()))],
            key=self._seq.__getitem__,
        )
        state.core = core
        state.members = members
        state.total = np.sum([self._vectors[m] for m in core], axis=0)
        state.published = state.ingested = (None, None)
        before, state.newest = state.newest, float("-inf")
        for m in members:
            self._note(state, m)
        if state.newest != before and state.newest > float("-inf"):
            heapq.heappush(self._heap, (state.newest, state.key))
        self.index.upsert(state.key, _unit(state.total))
        self._changed.add(state.key)

    def _append(self, state: _Story, aid: str, vector: FloatArray | None) -> None:
        """Add the newest arrival to ``state`` (a copy when ``vector`` is None) in place."""
        state.members.append(aid)
        before = state.newest
        self._note(state, aid)
        if state.newest > before and not state.closed:
            heapq.heappush(self._heap, (state.newest, state.key))
        if vector is not None:
            state.core.append(aid)
            state.total = vector.copy() if state.total is None else state.total + vector
            self.index.upsert(state.key, _unit(state.total))
        self._changed.add(state.key)

    def _note(self, state: _Story, aid: str) -> None:
        """Count a member into its story's spans and newest time."""
        self._key_of[aid] = state.key
        moment, published, ingested = self._moments[aid]
        state.published = _widen(state.published, published)
        state.ingested = _widen(state.ingested, ingested)
        if moment is not None and moment > state.newest:
            state.newest = moment

    def _drop(self, state: _Story) -> None:
        self.index.remove(state.key)
        self._ids.discard(state.id)
        del self._stories[state.key]

    def _remember(self, article: Article, feats: Features, vector: FloatArray | None) -> None:
        self._seq[article.id] = self._arrivals
        self._arrivals += 1
        self._moments[article.id] = (feats.time, article.published, article.ingested_at)
        if vector is not None:
            self._features[article.id] = feats
            self._vectors[article.id] = vector
            self._titles[article.id] = article.title or ""

    def _attach_copy(self, article: Article, feats: Features, state: _Story | None = None) -> str:
        """A duplicate follows its original, wherever re-grouping later takes the original."""
        if state is None:
            state = self._stories[self._key_of[article.duplicate_of or ""]]
        self._remember(article, feats, None)
        if not state.closed:
            original = article.duplicate_of or ""
            anchor = original if original in self._features else self._anchor.get(original, "")
            if self._key_of.get(anchor) != state.key or anchor not in self._features:
                anchor = state.core[0]  # a seeded copy whose original is not in its story
            self._anchor[article.id] = anchor
            self._copies.setdefault(anchor, []).append(article.id)
        self._append(state, article.id, None)
        if state.closed:  # nothing moves in a closed story: forget what only re-grouping needs
            self._moments.pop(article.id, None)
            self._seq.pop(article.id, None)
        return state.id

    # ------------------------------------------------------------ closing
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
                self._copies.pop(aid, None)
                self._crowd.pop(aid, None)
            for aid in state.members:
                self._moments.pop(aid, None)
                self._seq.pop(aid, None)
                self._anchor.pop(aid, None)

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


@dataclass(frozen=True)
class _Candidate:
    score: float  # mean pair probability with the newcomer
    state: _Story
    pairs: dict[str, float]  # member -> pair probability with the newcomer


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


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


def update_stories(
    store: Store, settings: Settings, prefetched: VectorSource | None = None
) -> list[Story]:
    """Assign every stored article not yet in a story, in publication order; return all stories.

    ``prefetched`` holds vectors a background encoder made while the articles were ingested."""
    clusterer = _live_clusterer(store, settings)
    pending = list(store.iter_unassigned())
    if not pending:
        return store.get_stories()
    pending.sort(key=timeline_key)
    embedder = _embedder(settings.embedder, store)
    if clusterer is None:
        clusterer = OnlineClusterer(embedder, settings.story_window_days)
        _seed_open(store, clusterer, store.get_stories(), pending, settings.story_window_days)
    with progress("grouping into stories", total=len(pending), mode=settings.progress) as bar:
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            originals = [a for a in chunk if a.duplicate_of is None]
            vectors = embed_articles(originals, embedder, store, prefetched)
            clusterer.add_many(chunk, vectors)
            bar.advance(len(chunk))
    if isinstance(embedder, StatefulEmbedder):
        store.set_meta(_STATE + embedder.name, embedder.state())
    crowds = clusterer.take_crowds()
    store.save_vectors(_crowd_cache(embedder), {k: _scalar(v) for k, v in crowds.items()})
    saved = clusterer.stories(clusterer.take_changed())
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
            crowds: dict[str, float] = {}
            vectors: dict[str, FloatArray] = {}
            if clusterer.embedder:
                vectors = embed_articles(articles, clusterer.embedder, store)
                stored = store.get_vectors(_crowd_cache(clusterer.embedder), story.article_ids)
                crowds = {
                    k: float(np.frombuffer(v, dtype=np.float32)[0]) for k, v in stored.items()
                }
            clusterer.seed(story, articles, vectors, crowds)


def _crowd_cache(embedder: Embedder) -> str:
    """The store's vector cache keeps each article's crowd too, as a one-number vector."""
    return f"crowd@{embedder.name}"


def _scalar(value: float) -> bytes:
    return np.array([value], dtype=np.float32).tobytes()


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


_EMBEDDERS: dict[tuple[str, int], Embedder] = {}
_STATE = "stories:embedder-state:"


def _embedder(name: str, store: Store) -> Embedder:
    """One embedder per name and store in a process: loading MiniLM takes seconds, a feed poll
    far less. An embedder that learns corpus statistics starts from those the store kept (read
    on every call, so another process's writes, or another store at a reused id, cannot leak)."""
    key = (name, id(store))
    embedder = _EMBEDDERS.get(key)
    if embedder is None:
        while len(_EMBEDDERS) >= _LIVE_MAX:
            del _EMBEDDERS[next(iter(_EMBEDDERS))]
        embedder = _EMBEDDERS[key] = create("embedder", name)
    if isinstance(embedder, StatefulEmbedder):
        kept = store.get_meta(_STATE + embedder.name)
        if kept:
            embedder.restore(kept)
        else:
            embedder = _EMBEDDERS[key] = create("embedder", name)
    return embedder


def _days(moment: datetime | None) -> float:
    found = days(moment)
    return float("-inf") if found is None else found
