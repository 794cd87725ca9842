"""Does a cited article really say what a summary sentence says?

Every summary sentence, extracted or generated, passes through :func:`supports` before it is kept.
The test is deliberately literal: the sentence's content words must be found in the article (after
light stemming), every number it states must be written in the article, every quoted span must occur
there word for word, a negation must be matched by one, and a sentence that calls a figure unverified
needs an article that hedges. Connective sentences built by the summariser ("A reports X; B reports
Y", "A calls him 'dictator'; others call him 'president'") are checked clause by clause: a clause that
names outlets speaks only for those outlets, and "others" speaks for the outlets no clause names.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from storyscope.model import Article, SummarySentence
from storyscope.summarize.text import (
    NEGATORS,
    content_words,
    fold,
    numbers,
    quotes,
    squash,
    stem,
    words,
)

# Words the summariser itself writes around source text; they need no support from an article.
_CONNECTIVE_TEXT = """report reports reported say says said claim claims claimed call calls called
    describe describes described refer refers others other outlet outlets only alone also cite cites
    cited source sources quote quotes quoted carry carries carried relay relays relayed give gives gave
    figure figures attribute attributes attributed while whereas both unverified verified
    independently according"""
CONNECTIVES = frozenset(stem(w) for w in _CONNECTIVE_TEXT.split())
_HEDGE = re.compile(
    r"unverif|not (been )?(independently )?(verif|confirm)|could not (independently )?(verify|confirm)|"
    r"cannot (independently )?(verify|confirm)|verification[^.]{0,60}(not|lack)|no independent|"
    r"unable to (independently )?(verify|confirm)|unconfirmed|without evidence|not provided evidence|"
    r"no proof|questioned|skeptic|scepti"
)
_UNVERIFIED_SENTENCE = re.compile(
    r"\bunverified\b|\bnot (been )?(independently )?(verified|confirmed)\b"
)
_OTHERS = re.compile(r"^\s*(?:the )?others?\b|^\s*other outlets\b", re.I)

MIN_COVERAGE = 0.85


def article_text(article: Article) -> str:
    return f"{article.title or ''}\n{article.body}"


def hedges(text: str) -> bool:
    """True when the text says something is unverified, unconfirmed or doubted."""
    return _HEDGE.search(fold(text)) is not None


class _Index:
    """The article's words, numbers and folded text, computed once per article."""

    def __init__(self, article: Article) -> None:
        text = article_text(article)
        self.stems = set(content_words(text))
        self.numbers = numbers(text)
        self.squashed = " " + squash(text) + " "
        toks = set(words(text))
        self.negated = bool(toks & NEGATORS) or any(t.endswith("n't") for t in toks)
        self.hedges = hedges(text)


_CACHE: dict[tuple[str, str], _Index] = {}


def _index(article: Article) -> _Index:
    key = (article.id, article.content_hash or str(hash(article.body)))
    idx = _CACHE.get(key)
    if idx is None:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        idx = _CACHE[key] = _Index(article)
    return idx


def _strip_names(text: str, names: Iterable[str]) -> str:
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?:'s)?(?!\w)", " ", text)
    return text


def clause_supported(clause: str, idx: _Index, min_coverage: float = MIN_COVERAGE) -> bool:
    """The literal test for one clause (outlet names already removed)."""
    for span in quotes(clause):
        if " " + squash(span) + " " not in idx.squashed:
            return False
    if not numbers(clause) <= idx.numbers:
        return False
    toks = set(words(clause))
    if (toks & NEGATORS or any(t.endswith("n't") for t in toks)) and not idx.negated:
        return False
    if _UNVERIFIED_SENTENCE.search(fold(clause)) and not idx.hedges:
        return False
    stems = [s for s in content_words(clause) if s not in CONNECTIVES]
    if not stems:
        return True
    found = sum(1 for s in stems if s in idx.stems)
    return found / len(stems) >= min_coverage


def speakers(clause: str, names: Collection[str]) -> list[str]:
    """Outlet names that open a connective clause ("Only A and B report ..."): whom it speaks for."""
    rest = clause.strip()
    rest = rest[5:] if rest.startswith("Only ") else rest
    found: list[str] = []
    ordered = sorted(names, key=len, reverse=True)
    while True:
        hit = next(
            (n for n in ordered if rest.startswith(n) and not rest[len(n) : len(n) + 1].isalnum()),
            None,
        )
        if hit is None:
            return found
        found.append(hit)
        rest = rest[len(hit) :]
        sep = re.match(r"(?:'s)?(?:,\s*(?:and\s+)?|\s+and\s+)", rest)
        if not sep:
            return found
        rest = rest[sep.end() :]


def supports(
    sentence: str | SummarySentence,
    article: Article,
    names: Collection[str] = (),
    *,
    min_coverage: float = MIN_COVERAGE,
) -> bool:
    """True when ``article`` says everything ``sentence`` says (for the clauses that speak for it).

    ``names`` are the outlet names that may appear in connective sentences (all outlets of the
    story); the article's own outlet name is always known.
    """
    text = sentence.text if isinstance(sentence, SummarySentence) else sentence
    own = article.display_name
    all_names = set(names) | {own}
    clauses = [c for c in re.split(r";\s+", text) if c.strip()]
    named = [speakers(c, all_names) for c in clauses]
    own_named = any(own in ns for ns in named)
    idx = _index(article)
    applicable = 0
    for clause, ns in zip(clauses, named, strict=True):
        if ns:
            if own not in ns:
                continue
        elif _OTHERS.search(clause) and own_named:
            continue
        applicable += 1
        if not clause_supported(_strip_names(clause, all_names), idx, min_coverage):
            return False
    return applicable > 0


def supporting(
    text: str,
    articles: Iterable[Article],
    names: Collection[str] = (),
    *,
    min_coverage: float = MIN_COVERAGE,
) -> tuple[str, ...]:
    """Ids of the ``articles`` that support ``text``, in the order given."""
    return tuple(a.id for a in articles if supports(text, a, names, min_coverage=min_coverage))
