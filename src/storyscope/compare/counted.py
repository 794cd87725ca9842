"""What a figure counts or measures: "5,000 | Igla-S missiles", "6,000 meters | range".

For counts it is the noun phrase after the figure, stripped of modifiers that do not change what is
counted ("Russian-made", "anti-aircraft"); for measures it is the measured attribute found next to
the figure ("ranges up to 6 km", "3,500 meters in maximum altitude").
"""

from __future__ import annotations

import re

from storyscope.compare.text import STOPWORDS, stem, wordset

_ATTRIBUTES = {
    "range": "range",
    "ranges": "range",
    "reach": "range",
    "distance": "range",
    "away": "range",
    "altitude": "altitude",
    "altitudes": "altitude",
    "height": "altitude",
    "ceiling": "altitude",
    "high": "altitude",
    "depth": "depth",
    "deep": "depth",
    "long": "length",
    "length": "length",
    "wide": "width",
    "width": "width",
    "speed": "speed",
    "weight": "weight",
    "weighs": "weight",
}
_MODIFIERS = wordset("""russian american us u.s u.s. venezuelan chinese iranian israeli ukrainian british french german
    cuban colombian mexican european new more additional key lethal several own total other further
    type class model portable short-range long-range nationwide active reported estimated""")
# Words that can follow a figure without naming what it counts ("84 due to", "8 went").
_NOT_NOUNS = wordset("due went ago later earlier old apiece each alone too so votes percent")
_GROUP_NOUNS = wordset(
    "members member people residents officials employees workers citizens supporters fighters "
    "militants soldiers troops officers staff"
)
_TOKEN = re.compile(r"[\w][\w’'.\-]*[\w]|[\w]|[(),;:.!?—–\"“”]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(re.sub(r"\bU\.S\.", "US", text.replace("’", "'")))


def about_of(text: str, end: int, start: int, unit: str | None) -> tuple[str, str]:
    """(about, head) for the figure at text[start:end]; ("", "") when nothing is named."""
    if unit in ("m", "kg", "t"):
        attr = _attribute(text, end, start)
        return attr, attr
    if unit is not None:
        return "", ""
    toks = _tokens(text[end:])
    if toks[:1] == ["of"] and len(toks) > 1 and toks[1].lower() in ("them", "those", "these", "it"):
        return "", ""
    kept: list[str] = []
    i = 0
    while i < len(toks) and i < 6:
        tok = toks[i]
        low = tok.lower()
        if low in ("more", "additional", "further", "extra") and not kept:
            i += 1
            continue
        if tok[0].isdigit() or (not kept and low in _NOT_NOUNS):
            break
        if low in _MODIFIERS:
            i += 1
            continue
        if not re.match(r"\w", tok) or low in STOPWORDS or low in ("of", "and"):
            if (
                low == "and"
                and kept
                and i + 1 < len(toks)
                and _nounish(toks[i + 1])
                and _ends_np(toks, i + 2)
            ):
                kept += ["and", toks[i + 1]]
            elif low == "of" and kept and kept[-1].lower() in _GROUP_NOUNS:
                kept += _of_group(toks[i + 1 : i + 5])
            break
        if kept and (re.search(r"(?:ed|ing)$", low) or (kept[-1].endswith("s") and tok.islower())):
            break
        if low not in _MODIFIERS and not _is_adjective_compound(tok):
            kept.append(tok if tok[:1].isupper() else low)
        i += 1
    if not kept:
        return "", ""
    if "of" in kept:
        # "members of the Islamic State": the head is "members", the group qualifies it.
        head_word = kept[kept.index("of") - 1]
        return " ".join(kept), stem(head_word)
    about = " ".join(kept[-3:])
    last = kept[-1]
    return about, last.lower() if "-" in last else stem(last)


def _of_group(toks: list[str]) -> list[str]:
    """ "of the Islamic State group" -> ["of", "Islamic", "State"]: a named group only."""
    names = [t for t in toks if t.lower() != "the"]
    run: list[str] = []
    for t in names:
        if not t[:1].isupper():
            break
        run.append(t)
    return ["of", *run] if run else []


def _nounish(tok: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][\w-]*", tok)) and tok.lower() not in STOPWORDS


def _ends_np(toks: list[str], i: int) -> bool:
    return i >= len(toks) or not re.match(r"[A-Za-z]", toks[i]) or toks[i].lower() in STOPWORDS


def _is_adjective_compound(tok: str) -> bool:
    """ "Russian-made", "anti-aircraft", "surface-to-air" modify; "Igla-S", "F-35" name a thing."""
    if "-" not in tok:
        return False
    tail = tok.rsplit("-", 1)[1]
    return not (tail.isupper() or tail.isdigit())


def _attribute(text: str, end: int, start: int) -> str:
    after = _tokens(text[end:])[:4]
    for tok in after:
        if tok in ("(", ")") or tok[0].isdigit():
            break
        if tok.lower() in _ATTRIBUTES:
            return _ATTRIBUTES[tok.lower()]
    before = _tokens(text[:start])[-5:]
    for tok in reversed(before):
        if tok[0].isdigit():
            break
        if tok.lower() in _ATTRIBUTES:
            return _ATTRIBUTES[tok.lower()]
    return ""
