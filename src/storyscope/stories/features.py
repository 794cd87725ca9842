"""Evidence that two articles report the same event, and how it is combined into one score.

Dense similarity alone confuses two stories on one topic (two hurricanes, two shootings); what tells
them apart is the particular names, numbers and places, and when they were published. Each article
is reduced once to a ``Features`` record; ``pair_score`` combines the evidence for a pair.

The weights are a logistic regression over article pairs published within a week of each other,
fitted on half A of the AllSides stories (``python bench/clustering.py --tune``, ``--tfidf`` for the
fallback), each article's crowd taken from an online run, and rounded to readable constants; the
bias is the one that gives half A its best online BCubed F1. Online BCubed F1 with these constants,
MiniLM (160 tokens): half A (fitted) 0.941, half B (held out) 0.970, all stories 0.941; hashed
TF-IDF: 0.938, 0.955 and 0.928. The separate name and number overlaps are left at zero: names and
numbers are terms of the keyword overlap already, where being rare gives them most of its weight,
and the fit gives them about zero on top.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from storyscope.model import Article
from storyscope.stories.embed import STOPWORDS, fold, lead_of

FloatArray = npt.NDArray[np.float32]


# ---------------------------------------------------------------- the combination (see module doc)
@dataclass(frozen=True)
class Weights:
    """Logit weights of the signals; a pair is one story when the sum beats the threshold."""

    bias: float = -9.3
    dense: float = 9.9  # cosine of the title+lead embeddings (MiniLM, or hashed TF-IDF)
    entity: float = 0.0  # idf-weighted overlap of capitalised names, places and datelines
    keyword: float = 4.3  # idf-weighted overlap of all terms: stemmed keywords, names and numbers
    number: float = 0.0  # numbers both mention ("5,000", "84"), idf-weighted, capped at 1
    time: float = 5.8  # exp(-days apart / TIME_SCALE_DAYS): same-day coverage is likelier one event
    # Per unit of the two articles' summed crowds (mean cosine to the open stories near each,
    # its nearest left out: ``cluster.OnlineClusterer._crowd_near``): a busy neighbourhood asks
    # for more evidence.
    crowd: float = -1.5

    def as_tuple(self) -> tuple[float, ...]:
        return (self.bias, self.dense, self.entity, self.keyword, self.number, self.time)


WEIGHTS = Weights()  # fitted with MiniLM vectors
# Hashed TF-IDF cosines are lower and flatter than MiniLM's, so the dense and term signals weigh
# more; fitted the same way (``bench/clustering.py --tune --tfidf``).
TFIDF_WEIGHTS = Weights(bias=-7.5, dense=14.1, keyword=13.8, time=6.1, crowd=-0.2)


def weights_for(embedder_name: str) -> Weights:
    return TFIDF_WEIGHTS if embedder_name.startswith("tfidf") else WEIGHTS


TIME_SCALE_DAYS = 2.0
# Proximity when a date is unknown: as if about 1.4 days apart, so names and text must carry it.
UNKNOWN_PROXIMITY = 0.5
# Pseudo-documents containing no term: with five articles in the window, the names all five share
# must still count as rare, not as common as "said".
PRIOR_DOCS = 50
NUMBER_CAP = 6.0  # idf mass of shared numbers that counts as full agreement

ENTITY_CHARS = 1200  # entities and numbers are read from a longer lead than the embedding sees

_WORD = re.compile(r"[a-z][a-z\-]{3,}")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")


@dataclass(frozen=True)
class Features:
    """An article reduced to what ``pair_score`` compares."""

    id: str
    time: float | None  # publication, in days since the epoch; None when unknown
    entities: frozenset[str]
    keywords: frozenset[str]
    numbers: frozenset[str]


def days(moment: datetime | None) -> float | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def article_time(article: Article) -> float | None:
    """Publication time in days, or None: ingestion time says nothing about the event's date."""
    return days(article.published)


def timeline_key(article: Article) -> tuple[bool, float, str]:
    """Publication order; undated articles last (they neither open nor close the window)."""
    found = article_time(article)
    return (found is None, found or 0.0, article.id)


_TOKEN = re.compile(r"[\w'’\-]+[.!?:;\"”]*")
_TITLE_TEXT = "mr mrs ms dr sen rep gov gen lt st col capt sgt prof pres"
_TITLES = frozenset(_TITLE_TEXT.split())


def _entities(title: str, lead: str) -> set[str]:
    """Capitalised words that are names: capitalised where ordinary words are not.

    Title case and sentence starts capitalise every word, so a word there counts only when the
    lead also capitalises it mid-sentence.
    """
    inside: set[str] = set()
    previous = "."
    for match in _TOKEN.finditer(lead):
        token = match.group(0)
        word = token.rstrip('.!?:;"”')
        after_stop = previous[-1:] in '.!?:;"”' and fold(previous.rstrip(".")) not in _TITLES
        if word[:1].isupper() and (not after_stop or word.isupper()):
            inside.add(word)
        previous = token
    found: set[str] = set()
    for word in inside | {w for w in _TOKEN.findall(title)}:
        word = word.rstrip('.!?:;"”')
        if word not in inside:
            continue
        folded = _possessive(fold(word))
        if folded not in STOPWORDS and len(folded) > 1 and folded not in _TITLES:
            found.add(stem(folded))
    return found


def _possessive(word: str) -> str:
    for tail in ("'s", "’s"):
        if word.endswith(tail):
            return word[: -len(tail)]
    return word


def stem(word: str) -> str:
    """A crude suffix strip so "approves", "approved" and "approve" meet."""
    if word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) > 4:
        word = _undouble(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _undouble(word: str) -> str:
    """ "trapped" -> "trapp" -> "trap", but "drilled" keeps "drill"."""
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


def extract(article: Article) -> Features:
    title = article.title or ""
    lead = lead_of(article.body, ENTITY_CHARS)
    entities = _entities(title, lead)
    if article.dateline:
        entities.add(fold(article.dateline))
    text = fold(f"{title} {lead}")
    keywords = {stem(w) for w in _WORD.findall(text) if w not in STOPWORDS}
    numbers = {n.replace(",", "") for n in _NUMBER.findall(f"{title} {lead}")}
    numbers = {n for n in numbers if n not in {"0", "1", "2", "3"}}
    return Features(
        id=article.id,
        time=article_time(article),
        entities=frozenset(entities),
        # Names and numbers are terms too: the keyword overlap is the broad "same particulars"
        # signal, the entity and number overlaps add what is specific to them.
        keywords=frozenset(keywords | entities | {"#" + n for n in numbers}),
        numbers=frozenset(numbers),
    )


class Rarity:
    """Online document frequencies, so shared rare names count more than shared common ones.

    Squared idf weights and per-set norms are cached and refreshed every ``REFRESH`` changes:
    scoring compares each article with dozens of members, and frequencies over thousands of
    articles barely move between two refreshes.
    """

    REFRESH = 32

    def __init__(self) -> None:
        self.docs = 0
        self.df: Counter[str] = Counter()
        self._changes = 0
        self._weights: dict[str, float] = {}
        self._norms: dict[frozenset[str], float] = {}

    def _changed(self) -> None:
        self._changes += 1
        if self._changes >= self.REFRESH:
            self._changes = 0
            self._weights.clear()
            self._norms.clear()

    def observe(self, features: Features) -> None:
        self.docs += 1
        self.df.update(features.keywords)
        self._changed()

    def forget(self, features: Features) -> None:
        """Drop a closed story's article, so rarity reflects the open window only."""
        self.docs -= 1
        self.df.subtract(features.keywords)
        for term in features.keywords:
            if self.df[term] <= 0:
                del self.df[term]
        self._changed()

    def idf(self, term: str) -> float:
        return math.log((self.docs + PRIOR_DOCS) / (self.df.get(term, 0) + 1))

    def weight(self, term: str) -> float:
        found = self._weights.get(term)
        if found is None:
            found = self._weights[term] = self.idf(term) ** 2
        return found

    def norm(self, terms: frozenset[str]) -> float:
        found = self._norms.get(terms)
        if found is None:
            found = self._norms[terms] = self.total(terms)
        return found

    def total(self, terms: Iterable[str]) -> float:
        """The summed weights of ``terms``: a plain loop, as scoring spends most of its time here
        (the same additions in the same order as ``sum``, so the same result to the last bit)."""
        weights = self._weights
        total = 0.0
        for term in terms:
            found = weights.get(term)
            if found is None:
                found = weights[term] = self.idf(term) ** 2
            total += found
        return total


def _overlap(a: frozenset[str], b: frozenset[str], rarity: Rarity) -> float:
    """Cosine of the idf-weighted binary term vectors of ``a`` and ``b``."""
    if not a or not b:
        return 0.0
    shared = a & b
    if not shared:
        return 0.0
    norm = math.sqrt(rarity.norm(a) * rarity.norm(b))
    return rarity.total(shared) / norm if norm else 0.0


def evidence(
    a: Features, b: Features, dense: float, rarity: Rarity, weights: Weights | None = None
) -> tuple[float, float, float, float, float]:
    """The five signals for a pair: dense, entity, keyword, number, time proximity.

    Signals whose weight is zero in ``weights`` are skipped (reported as 0).
    """
    entity = keyword = number = 0.0
    if weights is None or weights.entity:
        entity = _overlap(a.entities, b.entities, rarity)
    if weights is None or weights.keyword:
        keyword = _overlap(a.keywords, b.keywords, rarity)
    if weights is None or weights.number:
        shared = a.numbers & b.numbers
        number = min(1.0, sum(rarity.idf("#" + n) for n in shared) / NUMBER_CAP)
    if a.time is None or b.time is None:
        proximity = UNKNOWN_PROXIMITY
    else:
        proximity = math.exp(-abs(a.time - b.time) / TIME_SCALE_DAYS)
    return dense, entity, keyword, number, proximity


def combine(signals: Iterable[float], weights: Weights = WEIGHTS) -> float:
    """The logit that a pair is one story; > 0 means more likely than not."""
    bias, *rest = weights.as_tuple()
    return bias + sum(w * x for w, x in zip(rest, signals, strict=True))


def pair_score(
    a: Features,
    b: Features,
    dense: float,
    rarity: Rarity,
    weights: Weights = WEIGHTS,
    crowd: float = 0.0,
) -> float:
    return combine(evidence(a, b, dense, rarity, weights), weights) + weights.crowd * crowd


def cosine(a: FloatArray, b: FloatArray) -> float:
    return float(np.dot(a, b))
