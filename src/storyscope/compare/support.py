"""Who independently carries what: syndicated copies fold into their original's outlet.

A claim's status counts independent outlets, not articles, because a wire story republished by
three sites is one source saying it three times, not three sources confirming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyscope.compare.text import fold
from storyscope.model import Article, ClaimStatus


def original_of(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the id of the original it copies (itself when it is one), following chains."""
    by_id = {a.id: a for a in articles}
    out: dict[str, str] = {}
    for a in articles:
        seen = {a.id}
        cur = a
        while cur.duplicate_of and cur.duplicate_of in by_id and cur.duplicate_of not in seen:
            seen.add(cur.duplicate_of)
            cur = by_id[cur.duplicate_of]
        out[a.id] = cur.id
    return out


def source_key(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> its independent source: the original's outlet (or the original's id)."""
    by_id = {a.id: a for a in articles}
    orig = original_of(articles)
    out: dict[str, str] = {}
    for a in articles:
        o = by_id[orig[a.id]]
        name = o.outlet or o.outlet_given
        out[a.id] = "outlet:" + fold(name).lower().strip() if name else "article:" + o.id
    return out


def status_of(support: int, total: int) -> ClaimStatus:
    if support <= 1 or total <= 1:
        return "single"
    if support >= total:
        return "consensus"
    if 2 * support > total:
        return "majority"
    return "minority"


def support_count(article_ids: Iterable[str], keys: dict[str, str]) -> int:
    return len({keys[a] for a in article_ids if a in keys})


