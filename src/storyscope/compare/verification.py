"""Verification signals: which claims an article says are unconfirmed, and which article says so.

A strong hedge ("could not independently verify the number of missiles") is usually its own
sentence and refers back to a claim made earlier, so it is linked to the claim of the same article
that shares its names, numbers and words. A weak hedge ("claimed", "allegedly") qualifies the
statement it sits in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyscope.compare.attribution import cited_in
from storyscope.compare.claims import Similarity, Unit
from storyscope.compare.people import People
from storyscope.compare.text import content_stems, wordset
from storyscope.model import Article

STRONG = re.compile(
    r"(?:could|can|did|was|were) not (?:be )?(?:independently )?(?:verif|confirm)\w*"
    r"|unable to (?:independently )?(?:verify|confirm)"
    r"|not (?:been )?independently (?:verified|confirmed)"
    r"|independent(?:ly)? (?:verification|confirmation)\b[^.;]{0,80}?\b(?:not|n't|lacking|unavailable|absent)"
    r"|\bunverified\b|\bunconfirmed\b"
    r"|without (?:providing|offering|presenting|giving) (?:any )?evidence"
    r"|(?:has|have|had|did) not (?:provided|offered|presented|shown|given) (?:any )?evidence"
    r"|\bno evidence\b"
    r"|questioned (?:\w+[’']?s? ){0,5}(?:claims?|numbers?|figures?|account|tally|count)"
    r"|skeptic\w* (?:about|regarding|over|of|toward|towards) ",
    re.I,
)
# Verb uses only: "jobless claims fell" is a noun and hedges nothing.
WEAK = re.compile(
    r"\bclaim(?:ed|ing)\b|\bclaims\s+(?:that|to|his|her|its|their|it|he|she|they|the|a|an)\b"
    r"|\ballegedly\b|\balleges?\b|\bpurportedly\b",
    re.I,
)
_NUMBERISH = re.compile(r"\b(numbers?|figures?|count|tally|claims?|how many|size)\b", re.I)
_NOBODY = People(())
_VAGUE = re.compile(r"\b(?:dozens|hundreds|thousands|millions|billions|tens of)\b", re.I)
# Words a hedge uses about a claim without repeating it; they must not count as shared content.
_HEDGE_STEMS = wordset(
    "verifi independ confirm evid claim number figur unverifi remain exact precis avail lack "
    "question skeptic express rais concern cnn report note"
)
# Hedges name the thing loosely ("reserve force numbers" for "millions of militia members").
_RELATED = {
    "reserv": "troop",
    "reservist": "troop",
    "militia": "troop",
    "troop": "troop",
    "soldier": "troop",
}


def _related(stems: frozenset[str]) -> set[str]:
    return {_RELATED.get(s, s) for s in stems if s not in _HEDGE_STEMS}


def _link_score(hedge: Unit, cand: Unit, sim: Similarity) -> float:
    # "…, the Northern Ledger reported": who reports the doubt says nothing about its object.
    credited = {s for src in cited_in(hedge.text, _NOBODY) for s in content_stems(src)}
    shared = _related(hedge.stems - credited) & _related(cand.stems)
    score = sum(sim.idf.get(s, 1.0) for s in shared) / 6.0
    if _NUMBERISH.search(hedge.text):
        if any(m.unit is None for m in cand.numbers) or _VAGUE.search(cand.text):
            score += 0.3
        elif cand.numbers:
            score += 0.1
    if hedge.numbers and any(
        abs(x.value - y.value) < 1e-6 for x in hedge.numbers for y in cand.numbers
    ):
        score += 0.4
    gap = hedge.sentence - cand.sentence
    if gap > 0:
        score += 0.05 + 0.1 * max(0.0, 1 - gap / 4)  # a hedge refers back, usually not far
    return score


def hedges_for(
    articles: Sequence[Article], groups: list[list[Unit]], sim: Similarity
) -> dict[int, set[str]]:
    """Group index -> ids of the articles that hedge that group's claim."""
    group_of = {u.key: gi for gi, g in enumerate(groups) for u in g}
    by_article: dict[str, list[Unit]] = {}
    for g in groups:
        for u in g:
            by_article.setdefault(u.article_id, []).append(u)
    out: dict[int, set[str]] = {}
    for aid, units in by_article.items():
        units.sort(key=lambda u: u.key)
        for u in units:
            if STRONG.search(u.text):
                # A hedge with its own figures is about them; a bare one points back to a claim.
                target = None if u.numbers else _best_target(u, units, sim)
                out.setdefault(group_of[(target or u).key], set()).add(aid)
            elif _weak_main(u.text):
                out.setdefault(group_of[u.key], set()).add(aid)
    return out


def _weak_main(text: str) -> bool:
    """ "Maduro claimed that…" hedges the statement; "boats it alleges were…" deep in a long
    sentence only qualifies a detail of it."""
    m = WEAK.search(text)
    if m is None:
        return False
    return len(text.split()) < 15 or len(text[: m.start()].split()) <= 8


def _best_target(hedge: Unit, units: list[Unit], sim: Similarity) -> Unit | None:
    scored = [(_link_score(hedge, c, sim), -c.key, c) for c in units if c.key != hedge.key]
    if not scored:
        return None
    score, _, best = max(scored, key=lambda t: (t[0], t[1]))
    if score >= 0.5:
        return best
    if _NUMBERISH.search(hedge.text):
        # "The exact numbers remain unverified": the figures given just before.
        before = [
            u for u in units if u.key < hedge.key and u.numbers and hedge.sentence - u.sentence <= 3
        ]
        return before[-1] if before else None
    return None
