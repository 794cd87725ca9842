"""Where sources differ and who is quoted: sentences built from the compare and framing results.

These sections name outlets ("Outlet A reports at least six strikes; Outlet B reports at least eight
drug boats"). Each clause only carries words lifted from the articles of the outlets it names, and the
whole sentence goes through the same support checker as extracted ones, clause by clause.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from storyscope.model import Conflict, Framing, Quote, SummarySentence
from storyscope.summarize.extractive import (
    WEAK_START,
    is_hedged,
)
from storyscope.summarize.figures import number_phrase, sentence_with
from storyscope.summarize.material import Material
from storyscope.summarize.pool import Candidate, overlap
from storyscope.summarize.support import hedges
from storyscope.summarize.text import (
    content_words,
    numbers,
    squash,
)


def conflict_sentence(m: Material, conflict: Conflict) -> SummarySentence | None:
    clauses: list[str] = []
    ids: list[str] = []
    for v in conflict.variants[:3]:
        members = [i for i in v.article_ids if i in m.by_id]
        if not members:
            continue
        phrase: str | None = None
        vals = numbers(v.value)
        if conflict.kind == "number" and vals:
            value = next(iter(vals))
            source = (
                v.text
                if value in numbers(v.text)
                else sentence_with(m, members[0], value, conflict.about)
            )
            phrase = number_phrase(source, value) if source else None
        phrase = phrase or v.value
        backers = [
            i
            for i in members
            if m.cite(f"{m.name(i)} reports {phrase}", "where_sources_differ", [i], True)
        ]
        if not backers:
            continue
        verb = m.verb(backers, "reports", "report")
        clauses.append(f"{m.join(backers)} {verb} {phrase}")
        ids += backers
    if len(clauses) < 2:
        return None
    text = "; ".join(clauses) + "."
    return m.cite(text, "where_sources_differ", ids, connective=True, exact=True)


def _verb(m: Material, ids: Sequence[str], one: str, many: str) -> str:
    return m.verb(ids, one, many)


def framing_sentence(m: Material, f: Framing) -> SummarySentence | None:
    """Outlet C calls Maduro "dictator"; others call Maduro Venezuelan President.

    Only for people, and only when the odd label is more loaded than the common one. Labels that
    differ only in form ("Venezuela's president", "Venezuelan President") count as one; the common
    one is written without quotation marks since outlets word it differently.
    """
    if f.kind != "person":
        return None
    holders: dict[tuple[str, ...], set[str]] = {}
    shown: dict[tuple[str, ...], str] = {}
    for aid, labels in f.labels.items():
        if aid not in m.by_id:
            continue
        for label in labels:
            key = tuple(sorted(set(content_words(label))))
            if key:
                holders.setdefault(key, set()).add(aid)
                shown.setdefault(key, label)
    if len(holders) < 2:
        return None
    covered = {a for ids in holders.values() for a in ids}
    common = max(holders, key=lambda k: (len(holders[k]), -m.loadedness(shown[k])))
    rare = [
        k
        for k in holders
        if k != common
        and not holders[k] & holders[common]
        and m.loadedness(shown[k]) > m.loadedness(shown[common])
    ]
    if not rare:
        return None
    odd = max(rare, key=lambda k: (m.loadedness(shown[k]), len(holders[k])))
    name = f.entity.split()[-1]
    odd_ids = sorted(holders[odd])
    rest_ids = sorted(holders[common])
    first = f"{m.join(odd_ids)} {_verb(m, odd_ids, 'calls', 'call')} {name} “{shown[odd]}”"
    if set(rest_ids) | set(odd_ids) == covered and len(rest_ids) >= 2:
        second = f"others call {name} {shown[common]}"
    else:
        second = f"{m.join(rest_ids)} {_verb(m, rest_ids, 'calls', 'call')} {name} {shown[common]}"
    text = f"{first}; {second}."
    return m.cite(text, "where_sources_differ", odd_ids + rest_ids, connective=True, exact=True)


def _full_sentence(m: Material, article_ids: Sequence[str], wording: str) -> Candidate | None:
    """The pool sentence a claim wording comes from, when the wording is most of that sentence."""
    best, score = None, 0.0
    for c in m.pool:
        if c.article_id in article_ids:
            s = min(overlap(wording, c.raw), overlap(c.raw, wording))
            if s > score:
                best, score = c, s
    return best if best is not None and score >= 0.6 and not WEAK_START.match(best.text) else None


def unique_sentences(m: Material, used: set[str], k: int = 2) -> list[SummarySentence]:
    """One claim only this outlet carries, per outlet, as the outlet's own full sentence."""
    out: list[SummarySentence] = []
    claims = {c.id: c for c in m.claims}
    for u in m.unique_claims:
        for cid in u.claim_ids:
            claim = claims.get(cid)
            if claim is None:
                continue
            wordings = [v.text for v in claim.variants if v.article_id in u.article_ids]
            cand = _full_sentence(m, u.article_ids, wordings[0] if wordings else claim.text)
            if cand is None or (is_hedged(m, cand) and not cand.attributed):
                continue
            if hedges(cand.text) and any(k.startswith("unverified:") for k in used):
                continue  # already said, citing every article that says it
            ids = [cand.article_id]
            text = f"Only {m.join(ids)} reports: {cand.text.rstrip('.')}."
            s = m.cite(text, "where_sources_differ", ids, connective=True, exact=True)
            if s is not None and s.text not in used:
                used.add(s.text)
                out.append(s)
                break
        if len(out) >= k:
            break
    return out


def where_sources_differ(m: Material, used: set[str]) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    for conflict in m.conflicts[:3]:
        s = conflict_sentence(m, conflict)
        if s is not None and s.text not in used:
            used.add(s.text)
            out.append(s)
    framings = sorted(
        m.framing,
        key=lambda f: -sum(m.loadedness(x) for labels in f.labels.values() for x in labels),
    )
    for f in framings[:6]:
        s = framing_sentence(m, f)
        if s is not None and s.text not in used and len([o for o in out if "“" in o.text]) < 2:
            used.add(s.text)
            out.append(s)
    return out + unique_sentences(m, used)


def _quote_text(q: Quote, m: Material) -> tuple[str, list[str]]:
    """The wording of a quote carried word for word by the most articles, and those articles."""
    wordings = [q.text] + [v.text for v in q.variants]
    best, backers = q.text, list[str]()
    for w in dict.fromkeys(wordings):
        key = " " + squash(w) + " "
        ids = [
            i for i in q.article_ids if i in m.by_id and key in " " + squash(m.by_id[i].body) + " "
        ]
        if len(ids) > len(backers):
            best, backers = w, ids
    return best, backers


def who_is_quoted(m: Material, used: set[str], k: int = 3) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    quotes = sorted((q for q in m.quotes if q.speaker), key=lambda q: -len(q.article_ids))
    speakers: Counter[str] = Counter()
    for q in quotes:
        assert q.speaker is not None
        if speakers[q.speaker] >= 2 or len(q.text.split()) < 5:
            continue
        text, backers = _quote_text(q, m)
        if not backers:
            continue
        text = text.strip().strip('"“”').rstrip(",")
        if len(text.split()) < 5:
            continue
        verb = m.verb(backers, "quotes", "quote")
        s = m.cite(
            f"{m.join(backers)} {verb} {q.speaker}: “{text}”.",
            "who_is_quoted",
            backers,
            True,
            exact=True,
        )
        if s is not None and s.text not in used:
            used.add(s.text)
            out.append(s)
            speakers[q.speaker] += 1
        if len(out) >= k:
            break
    for a in m.attributions[:2]:
        ids = [i for i in a.article_ids if i in m.by_id and m.name(i) != a.source]
        if not ids:
            continue
        verb = m.verb(ids, "cites", "cite")
        s = m.cite(
            f"{m.join(ids)} {verb} {a.source} as a source.", "who_is_quoted", ids, True, exact=True
        )
        if s is not None and s.text not in used:
            used.add(s.text)
            out.append(s)
    return out


__all__ = [
    "conflict_sentence",
    "framing_sentence",
    "where_sources_differ",
    "who_is_quoted",
]
