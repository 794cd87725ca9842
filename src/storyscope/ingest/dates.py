"""Dates as news pages write them, to timezone-aware UTC datetimes.

Pages mix ISO stamps, day-first European dates ("23.10.2025"), US prose dates ("Oct. 23, 2025"),
RFC 2822 in feeds and relative words ("on Wednesday") that only mean something next to the day the
page was published. Everything here returns UTC so that dates from different sources compare; a
date without a time is midnight UTC of that day. Ambiguous numeric dates ("03/04/2025") are read
day-first, as most non-US outlets write them, unless the second number cannot be a month.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["MONTHS", "find_date", "parse_date"]

# Month names in the languages the chrome lexicon covers; prefixes of 3+ letters are accepted.
MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "january enero janvier januar gennaio janeiro ocak",
    2: "february febrero février februar febbraio fevereiro şubat subat",
    3: "march marzo mars märz maerz março mart",
    4: "april abril avril aprile nisan",
    5: "may mayo mai maggio maio mayıs mayis",
    6: "june junio juin juni giugno junho haziran",
    7: "july julio juillet juli luglio julho temmuz",
    8: "august agosto août aout ağustos agustos",
    9: "september sept septiembre setiembre septembre settembre setembro eylül eylul",
    10: "october octubre octobre oktober ottobre outubro ekim",
    11: "november noviembre novembre novembre novembro kasım kasim",
    12: "december diciembre décembre dezember dicembre dezembro aralık aralik",
}
for _num, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS[_name] = _num
        MONTHS.setdefault(_name[:3], _num)
        MONTHS.setdefault(_name[:4], _num)

WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        "monday lunes lundi montag lunedì pazartesi",
        "tuesday martes mardi dienstag martedì salı sali",
        "wednesday miércoles miercoles mercredi mittwoch mercoledì çarşamba carsamba",
        "thursday jueves jeudi donnerstag giovedì perşembe persembe",
        "friday viernes vendredi freitag venerdì cuma",
        "saturday sábado sabado samedi samstag sabato cumartesi",
        "sunday domingo dimanche sonntag domenica pazar",
    ]
):
    for _name in _names.split():
        WEEKDAYS[_name] = _i

_RELATIVE = {"today": 0, "yesterday": 1, "hoy": 0, "ayer": 1, "bugün": 0, "dün": 1}

_MONTH_RE = r"(?P<mon>[^\W\d_]{3,10})\.?"
_TIME_RE = (
    r"(?:[ ,T]+(?:at\s+)?(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<ss>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[ECMP][SD]T|CES?T|BST|TRT|MSK)?)?"
)
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME_RE, re.I)
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4})" + _TIME_RE, re.I
)
_MDY = re.compile(
    r"\b" + _MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME_RE, re.I
)
_DMY = re.compile(
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?"
    + _MONTH_RE
    + r"\s+(?:de\s+)?(?P<y>\d{4})"
    + _TIME_RE,
    re.I,
)
_WORD_DAY = re.compile(r"\b(?:(?:on|last|this|el|le|am)\s+)?(?P<w>[^\W\d_]+)\b", re.I)
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


# Zone abbreviations with one meaning; "ET"/"PT" (either offset, by season) are read as UTC.
_ZONES = {
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "CET": 1, "CEST": 2, "BST": 1, "TRT": 3, "MSK": 3,
}  # fmt: skip


def _tz(token: str | None) -> timezone:
    if not token or token.upper() in {"Z", "UTC", "GMT"}:
        return UTC
    if token.upper() in _ZONES:
        return timezone(timedelta(hours=_ZONES[token.upper()]))
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def _build(y: int, m: int, d: int, match: re.Match[str]) -> datetime | None:
    hh = int(match.group("hh") or 0)
    mi = int(match.group("mi") or 0)
    ss = int(match.group("ss") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    try:
        value = datetime(y, m, d, hh, mi, ss, tzinfo=_tz(match.group("tz")))
    except ValueError:
        return None
    return value.astimezone(UTC)


def _from_match(kind: str, match: re.Match[str]) -> datetime | None:
    y = int(match.group("y"))
    if kind == "iso":
        return _build(y, int(match.group("m")), int(match.group("d")), match)
    if kind == "numeric":
        a, b = int(match.group("a")), int(match.group("b"))
        day, month = (b, a) if b > 12 >= a else (a, b)
        return _build(y, month, day, match)
    named = MONTHS.get(match.group("mon").lower())
    if named is None:
        return None
    return _build(y, named, int(match.group("d")), match)


_ABSOLUTE = (("iso", _ISO), ("numeric", _NUMERIC), ("mdy", _MDY), ("dmy", _DMY))


def _relative(word: str, reference: datetime) -> datetime | None:
    ref = reference if reference.tzinfo else reference.replace(tzinfo=UTC)
    ref_day = ref.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    key = word.lower()
    if key in _RELATIVE:
        return ref_day - timedelta(days=_RELATIVE[key])
    if key in WEEKDAYS:
        back = (ref_day.weekday() - WEEKDAYS[key]) % 7
        return ref_day - timedelta(days=back)
    return None


def parse_date(text: str, reference: datetime | None = None) -> datetime | None:
    """The date ``text`` names as a whole, in UTC, or None.

    Relative words ("Wednesday", "on Wednesday", "yesterday") need ``reference`` and resolve to the
    most recent such day on or before it; without a reference they give None.
    """
    s = text.strip().strip(",;")
    if not s:
        return None
    if _RFC2822.match(s):
        try:
            value = parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            value = None
        if value is not None:
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    for kind, pattern in _ABSOLUTE:
        match = pattern.fullmatch(s)
        if match:
            return _from_match(kind, match)
    if reference is not None:
        match = _WORD_DAY.fullmatch(s.rstrip("."))
        if match:
            return _relative(match.group("w"), reference)
    return None


def find_date(text: str, reference: datetime | None = None) -> datetime | None:
    """The first date written inside ``text`` (a byline, a dateline, a caption), in UTC, or None.

    Absolute dates win over relative words; the earliest absolute date in the text is returned, which
    in a "published ... - updated ..." byline is the publication date.
    """
    found: list[tuple[int, datetime]] = []
    for kind, pattern in _ABSOLUTE:
        for match in pattern.finditer(text):
            value = _from_match(kind, match)
            if value is not None:
                found.append((match.start(), value))
                break
    if found:
        return min(found, key=lambda pair: pair[0])[1]
    if reference is not None:
        for match in _WORD_DAY.finditer(text):
            value = _relative(match.group("w"), reference)
            if value is not None:
                return value
    return None
