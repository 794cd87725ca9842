"""The candidate sentences a summary is chosen from, with how widely each is carried.

Every sentence of every original article becomes a candidate, trimmed (see ``trim``) so it reads on
its own. Its support is the set of articles carrying the same claim: the compare stage's claim groups
when they exist, otherwise (or in addition) the articles holding a sentence close to it under a TF-IDF
cosine computed within the story. Keeping this independent of the compare stage lets the summary
degrade to a centrality summary when that stage's results are missing.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyscope.model import Article, Claim
from storyscope.summarize.text import content_words, numbers, split_sentences, words
from storyscope.summarize.trim import trim

CLAIM_OVERLAP = 0.7  # share of a claim wording's words a sentence must hold to count as it
SIMILAR = 0.38  # cosine above which two sentences count as carrying the same claim
ATTRIBUTION = re.compile(
    r"\b(said|says|say|claimed|claims|claim|stated|states|announced|announces|told|tells|declared|"
    r"declares|warned|warns|insisted|insists|argued|argues|alleged|alleges|asserted|asserts|added|"
    r"noted|according to|reported|reports|boasted|boasts|maintained|maintains)\b"
)
_BACKGROUND = re.compile(
    r"\b(since|began in|has been|have been|had been|previously|earlier|last (?:week|month|year)|"
    r"for (?:months|years|decades|weeks)|historically|ago|has long|have long|in (?:19|20)\d\d|"
    r"in (?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"first time|record|background|already)\b",
    re.I,
)
_CHROME = re.compile(
    r"(subscribe|newsletter|sign up|click here|read more|follow us|all rights reserved|cookie|"
    r"advertisement|share this|pic\.twitter|https?://|@\w+|stay tuned|contact us)",
    re.I,
)


@dataclass
class Candidate:
    text: str  # trimmed, stand-alone wording
    raw: str  # the sentence as the article has it
    article_id: str
    position: int  # sentence index within the article
    claim: Claim | None = None
    support: set[str] = field(default_factory=set)  # article ids carrying the same claim
    vector: dict[str, float] = field(default_factory=dict)
    centrality: float = 0.0
    headline: float = 0.0  # mean similarity to the story's headlines
    cited: tuple[str, ...] = ()  # articles that support this exact wording (the support checker)

    @property
    def attributed(self) -> bool:
        return ATTRIBUTION.search(self.text) is not None

    @property
    def background(self) -> bool:
        return _BACKGROUND.search(self.text) is not None


def usable(sentence: str) -> bool:
    n = len(sentence.split())
    return (
        6 <= n <= 70
        and not sentence.endswith("?")
        and not _CHROME.search(sentence)
        and not sentence.isupper()
    )


def _vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(content_words(text) + [f"#{int(n)}" for n in numbers(text)])
    vec = {t: c * idf.get(t, 1.0) for t, c in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def overlap(a: str, b: str) -> float:
    """Share of ``a``'s content words found in ``b``."""
    wa = set(content_words(a))
    return len(wa & set(content_words(b))) / len(wa) if wa else 0.0


def _claim_for(cands: Sequence[Candidate], claims: Iterable[Claim]) -> None:
    """Attach each claim to the candidate sentences holding one of its variants."""
    claims = list(claims)
    by_article: dict[str, list[Candidate]] = {}
    for c in cands:
        by_article.setdefault(c.article_id, []).append(c)
    for claim in claims:
        variants = claim.variants or ()
        for v in variants:
            best, score = None, 0.0
            for c in by_article.get(v.article_id, []):
                s = overlap(v.text, c.raw)
                if s > score:
                    best, score = c, s
            if best is not None and score >= 0.6:
                if best.claim is None or len(claim.article_ids) > len(best.claim.article_ids):
                    best.claim = claim
                best.support |= set(claim.article_ids)
    # A sentence that says a claim again in other words (same article, not its chosen variant) is
    # that claim too: it shares its status, and repeating it is redundant.
    claim_list = [c for c in claims if len(c.article_ids) > 1]
    for c in cands:
        if c.claim is not None:
            continue
        best_claim, best_score = None, 0.0
        for k in claim_list:
            score = max((overlap(v.text, c.raw) for v in k.variants), default=0.0)
            if score > best_score:
                best_claim, best_score = k, score
        close = best_claim is not None and best_score >= CLAIM_OVERLAP
        if close and best_claim is not None and c.article_id in best_claim.article_ids:
            c.claim = best_claim


def build_pool(
    articles: Sequence[Article], claims: Iterable[Claim] = (), known_people: Iterable[str] = ()
) -> list[Candidate]:
    """Candidates from every article, with support and centrality filled in."""
    people = list(known_people)
    cands: list[Candidate] = []
    for a in articles:
        sentences = split_sentences(a.body)
        for i, raw in enumerate(sentences):
            if not usable(raw):
                continue
            text = trim(raw, sentences[i - 1] if i else None, people, a.body)
            if not text or not usable(text):
                continue
            cands.append(Candidate(text=text, raw=raw, article_id=a.id, position=i, support={a.id}))
    df: Counter[str] = Counter()
    vecs_raw = [set(content_words(c.text)) | {f"#{int(n)}" for n in numbers(c.text)} for c in cands]
    for toks in vecs_raw:
        df.update(toks)
    n = max(len(cands), 1)
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    for c in cands:
        c.vector = _vector(c.text, idf)
    _support_by_similarity(cands, len({a.id for a in articles}))
    titles = [_vector(a.title, idf) for a in articles if a.title]
    for c in cands:
        c.headline = sum(cosine(c.vector, t) for t in titles) / len(titles) if titles else 0.0
    _claim_for(cands, claims)
    return cands


def _support_by_similarity(cands: Sequence[Candidate], n_articles: int) -> None:
    """Support and centrality from each sentence's best match in every other article.

    Dot products run as one matrix product over the terms at least two sentences share (a term
    only one sentence has never adds to a dot product between two different sentences).
    """
    if not cands:
        return
    df: Counter[str] = Counter(t for c in cands for t in c.vector)
    vocab = {t: i for i, t in enumerate(t for t, d in df.items() if d >= 2)}
    matrix = np.zeros((len(cands), max(len(vocab), 1)), dtype=np.float32)
    for row, c in enumerate(cands):
        for t, v in c.vector.items():
            col = vocab.get(t)
            if col is not None:
                matrix[row, col] = v
    rows: dict[str, list[int]] = {}
    for row, c in enumerate(cands):
        rows.setdefault(c.article_id, []).append(row)
    others = max(n_articles - 1, 1)
    total = np.zeros(len(cands), dtype=np.float32)
    for aid, members in rows.items():
        best = (matrix @ matrix[members].T).max(axis=1)
        for hit in np.nonzero(best >= SIMILAR)[0].tolist():
            if cands[hit].article_id != aid:
                cands[hit].support.add(aid)
        own = np.array([c.article_id == aid for c in cands])
        total += np.where(own, 0.0, best)
    for row, c in enumerate(cands):
        c.centrality = float(total[row]) / others


def word_count(text: str) -> int:
    return len(words(text))
