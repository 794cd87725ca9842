"""Where sources differ: one measured thing given incompatible values, dates or speakers.

Qualifiers decide compatibility: "no fewer than 5,000", "more than 5,000" and "5,000" report one
figure; "at least six strikes" and "at least eight boats" report two different counts of the same
campaign. "Same measured thing" needs a compatible counted noun (strikes, boats and vessels count the
same campaign) and some shared context beyond that noun, so unrelated figures never collide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyscope.compare.claims import Unit
from storyscope.compare.figures import HeadClasses, qualifying_words, same_value
from storyscope.compare.numbers import APPROX, LOWER, UPPER, Mention
from storyscope.compare.text import content_stems, wordset
from storyscope.model import Conflict, ConflictVariant, Quote

# Nouns that count one campaign of strikes: a strike sinks a boat, so their counts compete.
_EVENT_CLASSES = (
    wordset(
        "strik attack raid bomb boat vessel ship narco-boat trawler tanker freighter barge craft"
    ),
)
_GENERIC_CONTEXT = frozenset(
    {"us", "unit", "state", "report", "least", "more", "sinc", "month", "week", "year"}
)
_RATE = re.compile(
    r"\b(?:daily|weekly|monthly|annual(?:ly)?|yearly|a day|per day|a week|per week|a year|per year|per capita|average|on average)\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:on|this|last|late|early)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_WEEKDAYS = wordset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_MONTH_DAY = re.compile(
    r"\bon\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b"
)


def event_dates(text: str) -> set[str]:
    """Event dates a statement gives: "on Wednesday", "on Oct. 22" (normalised)."""
    found = set(_WEEKDAY.findall(text))
    found |= {f"{mon} {int(day)}" for mon, day in _MONTH_DAY.findall(text)}
    return found


def _bounds(m: Mention) -> tuple[float, float, str]:
    v = m.value
    q = m.qualifier or ""
    if q in LOWER:
        return v, float("inf"), "lower"
    if q in UPPER:
        return 0.0, v, "upper"
    if q in APPROX:
        return 0.9 * v, 1.1 * v, "approx"
    return v, v, "exact"


def incompatible(a: Mention, b: Mention) -> bool:
    """Two figures for one thing that cannot both be right as worded."""
    if same_value(a, b):
        return False
    lo_a, hi_a, kind_a = _bounds(a)
    lo_b, hi_b, kind_b = _bounds(b)
    if kind_a == kind_b and kind_a in ("lower", "upper"):
        return True  # two different floors (or ceilings) are two different counts
    return hi_a < lo_b or hi_b < lo_a


def _same_thing(a: Mention, b: Mention, classes: HeadClasses) -> bool:
    if a.unit != b.unit:
        return False
    if not (classes.compatible(a, b) or any(a.head in c and b.head in c for c in _EVENT_CLASSES)):
        return False
    mods_a, mods_b = qualifying_words(a), qualifying_words(b)
    if mods_a and mods_b and not mods_a & mods_b:
        return False  # "service members" / "ISIS-K members"
    if _rate(a) != _rate(b):
        return False  # "279 deaths on Sunday" / "1,500 deaths a day"
    heads = {a.head, b.head}
    ctx_a = set(content_stems(a.context)) - heads - _GENERIC_CONTEXT
    ctx_b = set(content_stems(b.context)) - heads - _GENERIC_CONTEXT
    if a.unit is None and any(a.head in c for c in _EVENT_CLASSES):
        ctx_a -= _EVENT_CLASSES[0]
        ctx_b -= _EVENT_CLASSES[0]
    return len(ctx_a & ctx_b) >= 1


def _rate(m: Mention) -> bool:
    at = m.context.find(m.text) if m.text else -1
    window = m.context[max(0, at - 40) : at + len(m.text) + 60] if at >= 0 else m.context
    return (
        bool(_RATE.search(window))
        or "each" in m.context[at + len(m.text) : at + len(m.text) + 40].split()
    )


def _main_figures(mentions: list[Mention], classes: HeadClasses) -> list[Mention]:
    """Per article and kind of thing, the largest figure: the total an article reports, not the
    parts it breaks it into ("15 million doses wasted"; "Walgreens, 2.6 million")."""
    best: dict[tuple[str, str | None, str], Mention] = {}
    for m in mentions:
        key = (m.article_id, m.unit, classes.root(m))
        if key not in best or m.value > best[key].value:
            best[key] = m
    return [m for m in mentions if best[(m.article_id, m.unit, classes.root(m))] is m]


def number_conflicts(
    mentions: Sequence[Mention], keys: dict[str, str], order: dict[str, int]
) -> list[Conflict]:
    usable = [m for m in mentions if m.head and not m.relative]
    classes = HeadClasses(usable)
    usable = _main_figures(usable, classes)
    clusters: list[list[Mention]] = []
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            if keys.get(a.article_id) == keys.get(b.article_id):
                continue
            if _same_thing(a, b, classes) and incompatible(a, b):
                _join(clusters, a, b)
    return [_conflict(c, order) for c in clusters]


def _join(clusters: list[list[Mention]], a: Mention, b: Mention) -> None:
    hits = [c for c in clusters if a in c or b in c]
    merged = [m for c in hits for m in c]
    for m in (a, b):
        if m not in merged:
            merged.append(m)
    for c in hits:
        clusters.remove(c)
    clusters.append(merged)


def _conflict(cluster: list[Mention], order: dict[str, int]) -> Conflict:
    by_value: dict[str, list[Mention]] = {}
    for m in sorted(cluster, key=lambda m: (order.get(m.article_id, 0), m.sentence)):
        key = next(
            (
                k
                for k, ms in by_value.items()
                if same_value(ms[0], m) and ms[0].qualifier == m.qualifier
            ),
            None,
        )
        by_value.setdefault(key or m.text, []).append(m)
    variants = tuple(
        ConflictVariant(
            value,
            ms[0].context,
            tuple(sorted({m.article_id for m in ms}, key=lambda a: order.get(a, 0))),
        )
        for value, ms in by_value.items()
    )
    abouts: list[str] = []
    for m in cluster:
        if m.about not in abouts:
            abouts.append(m.about)
    return Conflict(" / ".join(abouts), variants, "number")


def date_conflicts(
    groups: list[list[Unit]], keys: dict[str, str], order: dict[str, int]
) -> list[Conflict]:
    """One claim dated differently by different sources ("on Wednesday" / "on Thursday",
    "on Oct. 22" / "on Oct. 23"). A statement giving two dates is left out: which is the event's?"""
    out: list[Conflict] = []
    for group in groups:
        days: dict[str, list[Unit]] = {}
        for u in group:
            found = event_dates(u.text)
            if len(found) == 1:
                days.setdefault(found.pop(), []).append(u)
        if len(days) < 2 or len({d in _WEEKDAYS for d in days}) > 1:
            continue  # "Thursday" and "Jan 6" cannot be compared without a calendar
        sources = {d: {keys.get(u.article_id) for u in us} for d, us in days.items()}
        if len(set().union(*sources.values())) < 2:
            continue
        variants = tuple(
            ConflictVariant(
                d,
                us[0].text,
                tuple(sorted({u.article_id for u in us}, key=lambda a: order.get(a, 0))),
            )
            for d, us in sorted(
                days.items(), key=lambda kv: min(order.get(u.article_id, 0) for u in kv[1])
            )
        )
        out.append(Conflict("date of: " + group[0].text[:80], variants, "date"))
    return out


def attribution_conflicts(
    quotes: Sequence[tuple[Quote, dict[str, tuple[str, ...]]]],
) -> list[Conflict]:
    """The same words credited to different speakers."""
    out: list[Conflict] = []
    for quote, speakers in quotes:
        if len(speakers) < 2:
            continue
        variants = tuple(ConflictVariant(name, quote.text, ids) for name, ids in speakers.items())
        out.append(Conflict("speaker of: " + quote.text[:80], variants, "attribution"))
    return out


def find_conflicts(
    mentions: Sequence[Mention],
    groups: list[list[Unit]],
    quotes: Sequence[tuple[Quote, dict[str, tuple[str, ...]]]],
    keys: dict[str, str],
    order: dict[str, int],
) -> list[Conflict]:
    return (
        number_conflicts(mentions, keys, order)
        + date_conflicts(groups, keys, order)
        + attribution_conflicts(quotes)
    )
