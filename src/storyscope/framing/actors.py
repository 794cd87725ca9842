"""The story's actors: entity mentions from every article merged into one actor per real-world name.

Merging rules, in order: gazetteer aliases ("U.S.", "America" -> United States); accent-folded
spelling ("Nicolas Maduro" = "Nicolás Maduro"); same first and last name ("Donald J. Trump");
a lone surname or given name to the one full name of the story that ends (or starts) with it
("Maduro", "Maduro's"). After merging, every further occurrence of a person's surname in each
article becomes a mention too, so both NER backends see the same people.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from storyscope.framing.lexicon import Lexicon
from storyscope.framing.ner import NER, Entity
from storyscope.framing.text import Sentence, fold, normalise, quoted_spans, sentences
from storyscope.model import Article

KINDS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "MISC": "other",
}


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str
    actor: str  # canonical actor name


@dataclass
class Doc:
    """One article as the framing modules read it: title and body in one normalised string."""

    article: Article
    text: str
    title_end: int  # offset where the body starts (0 when there is no title)
    sents: list[Sentence]
    quotes: list[tuple[int, int]]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    _owner: list[int] = field(default_factory=list, repr=False)  # char -> mention index, -1

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right([s.start for s in self.sents], pos) - 1
        return self.sents[i] if i >= 0 and pos < self.sents[i].end else None

    def set_mentions(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._owner = [-1] * len(self.text)
        for index, m in enumerate(self.mentions):
            for pos in range(m.start, m.end):
                if self._owner[pos] < 0:
                    self._owner[pos] = index

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The first mention overlapping ``[start, end)``."""
        for pos in range(max(start, 0), min(end, len(self._owner))):
            if self._owner[pos] >= 0:
                return self.mentions[self._owner[pos]]
        return None


@dataclass
class Actor:
    name: str
    kind: str
    variants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article_id for m in self.mentions))

    @property
    def surname(self) -> str | None:
        parts = self.name.split()
        return parts[-1] if self.kind == "person" and len(parts) > 1 else None


def make_doc(article: Article) -> Doc:
    title = (article.title or "").strip()
    text = normalise(f"{title}\n\n{article.body}" if title else article.body)
    return Doc(article, text, len(title) + 2 if title else 0, sentences(text), quoted_spans(text))


@dataclass
class _Raw:
    doc: Doc
    ent: Entity
    name: str  # canonical before cross-article merging


def find_actors(docs: list[Doc], ner: NER, lex: Lexicon) -> dict[str, Actor]:
    """Run NER on every doc, merge the names and fill ``doc.mentions``; actors keyed by name."""
    raws: list[_Raw] = []
    for doc in docs:
        text = doc.text
        if doc.title_end and headline_case(text[: doc.title_end]):
            # "Biden Waives Executive Privilege": every word is capitalised, so names are found
            # in the title only by matching the names the bodies gave (see _propagate).
            text = " " * doc.title_end + text[doc.title_end :]
        for ent in ner.entities(text):
            if ent.label == "NORP" or fold(ent.text) in lex.demonyms:
                continue
            known = lex.gazetteer_kind(ent.text)
            name = known[0] if known else ent.text
            label = known[1] if known else ent.label
            raws.append(_Raw(doc, Entity(ent.text, label, ent.start, ent.end), name))
    canon = _merge_names(raws)
    actors: dict[str, Actor] = {}
    for raw in raws:
        name = canon[fold(raw.name)]
        actor = actors.setdefault(name, Actor(name, "other"))
        if raw.ent.text not in actor.variants:
            actor.variants.append(raw.ent.text)
        actor.mentions.append(Mention(raw.doc.id, raw.ent.start, raw.ent.end, raw.ent.text, name))
    labels: dict[str, Counter[str]] = {}
    for raw in raws:
        labels.setdefault(canon[fold(raw.name)], Counter())[raw.ent.label] += 1
    heads = frozenset().union(*(c.heads for c in lex.concepts)) if lex.concepts else frozenset()
    for name, actor in actors.items():
        actor.kind = _kind(name, labels[name], lex)
        if actor.kind in {"org", "other"} and _product_like(actor, docs, heads):
            actor.kind = "other"
        elif actor.kind == "other" and _owns_government(actor, docs, lex):
            actor.kind = "person"  # "the Biden administration": a leader's surname
    _propagate(docs, actors)
    for doc in docs:
        seen: dict[tuple[int, int], Mention] = {}
        for actor in actors.values():
            for m in actor.mentions:
                if m.article_id == doc.id:
                    seen.setdefault((m.start, m.end), m)
        doc.set_mentions(list(seen.values()))
    return actors


def _product_like(actor: Actor, docs: list[Doc], heads: frozenset[str]) -> bool:
    """ "Igla-S missiles", "Navy ships": a name mostly used as a modifier of a thing is no actor."""
    texts = {d.id: d.text for d in docs}
    modifier = 0
    for m in actor.mentions:
        following = re.findall(r"[\w-]+|[^\w\s]", texts[m.article_id][m.end : m.end + 60])[:3]
        for word in following:
            if fold(word) in heads or fold(word) in {"system", "systems", "type", "model"}:
                modifier += 1
                break
            if word[:1].isupper() or not word[:1].isalnum():
                break
    return modifier * 2 >= len(actor.mentions) > 0


def _owns_government(actor: Actor, docs: list[Doc], lex: Lexicon) -> bool:
    texts = {d.id: d.text for d in docs}
    for m in actor.mentions:
        nxt = re.match(r"(?:'s)?\s+(\w+)", texts[m.article_id][m.end : m.end + 30])
        if nxt and fold(nxt.group(1)) in lex.government_nouns:
            return True
    return False


def _kind(name: str, labels: Counter[str], lex: Lexicon) -> str:
    key = fold(name)
    if key in lex.groups:
        return "group"
    if lex.gazetteer_kind(name):
        return "place" if lex.canonical_place(name) else "org"
    votes = sum(labels.values())
    if fold(name.split()[-1]) not in lex.org_words and (
        (" " in name and labels["PERSON"]) or 3 * labels["PERSON"] >= votes > 0
    ):
        return "person"  # spaCy calls the same "Biden" PERSON here and ORG there
    best = max(
        (lbl for lbl in labels if lbl != "MISC"), key=lambda lbl: labels[lbl], default="MISC"
    )
    return KINDS.get(best, "other")


def _merge_names(raws: list[_Raw]) -> dict[str, str]:
    """Folded name -> canonical display name across the whole story."""
    forms: dict[str, Counter[str]] = {}
    person_votes: Counter[str] = Counter()
    for raw in raws:
        key = fold(raw.name)
        forms.setdefault(key, Counter())[raw.name] += 1
        if raw.ent.label == "PERSON":
            person_votes[key] += 1
    keys = sorted(forms, key=lambda k: -len(k.split()))
    target: dict[str, str] = {}
    full = [
        k for k in keys if len(k.split()) > 1 and (person_votes[k] or person_votes[k.split()[-1]])
    ]
    for key in keys:
        parts = key.split()
        if len(parts) > 1:
            twin = next(
                (
                    f
                    for f in full
                    if f != key
                    and f.split()[0] == parts[0]
                    and f.split()[-1] == parts[-1]
                    and f in target.values()
                ),
                None,
            )
            target[key] = twin or key
            continue
        by_last = [f for f in full if f.split()[-1] == key]
        by_first = [f for f in full if f.split()[0] == key]
        candidates = by_last or by_first
        if candidates:
            target[key] = max(candidates, key=lambda f: sum(forms[f].values()))
        else:
            target[key] = key
    canon: dict[str, str] = {}
    for key, root in target.items():
        variants = forms[root]
        # Prefer the spelling with accents ("Nicolás"), then the most frequent one.
        display = max(variants, key=lambda v: (any(ord(c) > 127 for c in v), variants[v]))
        canon[key] = display
    return canon


def headline_case(title: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _propagate(docs: list[Doc], actors: dict[str, Actor]) -> None:
    """Every further occurrence of a known name (a person's surname too) is a mention.

    One pass per article over all names at once, longest name first, never inside a span some
    mention already covers. When two actors share a name, people win, then the most-named.
    """
    owner: dict[str, Actor] = {}
    ranked = sorted(actors.values(), key=lambda a: (a.kind != "person", -len(a.mentions)))
    for actor in ranked:
        if actor.kind == "other":
            continue
        names = {v for v in actor.variants if len(v) > 2 or actor.kind == "place"}
        names.add(actor.name)
        if actor.surname:
            names.add(actor.surname)
        for name in names:
            owner.setdefault(name, actor)
    if not owner:
        return
    alternatives = "|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])")
    for doc in docs:
        covered = bytearray(len(doc.text))
        for actor in actors.values():
            for known in actor.mentions:
                if known.article_id == doc.id:
                    covered[known.start : known.end] = b"\x01" * (known.end - known.start)
        for m in pattern.finditer(doc.text):
            if any(covered[m.start() : m.end()]):
                continue
            actor = owner[m.group()]
            actor.mentions.append(Mention(doc.id, m.start(), m.end(), m.group(), actor.name))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
