"""Headlines side by side: who is named first, with which verb, and against what backdrop.

"Maduro claims ... as US pressure builds" and "Maduro warns ... in the face of Trump's Caribbean
offensive" put the same news in different light through three choices a reader rarely notices:
the actor named first (and how: "Maduro" or "Venezuela's president"), the main verb, and the
"as / amid / in the face of" clause that supplies a cause.
"""

from __future__ import annotations

import re

from storyscope.framing.actors import Actor, Doc, headline_case
from storyscope.framing.coref import role_holder
from storyscope.framing.labels import Labels
from storyscope.framing.lexicon import Lexicon
from storyscope.framing.text import fold, tokenize
from storyscope.model import Headline

_PREFIX = re.compile(
    r"^\s*(?:[A-Z][A-Z ]{2,20}|Perspectives|Opinion|Analysis|Watch|Live)\s*[:|\-\u2013\u2014]\s+"
)
_CAUSE = re.compile(
    r"\b(in the face of|in response to|as|amid|amidst|after|following|despite|over|because of|due to|while)\s+\S",
    re.IGNORECASE,
)
_LEADING_CAUSE = re.compile(
    r"^\s*((?:amid|amidst|as|after|despite|following|in the face of)\s+[^,]+),\s*(.+)$",
    re.IGNORECASE,
)
_NOT_CAUSE = re.compile(
    r"\b(?:known|such|as well|so|just|same|much|many|long|soon)\s+as\s+$", re.IGNORECASE
)
_NOT_OVER = re.compile(
    r"\s+(?:\d|the (?:weekend|holiday|summer|winter|years?|past)|\w+ (?:day|weekend|holiday)s?\b)",
    re.IGNORECASE,
)
_ADVERBS = {
    "also", "now", "again", "still", "reportedly", "allegedly", "officially", "quietly", "finally",
    "will", "to",
}  # fmt: skip


def headline(doc: Doc, actors: dict[str, Actor], labels: Labels, lex: Lexicon) -> Headline:
    article = doc.article
    title = (article.title or "").strip()
    offset = 0
    if not title:
        first = doc.sents[0] if doc.sents else None
        title = doc.text[first.start : first.end] if first else ""
        offset = first.start if first else 0
    prefix = _PREFIX.match(title)
    if prefix:
        offset += prefix.end()
        title = title[prefix.end() :]
    end = offset + len(title)
    first_actor, first_as, actor_end = _first_actor(doc, offset, end, actors, labels, lex)
    verb = _verb(doc.text[actor_end:end] if first_actor else title, lex, headline_case(title))
    return Headline(
        article_id=article.id,
        outlet=article.outlet,
        title=title,
        first_actor=first_actor,
        verb=verb,
        cause=_cause(title),
        first_actor_as=first_as,
    )


def _first_actor(
    doc: Doc, start: int, end: int, actors: dict[str, Actor], labels: Labels, lex: Lexicon
) -> tuple[str | None, str | None, int]:
    spans: list[tuple[int, int, str]] = [
        (m.start, m.end, m.actor)
        for m in doc.mentions
        if start <= m.start < end and actors[m.actor].kind in {"person", "org", "place", "group"}
    ]
    spans += [(s, e, who) for s, e, who in labels.refs.get(doc.id, []) if start <= s < end]
    if not spans:
        return None, None, start
    s, e, who = min(spans, key=lambda x: (x[0], -x[1]))
    role = _role_after(doc.text[e:end], lex)
    if role is not None and actors.get(who) and actors[who].kind != "person":
        # "US envoy to Haiti Daniel Foote", "DHS secretary orders": the role holder comes first.
        word, role_end = role
        near = e + role_end + 20
        later = [
            x
            for x in spans
            if e < x[0] <= near and actors.get(x[2]) and actors[x[2]].kind == "person"
        ]
        if later:
            _, e2, person = min(later)
            return person, doc.text[s:e2], e2
        holder = role_holder(word, set(), actors, labels)
        if holder:
            return holder, doc.text[s : e + role_end], e + role_end
    for label in labels.person.get(who, {}).get(doc.id, []):
        before = doc.text[start:s].rstrip()
        if before.endswith(label):  # "Chilean leader [Marta Ibáñez]": the title is how it names her
            s = start + len(before) - len(label)
            break
    return who, doc.text[s:e], e


def _role_after(text: str, lex: Lexicon) -> tuple[str, int] | None:
    """The role noun right after a place or organisation ("US [special envoy]"), with its end."""
    for m in re.finditer(r"\S+", text[:60]):
        word = fold(m.group()).rstrip(".,")
        if word in lex.roles:
            return word, m.start() + len(m.group().rstrip(".,"))
        if word not in lex.modifiers:
            return None
    return None


def _verb(rest: str, lex: Lexicon, capitalised: bool) -> str | None:
    """The first reporting verb after the actor, else the first present-tense verb right after it."""
    toks = [t for t in tokenize(rest) if t.text[:1].isalpha() or t.text == "'s"]
    for t in toks[:6]:
        if fold(t.text) in lex.verbs:
            return t.text.lower()
    for t in toks[:5]:
        low = t.text.lower()
        if low in _ADVERBS or low in {"'s", "for", "of"} or fold(low) in lex.roles:
            continue
        if t.text[:1].isupper() and not capitalised:
            continue
        if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
            return low
        if low.endswith("ed") and len(low) > 4:
            return low
        break
    return None


def _cause(title: str) -> str | None:
    lead = _LEADING_CAUSE.match(title)
    if lead:
        return lead.group(1).strip()
    for m in _CAUSE.finditer(title):
        if m.start() == 0 or _NOT_CAUSE.search(title[: m.end(1) + 1]):
            continue
        if m.group(1).lower() == "over" and _NOT_OVER.match(title[m.end(1) :]):
            continue  # "over 65", "over the weekend": not a cause
        return title[m.start() :].strip().rstrip(".")
    return None
