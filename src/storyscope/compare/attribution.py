"""Cited sources ("according to CNN", "the Pentagon reported") and the story's independent origins.

A person speaking is a quote, not a source; sources here are news organisations and institutions.
Five articles can rest on one newsroom's reporting: an article that credits one news outlet for its
core claims relays that outlet, so it folds into that outlet's origin when origins are counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from storyscope.compare.people import People
from storyscope.compare.support import original_of, source_key
from storyscope.compare.text import fold, paragraphs, split_sentences, wordset
from storyscope.model import Article, Attribution, Origins

KNOWN_MEDIA = wordset("""cnn reuters ap afp bbc bloomberg nbc cbs abc msnbc npr pbs axios politico tass xinhua
    ria novosti interfax anadolu al jazeera sky fox guardian telesur efe dpa ansa kyodo yonhap
    nikkei""")
_MEDIA_WORDS = re.compile(
    r"\b(news|times|post|journal|press|agency|television|tv|radio|broadcast\w*|gazette|tribune|"
    r"herald|network|media|newspaper|outlets?|magazine|wire|telegraph|daily|reporting|ledger|"
    r"chronicle|observer|courier|bulletin|dispatch|examiner|inquirer|gazette|monitor)\b",
    re.I,
)
_GENERIC = re.compile(
    r"^(?P<src>(?:[A-Za-z’'\-]+\s+){0,2}(?:media|sources|officials|outlets|newspapers?|agency|"
    r"television|intelligence|authorities|analysts|experts|government|ministry|military|"
    r"army|police))\b",
)
_RUN = r"(?P<src>(?:the\s+)?[A-Z][\w’'&.\-]*(?:\s+(?:of|for|and|on|de|the|&)?\s*[A-Z][\w’'&.\-]*){0,5})(?:\s*\((?P<acr>[A-Z]{2,})\))?"
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?(?P<rest>[^,.;:]+)", re.I)
_CITING = re.compile(r"\bciting\s+(?:the\s+)?(?P<rest>[^,.;:]+)", re.I)
_VERBS = (
    r"(?:has\s+|had\s+|also\s+|later\s+)*(?:reported|noted|said|says|told|tells|"
    r"announced|informed|confirmed|stated|published|broadcast|cited|"
    r"could\s+not\s+(?:independently\s+)?(?:verify|confirm)|was\s+unable\s+to)\b"
)
_SUBJECT = re.compile(r"(?:^|(?<=[,;:]\s)|(?<=\bthat\s))" + _RUN + r"\s+" + _VERBS)
_TRAILING = re.compile(r"\s+(?:reporting|reports?|data|figures|estimates|officials|sources)$", re.I)
_INSTITUTION = re.compile(
    r"\b(pentagon|white house|kremlin|ministry|department|government|congress|parliament|council|"
    r"command|institute|army|navy|police|court|commission|office|agency of|authority|embassy|"
    r"military|officials|university|bank|fund|organi[sz]ation)\b",
    re.I,
)
_CALENDAR = re.compile(
    r"\s+(?:on|in|this|last)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b.*"
)
_LEADING = wordset("the a an as but and while when if so after before since also then")
_ADJECTIVES = wordset(
    "russian venezuelan american us u.s. chinese iranian israeli ukrainian british french german "
    "cuban colombian western european state military official local foreign"
)
_PREPOSITIONS = wordset("in at of from to for with by on into over under near")


def _media(name: str, media: set[str]) -> bool:
    key = fold(name).lower()
    known = {fold(m).lower() for m in media}
    return (
        key in known
        or any(w in KNOWN_MEDIA for w in key.split())
        or bool(_MEDIA_WORDS.search(name))
    )


def _from_rest(rest: str) -> str | None:
    rest = rest.strip()
    m = _GENERIC.match(rest)
    first = rest.split()[0] if rest.split() else ""
    demonym = re.fullmatch(r"[A-Z][a-z]+(?:ic|an|ian|ese|ish|i)", first) is not None
    if m and (first[:1].islower() or first.lower() in _ADJECTIVES or demonym):
        return m.group("src")
    m = re.match(_RUN, rest)
    if not m:
        return None
    return m.group("acr") or _TRAILING.sub("", m.group("src"))


def _clean(src: str) -> str:
    src = " ".join(src.split())  # non-breaking and doubled spaces
    src = _CALENDAR.split(src)[0]  # "YouTube on Wednesday" -> "YouTube"
    toks = src.split()
    while toks and toks[0].lower() in _LEADING:
        toks = toks[1:]  # "As CNN reported" -> "CNN"
    src = " ".join(toks).strip(" ’'")
    stripped = _TRAILING.sub("", src)
    return (
        stripped
        if stripped[:1].isupper() and stripped.split()[0].lower() not in _ADJECTIVES
        else src
    )


def cited_in(sentence: str, people: People, media: frozenset[str] = frozenset()) -> list[str]:
    """Sources a sentence credits, in order, persons excluded."""
    found: list[tuple[int, str]] = []
    for rx in (_ACCORDING, _CITING):
        for m in rx.finditer(sentence):
            src = _from_rest(m.group("rest"))
            if src:
                found.append((m.start(), src))
    for m in _SUBJECT.finditer(sentence):
        before = sentence[: m.start()].split()
        if before and before[-1].lower() in _PREPOSITIONS:
            continue
        found.append((m.start(), m.group("acr") or m.group("src")))
    out: list[str] = []
    for _, src in sorted(found):
        name = _clean(src)
        if (
            not name
            or (people.is_person(name) and not _media(name, set(media)))
            or name.lower() in ("he", "she", "it", "they", "sources", "reports", "report")
        ):
            continue
        if name[0].islower() and not _GENERIC.match(name):
            continue
        if name not in out:
            out.append(name)
    return out


def _sentences(article: Article) -> Iterable[tuple[int, str]]:
    n = 0
    for para in paragraphs(article.body):
        for sent in split_sentences(para):
            yield n, sent
            n += 1


def citations(
    articles: Sequence[Article], media: frozenset[str] = frozenset()
) -> dict[str, Counter[str]]:
    """Article id -> source -> how often the article credits it (first-sentence credits x2)."""
    people = People([a.body for a in articles])
    out: dict[str, Counter[str]] = {}
    for a in articles:
        counts: Counter[str] = Counter()
        for n, sent in _sentences(a):
            for src in cited_in(sent, people, media):
                counts[src] += 2 if n == 0 else 1
        out[a.id] = counts
    return out


def reporters(articles: Sequence[Article]) -> set[str]:
    """Sources the coverage credits with *reporting* ("X reported", "according to X reporting"):
    whoever reports is a newsroom, even one no list of outlets knows."""
    people = People([a.body for a in articles])
    out: set[str] = set()
    for a in articles:
        for _, sent in _sentences(a):
            for src in cited_in(sent, people):
                said = re.search(
                    re.escape(src) + r"\s+(?:has\s+|had\s+)?report(?:ed|s|ing)\b(?!\s+to\b)", sent
                )
                if said and not _INSTITUTION.search(src):
                    out.add(src)
    return out


def attributions_of(articles: Sequence[Article], media: set[str]) -> list[Attribution]:
    order = {a.id: i for i, a in enumerate(articles)}
    by_source: dict[str, set[str]] = {}
    for aid, counts in citations(articles, frozenset(media)).items():
        for src in counts:
            by_source.setdefault(src, set()).add(aid)
    rows = [
        Attribution(src, tuple(sorted(ids, key=order.__getitem__)))
        for src, ids in by_source.items()
    ]
    rows.sort(key=lambda r: (-len(r.article_ids), order[r.article_ids[0]], r.source))
    return rows


def origins_of(
    articles: Sequence[Article], attributions: list[Attribution], media: set[str]
) -> Origins | None:
    """Independent origins once copies fold into originals and relays into the outlet they relay."""
    if not articles:
        return None
    keys = source_key(articles)
    originals = original_of(articles)
    cites = citations(articles, frozenset(media))
    newsrooms = reporters(articles)
    relies: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    for a in articles:
        orig = originals[a.id]
        counts = {
            s: c
            for s, c in cites.get(orig, Counter()).items()
            if s in newsrooms or _media(s, media)
        }
        relied = (
            max(counts, key=lambda s: (counts[s], s))
            if counts and max(counts.values()) >= 2
            else None
        )
        if relied is not None and "outlet:" + fold(relied).lower() != keys[a.id]:
            relies.setdefault(relied, []).append(a.id)
            origin[a.id] = "outlet:" + fold(relied).lower()
        else:
            origin[a.id] = keys[a.id]
    independent = len(set(origin.values()))
    n = len(articles)
    text = f"{n} article{'s' if n != 1 else ''}, {independent} independent origin{'s' if independent != 1 else ''}"
    for src, ids in sorted(relies.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        text += f"; {len(ids)} rel{'y' if len(ids) != 1 else 'ies'} on {src}"
    return Origins(n, independent, {s: tuple(ids) for s, ids in sorted(relies.items())}, text)
