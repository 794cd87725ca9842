"""The compare stage: claims, numbers, conflicts, quotes, attributions, origins, unique claims.

Everything here is deterministic given the articles: groups, ids and orders depend only on article
order and text, so cached analyses and fresh ones agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from storyscope.compare.attribution import attributions_of, origins_of
from storyscope.compare.claims import (
    Similarity,
    Unit,
    best_per_article,
    group_units,
    representative,
    units_of,
)
from storyscope.compare.conflicts import find_conflicts
from storyscope.compare.embedding import embed, embedder_for
from storyscope.compare.figures import group_numbers
from storyscope.compare.numbers import extract_all
from storyscope.compare.quotes import find_quotes
from storyscope.compare.support import (
    original_of,
    source_key,
    status_of,
    support_count,
)
from storyscope.compare.text import sentences
from storyscope.compare.verification import hedges_for
from storyscope.model import Article, Claim, ClaimVariant, UniqueClaims
from storyscope.pipeline import StoryContext


def run(ctx: StoryContext) -> dict[str, Any]:
    return compare(ctx.articles, embedder_name=ctx.settings.embedder, media=_media_names(ctx))


def _media_names(ctx: StoryContext) -> set[str]:
    names: set[str] = set()
    for outlet in ctx.outlets.values():
        if outlet is not None:
            names.add(outlet.name)
            names.update(outlet.aliases)
    return names


def compare(
    articles: Sequence[Article], *, embedder_name: str = "tfidf", media: set[str] | None = None
) -> dict[str, Any]:
    """Compare one story's articles. ``embedder_name`` "auto"/"minilm" adds MiniLM sentence vectors
    to claim similarity when they load (lexical only otherwise); ``media`` names outlets known to be
    newsrooms (the outlet registry's names) so citing them counts toward relying on them."""
    arts = list(articles)
    order = {a.id: i for i, a in enumerate(arts)}
    keys = source_key(arts)
    total = len(set(keys.values()))
    originals = original_of(arts)
    duplicates = {a.id for a in arts if originals[a.id] != a.id}

    units = units_of(arts)
    vectors = embed(embedder_for(embedder_name), [u.text for u in units]) if len(arts) > 1 else None
    sim = Similarity(units, vectors)
    groups = group_units(units, sim)
    hedges = hedges_for(arts, groups, sim)
    claims = _claims(groups, sim, hedges, keys, total, duplicates, order)

    sents = [s for a in arts for s in sentences(a.id, a.body)]
    mentions = extract_all(sents)
    quotes = find_quotes(arts)
    attributions = attributions_of(arts, media or set())
    return {
        "claims": claims,
        "numbers": group_numbers(mentions, order),
        "conflicts": find_conflicts(mentions, groups, quotes, keys, order),
        "quotes": [q for q, _ in quotes],
        "attributions": attributions,
        "origins": origins_of(arts, attributions, media or set()),
        "unique_claims": _unique(claims, arts, keys),
    }


def _claims(
    groups: list[list[Unit]],
    sim: Similarity,
    hedges: dict[int, set[str]],
    keys: dict[str, str],
    total: int,
    duplicates: set[str],
    order: dict[str, int],
) -> list[Claim]:
    rows: list[tuple[tuple[int, int, int], Claim]] = []
    for gi, group in enumerate(groups):
        per_article = best_per_article(group, sim)
        ids = tuple(sorted(per_article, key=lambda a: order.get(a, 0)))
        rep = representative(group, duplicates, order)
        support = support_count(ids, keys)
        hedged = tuple(sorted(hedges.get(gi, set()), key=lambda a: order.get(a, 0)))
        variants = tuple(ClaimVariant(a, per_article[a].text) for a in ids)
        claim = Claim("", rep.text, ids, status_of(support, total), not hedged, hedged, variants)
        first = min(group, key=lambda u: (order.get(u.article_id, 0), u.sentence))
        rows.append(((-support, order.get(first.article_id, 0), first.sentence), claim))
    rows.sort(key=lambda r: r[0])
    return [replace(c, id=f"c{i + 1}") for i, (_, c) in enumerate(rows)]


def _unique(
    claims: list[Claim], articles: Sequence[Article], keys: dict[str, str]
) -> list[UniqueClaims]:
    by_key: dict[str, list[Article]] = {}
    for a in articles:
        by_key.setdefault(keys[a.id], []).append(a)
    if len(by_key) < 2:
        return []
    out: list[UniqueClaims] = []
    for key, arts in by_key.items():
        ids = [c.id for c in claims if {keys[a] for a in c.article_ids} == {key}]
        if ids:
            originals = [a for a in arts if not a.duplicate_of] or arts
            label = originals[0].display_name
            out.append(UniqueClaims(label, tuple(a.id for a in arts), tuple(ids)))
    return out
