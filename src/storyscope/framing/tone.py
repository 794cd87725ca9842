"""Per-article tone: hedges against bare assertions, and loaded or emotive words, from the lexicon.

Only the outlet's own words count: text inside double quotes is the quoted speaker's and is left
out of the term counts (not of the word count). Overlapping terms count once, the longest winning
("regime change" is a euphemism, not the label "regime"). A lexicon term written in lower case is
not matched by a capitalised word inside a sentence, so the month "May" is not the hedge "may".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from storyscope.framing.actors import Doc
from storyscope.framing.lexicon import TONE_CATEGORIES, Lexicon
from storyscope.framing.text import fold, fold_chars, inside, words
from storyscope.model import ArticleTone, EventTerms

LOADED = ("labels", "intensifiers", "emotive_verbs", "euphemisms")
HEDGE_MARKS = {
    "alleged", "allegedly", "suspected", "purported", "purportedly", "reportedly", "so-called",
    "alleges", "claims", "claimed", "says", "said", "suspects", "believed", "unverified",
    "unconfirmed",
}  # fmt: skip


@cache
def _pattern(terms: frozenset[str]) -> re.Pattern[str]:
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in alternatives) + r")(?![\w-])")


def matches(
    text: str, lex: Lexicon, quotes: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """(start, end, term, category) of every lexicon term outside quotes, longest first."""
    folded = fold_chars(text)
    found: list[tuple[int, int, str, str]] = []
    for category in TONE_CATEGORIES:
        terms = lex.tone.get(category, frozenset())
        if not terms:
            continue
        for m in _pattern(terms).finditer(folded):
            if inside(m.start(), quotes) or _proper_use(text, m.start()):
                continue
            found.append((m.start(), m.end(), m.group(), category))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, str]] = []
    end = -1
    for item in found:
        if item[0] >= end:
            kept.append(item)
            end = item[1]
    return kept


def _proper_use(text: str, start: int) -> bool:
    if not text[start].isupper():
        return False
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in '.!?:"\n'


def hedged(wording: str) -> bool:
    return bool(HEDGE_MARKS & set(fold(wording).split()))


def tone(doc: Doc, lex: Lexicon, events: list[EventTerms]) -> ArticleTone:
    found = matches(doc.text, lex, doc.quotes)
    by_category = Counter(cat for _, _, _, cat in found)
    counts = Counter(term for _, _, term, _ in found)
    total = words(doc.text)
    loaded = sum(by_category[c] for c in LOADED)
    # Only where some outlet hedges does an unhedged wording read as a bare assertion.
    contested = [e for e in events if any(hedged(w) for ws in e.terms.values() for w in ws)]
    bare = sum(1 for e in contested for w in e.terms.get(doc.id, ()) if not hedged(w))
    return ArticleTone(
        article_id=doc.id,
        words=total,
        hedges=by_category["hedges"],
        loaded=loaded,
        by_category={c: by_category[c] for c in TONE_CATEGORIES},
        loadedness_per_1000=round(1000 * loaded / total, 2) if total else 0.0,
        terms=tuple(t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        bare=bare,
    )
