"""Line classifiers for pasted articles: the chrome lexicon and the shape of a line.

The lexicon lives in ``storyscope/data/chrome.json`` so that users can read and extend it; this
module only knows how to match it. Shape tests (is this a sentence, a headline, a person's name, an
all-caps dateline) are kept here too, because the cleaner's context rules combine both.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "Lexicon",
    "is_headline_like",
    "is_name_line",
    "is_sentence_like",
    "lexicon",
    "norm_key",
    "norm_line",
    "word_count",
]

# Order matters: the first category that matches names the line.
CATEGORIES = (
    "embed",
    "disclaimer",
    "tags",
    "credit",
    "caption",
    "audio",
    "share",
    "related",
    "newsletter",
    "promo",
    "stay_tuned",
    "sidebar",
    "summary",
    "resume",
    "navigation",
    "section",
)

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_EDGE_PUNCT = " \t.,:;!?|>»«-–—•·*#\"'“”‘’()[]{}"
_TM = re.compile(r"(?:(?<=[a-z.!?])TM|™|®)$")


@lru_cache(maxsize=8192)  # the cleaner asks about one line several times
def norm_line(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces, no edge punctuation or trademark marks."""
    s = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    s = _TM.sub("", s.strip())
    s = " ".join(s.split()).strip(_EDGE_PUNCT)
    return s.lower()


@lru_cache(maxsize=8192)  # the cleaner asks about one line several times
def norm_key(text: str) -> str:
    """A key under which two copies of one block compare equal despite punctuation and case."""
    return " ".join(_WORD.findall(_TM.sub("", text.strip()).lower()))


@lru_cache(maxsize=8192)  # the cleaner asks about one line several times
def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=8192)  # the cleaner asks about one line several times
def _tokens(normed: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(normed))


def _anchors(phrases: list[str]) -> frozenset[str] | None:
    """One whole word of each phrase, so that a line holding none of them skips the phrase scan.

    Phrases match on word boundaries, so a phrase found in a line brings each of its inner words
    as a whole token of the line; scanning a paragraph's tokens is much cheaper than running the
    alternation of every phrase at every position. None when some phrase has no such word.
    """
    anchors = set()
    for phrase in phrases:
        p = phrase.lower().replace("’", "'")
        whole = [
            m.group(0)
            for m in _TOKEN.finditer(p)
            if (m.start() > 0 or p[:1].isalnum()) and (m.end() < len(p) or p[-1:].isalnum())
        ]
        if not whole:
            return None
        anchors.add(max(whole, key=len))
    return frozenset(anchors)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        p = re.escape(phrase.lower().replace("’", "'"))
        start = r"(?<!\w)" if phrase[:1].isalnum() else ""
        end = r"(?!\w)" if phrase[-1:].isalnum() else ""
        parts.append(start + p + end)
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class _Category:
    name: str
    line: frozenset[str]
    prefix: tuple[str, ...]
    contains: re.Pattern[str] | None
    short: re.Pattern[str] | None
    regex: tuple[re.Pattern[str], ...]
    max_words: int
    short_words: int
    # The longest line (in words) this category can match, prefixes aside; longer lines skip it.
    reach: int = 10_000
    # The regexes anchored at the line start as one alternation tried there only, the others
    # one by one: an alternation mixing both is retried at every position of a paragraph.
    any_regex: re.Pattern[str] | None = None
    floating: tuple[re.Pattern[str], ...] = ()
    # One word of each contains/short phrase (see ``_anchors``); None: always scan.
    anchors: frozenset[str] | None = None

    def matches(self, raw: str, normed: str, words: int) -> bool:
        if normed in self.line:
            return True
        if self.prefix and normed.startswith(self.prefix):
            return True
        if (self.contains is not None or self.short is not None) and (
            self.anchors is None or not self.anchors.isdisjoint(_tokens(normed))
        ):
            return self._phrases(raw, normed, words) or self._regex(raw, words)
        return self._regex(raw, words)

    def _phrases(self, raw: str, normed: str, words: int) -> bool:
        if self.contains is not None and words <= self.max_words and self.contains.search(normed):
            return True
        # Most lines are body paragraphs far longer than any chrome line: skip the phrase scan.
        if self.short is not None and words <= max(self.max_words, self.short_words):
            # Words reporting also uses count alone only on a short line that is not a sentence;
            # two different ones together ("in your inbox ... sign up") are a block of chrome.
            hits = {m.group(0) for m in self.short.finditer(normed)}
            if hits and words <= self.short_words and not ends_sentence(raw):
                return True
            if len(hits) >= 2 and words <= self.max_words:
                return True
        return False

    def _regex(self, raw: str, words: int) -> bool:
        if words > self.max_words:
            return False
        if self.any_regex is not None and self.any_regex.match(raw) is not None:
            return True
        return any(rx.search(raw) for rx in self.floating)


class Lexicon:
    """The chrome lexicon, compiled. ``classify`` names the chrome category of one line, if any."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.categories: dict[str, _Category] = {}
        for name, spec in data.items():
            if name.startswith("_") or not isinstance(spec, dict):
                continue
            line = frozenset(norm_line(p) for p in spec.get("line", []))
            prefix = tuple(norm_line(p) for p in spec.get("prefix", []))
            max_words = int(spec.get("max_words", 10_000))
            short_words = int(spec.get("short_words", 8))
            reach = max((word_count(p) for p in line), default=0)
            if spec.get("contains") or spec.get("regex"):
                reach = max(reach, max_words)
            if spec.get("short"):
                reach = max(reach, max_words, short_words)
            phrases = [*spec.get("contains", []), *spec.get("short", [])]
            anchored = [r for r in spec.get("regex", []) if r[:1] == "^"]
            self.categories[name] = _Category(
                name=name,
                line=line,
                prefix=prefix,
                contains=_phrase_regex(list(spec.get("contains", []))),
                short=_phrase_regex(list(spec.get("short", []))),
                regex=tuple(re.compile(r, re.I) for r in spec.get("regex", [])),
                max_words=max_words,
                short_words=short_words,
                reach=10_000 if prefix else reach,
                any_regex=(
                    re.compile("|".join(f"(?:{r})" for r in anchored), re.I) if anchored else None
                ),
                floating=tuple(re.compile(r, re.I) for r in spec.get("regex", []) if r[:1] != "^"),
                anchors=_anchors(phrases),
            )

    def classify(self, line: str) -> str | None:
        normed = norm_line(line)
        words = word_count(line)
        for name in CATEGORIES:
            cat = self.categories.get(name)
            if cat is not None and words <= cat.reach and cat.matches(line, normed, words):
                return name
        return None

    def is_(self, name: str, line: str) -> bool:
        cat = self.categories.get(name)
        return cat is not None and cat.matches(line, norm_line(line), word_count(line))

    def prefix_of(self, name: str, line: str) -> str | None:
        """The matched regex prefix of ``line`` for a category of prefixes (editorial labels)."""
        cat = self.categories.get(name)
        if cat is None:
            return None
        for rx in cat.regex:
            match = rx.match(line)
            if match:
                return match.group(0)
        return None

    def strip_prefix(self, name: str, line: str) -> str | None:
        """``line`` without a leading phrase of a ``prefix`` category, or None when none leads it."""
        cat = self.categories.get(name)
        if cat is None:
            return None
        low = line.lower()
        for p in sorted(cat.prefix, key=len, reverse=True):
            if low.startswith(p) and (len(line) == len(p) or not line[len(p)].isalnum()):
                return line[len(p) :].lstrip(" :-–—|")
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("storyscope").joinpath("data/chrome.json").read_text(encoding="utf-8")
    return Lexicon(json.loads(text))


# --------------------------------------------------------------------------- shapes

_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|[A-Z]\.|(?:de|da|del|van|von|der|bin|al|el|la|le|di|dos|y)|al-\w+)$"
)
_ALLCAPS_PLACE = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][A-ZÀ-ÖØ-ÞĀ-Ž.'’\- ]{1,38}[A-ZÀ-ÖØ-Þ.]$")


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.strip()))


def is_sentence_like(text: str, *, min_words: int = 8) -> bool:
    """Reads as reporting prose: enough words and a closing sentence mark."""
    return word_count(text) >= min_words and ends_sentence(text)


def is_headline_like(text: str, *, max_words: int = 30) -> bool:
    """A headline: a few words, no closing full stop, starts with a capital, digit or quote."""
    s = text.strip()
    n = word_count(s)
    if not 3 <= n <= max_words or len(s) > 220:
        return False
    bare = s.rstrip("\"'”’»)]")
    if (bare.endswith(".") and not bare.endswith("...")) or bare.endswith(":"):
        return False
    first = s.lstrip("\"'“‘«¿¡")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def is_name_line(text: str) -> bool:
    """A person's name alone on a line ("Jane Q. Doe", "Ana de la Cruz")."""
    s = " ".join(text.split()).strip(" ,;")
    if not 4 <= len(s) <= 48 or any(ch.isdigit() for ch in s):
        return False
    tokens = s.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitals = sum(1 for t in tokens if t[:1].isupper())
    return capitals >= 2 and all(_NAME_TOKEN.match(t) for t in tokens) and not s.isupper()


def is_caps_dateline(text: str) -> bool:
    """An all-caps place name alone on a line ("ANKARA", "NEW YORK")."""
    s = text.strip()
    return bool(_ALLCAPS_PLACE.match(s)) and 1 <= len(s.split()) <= 4 and s.upper() == s
