"""Figures across articles: which mentions give the same figure for the same kind of thing.

"Igla-S missiles" and "missiles" count the same thing in one story, "troops" and "missiles" never
do; ``HeadClasses`` learns the first kind of equivalence from the story's own wording so that the
second stays apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from storyscope.compare.numbers import Mention
from storyscope.compare.text import stem
from storyscope.model import NumberMention


def _about_keys(m: Mention) -> set[str]:
    return {
        stem(w) if "-" not in w else w.lower() for w in m.about.split() if w not in ("and", "of")
    }


def _aliases(m: Mention) -> list[str]:
    """The head and the words that name the same thing: designations ("Igla-S missiles") and
    coordinated heads ("Marines and sailors"). Plain modifiers ("school districts") are not."""
    words = m.about.split()
    out = [m.head] if m.head else []
    for i, w in enumerate(words):
        designation = any(c.isupper() for c in w[1:]) or "-" in w and w[:1].isupper() or w.isupper()
        coordinated = i + 1 < len(words) and words[i + 1] == "and"
        if designation or coordinated:
            out.append(w.lower() if "-" in w else stem(w))
    return out


def qualifying_words(m: Mention) -> set[str]:
    """What the about phrase says besides its head: "service" in "service members", "ISIS-K" in
    "ISIS-K members". Two figures whose heads agree but whose qualifiers differ count different
    groups."""
    head = m.head
    return {k for k in _about_keys(m) if k != head and not (m.about.endswith("s") and k == head)}


class HeadClasses:
    """Heads that one story uses for the same thing: "Igla-S missiles" makes "Igla-S" and
    "missiles" interchangeable within that story (and only there)."""

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self._parent: dict[str, str] = {}
        for m in mentions:
            keys = _aliases(m)
            for k in keys[1:]:
                self._union(keys[0], k)

    def _find(self, k: str) -> str:
        while self._parent.get(k, k) != k:
            k = self._parent[k]
        return k

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def root(self, m: Mention) -> str:
        return self._find(m.head)

    def compatible(self, a: Mention, b: Mention) -> bool:
        """Whether two mentions count or measure the same kind of thing."""
        return a.head == b.head or self._find(a.head) == self._find(b.head)


def same_value(a: Mention, b: Mention) -> bool:
    return a.unit == b.unit and abs(a.value - b.value) <= 0.02 * max(
        abs(a.value), abs(b.value), 1e-9
    )


def group_numbers(mentions: list[Mention], order: dict[str, int]) -> list[NumberMention]:
    """One ``NumberMention`` per figure: same value, unit and compatible ``about`` across articles."""
    usable = [m for m in mentions if m.head]
    classes = HeadClasses(usable)
    parent = list(range(len(usable)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(usable):
        for j in range(i + 1, len(usable)):
            b = usable[j]
            if same_value(a, b) and a.relative == b.relative and classes.compatible(a, b):
                parent[find(j)] = find(i)
    groups: dict[int, list[Mention]] = {}
    for i, m in enumerate(usable):
        groups.setdefault(find(i), []).append(m)
    out: list[NumberMention] = []
    for members in groups.values():
        ids = sorted({m.article_id for m in members}, key=lambda a: (order.get(a, 0), a))
        about = _best_about(members)
        qual = Counter(m.qualifier for m in members).most_common(1)[0][0]
        first = min(
            members, key=lambda m: (m.qualifier != qual, order.get(m.article_id, 0), m.sentence)
        )
        out.append(NumberMention(about, first.value, first.unit, qual, first.text, tuple(ids)))
    out.sort(key=lambda n: (-len(n.article_ids), order.get(n.article_ids[0], 0), n.value))
    return out


def _best_about(members: list[Mention]) -> str:
    """The wording most articles use, preferring the more specific one ("Igla-S missiles" over
    "missiles") when at least half as many articles use it."""
    by_about: dict[str, set[str]] = {}
    for m in members:
        by_about.setdefault(m.about, set()).add(m.article_id)
    top = max(len(v) for v in by_about.values())
    return max(
        by_about, key=lambda a: (2 * len(by_about[a]) >= top, len(a.split()), len(by_about[a]), a)
    )
