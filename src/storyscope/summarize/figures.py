"""Behind the numbers: the key figures, who gives which wording of each, and who asserts them.

A figure sentence names outlets ("A, B and C report 5,000 Igla-S missiles, a figure from Maduro";
"A reports up to 6 kilometers; B and C report up to 6,000 meters"); each clause carries only words
lifted from the articles of the outlets it names, checked clause by clause like every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyscope.model import NumberMention, SummarySentence
from storyscope.summarize.extractive import is_hedged, note_key, redundant, unverified_sentence
from storyscope.summarize.material import Material
from storyscope.summarize.pool import Candidate
from storyscope.summarize.text import (
    STOPWORDS,
    content_words,
    fold,
    numbers,
    split_sentences,
    squash,
)
from storyscope.summarize.trim import persons_in

_QUALIFIER = re.compile(
    r"((?:at least|no fewer than|no less than|more than|fewer than|less than|up to|about|around|"
    r"nearly|almost|over|some|roughly|approximately|an estimated)\s+)$",
    re.I,
)
_TOKEN = re.compile(r"[\w][\w,.'’\-]*")


def number_phrase(sentence: str, value: float) -> str | None:
    """ "at least six strikes" out of a sentence: qualifier, the number as written, and its noun."""
    for m in _TOKEN.finditer(sentence):
        tok = m.group().rstrip(".,")
        if numbers(tok) != {value}:
            continue
        start = m.start()
        q = _QUALIFIER.search(sentence[:start])
        if q:
            start = q.start()
        tail = sentence[m.start() + len(tok) :]
        following: list[str] = []
        for w in tail.split():
            clean = w.strip('.,;:!?"“”()')
            if not clean or fold(clean) in STOPWORDS or len(following) >= 4:
                break
            if w.startswith("(") or any(ch.isdigit() for ch in clean):
                break
            if following and re.search(r"(ed|ing)$", clean):
                break  # "eight drug boats headed from": stop before the participle
            following.append(clean)
            if clean != w:
                break
        phrase = (
            sentence[start : m.start()] + tok + (" " + " ".join(following) if following else "")
        )
        return phrase.strip()
    return None


def sentence_with(m: Material, article_id: str, value: float, hint: str = "") -> str | None:
    article = m.by_id.get(article_id)
    if article is None:
        return None
    hits = [s for s in split_sentences(article.body) if value in numbers(s)]
    if hint:
        hits.sort(key=lambda s: -len(set(fold(hint).split()) & set(fold(s).split())))
    return hits[0] if hits else None


def _key_numbers(m: Material) -> list[NumberMention]:
    nums = [
        n
        for n in m.numbers
        if not (1900 <= n.value <= 2100 and not n.unit)  # years
        and not (n.value < 10 and not n.unit and not n.qualifier)  # "the two governments"
    ]
    return sorted(nums, key=lambda n: (-len(n.article_ids), -n.value))[:4]


def _figure_source(m: Material, n: NumberMention, article_id: str) -> tuple[str, float] | None:
    """The article's sentence giving the figure, and the value as that sentence writes it."""
    article = m.by_id.get(article_id)
    if article is None:
        return None
    written = numbers(n.text) | {n.value}
    key = " " + squash(n.text) + " "
    hits = [
        s
        for s in split_sentences(article.body)
        if key in " " + squash(s) + " " or written & numbers(s)
    ]
    if not hits:
        return None
    about = set(content_words(n.about))
    hits.sort(key=lambda s: -len(about & set(content_words(s))))
    value = next(iter(written & numbers(hits[0])), None)
    return (hits[0], value) if value is not None else None


_SAYS = (
    r"[^.;:]{0,40}?\b(?:said|says|claimed|claims|announced|stated|told|declared|boasted|insisted)\b"
)


def _giver(m: Material, sentence: str, article_id: str, value_at: int) -> str | None:
    """The person the sentence has asserting the figure ("Maduro said ... 5,000"), else None."""
    for person in persons_in(sentence, m.people, m.by_id[article_id].body):
        found = re.search(r"\b" + re.escape(person) + _SAYS, sentence)
        if found and found.end() <= value_at:
            return person
    return None


def _figure_phrase(m: Material, n: NumberMention, article_id: str) -> str | None:
    found = _figure_source(m, n, article_id)
    if found is None:
        return None
    sentence, value = found
    phrase = number_phrase(sentence, value)
    if not phrase:
        return None
    if len(phrase.split()) < 2 or not re.search(r"[A-Za-z]{3,}$", phrase):
        phrase = f"{phrase} {n.about}"  # the sentence gives no noun after the figure
    giver = _giver(m, sentence, article_id, sentence.find(phrase.split()[-1]))
    return f"{phrase}, a figure from {giver}" if giver and giver not in phrase else phrase


def figure_sentence(m: Material, n: NumberMention) -> SummarySentence | None:
    """The figure and who gives which wording of it.

    "A, B and C report 5,000 Igla-S missiles, a figure from Maduro" or, when outlets write it
    differently, "A reports up to 6 kilometers; B and C report up to 6,000 meters".
    """
    ids = [i for i in n.article_ids if i in m.by_id]
    options: list[tuple[str, list[str]]] = []
    for aid in ids[:6]:
        phrase = _figure_phrase(m, n, aid)
        if not phrase or any(phrase == p for p, _ in options):
            continue
        backers = [
            i
            for i in ids
            if m.cite(f"{m.name(i)} reports {phrase}", "behind_the_numbers", [i], True)
        ]
        if backers:
            options.append((phrase, backers))
    clauses: list[str] = []
    cited: list[str] = []
    while options and len(clauses) < 3:
        phrase, backers = max(
            options, key=lambda o: (len(set(o[1]) - set(cited)), "a figure from" in o[0])
        )
        fresh = [i for i in backers if i not in cited]
        if not fresh:
            break
        options.remove((phrase, backers))
        clauses.append(f"{m.join(fresh)} {m.verb(fresh, 'reports', 'report')} {phrase}")
        cited += fresh
    if not clauses:
        return None
    return m.cite("; ".join(clauses) + ".", "behind_the_numbers", cited, True, exact=True)


def behind_the_numbers(
    m: Material, used: set[str], taken: Sequence[Candidate] = ()
) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    for n in _key_numbers(m):
        s = figure_sentence(m, n)
        if s is not None and s.text not in used:
            used.add(s.text)
            out.append(s)
    if not m.numbers:
        out += _numbers_from_pool(m, used, taken)
    return out


def _numbers_from_pool(
    m: Material, used: set[str], taken: Sequence[Candidate], k: int = 2
) -> list[SummarySentence]:
    """Without the compare stage: the most widely carried sentences stating a figure."""
    cands = [
        c
        for c in m.pool
        if any(not (1900 <= v <= 2100) for v in numbers(c.text)) and c.text not in used
    ]
    cands.sort(key=lambda c: (-len(c.support), c.position))
    out: list[SummarySentence] = []
    chosen = list(taken)
    for c in cands:
        if len(out) >= k:
            break
        if (is_hedged(m, c) and not c.attributed) or any(redundant(c, t) for t in chosen):
            continue
        chosen.append(c)
        s = m.cite(c.text, "behind_the_numbers")
        if s is not None and s.text not in used:
            used.add(s.text)
            out.append(s)
            if is_hedged(m, c) and note_key(c) not in used:
                note = unverified_sentence(m, c, "behind_the_numbers")
                if note is not None:
                    used.add(note_key(c))
                    out.append(note)
    return out


__all__ = ["behind_the_numbers", "figure_sentence", "number_phrase", "sentence_with"]
