"""What each article calls each actor next to its name: titles, appositives, relative clauses.

Three patterns read around every mention (phrases used *instead of* a name are ``coref``'s job):

- pre-name titles and modifiers: "Venezuelan President [Nicolás Maduro]", "Dictator [Maduro]",
  "Secretary of State [Antony Blinken]", "US envoy to Haiti [Daniel Foote]";
- appositives on either side: "[Maduro], the country's leader,"; "his second in command, [Cabello]";
- non-restrictive relative clauses, shortened: "[Trump], who claimed the operation worked…".

Every label must contain a role or label noun from the lexicon (or be a "who ..." clause) and no
digit, date word or finite verb, so a stray fragment never reaches the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyscope.framing.actors import Actor, Doc, Mention
from storyscope.framing.lexicon import Lexicon
from storyscope.framing.text import Sentence, Token, fold

DETS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"}
STOPS = {
    "and", "or", "but", "between", "with", "by", "to", "for", "from", "that", "which", "as", "including",
    "like", "against", "on", "at", "than", "where", "when", "while", "after", "before", "about", "into",
    "over", "under", "said", "says", "both", "nor", "if", "because", "amid", "via", "toward", "towards",
}  # fmt: skip
FINITE = {
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "did", "does",
    "do", "shall", "should", "may", "might", "must", "says", "said", "be", "been",
}  # fmt: skip
DATE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "week", "month", "year",
}  # fmt: skip
NOUN_ING = {
    "king", "thing", "wing", "building", "meeting", "spring", "ring", "sibling", "offspring",
    "ruling",
}  # fmt: skip
RELATIVE_WORDS = 7
# A clause ending on one of these was cut short (by a quote, usually): not worth showing.
_DANGLING = {
    "he", "she", "they", "it", "the", "a", "an", "to", "of", "that", "his", "her", "their", "its",
    "and", "or", "was", "is",
}  # fmt: skip
MAX_WORDS = 12
GOVERNMENT = "'s government"
COUNTRY_NOUNS = {"country", "nation"}
PLACE_NOUNS = COUNTRY_NOUNS | {
    "city",
    "capital",
    "region",
    "province",
    "island",
    "territory",
    "state",
    "town",
    "port",
}


@dataclass
class Labels:
    """Labels per actor per article, in order of appearance, plus governments per leader."""

    person: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    government: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # article id -> (start, end, actor) of each stand-in phrase, so verbs can find their speaker;
    # a government's actor is its leader's name + GOVERNMENT.
    refs: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def add(
        self, table: dict[str, dict[str, list[str]]], actor: str, article: str, label: str
    ) -> None:
        label = " ".join(label.split())
        if label[:4] == "The ":
            label = "the " + label[4:]
        cell = table.setdefault(actor, {}).setdefault(article, [])
        if _key(label) not in {_key(x) for x in cell}:
            cell.append(label)


def _key(label: str) -> str:
    return re.sub(r"^(?:the|a|an) ", "", fold(label))


def around(
    doc: Doc, sent: Sentence, m: Mention, actors: dict[str, Actor], lex: Lexicon
) -> list[str]:
    """The labels written next to one mention: title chain, appositives, relative clause."""
    actor = actors[m.actor]
    toks = sent.tokens
    first = next((i for i, t in enumerate(toks) if t.start >= m.start), len(toks))
    last = next((i for i, t in enumerate(toks) if t.start >= m.end), len(toks))
    before, after = list(toks[:first]), list(toks[last:])
    if after and after[0].text == "'s":
        return []  # "Maduro's regime": the possessive is read by the stand-in pass
    found: list[str] = []
    if after and after[0].low.rstrip(".") in lex.roles and actor.kind != "person":
        return []  # "a White House spokesperson": the name only qualifies a role
    chain = (
        _title_chain(doc, before, lex, actor.kind == "person") if actor.kind != "place" else None
    )
    if chain:
        found.append(chain)
    if (
        before
        and before[-1].text == ","
        and (not after or after[0].text in {",", ".", ";", ")"} or after[0].low == "who")
    ):
        np = _np_left(doc, before[:-1], lex)
        if np:
            found.append(np)
    if len(after) > 1 and after[0].text == ",":
        if after[1].low == "who" and actor.kind == "person":
            rel = _relative(doc, after[1:])
            if rel:
                found.append(rel)
        else:
            people = {
                other.actor
                for other in doc.mentions
                if other.actor != actor.name and actors[other.actor].kind == "person"
            }
            np = _np_right(doc, after[1:], lex, people)
            if np and actor.kind == "place" and not PLACE_NOUNS & set(fold(np).split()):
                np = None  # "..., the United States, a Democrat,": not about the place
            if np:
                found.append(np)
    return [f for f in found if valid(f, lex)]


def is_role(words: list[str], lex: Lexicon) -> bool:
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n]).rstrip(".")
            if (
                phrase in lex.roles
                or phrase in lex.tone["labels"]
                or phrase in lex.government_nouns
            ):
                return True
    return False


def _title_chain(doc: Doc, before: list[Token], lex: Lexicon, person: bool) -> str | None:
    """ "Venezuelan President", "Russian Foreign Ministry spokeswoman", "Venezuela's president"."""
    chain: list[Token] = []
    i = len(before) - 1
    while i >= 0:
        tok, low = before[i], before[i].low.rstrip(".")
        if tok.text == "'s" and chain and i > 0 and lex.canonical_place(before[i - 1].text):
            chain[:0] = [before[i - 1], tok]
            break
        if (
            low in lex.roles
            or low in lex.modifiers
            or low in lex.demonyms
            or low in lex.tone["labels"]
        ):
            chain.insert(0, tok)
        elif (
            low in {"of", "for", "to"}
            and person
            and chain
            and chain[0].is_cap  # not "a friend of former President [Trump]"
            and not any(
                t.low.rstrip(".") in lex.roles for t in chain
            )  # nor "critic of Belarus President"
            and i > 0
            and before[i - 1].low.rstrip(".") in lex.roles
        ):
            chain.insert(0, tok)  # "Secretary of State", "Special Envoy for Haiti"
        elif (
            tok.is_cap
            and i > 1
            and not chain
            and before[i - 1].low in {"for", "to", "of"}
            and before[i - 2].low in lex.roles
        ):
            chain.insert(0, tok)  # the place in "envoy to Haiti [Daniel Foote]"
        elif (
            tok.is_cap
            and chain
            and (low in lex.org_words or tok.text.isupper() or doc.mention_at(tok.start, tok.end))
        ):
            chain.insert(0, tok)  # "NBC News producer", "Homeland Security Secretary"
            mention = doc.mention_at(tok.start, tok.end)
            while mention is not None and i > 0 and before[i - 1].start >= mention.start:
                i -= 1  # "House of Representatives Speaker": the whole name, not its last word
                chain.insert(0, before[i])
        elif low in {"the", "a", "an"} and chain:
            chain.insert(0, tok)
            break
        elif chain and f"{low} {chain[0].low.rstrip('.')}" in lex.roles:
            chain.insert(0, tok)  # "Surgeon General", "Attorney General"
        else:
            break
        i -= 1
    if (
        chain
        and chain[0].low.endswith("ed")
        and not chain[0].is_cap
        and (i < 0 or before[i].low not in DETS)
    ):
        chain = chain[1:]  # "The union ousted [Rep.]": a verb, not "the ousted Rep."
    for k in range(len(chain) - 2, 0, -1):
        # "the group ousted [Rep.]": a verb between two roles ends the title there.
        if (
            chain[k].low.endswith("ed")
            and not chain[k].is_cap
            and is_role([t.low for t in chain[:k]], lex)
        ):
            chain = chain[k + 1 :]
            break
    if not chain or (not person and chain[-1].is_cap):
        return None  # an organisation's title is a lowercase noun: "the designated terrorist group"
    adjacent_role = is_role([chain[-1].low.rstrip(".")], lex) or _of_closed(chain, lex)
    # "envoy to Haiti [Daniel Foote]": the place closes the title.
    place_closed = (
        person
        and len(chain) > 2
        and chain[-2].low in {"for", "to", "of"}
        and chain[-1].is_cap
        and lex.canonical_place(chain[-1].text) is not None
    )
    if not (adjacent_role or place_closed):
        return None
    return span(doc, chain)


def _of_closed(chain: list[Token], lex: Lexicon) -> bool:
    """ "Secretary of State", "Minister of Foreign Affairs": a role, "of", then capitalised words."""
    for k in range(1, len(chain) - 1):
        if chain[k].low in {"of", "for"} and chain[k - 1].low.rstrip(".") in lex.roles:
            return all(t.is_cap for t in chain[k + 1 :])
    return False


def _np_left(doc: Doc, before: list[Token], lex: Lexicon) -> str | None:
    """The appositive before a name: "his American counterpart, [Donald Trump]"."""
    np: list[Token] = []
    for tok in reversed(before):
        if (
            tok.low in STOPS
            or (not tok.text[:1].isalnum() and tok.text != "'s")
            or tok.low in lex.verbs
        ):
            break
        np.insert(0, tok)
        if len(np) > 6:
            return None
    while np and np[0].low not in DETS and not (len(np) > 1 and np[1].text == "'s"):
        np = np[1:]
    if len(np) < 2 or not is_role([t.low for t in np], lex):
        return None
    return span(doc, np)


def _np_right(doc: Doc, after: list[Token], lex: Lexicon, people: set[str]) -> str | None:
    """The appositive after a name: "[Rosoboronexport], the Russian state firm (overseeing…),"."""
    np: list[Token] = []
    for tok in after:
        if tok.text in {",", ".", ";", ")", ":", "!", "?", '"'} or tok.low in {
            "who",
            "which",
            "that",
            "whose",
        }:
            break
        mention = doc.mention_at(tok.start, tok.end)
        if mention is not None and mention.actor in people:
            return None  # "China, President Tsai says": a name, not a description of China
        np.append(tok)
        if len(np) > MAX_WORDS:
            return None
    if not np or (
        np[0].low not in DETS and np[0].low not in lex.roles and np[0].low not in lex.modifiers
    ):
        return None
    for a, b in zip(np, np[1:], strict=False):
        if a.low in {"and", "or"} and not _adjective(b, lex):
            return None  # "his allies and members of ...": a list, not one description
    if len(np) > 2 and all(
        t.is_cap and t.low not in lex.org_words and t.low not in lex.roles for t in np[-2:]
    ):
        return None  # ends in another person's name
    for i, tok in enumerate(np):
        after_noun_marker = i > 0 and np[i - 1].low in DETS | {"of"}
        if tok.low in FINITE or (
            tok.low in lex.verbs and tok.low not in lex.roles and not after_noun_marker
        ):
            return None  # "in Kabul, an official said": the subject of a new clause
        if i >= 2 and tok.low.endswith("ing") and tok.low not in NOUN_ING:
            np = np[:i]  # "the Russian state firm (overseeing arms exports)"
            break
    if not np or not is_role([t.low for t in np], lex):
        return None
    return span(doc, np)


def _relative(doc: Doc, after: list[Token]) -> str | None:
    """ "who claimed the operation worked", cut at the clause end or after a few words."""
    clause: list[Token] = []
    for tok in after:
        if tok.text in {",", ".", ";", ")", ":", '"'} or (
            clause and tok.low in {"and", "but"} and len(clause) > 2
        ):
            break
        clause.append(tok)
    if len(clause) < 3 or clause[-1].low in _DANGLING:
        return None  # "who demanded he": cut by a quote, no clause left
    cut = len(clause) > RELATIVE_WORDS + 1
    text = span(doc, clause[: RELATIVE_WORDS + 1])
    return text + "…" if cut else text


def _adjective(tok: Token, lex: Lexicon) -> bool:
    """ "accomplished and esteemed", "secretary of state and top officer": not a second noun."""
    low = tok.low
    return (
        low in lex.modifiers
        or low.endswith(("ed", "al", "ic", "ive", "ous", "ful"))
        or low in {"top", "chief", "senior", "former"}
    )


def span(doc: Doc, toks: list[Token]) -> str:
    return doc.text[toks[0].start : toks[-1].end]


def valid(label: str, lex: Lexicon) -> bool:
    """A real descriptor: a role or label noun, no digits, dates or finite verbs; or a who-clause."""
    words = fold(label).rstrip("…").replace("'s", " 's").split()
    if not words or any(c.isdigit() for c in label) or any(w in DATE_WORDS for w in words):
        return False
    if words[0] == "who":
        return 2 <= len(words) <= RELATIVE_WORDS + 1
    if len(words) > MAX_WORDS:
        return False
    for prev, w in zip(["", *words], words, strict=False):
        # "Secretary of State", "the report": a noun after "of" or a determiner is no verb.
        if w in FINITE or (w in lex.verbs and w not in lex.roles and prev not in DETS | {"of"}):
            return False
    return is_role(words, lex)
