"""Phrases used in a name's place, resolved to the actor they stand for.

"the Venezuelan leader" and "Venezuela's president" resolve to the person whose own titles in the
story name that country and a leader role ("Venezuelan President Nicolás Maduro"); when no title
does, to the most-named person titled with that role who leads no other named country. "the
president" or "the socialist strongman" (no country) resolve to the last person so titled, or the
last leader, named before them in the article. "the South American country" resolves to the last
country of that region named before it.

Governments ("his government", "Maduro's regime", "the Chavista regime", "the Trump
administration") belong to a separate actor, ``<leader>'s government``: what an outlet calls a
government is not what it calls the person, and two rows let the table show both.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from storyscope.framing.actors import Actor, Doc, Mention
from storyscope.framing.labels import (
    COUNTRY_NOUNS,
    DETS,
    GOVERNMENT,
    Labels,
    around,
    span,
    valid,
)
from storyscope.framing.lexicon import Lexicon
from storyscope.framing.text import Token, fold


def describe(docs: list[Doc], actors: dict[str, Actor], lex: Lexicon) -> Labels:
    out = Labels()
    for doc in docs:
        for m in doc.mentions:
            sent = doc.sentence_at(m.start)
            if sent is None:
                continue
            for label in around(doc, sent, m, actors, lex):
                out.add(out.person, m.actor, doc.id, label)
    leaders = _leaders(out, actors, lex)
    for doc in docs:
        _stand_ins(doc, actors, leaders, lex, out)
    return out


def _countries_in(label: str, lex: Lexicon) -> set[str]:
    """Countries a phrase names: "Venezuela's", "Venezuelan", "US" (not "South American")."""
    out: set[str] = set()
    words = label.replace("'s", " 's").split()
    countries = set(lex.countries_by_name.values())
    i = 0
    while i < len(words):
        pair = fold(" ".join(words[i : i + 2])) if i + 1 < len(words) else ""
        if pair in lex.country_of:
            if lex.country_of[pair] in countries:
                out.add(lex.country_of[pair])
            i += 2
            continue
        w, key = words[i], fold(words[i])
        place = lex.canonical_place(w) if i + 1 < len(words) and words[i + 1] == "'s" else None
        if place:
            out.add(place)
        elif key in lex.country_of and (key in lex.demonyms or w.isupper()):
            out.add(lex.country_of[key])
        i += 1
    return out & countries if out else out


def _leaders(out: Labels, actors: dict[str, Actor], lex: Lexicon) -> dict[str, str]:
    """Country -> the person the story's own titles make its leader ("Venezuelan President X")."""
    votes: dict[str, Counter[str]] = {}
    for name, per_article in out.person.items():
        if actors[name].kind != "person":
            continue
        for labels in per_article.values():
            for label in labels:
                words = fold(label).split()
                if not any(w in lex.leader_roles for w in words):
                    continue
                for country in _countries_in(label, lex):
                    votes.setdefault(country, Counter())[name] += 1
    return {country: c.most_common(1)[0][0] for country, c in votes.items()}


def _stand_ins(
    doc: Doc, actors: dict[str, Actor], leaders: dict[str, str], lex: Lexicon, out: Labels
) -> None:
    heads = lex.leader_roles | lex.government_nouns | COUNTRY_NOUNS
    for sent in doc.sents:
        toks = sent.tokens
        for i, tok in enumerate(toks):
            if tok.low not in heads:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and (
                doc.mention_at(nxt.start, nxt.end) or (nxt.is_cap and nxt.text != "'s")
            ):
                continue  # a title before a name: read by _title_chain
            np, owner = _stand_in_np(doc, toks, i, lex)
            if not np:
                continue
            label = span(doc, np)
            government = tok.low in lex.government_nouns
            if tok.low in COUNTRY_NOUNS:
                who = _country(doc, np, tok, actors, lex)
                if who and valid(label, lex):
                    out.add(out.person, who, doc.id, label)
                    out.refs.setdefault(doc.id, []).append((np[0].start, np[-1].end, who))
                continue
            who = _resolve(doc, np, owner, tok, government, actors, leaders, lex, out)
            if who and valid(label, lex):
                out.add(out.government if government else out.person, who, doc.id, label)
                ref = who + GOVERNMENT if government else who
                out.refs.setdefault(doc.id, []).append((np[0].start, np[-1].end, ref))


def _stand_in_np(
    doc: Doc, toks: tuple[Token, ...], head: int, lex: Lexicon
) -> tuple[list[Token], Mention | None]:
    np = [toks[head]]
    owner: Mention | None = None
    j = head - 1
    while j >= 0:
        tok = toks[j]
        low = tok.low.rstrip(".")
        mention = doc.mention_at(tok.start, tok.end)
        if tok.text == "'s" and j > 0:
            owner_tok = toks[j - 1]
            owner = doc.mention_at(owner_tok.start, owner_tok.end)
            if owner is None and not (
                lex.canonical_place(owner_tok.text) or owner_tok.low in {"country", "nation"}
            ):
                return [], None
            start = (
                next(
                    (
                        k
                        for k in range(j - 1, -1, -1)
                        if not doc.mention_at(toks[k].start, toks[k].end)
                    ),
                    -1,
                )
                + 1
            )
            if owner is None:
                start = j - 1
            np[:0] = list(toks[start : j + 1])
            if start > 0 and toks[start - 1].low == "the":
                np.insert(0, toks[start - 1])
            return np, owner
        if mention is not None and j == head - 1:
            owner = mention  # "the Trump administration"
            np.insert(0, tok)
        elif (
            low in lex.modifiers
            or low in lex.demonyms
            or low in lex.tone["labels"]
            or (mention is None and low in lex.country_of)
            or (mention is None and tok.is_cap and j > 0 and toks[head].low in COUNTRY_NOUNS)
        ):
            np.insert(0, tok)
        elif low in DETS:
            np.insert(0, tok)
            return np, owner
        else:
            break
        j -= 1
    # Without a determiner only "Venezuelan leader" (a country word) or "Biden administration"
    # (an owner's name) stands in for a name.
    if len(np) > 1 and (
        owner is not None or fold(np[0].text) in lex.demonyms or fold(np[0].text) in lex.country_of
    ):
        return np, owner
    return [], None


def _resolve(
    doc: Doc,
    np: list[Token],
    owner: Mention | None,
    head: Token,
    government: bool,
    actors: dict[str, Actor],
    leaders: dict[str, str],
    lex: Lexicon,
    out: Labels,
) -> str | None:
    if owner is not None:
        actor = actors.get(owner.actor)
        if actor and actor.kind == "person" and (government or np[0].low != "the"):
            return actor.name
        if actor and actor.kind == "place":
            known = leaders.get(actor.name)
            if known or government:
                return known
            return role_holder(head.low, set(leaders.values()), actors, out)
        return None
    countries = _countries_in(span(doc, np), lex)
    if countries:
        known = next((leaders[c] for c in sorted(countries) if c in leaders), None)
        return known or role_holder(head.low, set(leaders.values()), actors, out)
    if np[0].low in {"his", "her"}:
        return _last_person(doc, head.start, actors, lambda a: True)
    if np[0].low != "the" or government:
        return None
    role = head.low
    titled = _last_person(
        doc,
        head.start,
        actors,
        lambda a: any(role in fold(x) for xs in out.person.get(a.name, {}).values() for x in xs),
    )
    # "the socialist strongman": no one is titled so, but the last leader named is meant.
    leader_set = set(leaders.values())
    return titled or _last_person(doc, head.start, actors, lambda a: a.name in leader_set)


def _country(
    doc: Doc, np: list[Token], head: Token, actors: dict[str, Actor], lex: Lexicon
) -> str | None:
    """ "the South American country" -> the country named last before it (needs a modifier)."""
    if np[0].low != "the" or len(np) < 3:
        return None
    phrase = fold(span(doc, np))
    region = next(
        (c for r, c in lex.regions.items() if re.search(rf"\b{re.escape(r)}\b", phrase)), None
    )
    named = _countries_in(span(doc, np), lex) if region is None else set()
    if named:
        return next(iter(sorted(named)))
    for m in reversed(doc.mentions):
        if (
            m.start < head.start
            and actors[m.actor].kind == "place"
            and fold(m.actor) in lex.countries_by_name
        ) and (region is None or m.actor in region):
            return m.actor
    return None


def role_holder(
    role: str, other_leaders: set[str], actors: dict[str, Actor], out: Labels
) -> str | None:
    """The most-named person the story titles with ``role`` who leads no other named country."""
    holders = [
        a
        for a in actors.values()
        if a.kind == "person"
        and a.name not in other_leaders
        and any(role in fold(x) for xs in out.person.get(a.name, {}).values() for x in xs)
    ]
    return max(holders, key=lambda a: len(a.mentions)).name if holders else None


def _last_person(
    doc: Doc, pos: int, actors: dict[str, Actor], ok: Callable[[Actor], bool]
) -> str | None:
    for m in reversed(doc.mentions):
        if m.start >= pos:
            continue
        actor = actors[m.actor]
        if actor.kind == "person" and ok(actor):
            return actor.name
    return None
