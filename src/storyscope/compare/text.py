"""Sentences, clauses and content words: the units every comparison is built on.

News text breaks naive splitters in predictable places (``U.S.``, ``Oct. 21``, ``Gen.``, decimals,
quotes ending in ``.”``), and claims are compared on light stems rather than surface words so that
"deployed"/"deployment" or "missiles"/"missile" meet. The stemmer is deliberately small and our own:
it only has to make the same word family collide inside one story, not be linguistically right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


def wordset(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of ``text`` (for readable word lists)."""
    return frozenset(text.split())


def words_of(text: str) -> list[str]:
    return text.split()


ABBREVIATIONS = wordset("""mr mrs ms dr prof gen col lt sgt capt cmdr adm maj gov sen rep rev st jr sr no vs etc inc corp co
    ltd dept univ est approx fig jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri
    sat sun ave blvd mt ft u.s u.k u.n e.u a.m p.m d.c i.e e.g""")

STOPWORDS = wordset("""a an the and or but nor so yet of in on at to for from by with without within into onto over
    under about above below after before during since until than then as if while because though
    although whether that this these those which who whom whose what when where why how it its it's
    he him his she her hers they them their theirs we us our ours i me my you your yours be is are was
    were been being am have has had having do does did doing will would shall should can could may
    might must not no also just only very more most much many some any all each every both either
    neither other another such own same there here out up down off again further once too s t now
    said says say saying told tells tell stated states state announced announces added adds noted notes
    claimed claims claim declared declares continued according reported reports report reportedly
    possess possesses possessed possession possessing mr ms mrs one ones even still already well like
    per via amid among against across around near less fewer least""")

NUMBER_WORDS = wordset(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    million billion trillion dozen"""
)
# Reporting verbs are dropped from content words: who said it is recorded elsewhere, and "X said
# Y" must match "X claimed Y".
NEGATIONS = frozenset({"not", "no", "never", "denied", "denies", "deny", "n't", "without", "none"})

_SYNONYMS = {
    "rocket": "missil",
    "missile": "missil",
    "kilometer": "km",
    "kilometre": "km",
    "meter": "metr",
    "metre": "metr",
    "vessel": "boat",
    "ship": "boat",
    "attack": "strike",
    "u.s": "us",
    "usa": "us",
    "america": "us",
    "american": "us",
    "washington": "us",
}

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w’'.\-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]|\d[\d.,]*\d|\d")
_QUOTE_CHARS = "\"“”«»‘’'"


@dataclass(frozen=True)
class Sentence:
    """One sentence of one article; ``index`` orders sentences within the article."""

    article_id: str
    index: int
    paragraph: int
    text: str


def fold(text: str) -> str:
    """Strip accents so "Nicolás" and "Nicolas" compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def paragraphs(body: str) -> list[str]:
    """Paragraphs of a body; a line break is a paragraph break unless it wraps a sentence mid-way
    (the line runs on without end punctuation into a lowercase continuation)."""
    out: list[str] = []
    current: list[str] = []
    body = re.sub(r"[\u00a0\u2007\u202f\t]", " ", body.replace("\r", ""))
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                out.append(" ".join(current))
                current = []
            continue
        if current and _continues(current[-1], line):
            current.append(line)
            continue
        if current:
            out.append(" ".join(current))
        current = [line]
    if current:
        out.append(" ".join(current))
    return [normalise_quotes(p) for p in out]


def _continues(prev: str, line: str) -> bool:
    return not re.search(r"[.!?:\"”’»)]$", prev) and line[:1].islower()


def normalise_quotes(text: str) -> str:
    """Turn a left single quote used as an apostrophe ("Trump‘s") into one."""
    return re.sub(r"(?<=\w)‘(?=s\b|t\b|re\b|ve\b|ll\b|d\b)", "’", text)


_BOUNDARY = re.compile(r"([.!?]+)([\"”’»)\]]*)(\s+)(?=[\"“‘«(\[]?[A-Z0-9À-Ý¡¿])")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph on sentence ends, keeping abbreviations, initials and decimals intact."""
    text = paragraph.strip()
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(2)
        if m.group(1) == "." and not m.group(2) and _is_abbreviation(text[start : m.start(1)]):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_abbreviation(before: str) -> bool:
    word = before.split()[-1] if before.split() else ""
    word = word.lstrip(_QUOTE_CHARS + "(").lower()
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # Initials ("George H. Bush") and dotted acronyms ("U.S", "D.C").
    return bool(re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]", word))


def sentences(article_id: str, body: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p, para in enumerate(paragraphs(body)):
        for s in split_sentences(para):
            out.append(Sentence(article_id, len(out), p, s))
    return out


_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+while\s+|,\s+whereas\s+|,[”\"]?\s+(?:though|although)\s+|,\s+(?:and|but|as)\s+(?=(?:he|she|they|it|we|the|a|an|[A-Z][\w’'.-]*)\s)"
)


def split_clauses(sentence: str) -> list[str]:
    """Split a sentence joining independent statements into its clauses.

    Only splits outside quotation marks, and only when both sides are long enough to stand alone;
    ", and" needs a new subject after it (a pronoun, determiner or name) so lists stay whole.
    """
    spans: list[str] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if _inside_quote(sentence, m.end()):
            continue
        left, right = sentence[start : m.start()], sentence[m.end() :]
        if len(left.split()) < 5 or len(right.split()) < 5 or not _has_verb(right):
            continue
        spans.append(left.strip() + ("”" if left.count("“") > left.count("”") else ""))
        start = m.end()
    spans.append(sentence[start:].strip())
    return [_capitalise(s) for s in spans if s]


def _inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    opened = before.count("“") - before.count("”") + before.count("«") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


_VERBISH = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|did|do|"
    r"\w+ed|\w+s)\b"
)


def _has_verb(text: str) -> bool:
    return bool(_VERBISH.search(text))


def _capitalise(text: str) -> str:
    text = text.rstrip(",;")
    return text[:1].upper() + text[1:] if text and text[0].islower() else text


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough for one word family to collide within one story."""
    w = fold(word.lower()).replace("’", "'").strip("'.-")
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ification"):
        w = w[:-9] + "ify"
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ments", ""),
        ("ment", ""),
        ("ations", "ate"),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    else:
        if w.endswith("ation") and len(w) > 7:
            w = w[:-5] + "ate"
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    for _ in range(2):
        for suffix in ("ingly", "edly", "ing", "ed", "ly", "ion"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return _SYNONYMS.get(w, w)


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning; numbers are handled by ``numbers.py``."""
    out: list[str] = []
    for w in words(text):
        if w[0].isdigit():
            continue
        low = w.lower()
        if low in STOPWORDS or low in NUMBER_WORDS:
            continue
        parts = [p for p in re.split(r"-", low) if p] if "-" in low else [low]
        for part in parts:
            if part in STOPWORDS or part in {"made", "anti", "based", "type", "s"} or len(part) < 2:
                continue
            s = stem(part)
            if s and s not in STOPWORDS:
                out.append(s)
    return out


_AUX = wordset("is are was were be been being has have had will would can could may might must")
_IRREGULAR = wordset(
    """sunk sank struck hit seized shot taken given seen built sold bought held kept sent lost won
    fought caught brought beaten stolen hidden broken fallen risen grown thrown drawn driven spent
    begun began told found"""
)
_REPORTING = wordset("said stated announced added noted claimed declared reported confirmed")


def predicate_stems(text: str) -> frozenset[str]:
    """Stems of the verbs that carry a statement's predicate ("were sunk", "inspected").

    Two statements with the same participants but different predicates ("40 trawlers were
    inspected" / "40 trawlers were sunk") say different things however many words they share.
    """
    toks = [w.lower() for w in words(text)]
    out = set()
    for i, w in enumerate(toks):
        if w in _REPORTING or w in STOPWORDS:
            continue
        prev = toks[i - 1] if i > 0 else ""
        prev2 = toks[i - 2] if i > 1 else ""
        after_aux = prev in _AUX or (prev.endswith("ly") and prev2 in _AUX)
        if after_aux and (w in _IRREGULAR or (len(w) > 4 and w.endswith(("ed", "en")))):
            out.add(stem(w))
    return frozenset(out)


def has_negation(text: str) -> bool:
    low = text.lower().replace("’", "'")
    # "no fewer than 5,000" qualifies a figure; it does not deny anything.
    low = re.sub(r"\b(?:no|not) (?:fewer|less|more) than\b|\bnot only\b", " ", low)
    return any(w in NEGATIONS for w in re.findall(r"[a-z']+", low)) or "n't" in low
