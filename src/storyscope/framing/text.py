"""Plain-text helpers shared by the framing modules: folding, sentences, tokens, quoted spans.

Everything works on character offsets into one normalised string per article (curly quotes mapped
one-for-one to straight ones), so entity spans from either NER backend line up with the tokens here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "jr",
    "sr", "inc", "corp", "ltd", "co", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "d.c", "a.m", "p.m", "ft",
    "mt", "pres", "prof", "sec", "dept", "est", "approx",
}  # fmt: skip

# Abbreviated titles and initials keep their period: "Gov.", "Sen.", "E." in "Charles E. Schumer".
_TITLES = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "adm", "st",
    "jr", "sr", "prof", "pres",
}  # fmt: skip
# Words that open sentences; after "U.S." or "Oct." they mean the sentence ended there.
_OPENERS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "in",
    "on", "at", "but", "and", "as", "after", "since", "when", "while", "if", "meanwhile", "however",
    "his", "her", "its", "their", "there", "some", "many", "officials", "both", "still", "yet",
}  # fmt: skip
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|St|Jr|Sr|Prof|Pres)\.|[A-Z]\.(?=\s+[A-Z])|\w+(?:[-'.]\w+)*|[^\w\s]",
    re.UNICODE,
)


def normalise(text: str) -> str:
    """Curly quotes and apostrophes to straight ones; same length, so offsets are kept."""
    return text.translate(_QUOTES)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase without accents: the key that makes "Nicolás" and "Nicolas" one name."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def fold_chars(text: str) -> str:
    """``fold`` one character at a time, so offsets into the result are offsets into ``text``."""
    out = []
    for c in normalise(text):
        base = [x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)]
        out.append((base[0] if base else c).lower()[:1] or c)
    return "".join(out)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    low: str = field(init=False, repr=False, compare=False)  # folded text, computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", fold(self.text))

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (hyphens and inner apostrophes kept), ``'s`` split off, punctuation one token each."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start() + offset
        if len(word) > 2 and word.lower().endswith("'s"):
            out.append(Token(word[:-2], start, start + len(word) - 2))
            out.append(Token("'s", start + len(word) - 2, start + len(word)))
        else:
            out.append(Token(word, start, start + len(word)))
    return out


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    paragraph: int


def _is_boundary(text: str, dot: int) -> bool:
    before = re.search(r"([\w.]+)$", text[:dot])
    if not before:
        return True
    word = before.group(1).lower().rstrip(".")
    if word in _TITLES or (len(word) == 1 and word.isalpha()):
        return False  # "Gov. Newsom", "Charles E. Schumer"
    if word in _ABBREV:
        # "U.S. forces" and "U.S. Central Command" continue; "...in the U.S. The next" does not.
        nxt = re.match(r"\s*([\w']+)", text[dot + 1 :])
        return bool(nxt and nxt.group(1)[:1].isupper() and nxt.group(1).lower() in _OPENERS)
    return True


def sentences(text: str) -> list[Sentence]:
    """Split on blank lines (paragraphs), then on ., ! or ? followed by an upper-case start."""
    out: list[Sentence] = []
    for p_index, para in enumerate(re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text)):
        p_start, p_text = para.start(), para.group()
        cut = 0
        for m in re.finditer(r"[.!?]+[\"')\]]*\s+(?=[\"'(]?[A-Z0-9\u00C0-\u00DD])", p_text):
            if p_text[m.start()] == "." and not _is_boundary(p_text, m.start()):
                continue
            _add(out, text, p_start + cut, p_start + m.end(), p_index)
            cut = m.end()
        _add(out, text, p_start + cut, p_start + len(p_text), p_index)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s, e = start + lead, start + lead + len(stripped)
    out.append(Sentence(s, e, tuple(tokenize(text[s:e], s)), paragraph))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotes, paired within a paragraph (an unclosed quote runs to its end)."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        opened: int | None = None
        for m in re.finditer(r'"', para.group()):
            pos = para.start() + m.start()
            if opened is None:
                opened = pos
            else:
                spans.append((opened, pos + 1))
                opened = None
        if opened is not None:  # a quote running on into the next paragraph
            spans.append((opened, para.end()))
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-']\w+)*", text))
