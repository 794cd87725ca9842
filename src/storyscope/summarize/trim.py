"""The only edits the extractive summariser makes to a source sentence, all deterministic.

A chosen sentence loses a leading discourse marker ("Meanwhile,", "However,", "UPDATE:") that only
made sense next to its neighbours, and a pronoun that opens it ("He said") is replaced by the person
the previous sentence of the same article names ("Maduro said"), so the sentence reads on its own.
Nothing else is rewritten: the words stay the source's words, which keeps every citation checkable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LEADERS = re.compile(
    r"^(?:(?:UPDATE|UPDATED|BREAKING(?: NEWS)?|EXCLUSIVE|WATCH|DEVELOPING|URGENT)\s*[:\-–—]\s*|"
    r"(?:Meanwhile|However|Separately|Also|Moreover|Furthermore|In addition|Additionally|Still|"
    r"Nevertheless|Nonetheless|Indeed|Instead|Likewise|Similarly|Of course|In turn|Then|Now),\s+|"
    r"(?:And|But|So|Yet)\s+(?=[a-z]))",
)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s+[-–—]\s+")
_PRONOUN = re.compile(r"^(He|She|His|Her)\b(?!-)")
_TITLES = (
    r"(?:President|Vice President|Senator|Sen\.|Rep\.|Representative|Governor|Gov\.|Minister|"
    r"Prime Minister|Secretary|Chancellor|Mayor|Judge|Justice|General|Gen\.|Mr\.|Mrs\.|Ms\.|Dr\.|"
    r"leader|spokesman|spokeswoman|spokesperson|Pope|King|Queen|Prince|Ambassador|CEO)"
)
_NAME = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?"
_TITLED = re.compile(_TITLES + r"\s+((?:" + _NAME + r"\s+){0,2}" + _NAME + r")")
_PAIR = re.compile(r"\b(" + _NAME + r")\s+((?:[A-Z]\.\s+)?" + _NAME + r")\b")
_NOT_NAME_TEXT = """The A An In On At For From With By This That These Those It Its Their His Her He She
    We They United States Kingdom Nations House Senate Congress Department Ministry White Union European
    North South East West New American Russian Chinese Venezuelan Federal National State Supreme Court
    Army Navy Air Force Marine Marines Coast Guard Sea Ocean Pacific Atlantic Caribbean Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Street Times Post News Agency"""
_NOT_NAMES = frozenset(_NOT_NAME_TEXT.split())


def drop_leaders(sentence: str) -> str:
    """Remove leading discourse markers and datelines, then restore the capital letter."""
    text = sentence.strip()
    for _ in range(3):
        new = _DATELINE.sub("", _LEADERS.sub("", text), count=1)
        if new == text:
            break
        text = new
    return text[:1].upper() + text[1:] if text else text


def _surname(name: str) -> str:
    return name.split()[-1]


def persons_in(sentence: str, known: Iterable[str] = (), article_text: str = "") -> list[str]:
    """Surnames of the people a sentence names, in order of first mention.

    ``known`` are person names from earlier stages (quote speakers, framing entities); without them a
    capitalised pair counts as a person when the article also uses its last word alone ("Maduro").
    """
    hits: list[tuple[int, str]] = []
    for name in known:
        sur = _surname(name)
        m = re.search(r"(?<!\w)" + re.escape(sur) + r"(?!\w)", sentence)
        if m and sur not in _NOT_NAMES:
            hits.append((m.start(), sur))
    for m in _TITLED.finditer(sentence):
        hits.append((m.start(1), _surname(m.group(1))))
    for m in _PAIR.finditer(sentence):
        first, last = m.group(1), _surname(m.group(2))
        if first in _NOT_NAMES or last in _NOT_NAMES:
            continue
        total = len(re.findall(r"(?<!\w)" + re.escape(last) + r"(?!\w)", article_text))
        paired = len(
            re.findall(
                r"(?<!\w)" + re.escape(first) + r"\s+" + re.escape(last) + r"(?!\w)", article_text
            )
        )
        if total - paired >= 1:
            hits.append((m.start(), last))
    seen: list[str] = []
    for _, sur in sorted(hits):
        if sur not in seen:
            seen.append(sur)
    return seen


def resolve_pronoun(
    sentence: str, previous: str | None, known: Iterable[str] = (), article_text: str = ""
) -> str | None:
    """Replace an opening He/She/His/Her by the person the previous sentence names.

    Returns the sentence unchanged when it does not open with a pronoun, the rewritten sentence when
    the previous sentence names exactly one person (or opens with one), and None when the pronoun
    cannot be resolved (the caller should then not use the sentence on its own).
    """
    m = _PRONOUN.match(sentence)
    if not m:
        return sentence
    if not previous:
        return None
    people = persons_in(previous, known, article_text)
    if not people:
        return None
    person = people[0]
    replacement = person + "'s" if m.group(1) in ("His", "Her") else person
    return replacement + sentence[m.end() :]


def trim(
    sentence: str, previous: str | None = None, known: Iterable[str] = (), article_text: str = ""
) -> str | None:
    """Both edits in order; None when the sentence cannot stand alone."""
    text = drop_leaders(sentence)
    return resolve_pronoun(text, previous, known, article_text) if text else None
