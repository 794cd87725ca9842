"""Which verbs each article uses to report each speaker, and whether the verb is neutral or loaded.

"Maduro said" and "Maduro claimed" report the same statement; the second casts doubt. The speaker
is found next to the verb: before it (a name, a stand-in such as "the Venezuelan president", or
"he"/"she" for the last person named), after it in a quote inversion ('"...," said Maduro'), or
the subject of the same sentence for a second verb joined by "and". Verbs inside quotes belong to
the quoted speaker and are skipped, as are nouns ("his claims") and passives ("was told").
"""

from __future__ import annotations

from collections import Counter

from storyscope.framing.actors import Actor, Doc
from storyscope.framing.labels import Labels
from storyscope.framing.lexicon import Lexicon
from storyscope.framing.text import Token, inside
from storyscope.model import ReportingVerb

GAP = {
    "also", "previously", "later", "has", "have", "had", "recently", "then", "publicly", "repeatedly",
    "again", "once", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "earlier", "first", "further", "quickly", "immediately", "separately", "reportedly", "allegedly",
    "will", "would", "could", "can", "may", "might", "did", "does", "not", "never",
    "flatly", "openly", "privately", "angrily", "firmly", "simply", "even", "already", "often",
}  # fmt: skip
NOUN_BEFORE = {
    "the", "a", "an", "his", "her", "its", "their", "our", "these", "those", "this", "that", "'s",
    "such", "any", "no", "whose",
}  # fmt: skip
PASSIVE = {"was", "were", "been", "be", "being", "is", "are", "get", "got"}
PRONOUNS = {"he", "she"}
PREPOSITIONS = {
    "in", "of", "at", "from", "for", "with", "to", "by", "on", "near", "against", "about", "toward",
    "towards",
}  # fmt: skip
SPEAKER_KINDS = {"person", "org", "place", "group", "government"}


def reporting_verbs(
    docs: list[Doc], actors: dict[str, Actor], labels: Labels, lex: Lexicon
) -> list[ReportingVerb]:
    found: dict[str, dict[str, list[str]]] = {}
    for doc in docs:
        refs = labels.refs.get(doc.id, [])
        for sent in doc.sents:
            toks = sent.tokens
            subject = _sentence_subject(doc, toks, actors, refs, lex)
            for i, tok in enumerate(toks):
                form = _verb_at(toks, i, lex)
                if form is None or inside(tok.start, doc.quotes):
                    continue
                prev = toks[i - 1].low if i else ""
                if (
                    prev in NOUN_BEFORE
                    or prev in PASSIVE
                    or (i + 1 < len(toks) and toks[i + 1].low == "by")
                ):
                    continue
                speaker = _left_speaker(doc, toks, i, actors, refs) or _right_speaker(
                    doc, toks, i, actors
                )
                if speaker is None and (prev == "and" or (prev == "," and form.endswith("ing"))):
                    speaker = subject
                if speaker is None:
                    continue
                subject = speaker
                cell = found.setdefault(speaker, {}).setdefault(doc.id, [])
                if form not in cell:
                    cell.append(form)
    out: list[ReportingVerb] = []
    for speaker, per in found.items():
        forms = {f for fs in per.values() for f in fs}
        readings = {f: lex.verbs[f].reading for f in sorted(forms)}
        why = {
            f: lex.verbs[f].why
            for f in sorted(forms)
            if lex.verbs[f].reading == "loaded" and lex.verbs[f].why
        }
        out.append(ReportingVerb(speaker, {a: tuple(v) for a, v in per.items()}, readings, why))
    totals = Counter({r.speaker: sum(len(v) for v in r.verbs.values()) for r in out})
    out.sort(key=lambda r: (-len(r.verbs), -totals[r.speaker], r.speaker))
    return out


def _verb_at(toks: tuple[Token, ...], i: int, lex: Lexicon) -> str | None:
    if i + 1 < len(toks) and f"{toks[i].low} {toks[i + 1].low}" in lex.verbs:
        return f"{toks[i].low} {toks[i + 1].low}"
    if toks[i].low in lex.verbs and not toks[i].is_cap:
        return toks[i].low
    return None


def _speaker_of(
    doc: Doc, tok: Token, actors: dict[str, Actor], refs: list[tuple[int, int, str]]
) -> str | None:
    m = doc.mention_at(tok.start, tok.end)
    if m is not None and m.end == tok.end:
        actor = actors[m.actor]
        return actor.name if actor.kind in SPEAKER_KINDS else None
    for _start, end, who in refs:
        if end == tok.end:
            return who
    if tok.low in PRONOUNS:
        for prior in reversed(doc.mentions):
            if prior.start < tok.start and actors[prior.actor].kind == "person":
                return prior.actor
    return None


INTRO = {
    "in",
    "on",
    "after",
    "since",
    "meanwhile",
    "however",
    "separately",
    "last",
    "earlier",
    "later",
}


def _sentence_subject(
    doc: Doc,
    toks: tuple[Token, ...],
    actors: dict[str, Actor],
    refs: list[tuple[int, int, str]],
    lex: Lexicon,
) -> str | None:
    """The actor the sentence opens with, after an introductory phrase ending in a comma.

    The subject phrase runs while words are names, titles or their glue ("U.S. Special Envoy for
    Haiti Daniel Foote"); a person in it wins over the places and organisations in the title.
    """
    start = 0
    comma = next((i for i, t in enumerate(toks[:12]) if t.text == ","), None)
    if comma is not None and toks and toks[0].low in INTRO:
        start = comma + 1
    found: list[str] = []
    for tok in toks[start : start + 12]:
        glue = tok.low in {"of", "for", "to", "'s", "the", "a", "an"}
        if not (tok.is_cap or glue or tok.low.rstrip(".") in lex.roles or tok.low in lex.modifiers):
            break
        who = _speaker_of(doc, tok, actors, refs)
        if who is not None and who not in found:
            found.append(who)
    people = [w for w in found if w in actors and actors[w].kind == "person"]
    ranked = people or found
    return ranked[0] if ranked else None


def _left_speaker(
    doc: Doc,
    toks: tuple[Token, ...],
    i: int,
    actors: dict[str, Actor],
    refs: list[tuple[int, int, str]],
) -> str | None:
    j = i - 1
    while j >= 0 and i - j <= 4 and toks[j].low in GAP:
        j -= 1
    if j < 0:
        return None
    if toks[j].low == "who" and j >= 2 and toks[j - 1].text == ",":
        j -= 2  # "Trump, who claimed ..."
    if toks[j].text == ",":
        # "Trump, who ..., said": skip one comma-enclosed clause after the name.
        k = j - 1
        while k >= 0 and toks[k].text != "," and j - k < 15:
            k -= 1
        if k > 0 and toks[k].text == ",":
            return _speaker_of(doc, toks[k - 1], actors, refs)
        return None
    m = doc.mention_at(toks[j].start, toks[j].end)
    if m is not None:
        first = next((k for k in range(j, -1, -1) if toks[k].start <= m.start), j)
        if first > 0 and toks[first - 1].low in PREPOSITIONS:
            return None  # "the ambassador in Moscow said": Moscow is not the speaker
    return _speaker_of(doc, toks[j], actors, refs)


def _right_speaker(
    doc: Doc, toks: tuple[Token, ...], i: int, actors: dict[str, Actor]
) -> str | None:
    """'"...," said Maduro' : only right after a closing quote or comma."""
    if i == 0 or toks[i - 1].text not in {",", '"'} or i + 1 >= len(toks):
        return None
    m = doc.mention_at(toks[i + 1].start, toks[i + 1].end)
    if m is None:
        return None
    actor = actors[m.actor]
    return actor.name if actor.kind in SPEAKER_KINDS else None
