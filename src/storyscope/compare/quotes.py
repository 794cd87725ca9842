"""Direct quotes, their speakers, and the same utterance relayed by several outlets.

Speakers come from the sentence ("…,” Maduro continued. / Maduro stated, “…” / “…” Trump told
reporters), else a pronoun resolved to the nearest person named before it, else the speaker of the
quote just before (a quote that carries on). Scare quotes ("armed conflict", "millions") quote a
phrase, not a speaker, and are left out. Translations of one utterance differ in wording, so they
are merged on shared content words, never across two different named speakers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyscope.compare.people import NON_PERSON, NOT_NAMES, PRONOUNS, TITLES, People
from storyscope.compare.text import content_stems, fold, paragraphs, split_sentences
from storyscope.model import Article, Quote, QuoteVariant

SPEECH = (
    r"(?:said|says|stated|states|told|tells|added|adds|continued|declared|warned|wrote|asked|"
    r"explained|insisted|noted|argued|replied|tweeted|posted|announced|remarked|stressed|"
    r"emphasized|emphasised|urged|vowed|claimed|recalled|insists|warns|claims|described|"
    r"indicated|writing|saying|tweeting|wrote)"
)
_TITLE = r"(?:(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\s+){0,3}"
_NAME = r"(?P<name>" + _TITLE + r"(?:[A-ZÀ-Ý][\w’'.\-]*\s+){0,3}[A-ZÀ-Ý][\w’'\-]*|he|she)"
_AFTER_NAME_VERB = re.compile(
    r"^[\s,]*" + _NAME + r"(?:,[^,“\"]{1,60},)?\s+(?:also\s+|then\s+|later\s+)?" + SPEECH + r"\b"
)
_AFTER_VERB_NAME = re.compile(r"^[\s,]*" + SPEECH + r"\s+" + _NAME + r"\b")
_BEFORE = re.compile(_NAME + r"\s+(?:also\s+|then\s+|later\s+)?" + SPEECH + r"\b[^“\"«]{0,60}$")
_RIGHT_BEFORE = re.compile(_NAME + r"\s*$")
_ANY_NAME_VERB = re.compile(_NAME + r"\s+(?:also\s+|has\s+|had\s+)?" + SPEECH + r"\b")
_PAIRS = re.compile(
    r"“(?P<a>[^”“]+)(?:”|$)|(?<![\w])\"(?P<b>[^\"]+)(?:\"|$)|«(?P<c>[^»]+)»|(?<![\w])‘(?P<d>[^’‘]+)’(?![\w])"
)
MIN_CONTENT = 3


@dataclass(frozen=True)
class Found:
    article_id: str
    text: str
    speaker: str | None
    position: int


def _speaker_in(sentence: str, start: int, end: int) -> tuple[list[str], bool]:
    """Candidate speaker names, best first, and whether a speech verb attaches them directly."""
    after, before = sentence[end:], sentence[:start]
    direct: list[str] = []
    for rx in (_AFTER_NAME_VERB, _AFTER_VERB_NAME):
        m = rx.match(after)
        if m:
            direct.append(m.group("name"))
    m = _BEFORE.search(before)
    if m:
        direct.append(m.group("name"))
    loose: list[str] = []
    m = _RIGHT_BEFORE.search(before)
    if m:
        loose.append(m.group("name"))
    loose += [m.group("name") for m in _ANY_NAME_VERB.finditer(before + " " + after)]
    if before.rstrip().endswith(":") or re.search(r"\bsaying(?: that)?\b[^“\"]{0,80}$", before):
        loose += [m.group("name") for m in re.finditer(_NAME, before)]
    return direct + loose, bool(direct)


def _quotes_in(para: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _PAIRS.finditer(para):
        text = next(g for g in m.groups() if g is not None)
        end = m.end()
        if m.group()[-1] not in '”"»’':
            # Unclosed (a cleaner or the outlet dropped the closing mark): stop at the sentence end.
            first = split_sentences(text)[0] if text.strip() else text
            end = m.start() + 1 + len(first)
            text = first
        out.append((text.strip().rstrip(",").strip(), m.start(), end))
    return out


def _sentence_around(para: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence(s) holding para[start:end], and the span's offsets inside it."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sent in split_sentences(para):
        at = para.find(sent, cursor)
        spans.append((at, at + len(sent)))
        cursor = at + len(sent)
    lo = max((a for a, b in spans if a <= start), default=0)
    hi = min((b for a, b in spans if b >= end), default=len(para))
    return para[lo:hi], start - lo, end - lo


def is_phrase(text: str, attached: bool = False) -> bool:
    """Scare quotes and quoted terms: too short to be a statement of a speaker. A short quote a
    speech verb attaches to a speaker ("He who understood, understood," Maduro continued) counts."""
    if attached:
        return len(text.split()) < 3 or not content_stems(text)
    return len(text.split()) < 4 or len(content_stems(text)) < MIN_CONTENT


def quotes_of(article: Article, people: People) -> list[Found]:
    found: list[Found] = []
    before = ""
    for para in paragraphs(article.body):
        last_speaker: str | None = None
        for text, start, end in _quotes_in(para):
            sent, s_start, s_end = _sentence_around(para, start, end)
            candidates, attached = _speaker_in(sent, s_start, s_end)
            if is_phrase(text, attached):
                continue
            context = before + " " + para[:start]
            speaker = next(
                (p for p in (_resolve(c, people, context) for c in candidates) if p), None
            )
            if speaker is None and attached:
                speaker = _organisation(candidates[0])  # "…,” Pfizer said.
            if speaker is None and s_start <= 1 and last_speaker:
                speaker = last_speaker  # a quote carrying on from the one before
            found.append(Found(article.id, text, speaker, len(found)))
            last_speaker = speaker or last_speaker
        before += " " + para
    return found


def _organisation(raw: str) -> str | None:
    """A named non-person speaker (a company, a ministry), or None for pronouns and places."""
    toks = [t for t in raw.split() if t.lower() not in NOT_NAMES and t.lower() not in TITLES]
    if not toks or not toks[0][:1].isupper():
        return None
    name = " ".join(toks)
    return None if fold(name).lower() in NON_PERSON else name


def _resolve(raw: str, people: People, before: str) -> str | None:
    if raw.lower() in PRONOUNS:
        return people.last_before(before)
    return people.canonical(raw)


def _similar(a: Found, b: Found) -> bool:
    if a.speaker and b.speaker and a.speaker != b.speaker:
        return _overlap(a.text, b.text) >= 0.8  # near-verbatim: an attribution conflict
    return _overlap(a.text, b.text) >= 0.5


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _overlap(x: str, y: str) -> float:
    sx, sy = _stems(x), _stems(y)
    shared = sx & sy
    if len(shared) < MIN_CONTENT:
        return 0.0
    return len(shared) / min(len(sx), len(sy))


def _merge(found: list[Found]) -> list[list[Found]]:
    """Best pair first, one wording per article in a group, every member close to the pair."""
    pairs = sorted(
        (-_overlap(a.text, b.text), i, j)
        for i, a in enumerate(found)
        for j, b in enumerate(found)
        if i < j and a.article_id != b.article_id and _similar(a, b)
    )
    group_of = list(range(len(found)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(found))}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if {found[k].article_id for k in left} & {found[k].article_id for k in right}:
            continue
        speakers = {found[k].speaker for k in left + right if found[k].speaker}
        if len(speakers) > 1 and not all(_similar(found[a], found[b]) for a in left for b in right):
            continue
        for k in right:
            group_of[k] = gi
        left.extend(right)
        del members[gj]
    return [[found[k] for k in sorted(ms)] for _, ms in sorted(members.items())]


def find_quotes(articles: Sequence[Article]) -> list[tuple[Quote, dict[str, tuple[str, ...]]]]:
    """Merged quotes, each with its speakers (speaker -> article ids) to expose disagreements."""
    people = People([a.body for a in articles] + [a.title or "" for a in articles])
    order = {a.id: i for i, a in enumerate(articles)}
    found = [f for a in articles for f in quotes_of(a, people)]
    groups = _merge(found)
    out = []
    for g in groups:
        speakers = Counter(f.speaker for f in g if f.speaker)
        speaker = speakers.most_common(1)[0][0] if speakers else None
        rep = max(g, key=lambda f: (sum(_overlap(f.text, x.text) for x in g), len(f.text)))
        by_speaker: dict[str, tuple[str, ...]] = {}
        for name in speakers:
            by_speaker[name] = tuple(
                sorted({f.article_id for f in g if f.speaker == name}, key=order.__getitem__)
            )
        ids = tuple(sorted({f.article_id for f in g}, key=order.__getitem__))
        variants = tuple(
            QuoteVariant(f.article_id, f.text) for f in sorted(g, key=lambda f: order[f.article_id])
        )
        out.append((Quote(speaker, rep.text, ids, variants), by_speaker))
    out.sort(key=lambda qs: (-len(qs[0].article_ids), order[qs[0].article_ids[0]]))
    return out
