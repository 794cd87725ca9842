"""How each article names the things the story is about: "narco-boats" against "alleged drug boats".

A concept is a group of head nouns from the lexicon (boat, vessel, ship, narco-boat...). Every
occurrence of a head used as a noun is grown into its phrase: adjectives and noun modifiers on the
left ("alleged drug boats"), and on the right a hedged participle ("vessels allegedly smuggling
drugs"), a "suspected of" phrase, or a reduced clause of attribution ("boats it alleges were
trafficking narcotics"). Hedges are kept on purpose: they are the framing. A concept is reported
when at least two articles (or the only one) use it.
"""

from __future__ import annotations

from collections import Counter

from storyscope.framing.actors import Doc
from storyscope.framing.lexicon import Concept, Lexicon
from storyscope.framing.text import Token, fold
from storyscope.model import EventTerms

MAX_TERMS = 6
ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "less", "ary", "ible", "able", "ant", "ent", "ian", "ese")  # fmt: skip
ADJ_WORDS = {
    "drug", "narco", "lethal", "deadly", "military", "naval", "maritime", "stealth", "illegal",
    "new", "further", "major", "massive", "heavy", "latest", "recent", "fresh", "air", "land",
    "sea", "missile", "nuclear", "covert", "unlawful", "fatal", "boat", "drone", "terror",
    "narcotics", "cartel", "portable", "key", "growing", "ongoing", "escalating", "troop", "navy",
    "short-range", "long-range", "anti-drug", "anti-narcotics", "counter-narcotics", "armed",
    "unarmed", "alleged", "suspected", "purported", "so-called", "reported", "heightened",
    "increased", "expanded", "renewed", "sustained", "coordinated", "unprecedented", "escalated",
    "militarized", "unmanned", "extrajudicial", "unprovoked", "precision", "small", "large", "big",
    "huge", "first", "second", "third", "fast", "speed", "go-fast", "fishing", "civilian",
    "vaccine", "booster", "border", "migrant", "asylum", "police", "federal", "state", "mass",
    "peaceful", "violent", "undocumented", "unaccompanied", "emergency", "temporary", "sweeping",
    "strict", "mandatory",
}  # fmt: skip
FOLLOW_OK = {
    "of", "in", "on", "off", "at", "to", "from", "for", "with", "against", "across", "near", "into",
    "by", "as", "and", "or", "but", "that", "which", "who", "it", "they", "he", "she", "the", "a", "an",
    "its", "their", "his", "her", "this", "these", "over", "under", "since", "after", "before", "amid",
    "during", "while", "without", "inside", "outside", "along", "toward", "towards", "through", "within",
    "nationwide", "there", "here", "already", "also", "now", "so", "than", "carried", "'s",
}  # fmt: skip
QUANTIFIERS = {
    "several", "multiple", "many", "some", "few", "numerous", "dozens", "hundreds", "thousands", "all",
    "more", "most", "other", "both", "each", "every", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "least", "any", "no", "such", "those", "these",
}  # fmt: skip
PRE_VERB = {
    "to", "will", "would", "could", "can", "may", "might", "must", "should", "not", "did", "does",
    "do",
}  # fmt: skip
ATTRIBUTING = {
    "alleges", "alleged", "says", "said", "claims", "claimed", "believes", "believed", "suspects",
    "suspected", "calls", "called",
}  # fmt: skip
SUBJECTS = {
    "it", "they", "he", "she", "officials", "authorities", "washington", "the", "us", "u.s.",
    "trump", "police",
}  # fmt: skip
HEDGE_ADVERBS = {
    "allegedly", "reportedly", "purportedly", "supposedly", "apparently", "suspected", "believed",
}  # fmt: skip
PREPS = {
    "in", "off", "from", "to", "near", "across", "at", "on", "into", "with", "during", "toward",
    "towards", "through", "against", "for", "by", "under", "over",
}  # fmt: skip
PARTICIPLE_PREP = {
    "headed", "bound", "loaded", "linked", "sailing", "travelling", "traveling", "leaving",
    "coming",
}  # fmt: skip


def event_terms(docs: list[Doc], lex: Lexicon) -> list[EventTerms]:
    heads_all = frozenset().union(*(c.heads for c in lex.concepts)) if lex.concepts else frozenset()
    per: dict[str, dict[str, list[str]]] = {}
    counts: Counter[str] = Counter()
    for doc in docs:
        for sent in doc.sents:
            toks = sent.tokens
            for i in range(len(toks)):
                concept, width = _head_at(toks, i, lex)
                if concept is None:
                    continue
                end = i + width
                if end < len(toks) and _continues(toks[end - 1], toks[end], heads_all):
                    continue
                if i > 0 and (toks[i - 1].low in PRE_VERB or _names_person(doc, toks[i - 1], lex)):
                    continue  # "to strike", "Mayorkas orders": verbs, not things
                left = _left(doc, toks, i, lex, heads_all)
                if any(fold(t.text) in concept.exclude for t in toks[left:i]):
                    continue
                right = _right(toks, end)
                wording = doc.text[toks[left].start : toks[right - 1].end]
                cell = per.setdefault(concept.name, {}).setdefault(doc.id, [])
                counts[concept.name] += 1
                if fold(wording) not in {fold(w) for w in cell} and len(cell) < MAX_TERMS:
                    cell.append(wording)
    need = 1 if len(docs) == 1 else 2
    out = [
        EventTerms(concept=name, terms={aid: tuple(ws) for aid, ws in cells.items()})
        for name, cells in per.items()
        if len(cells) >= need
    ]
    out.sort(key=lambda e: (-len(e.terms), -counts[e.concept], e.concept))
    return out


def _names_person(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    if tok.low.rstrip(".") in lex.roles and not tok.low.endswith("s"):
        return True
    m = doc.mention_at(tok.start, tok.end)
    return m is not None and " " in m.actor and m.end == tok.end and not tok.text.isupper()


def _head_at(toks: tuple[Token, ...], i: int, lex: Lexicon) -> tuple[Concept | None, int]:
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        phrase = " ".join(t.low for t in toks[i : i + n])
        concept = lex.concept_of.get(phrase)
        if concept is None and n == 1 and "-" in phrase:
            concept = lex.concept_of.get(phrase.rsplit("-", 1)[1])  # "narco-boats"
        if concept is not None:
            return concept, n
    return None, 0


def _continues(head: Token, tok: Token, heads: frozenset[str]) -> bool:
    """True when the next word makes the head a modifier ("drug boats", "missile claim")."""
    low = tok.low
    if low.endswith("ing") and not head.low.endswith("s"):
        return True  # "drug trafficking"
    if not tok.text[:1].isalpha() or tok.is_cap or low in FOLLOW_OK or low.endswith("ly"):
        return low in heads
    return not (
        low.endswith(("ing", "ed"))
        or low
        in {
            "is",
            "are",
            "was",
            "were",
            "has",
            "have",
            "had",
            "will",
            "could",
            "would",
            "can",
            "may",
            "might",
        }
    )


def _modifier(tok: Token, doc: Doc, lex: Lexicon, heads: frozenset[str]) -> bool:
    low = tok.low
    if not tok.text[:1].isalpha() or low in FOLLOW_OK or low in PRE_VERB or low in QUANTIFIERS:
        return False
    if low.endswith("ly") and low not in {"deadly", "early", "friendly"}:
        return False
    if tok.is_cap:
        return (
            doc.mention_at(tok.start, tok.end) is not None
            or low in lex.country_of
            or low in {"navy", "marine", "coast"}
        )
    if (
        low in ADJ_WORDS
        or low in heads
        or low in lex.tone["hedges"]
        or low in lex.tone["intensifiers"]
        or low in lex.tone["labels"]
    ):
        return True
    if low in lex.modifiers or low in lex.demonyms:
        return True
    if "-" in low:
        return not low.endswith(("ing", "ed")) or low.split("-")[0] in {
            "anti",
            "so",
            "low",
            "high",
            "man",
            "shoulder",
            "russian",
            "us",
        }
    return low.endswith(ADJ_SUFFIXES) and len(low) > 4


def _left(doc: Doc, toks: tuple[Token, ...], i: int, lex: Lexicon, heads: frozenset[str]) -> int:
    j = i
    while j > 0 and i - j < 5:
        prev = toks[j - 1]
        if prev.text == "'s" and j > 1:
            return j - 2  # "Trump's Caribbean offensive"
        if not _modifier(prev, doc, lex, heads):
            break
        j -= 1
    return j


def _right(toks: tuple[Token, ...], end: int) -> int:
    """End index (exclusive) of the head's hedged post-modifier, or ``end`` when there is none.

    Accepted: a participle ("vessels carrying drugs", "boats headed from Venezuela"), optionally
    after a hedge ("allegedly carrying", "suspected of smuggling"); or, with any verb form, after
    a reduced clause of attribution ("boats (that) it alleges were trafficking narcotics").
    """
    n = len(toks)
    k = end
    if k < n and toks[k].low in HEDGE_ADVERBS:
        k += 1
        if k < n and toks[k].low == "of":
            k += 1
    else:
        j = k + 1 if k < n and toks[k].low in {"that", "which"} else k
        if j < n and toks[j].low in SUBJECTS:
            m = j + (2 if toks[j].low == "the" else 1)
            if m >= n or toks[m].low not in ATTRIBUTING:
                return end
            k = m + 1
            if k < n and toks[k].low in {"were", "was", "are", "is", "to", "of"}:
                k += 1
    if k >= n:
        return end
    verb = toks[k].low
    bare = k == end
    if not (verb.endswith("ing") or verb in PARTICIPLE_PREP or (not bare and verb.endswith("ed"))):
        return end
    k += 1
    taken = 0
    while k < n and taken < 4:
        low = toks[k].low
        if not toks[k].text[:1].isalnum() or low in {"and", "or", "but"}:
            break
        if low in PREPS and not (verb in PARTICIPLE_PREP and taken == 0):
            break
        k += 1
        taken += 1
    return k
