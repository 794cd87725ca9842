"""Quantities in sentences: value, unit, qualifier and what is counted or measured.

Outlets give the same figure as "5,000", "5.000" or "five thousand" and the same distance as
"6 km" or "6,000 meters", so values are normalised (lengths to metres) while the original wording is
kept for the reader. ``about`` is a short head noun phrase ("Igla-S missiles") for counts, or the
measured attribute ("range", "altitude") for measures; ``head`` is its comparable key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from storyscope.compare.counted import about_of
from storyscope.compare.text import Sentence, words_of

_UNITS: dict[str, tuple[str, float]] = {
    "km": ("m", 1000.0),
    "kms": ("m", 1000.0),
    "kilometer": ("m", 1000.0),
    "kilometers": ("m", 1000.0),
    "kilometre": ("m", 1000.0),
    "kilometres": ("m", 1000.0),
    "m": ("m", 1.0),
    "meter": ("m", 1.0),
    "meters": ("m", 1.0),
    "metre": ("m", 1.0),
    "metres": ("m", 1.0),
    "mi": ("m", 1609.344),
    "mile": ("m", 1609.344),
    "miles": ("m", 1609.344),
    "ft": ("m", 0.3048),
    "feet": ("m", 0.3048),
    "foot": ("m", 0.3048),
    "kg": ("kg", 1.0),
    "kilograms": ("kg", 1.0),
    "kilogram": ("kg", 1.0),
    "tons": ("t", 1.0),
    "tonnes": ("t", 1.0),
    "ton": ("t", 1.0),
    "tonne": ("t", 1.0),
    "percent": ("%", 1.0),
    "per cent": ("%", 1.0),
    "%": ("%", 1.0),
    "dollars": ("USD", 1.0),
    "euros": ("EUR", 1.0),
    "years": ("years", 1.0),
    "year": ("years", 1.0),
    "months": ("months", 1.0),
    "days": ("days", 1.0),
    "hours": ("hours", 1.0),
}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "k": 1e3,
    "dozen": 12.0,
}
_SMALL = {
    w: i
    for i, w in enumerate(
        words_of(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen"
        )
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(words_of("twenty thirty forty fifty sixty seventy eighty ninety"))
}
# Qualifiers of a figure, tried in this order: floors, ceilings, then approximations.
_LOWER = (
    "no fewer than",
    "no less than",
    "not less than",
    "at least",
    "more than",
    "upwards of",
    "in excess of",
    "over",
)
_UPPER = ("up to", "as many as", "at most", "no more than", "fewer than", "less than", "under")
_APPROX = (
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "an estimated",
    "close to",
    "some",
)
QUALIFIERS = (*_LOWER, *_UPPER, *_APPROX)
LOWER, UPPER, APPROX = frozenset(_LOWER), frozenset(_UPPER), frozenset(_APPROX)

_MONTHS = words_of(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december"
)
_NUMBER_WORD = "|".join(
    sorted([*_SMALL, *_TENS, "hundred", "thousand", "million", "billion"], key=len, reverse=True)
)
_NUM = re.compile(
    r"(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?"
    r"|\b(?:" + _NUMBER_WORD + r")(?:[\s-]+(?:and\s+)?(?:" + _NUMBER_WORD + r"))*\b)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|k|dozen)\b)?",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(
    r"\s?-?(?P<unit>per cent|%|"
    + "|".join(sorted((u for u in _UNITS if u != "%"), key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|this|that)|['’]s)\s*$", re.I)
# "an additional 4,901", "rose by 194,000", "an increase of 30%": a change, not a total.
_CHANGE_BEFORE = re.compile(
    r"\b(?:additional|extra|another|further|"
    r"(?:increase|rise|jump|drop|decline|fall|gain|growth|surge|cut|reduction)s? of|"
    r"(?:rose|fell|increased|decreased|dropped|jumped|grew|climbed|declined|gained|lost|cut|up|down) by)"
    r"\s+(?:about\s+|nearly\s+|almost\s+|some\s+|roughly\s+)?[$€£]?$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    """One quantity in one sentence of one article."""

    article_id: str
    sentence: int
    value: float
    unit: str | None
    qualifier: str | None
    text: str
    about: str
    head: str
    relative: bool = False
    context: str = ""
    # "the $1.2 trillion bill", "his 5,000-strong force": the figure names a thing, it is not
    # what the sentence reports.
    label: bool = False


def parse_number(raw: str) -> float | None:
    """Digits in either grouping convention, or English number words; None when not a number."""
    s = raw.strip().lower()
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", s) and not s.startswith("0"):
        return float(s.replace(".", ""))  # European thousands: "5.000"
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s)
    return _words_value(s)


def _words_value(s: str) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s-]+", s):
        if w in ("", "and"):
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def extract(sentence: Sentence) -> list[Mention]:
    text = sentence.text
    out: list[Mention] = []
    for m in _NUM.finditer(text):
        if _skip(text, m):
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        end = m.end()
        unit: str | None = _CURRENCY.get(m.group("cur") or "")
        um = _UNIT_RE.match(text, end)
        if um and not unit:
            unit, factor = _UNITS[um.group("unit").lower()]
            value *= factor
            end = um.end()
        qualifier, qstart = _qualifier(text, m.start())
        rel = re.match(r"\s+(?:more|additional|further|extra)\b", text[end:])
        relative = rel is not None or bool(_CHANGE_BEFORE.search(text[: m.start()]))
        if rel and not unit:
            end += rel.end()
        about, head = about_of(text, end, m.start(), unit)
        if _is_conversion(text, m.start(), unit, out):
            continue
        out.append(
            Mention(
                sentence.article_id,
                sentence.index,
                value,
                unit,
                "more" if rel and not qualifier else qualifier,
                text[qstart:end].strip(),
                about,
                head,
                relative,
                text,
                bool(_LABEL_BEFORE.search(text[: (qstart if qualifier else m.start())])),
            )
        )
    return out


def _skip(text: str, m: re.Match[str]) -> bool:
    raw = m.group("num")
    before, after = text[: m.start()], text[m.end() :]
    low = raw.lower()
    if low in ("one", "zero") and not m.group("scale"):
        return True
    if re.search(r"\d[.,]$", before) or re.match(r"[.,]\d", after):
        return True  # part of a date such as 23.10.2025
    if re.search(r"\d\s?[-–]\s?$", before) or re.match(r"\s?[-–]\s?\d", after):
        return True  # a score or a span: "passed 65-35", "ages 5-11"
    if re.search(r"[A-Za-z]-$|[/:]$", before) or re.match(
        r"(?:st|nd|rd|th)\b|[/:]\d|-[A-Za-z]+\b(?! ?(?:meter|metre|kilomet|mile|ton|year))",
        after,
        re.I,
    ):
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", raw) and not m.group("cur"):
        return True  # a year
    prev = before.split()[-1].lower().strip(".,") if before.split() else ""
    nxt = after.split()[0].lower().strip(".,") if after.split() else ""
    if prev in _MONTHS or nxt in _MONTHS or re.match(r"\s*(?:a\.m|p\.m)", after):
        return True
    return bool(re.fullmatch(r"\d+\.\d+\.\d+", raw))


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    before = text[:start].lower()
    for q in QUALIFIERS:
        if re.search(r"(?:^|\W)" + re.escape(q) + r"\s*$", before):
            return q, before.rstrip().rfind(q)
    return None, start


def _is_conversion(text: str, start: int, unit: str | None, previous: list[Mention]) -> bool:
    """ "6 kilometers (3.7 miles)": the bracketed figure restates the one before it."""
    return bool(
        unit and previous and previous[-1].unit == unit and re.search(r"\(\s*$", text[:start])
    )


def fill_elliptical(mentions: list[Mention]) -> list[Mention]:
    """ "Venezuela has no fewer than 5,000": borrow ``about`` from the same figure elsewhere."""
    named: dict[tuple[float, str | None], Counter[tuple[str, str]]] = {}
    for m in mentions:
        if m.head:
            named.setdefault((m.value, m.unit), Counter())[(m.about, m.head)] += 1
    out = []
    for m in mentions:
        if not m.head and (m.value, m.unit) in named:
            about, head = named[(m.value, m.unit)].most_common(1)[0][0]
            m = replace(m, about=about, head=head)
        out.append(m)
    return out


def extract_all(sents: Iterable[Sentence]) -> list[Mention]:
    found = [m for s in sents for m in extract(s)]
    return fill_elliptical(found)
