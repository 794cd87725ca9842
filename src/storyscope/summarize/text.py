"""Sentence splitting and word normalisation shared by the summariser and its support checker.

The summariser must not depend on how the compare stage splits text (that stage may be absent), so it
carries its own small, deterministic splitter and normaliser. Both the selection and the support
checker use the same functions, so a sentence that was extracted verbatim always passes the checker.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION_WORDS = """mr mrs ms dr sen rep gov gen lt col sgt st jr sr no vs etc inc corp co ltd
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m prof pres dept fig ft mt"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")
_QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")

_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself nor of off on once only or other our ours ourselves out over own
    same she should so some such than that the their theirs them themselves then there these they this
    those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves s t don now says said say since amid among across
    toward towards per via near within without upon onto along around behind beyond despite"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
NEGATORS = frozenset(
    {"not", "no", "never", "nor", "n't", "without", "none", "neither", "denied", "denies"}
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12, "dozens": 12,
}  # fmt: skip


def fold(text: str) -> str:
    """Lower-case, strip accents and unify quotes/apostrophes so wordings compare equal."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text.lower()


def split_sentences(text: str) -> list[str]:
    """Split a body into sentences, paragraph by paragraph, keeping abbreviations together."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = " ".join(para.split())
        if not para:
            continue
        start = 0
        for m in _SENT_END.finditer(para):
            before = para[start : m.start()].rstrip("\"'”’)]")
            last = before.rsplit(" ", 1)[-1].rstrip(".").lower()
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            out.append(para[start : m.start()].strip())
            start = m.end()
        tail = para[start:].strip()
        if tail:
            out.append(tail)
    return [s for s in out if s]


def words(text: str) -> list[str]:
    """Word and number tokens, folded."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match plural/tense variants, never stems numbers."""
    w = word.strip("'-").removesuffix("'s")
    if not w or w[0].isdigit():
        return w
    for suffix in (
        "ations",
        "ation",
        "ingly",
        "ings",
        "ing",
        "edly",
        "ies",
        "ied",
        "ers",
        "es",
        "ed",
        "er",
        "ly",
        "s",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w[:7]


def content_words(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords, no bare numbers; numbers are checked apart)."""
    return [
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and not w[0].isdigit() and w not in _NUMBER_WORDS and len(w) > 1
    ]


def numbers(text: str) -> set[float]:
    """Numeric values written in the text: ``5,000`` and ``5000`` agree, ``six`` is 6."""
    found: set[float] = set()
    for w in words(text):
        if w[0].isdigit():
            raw = w.replace(",", "")
            if raw.count(".") > 1:  # "5.000.000" (European grouping)
                raw = raw.replace(".", "")
            try:
                found.add(float(raw))
            except ValueError:
                continue
        elif w in _NUMBER_WORDS:
            found.add(float(_NUMBER_WORDS[w]))
    return found


def quotes(text: str) -> list[str]:
    """Spans inside quotation marks."""
    return [m.group(1).strip() for m in _QUOTE.finditer(text)]


def squash(text: str) -> str:
    """Folded words joined by single spaces: for containment tests of quoted spans."""
    return " ".join(words(text))
