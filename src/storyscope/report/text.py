"""The human-readable report: the same ``storyscope.report/1`` document, laid out for a terminal.

It reads only the JSON document, never the stages, so what a person reads and what the API serves
can never disagree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from storyscope.model import SECTION_TITLES, Article, Story

LEAN_ORDER = ("left", "lean-left", "center", "lean-right", "right", "unrated")
WIDTH = 100


def _wrap(text: str, indent: str = "  ", width: int = WIDTH) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def _short(text: str | None, n: int = 70) -> str:
    text = (text or "").replace("\n", " ").strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def article_rows(articles: Iterable[Article]) -> str:
    lines = []
    for a in articles:
        date = a.published.date().isoformat() if a.published else "----------"
        dup = f"  (copy of {a.duplicate_of})" if a.duplicate_of else ""
        lines.append(f"{a.id:<18} {date}  {_short(a.outlet or '?', 24):<24}  {_short(a.title, 60)}{dup}")
    return "\n".join(lines) if lines else "no articles stored"


def story_rows(stories: Sequence[Story]) -> str:
    lines = []
    for s in stories:
        date = s.last_updated.date().isoformat() if s.last_updated else "----------"
        lines.append(f"{s.id:<16} {date}  {len(s.article_ids):>3} articles  {_short(s.title, 64)}")
    return "\n".join(lines) if lines else "no stories yet"


class _Cites:
    """Numbers article ids in order of first citation: [1], [2] ... as in a paper."""

    def __init__(self, articles: dict[str, dict[str, Any]]) -> None:
        self.articles = articles
        self.order: list[str] = []

    def __call__(self, ids: Iterable[str]) -> str:
        marks = []
        for aid in ids:
            if aid not in self.order:
                self.order.append(aid)
            marks.append(str(self.order.index(aid) + 1))
        return "[" + ",".join(marks) + "]" if marks else ""

    def outlets(self, ids: Iterable[str]) -> str:
        names = []
        for aid in ids:
            art = self.articles.get(aid) or {}
            name = art.get("outlet") or art.get("display_name") or aid
            if name not in names:
                names.append(name)
        return ", ".join(names)


def _summary_lines(story: dict[str, Any], cite: _Cites) -> list[str]:
    out: list[str] = []
    by_section: dict[str, list[dict[str, Any]]] = {}
    for sentence in story.get("summary") or []:
        by_section.setdefault(sentence["section"], []).append(sentence)
    for key, title in SECTION_TITLES.items():
        if key not in by_section:
            continue
        out.append(f"  {title}")
        for s in by_section[key]:
            out.append(_wrap(f"{s['text']} {cite(s['article_ids'])}", indent="    "))
    perspectives = story.get("perspectives") or []
    if perspectives:
        out.append("  Key points by perspective")
        for p in perspectives:
            label = "state media" if p["side"] == "state" else p["side"]
            if not p["points"]:
                out.append(f"    {label}: {p.get('note') or 'no coverage'}")
                continue
            out.append(f"    {label}:")
            for point in p["points"]:
                out.append(_wrap(f"- {point['text']} {cite(point['article_ids'])}", indent="      "))
    return out


def _landscape_lines(story: dict[str, Any]) -> list[str]:
    land = story.get("landscape")
    if not land:
        return []
    lean = land.get("by_lean", {})
    bar = "  ".join(f"{k} {lean.get(k, 0)}" for k in LEAN_ORDER if lean.get(k))
    out = [f"  Landscape: {bar or 'no outlets'}"]
    if land.get("by_country"):
        out.append("  Countries: " + ", ".join(f"{k} {v}" for k, v in sorted(land["by_country"].items())))
    if land.get("by_ownership"):
        out.append("  Ownership: " + ", ".join(f"{k} {v}" for k, v in sorted(land["by_ownership"].items())))
    out.append(f"  Independent outlets: {land.get('independent_outlets', 0)}")
    blind = story.get("blindspot")
    if blind:
        out.append(f"  {blind.get('text') or 'Blindspot: ' + str(blind.get('side'))}")
    return out


def _comparison_lines(story: dict[str, Any], cite: _Cites) -> list[str]:
    out: list[str] = []
    claims = story.get("claims") or []
    shared = [c for c in claims if c["status"] in ("consensus", "majority")]
    if shared:
        out.append("  All or most sources report")
        for c in shared[:12]:
            flag = "  (unverified)" if not c.get("verified", True) else ""
            out.append(_wrap(f"- {c['text']} {cite(c['article_ids'])}{flag}", indent="    "))
    unique = story.get("unique_claims") or []
    by_id = {c["id"]: c for c in claims}
    if unique:
        out.append("  Only some report")
        for u in unique:
            texts = [by_id[cid]["text"] for cid in u["claim_ids"] if cid in by_id][:4]
            if texts:
                out.append(f"    {u['outlet']}:")
                out.extend(_wrap(f"- {t}", indent="      ") for t in texts)
    conflicts = story.get("conflicts") or []
    if conflicts:
        out.append("  Where sources disagree")
        for c in conflicts:
            out.append(f"    {c['about']}:")
            for v in c["variants"]:
                out.append(_wrap(f"- {v['value']}: {v['text']} {cite(v['article_ids'])}", indent="      "))
    quotes = story.get("quotes") or []
    if quotes:
        out.append("  Quotes")
        for q in quotes[:10]:
            who = q.get("speaker") or "unattributed"
            relays = cite.outlets(q["article_ids"])
            out.append(_wrap(f"- {who}: \u201c{q['text']}\u201d (relayed by {relays})", indent="    "))
    origins = story.get("origins")
    if origins:
        out.append(f"  Origins: {origins['text']}")
    rows = []
    for f in (story.get("framing") or [])[:8]:
        cells = [f"{cite.outlets([aid])}: {', '.join(lbl)}" for aid, lbl in f["labels"].items() if lbl]
        if cells:
            rows.append(_wrap(f"- {f['entity']} — " + "; ".join(cells), indent="    "))
    if rows:
        out.append("  How outlets name the actors")
        out.extend(rows)
    return out


def _sources_lines(story: dict[str, Any], cite: _Cites) -> list[str]:
    out = ["  Sources"]
    ids = list(cite.order) + [a for a in story["article_ids"] if a not in cite.order]
    for aid in ids:
        art = cite.articles.get(aid) or {}
        info = art.get("outlet_info") or {}
        rating = f"{info['lean']} ({info.get('lean_rater')})" if info.get("lean") else "unrated"
        copy = f", copy of {art['duplicate_of']}" if art.get("duplicate_of") else ""
        num = cite([aid])
        name = art.get("outlet") or f"unknown outlet ({art.get('display_name') or aid})"
        out.append(_wrap(f"{num} {name} — {rating}{copy}: "
                         f"{_short(art.get('title'), 80)}", indent="    "))
    return out


def render_story(story: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    cite = _Cites(articles)
    n = len(story["article_ids"])
    lines = [f"■ {story['title']}", f"  {story['id']} · {n} article{'s' if n != 1 else ''}"]
    lines += _landscape_lines(story)
    lines += _summary_lines(story, cite)
    lines += _comparison_lines(story, cite)
    lines += _sources_lines(story, cite)
    return "\n".join(lines)


def render_report(doc: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in doc.get("articles", [])}
    if not doc.get("stories"):
        return "no stories to report"
    parts = [render_story(s, articles) for s in doc["stories"]]
    return "\n\n".join(parts)


def _summary_info_lines(story: dict[str, Any]) -> list[str]:
    info = story.get("summary_info") or {}
    out = []
    if info.get("fallback"):
        out.append(f"  (the {info.get('summarizer')} summariser failed: {info['fallback']}; extractive summary shown)")
    if info.get("dropped_unsupported"):
        out.append(f"  ({info['dropped_unsupported']} generated sentence(s) dropped: not supported by the cited articles)")
    return out


def render_summary(story: dict[str, Any], articles: list[dict[str, Any]]) -> str:
    cite = _Cites({a["id"]: a for a in articles})
    lines = [f"■ {story['title']}"] + _summary_lines(story, cite) + _summary_info_lines(story)
    lines += _sources_lines(story, cite)
    return "\n".join(lines)
