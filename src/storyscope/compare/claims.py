"""Claims: reporting sentences cut into statements, grouped across articles by what they say.

Grouping is agglomerative over pairs from different articles, best pair first, and a merge must keep
the group's average similarity high and contain no vetoed pair. Vetoes carry the precision: two
statements that both give counts but share none ("5,000 missiles" / "8 million reservists") are
never one claim, nor the two sides of a numeric conflict ("at least 6" / "at least 8" strikes), nor
near-identical wordings that differ in what was done ("were inspected" / "were sunk") or in whether
it was done ("said" / "denied that"). Similarity mixes idf-weighted stems, shared names, shared
figures and, when MiniLM loads, sentence vectors that can only add to the lexical evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from storyscope.compare.figures import HeadClasses, same_value
from storyscope.compare.numbers import Mention, extract, fill_elliptical
from storyscope.compare.people import TITLES
from storyscope.compare.text import (
    Sentence,
    content_stems,
    fold,
    has_negation,
    predicate_stems,
    sentences,
    split_clauses,
    stem,
    wordset,
)
from storyscope.model import Article

PAIR_MIN = 0.40  # a merge starts from a pair at least this similar
GROUP_MIN = 0.34  # and keeps the group's average cross-pair similarity at least this high
ANCHORED_MIN = 0.2  # ... or this high when every statement gives the same distinctive figure
_HEDGED = re.compile(r"\b(claim(?:s|ed)?|alleg\w*|reportedly|purported\w*|says?|said)\b", re.I)
_LOADED = re.compile(r"\b(dictator\w*|regime|narco\w*|thug\w*|tyrant|terror\w*)\b", re.I)
_PRONOUN_START = re.compile(r"^(he|she|they|it|this|that|these|those|both)\b", re.I)
_JUNK = re.compile(r"https?://|pic\.twitter|@\w|\bwww\.|^[—–-]|\|", re.I)


@dataclass(frozen=True)
class Unit:
    """One statement: a sentence or a clause of one."""

    key: int
    article_id: str
    sentence: int
    text: str
    stems: frozenset[str]
    entities: frozenset[str]
    numbers: tuple[Mention, ...]
    negated: bool
    predicates: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # whole capitalised names ("walter reed medical center")


def is_reporting(text: str) -> bool:
    """Sentences that state something: not headings, questions, captions or embeds."""
    toks = text.split()
    if len(toks) < 6 or text.rstrip().endswith("?") or _JUNK.search(text):
        return False
    if not re.search(r"[.!\"”’»]$", text.rstrip()) and len(toks) < 12:
        return False
    caps = sum(1 for t in toks if t[:1].isupper())
    return caps < 0.7 * len(toks)


def _entities(text: str) -> frozenset[str]:
    toks = re.findall(r"[A-ZÀ-Ý][\w’'.\-]*", re.sub(r"\bU\.S\.", "US", text))
    out = set()
    for i, tok in enumerate(toks):
        word = tok.rstrip(".’'")
        low = word.lower()
        if (i == 0 and text.startswith(tok) and low in _COMMON_STARTS) or low in _CALENDAR:
            continue
        if low in TITLES:
            continue  # "Prime Minister" names an office, not who or what the claim is about
        out.add(stem(fold(word)))
    return frozenset(out)


_NAME_RUN = re.compile(r"[A-ZÀ-Ý][\w’'.\-]*(?:\s+(?:of\s+|de\s+)?[A-ZÀ-Ý][\w’'.\-]*)*")


def _names(text: str) -> frozenset[str]:
    """Distinct capitalised names, so a five-word institution counts once, not five times."""
    out = set()
    for m in _NAME_RUN.finditer(text):
        toks = [t.rstrip(".’'").removesuffix("’s").removesuffix("'s") for t in m.group().split()]
        toks = [t for t in toks if t.lower() not in TITLES and t.lower() not in _COMMON_STARTS]
        toks = [t for t in toks if t.lower() not in _CALENDAR]
        if toks:
            out.add(fold(" ".join(toks)).lower())
    return frozenset(out)


_TITLE_STEMS = frozenset(stem(t) for t in TITLES)
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{3,80})[”\"»’]")


def _quoted(text: str) -> set[str]:
    """Normalised quoted phrases of two words or more."""
    out = set()
    for q in _QUOTED.findall(text):
        if sum(w[:1].isupper() for w in q.split()) * 2 > len(q.split()):
            continue  # a quoted name or title ("Justice for J6"), not someone's words
        norm = " ".join(re.findall(r"\w+", fold(q).lower()))
        if len(norm.split()) >= 2:
            out.add(norm)
    return out


# Days and months date an event; they do not say what happened.
_CALENDAR = wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep sept "
    "oct nov dec"
)
_COMMON_STARTS = wordset(
    "the a an in on at since meanwhile however but and as after before during this that these those separately last recently"
)


def units_of(articles: Sequence[Article]) -> list[Unit]:
    out: list[Unit] = []
    for art in articles:
        for sent in sentences(art.id, art.body):
            if not is_reporting(sent.text):
                continue
            for clause in split_clauses(sent.text):
                if len(clause.split()) < 4:
                    continue
                nums = tuple(extract(Sentence(art.id, sent.index, sent.paragraph, clause)))
                out.append(
                    Unit(
                        len(out),
                        art.id,
                        sent.index,
                        clause,
                        frozenset(content_stems(strip_attribution(clause))),
                        _entities(clause),
                        nums,
                        has_negation(clause),
                        predicate_stems(clause),
                        _names(clause),
                    )
                )
    return _fill_numbers(_demonyms(out))


_TAIL = re.compile(
    r",\s*(?:according to [^,;]+"
    r"|(?:[\w’'.\-]+\s*){0,6}?(?:,[^,;]{1,80},\s+)?"
    r"(?:said|says|told|added|wrote|reported|noted|announced|confirmed)"
    r"(?:\s+(?!that\b)[^,;]{0,60})?)\s*[.!”\"]*\s*$",
    re.I,
)


def strip_attribution(clause: str) -> str:
    """The statement without its trailing credit: ", Frances Haugen said in an interview with
    CBS" says who spoke, not what was said, and must not make two claims look alike."""
    stripped = _TAIL.sub("", clause)
    return stripped if len(stripped.split()) >= 4 else clause


def _fill_numbers(units: list[Unit]) -> list[Unit]:
    filled = iter(fill_elliptical([m for u in units for m in u.numbers]))
    return [replace(u, numbers=tuple(next(filled) for _ in u.numbers)) for u in units]


def _demonyms(units: list[Unit]) -> list[Unit]:
    """ "Venezuelan"/"Venezuela", "Russian"/"Russia": one stem when the story has both."""
    vocab = {s for u in units for s in u.stems | u.entities}
    mapping = {s: s[:-1] for s in vocab if s.endswith("n") and len(s) > 5 and s[:-1] in vocab}

    def fix(stems: frozenset[str]) -> frozenset[str]:
        return frozenset(mapping.get(s, s) for s in stems)

    return [replace(u, stems=fix(u.stems), entities=fix(u.entities)) for u in units]


class Similarity:
    """Pairwise claim similarity for one story: idf-weighted stems, names, numbers, embeddings."""

    def __init__(
        self, units: Sequence[Unit], vectors: npt.NDArray[np.float32] | None = None
    ) -> None:
        df: Counter[str] = Counter(s for u in units for s in u.stems)
        n = max(len(units), 1)
        self.idf = {s: math.log(1 + n / c) for s, c in df.items()}
        # Words most statements of the story use ("military", "Venezuela") say nothing specific.
        self.common = frozenset(s for s, c in df.items() if c > max(2.0, 0.12 * n))
        self.vectors = vectors
        self.classes = HeadClasses(m for u in units for m in u.numbers)
        self._weights = {u.key: self._weight(u.stems) for u in units}
        self._lexical: dict[tuple[int, int], tuple[float, float]] = {}

    def anchors(self, u: Unit) -> frozenset[tuple[float, str | None, str]]:
        """Distinctive figures of a statement, as (value, unit, kind of thing counted)."""
        return frozenset(
            (round(m.value, 3), m.unit, self.classes.root(m))
            for m in u.numbers
            if m.head and not m.relative and not m.label and (m.unit or m.value >= 100)
        )

    def shares_number(self, a: Unit, b: Unit) -> float:
        """0 when no figure is shared, else how distinctive the best shared figure is."""
        best = 0.0
        for x in a.numbers:
            for y in b.numbers:
                if same_value(x, y) and self.classes.compatible(x, y):
                    weight = 1.0 if x.unit or x.value >= 100 else 0.4
                    best = max(best, 0.3 if x.label or y.label else weight)
        return best

    def _weight(self, stems: frozenset[str]) -> float:
        return sum(self.idf.get(s, 1.0) for s in stems)

    def lexical(self, a: Unit, b: Unit) -> tuple[float, float]:
        key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
        if key in self._lexical:
            return self._lexical[key]
        shared = self._weight(a.stems & b.stems)
        wa, wb = self._weights.get(a.key), self._weights.get(b.key)
        if wa is None or wb is None:
            wa, wb = self._weight(a.stems), self._weight(b.stems)
        if not wa or not wb:
            return 0.0, 0.0
        self._lexical[key] = (2 * shared / (wa + wb), shared / min(wa, wb))
        return self._lexical[key]

    def veto(self, a: Unit, b: Unit) -> bool:
        # Near-identical wording that differs in what was done, or in whether it was done, says
        # something else: "40 trawlers were inspected" / "were sunk"; "said" / "denied that".
        if self.lexical(a, b)[0] >= 0.5:
            pa, pb = a.predicates, b.predicates
            if pa and pb and not pa & (b.stems | pb) and not pb & (a.stems | pa):
                return True
            if a.negated != b.negated:
                return True
        counts_a = [m for m in a.numbers if not m.relative]
        counts_b = [m for m in b.numbers if not m.relative]
        if counts_a and counts_b and not any(same_value(x, y) for x in counts_a for y in counts_b):
            return True
        # The same kind of figure with a different value: a conflict, never one claim.
        for x in counts_a:
            kin_b = [y for y in counts_b if y.unit == x.unit and self.classes.compatible(x, y)]
            kin_a = [z for z in counts_a if z.unit == x.unit and self.classes.compatible(x, z)]
            if kin_b and not any(same_value(z, y) for z in kin_a for y in kin_b):
                return True
        # Same figure, different things counted ("5,000 troops" / "5,000 missiles").
        return any(
            same_value(x, y) and x.head and y.head and not self.classes.compatible(x, y)
            for x in counts_a
            for y in counts_b
        ) and not self.shares_number(a, b)

    def score(self, a: Unit, b: Unit) -> float:
        dice, overlap = self.lexical(a, b)
        if dice < 0.12:
            return 0.0
        ents = (
            len(a.entities & b.entities) / len(a.entities | b.entities)
            if a.entities | b.entities
            else 0.0
        )
        s = 0.6 * dice + 0.25 * min(overlap, 1.0) + 0.15 * ents
        shared = self.shares_number(a, b)
        if shared:
            s += 0.3 * shared
        else:
            rare = (a.stems & b.stems) - self.common - _TITLE_STEMS
            names = rare & (a.entities | b.entities)
            if not rare - names and len(a.names & b.names) < 3:
                # Only names and everyday words in common: same topic, not the same claim (unless
                # several distinct people and places recur: "Burns met Baradar in Kabul").
                s *= 0.6
            if bool(a.numbers) != bool(b.numbers):
                s -= 0.05
        if _quoted(a.text) & _quoted(b.text):
            s += 0.15  # the same words in quotation marks: one source statement relayed
        if a.negated != b.negated:
            s -= 0.1
        if self.vectors is not None:
            # Same-story sentences sit around cosine 0.55-0.78 in MiniLM space (same actors, same
            # topic), paraphrases mostly above 0.8; vectors may only add recall on top of the
            # lexical evidence, never remove it.
            cos = float(self.vectors[a.key] @ self.vectors[b.key])
            s = max(s, 0.45 * s + 0.55 * max(0.0, min(1.0, (cos - 0.65) / 0.25)))
        return s


FULL_PAIRS_UP_TO = 200  # statements; above this only pairs sharing a specific word are scored


def _candidate_pairs(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """Every pair for ordinary stories; for big ones only pairs that share a word most statements
    do not use, since any other pair scores near zero anyway (keeps 50-article stories fast)."""
    n = len(units)
    if n <= FULL_PAIRS_UP_TO:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    limit = max(3.0, 0.05 * n)
    index: dict[str, list[int]] = {}
    for u in units:
        words = set(u.stems) | {f"#{m.value:g}{m.unit or ''}" for m in u.numbers}
        for word in words:
            index.setdefault(word, []).append(u.key)
    found: set[tuple[int, int]] = set()
    for keys in index.values():
        if len(keys) > limit:
            continue
        for x, i in enumerate(keys):
            for j in keys[x + 1 :]:
                found.add((i, j))
    return sorted(found)


def group_units(units: Sequence[Unit], sim: Similarity) -> list[list[Unit]]:
    """Average-linkage merging driven by the best cross-article pairs, vetoes blocking a merge."""
    n = len(units)
    score = np.zeros((n, n), dtype=np.float64)
    veto = np.zeros((n, n), dtype=bool)
    pairs: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs(units):
        a, b = units[i], units[j]
        veto[i, j] = veto[j, i] = sim.veto(a, b)
        s = score[i, j] = score[j, i] = sim.score(a, b)
        if a.article_id != b.article_id and s >= PAIR_MIN and not veto[i, j]:
            pairs.append((-s, i, j))
    pairs.sort()
    anchors = [sim.anchors(u) for u in units]
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if veto[np.ix_(left, right)].any():
            continue
        anchored = bool(frozenset.intersection(*(anchors[k] for k in left + right)))
        if float(score[np.ix_(left, right)].mean()) < (ANCHORED_MIN if anchored else GROUP_MIN):
            continue
        for k in right:
            group_of[k] = gi
        left.extend(right)
        del members[gj]
    return [[units[k] for k in sorted(ms)] for ms in members.values()]


def neutrality_penalty(text: str) -> float:
    """Lower is better: the wording a neutral summary would use."""
    p = 0.0
    p += 1.0 * len(_HEDGED.findall(text)) + 2.0 * len(_LOADED.findall(text))
    p += 1.5 if _PRONOUN_START.search(text) else 0.0
    p += 1.0 if re.search(r"[\"“”«»]", text) else 0.0
    words = len(text.split())
    p += 0.0 if 10 <= words <= 35 else 0.5 + abs(words - 22) / 40
    return p


def representative(group: Sequence[Unit], duplicates: set[str], order: dict[str, int]) -> Unit:
    pool = [u for u in group if u.article_id not in duplicates] or list(group)
    return min(
        pool, key=lambda u: (neutrality_penalty(u.text), order.get(u.article_id, 0), u.sentence)
    )


def best_per_article(group: Sequence[Unit], sim: Similarity) -> dict[str, Unit]:
    """The one wording per article that is most like the rest of the group."""
    out: dict[str, Unit] = {}
    best: dict[str, float] = {}
    for u in group:
        others = [v for v in group if v.article_id != u.article_id]
        s = sum(sim.score(u, v) for v in others) / len(others) if others else 0.0
        if u.article_id not in out or s > best[u.article_id]:
            out[u.article_id], best[u.article_id] = u, s
    return out
