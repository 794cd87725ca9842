"""The default summariser: source sentences chosen, lightly trimmed and cited; runs offline.

Selection covers the most widely carried claims first (claim support, then centrality across outlets,
then a lead-position prior), removes near-repeats with maximal marginal relevance, and among wordings
of one claim prefers the least loaded one and the wire's or the original source's. A claim the
sources hedge is never stated as fact: its attributed wording is kept (or the attribution inserted)
and a sentence saying the figure is unverified follows, citing the articles that say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyscope.config import Settings
from storyscope.model import Section, SummarySentence
from storyscope.pipeline import StoryContext
from storyscope.summarize.material import Material
from storyscope.summarize.pool import Candidate, cosine, word_count
from storyscope.summarize.support import hedges
from storyscope.summarize.text import content_words, numbers, split_sentences
from storyscope.summarize.trim import persons_in

REPEAT = 0.4  # cosine above which a candidate repeats an already chosen sentence
CENTRAL = 1.5  # weight of similarity to the other articles' sentences
LEAD = 0.35  # weight of the lead-position prior
LOADED = 0.15  # penalty per loaded term (framing lexicon)
HEADLINE = 0.5  # weight of similarity to the headlines
WIRE = 0.1  # bonus for the wire's or the original source's sentence
BREADTH = 0.3  # weight of how many articles support the exact wording
SAME_FIGURE = 0.1  # lower bar for two sentences that state the same figure
WEAK_START = re.compile(
    r"^(This|That|These|Those|It|They|Such|The move|The statement|The announcement)\b"
)
# A figure, not part of a model name ("Kestrel-7", "F-35", "B-52") or a word ("G7").
_NUMBER_TOKEN = re.compile(r"(?<![\w-])\d[\d,.]*\d(?![\w-])|(?<![\w-])\d(?![\w-])")
_YEAR = re.compile(r"^(19|20)\d\d$")


def relevance(m: Material, c: Candidate, n_articles: int) -> float:
    """How much a candidate belongs in "what happened": breadth first, then centrality and position."""
    support = len(c.support) / max(n_articles, 1)
    breadth = (len(c.cited) - 1) / max(n_articles - 1, 1)
    score = support + CENTRAL * c.centrality + LEAD / (1.0 + c.position) + BREADTH * breadth
    score += HEADLINE * c.headline
    if c.claim is not None:
        score += {"consensus": 0.25, "majority": 0.12}.get(c.claim.status, 0.0)
    if m.is_wire(c.article_id) or c.article_id in m.origin_ids:
        score += WIRE
    score -= LOADED * m.loadedness(c.text)
    n = word_count(c.text)
    if n > 45:
        score -= 0.01 * (n - 45)
    if n < 10:
        score -= 0.1
    if WEAK_START.match(c.text):
        score -= 0.3
    if '"' in c.text or "“" in c.text:
        score -= 0.1  # quotes belong to "who is quoted"
    return score


def _figures(c: Candidate) -> set[float]:
    return {v for v in numbers(c.text) if not (1900 <= v <= 2100 and v == int(v))}


def redundant(c: Candidate, t: Candidate) -> bool:
    """Same claim group, or the same figure in a sentence about the same thing."""
    if c.claim is not None and c.claim is t.claim:
        return True
    shared = _figures(c) & _figures(t)
    return bool(shared) and cosine(c.vector, t.vector) >= SAME_FIGURE


def mmr(
    m: Material,
    cands: Sequence[Candidate],
    k: int,
    chosen: Sequence[Candidate] = (),
    lam: float = 0.75,
    score: dict[int, float] | None = None,
) -> list[Candidate]:
    """Maximal marginal relevance: best candidates that do not repeat what is already chosen."""
    n_articles = len(m.articles)
    rel = score or {id(c): relevance(m, c, n_articles) for c in cands}
    picked: list[Candidate] = []
    taken = list(chosen)
    pool = list(cands)
    while pool and len(picked) < k:
        best, best_score = None, float("-inf")
        for c in pool:
            sim = max((cosine(c.vector, t.vector) for t in taken), default=0.0)
            if sim >= REPEAT or any(redundant(c, t) for t in taken):
                continue
            s = lam * rel[id(c)] - (1 - lam) * sim
            if s > best_score:
                best, best_score = c, s
        if best is None:
            break
        picked.append(best)
        taken.append(best)
        pool.remove(best)
    return picked


# A unit right after a figure belongs to it: "the figure of 8 km", not "the figure of 8".
_UNIT_AFTER = re.compile(
    r"\s?(km|kilometers|kilometres|miles|meters|metres|m|kg|kilograms|tons|tonnes|%|percent|per cent)(?!\w)",
    re.IGNORECASE,
)


def _figure(text: str) -> str | None:
    for m in _NUMBER_TOKEN.finditer(text):
        tok = m.group(0)
        if not _YEAR.match(tok):
            unit = _UNIT_AFTER.match(text, m.end())
            return tok + unit.group(0) if unit else tok
    return None


def hedging_articles(m: Material, c: Candidate) -> list[str]:
    """Articles that say the candidate's claim is unverified: a hedge next to the same claim."""
    ids: set[str] = set()
    if c.claim is not None:
        ids |= {i for i in c.claim.hedged_by if i in m.by_id}
    mine = set(content_words(c.text))
    nums = numbers(c.text)
    for a in m.articles:
        sentences = split_sentences(a.body)
        for i, s in enumerate(sentences):
            if not hedges(s):
                continue
            window = " ".join(sentences[max(i - 1, 0) : i + 1])
            shared = mine & set(content_words(window))
            if len(shared) >= 2 or (nums & numbers(s)):
                ids.add(a.id)
                break
    return [a.id for a in m.articles if a.id in ids]


def speaker_of(m: Material, c: Candidate) -> str | None:
    """Who asserts a hedged claim: a quoted speaker on the same topic, else a person its wordings name."""
    mine = set(content_words(c.text))
    shared = [(len(mine & set(content_words(q.text))), q.speaker) for q in m.quotes if q.speaker]
    best = max(shared, default=(0, None), key=lambda x: x[0])
    if best[1] and best[0] >= 2:
        return best[1].split()[-1]
    people = persons_in(
        c.text, m.people, m.by_id[c.article_id].body if c.article_id in m.by_id else ""
    )
    return people[0] if people else None


def attributed_text(m: Material, c: Candidate, alternatives: Sequence[Candidate]) -> str | None:
    """The claim's wording with its attribution: the candidate's own, another outlet's, or inserted.

    None when nobody can be named as the source: the claim is then left out rather than stated as
    fact.
    """
    if c.attributed:
        return c.text
    for alt in alternatives:
        if alt.attributed and m.loadedness(alt.text) <= m.loadedness(c.text):
            return alt.text
    speaker = speaker_of(m, c)
    first = (
        c.text[:1].lower() + c.text[1:]
        if c.text.split()[0].lower() in {"the", "a", "an", "its", "there"}
        else c.text
    )
    return f"{speaker} said {first}" if speaker else None


def unverified_sentence(m: Material, c: Candidate, section: Section) -> SummarySentence | None:
    ids = hedging_articles(m, c)
    if not ids:
        return None
    figure = _figure(c.text)
    subject = f"the figure of {figure}" if figure else "this claim"
    for _ in range(2):
        text = f"{m.join(ids)} {m.verb(ids, 'reports', 'report')} that {subject} is unverified."
        s = m.cite(text, section, among=ids, connective=True)
        if s is None:
            return None
        if set(s.article_ids) == set(ids):
            return s
        ids = list(s.article_ids)  # rename the outlets to those that really say so
    return None


def is_hedged(m: Material, c: Candidate) -> bool:
    if c.claim is not None and not c.claim.verified:
        return True
    return c.attributed and bool(_figure(c.text)) and bool(hedging_articles(m, c))


def note_key(c: Candidate) -> str:
    return f"unverified:{_figure(c.text) or id(c.claim)}"


def render(
    m: Material, chosen: Sequence[Candidate], section: Section, used: set[str]
) -> list[SummarySentence]:
    """Cite each chosen candidate, keeping attributions on hedged claims and adding the hedge."""
    out: list[SummarySentence] = []
    for c in chosen:
        if hedges(c.text) and any(k.startswith("unverified:") for k in used):
            continue  # the hedge is already said, citing every article that says it
        hedged = is_hedged(m, c)
        text = c.text
        if hedged:
            alternatives = [
                o for o in m.pool if o is not c and o.claim is not None and o.claim is c.claim
            ]
            attributed = attributed_text(m, c, alternatives)
            if attributed is None:
                continue
            text = attributed
        s = m.cite(text, section)
        if s is None or s.text in used:
            continue
        used.add(s.text)
        out.append(s)
        if hedged and _figure(c.text) and note_key(c) not in used:
            note = unverified_sentence(m, c, section)
            if note is not None:
                used.add(note_key(c))
                out.append(note)
    return out


def what_happened(
    m: Material, used: set[str], k: int = 4
) -> tuple[list[SummarySentence], list[Candidate]]:
    chosen = mmr(m, m.pool, k)
    chosen.sort(key=lambda c: -len(c.support))
    return render(m, chosen, "what_happened", used), chosen


def context(
    m: Material, used: set[str], taken: Sequence[Candidate], k: int = 2
) -> list[SummarySentence]:
    background = [
        c for c in m.pool if c.background and c not in taken and not WEAK_START.match(c.text)
    ]
    return render(m, mmr(m, background, k, chosen=taken), "context", used)


class ExtractiveSummarizer:
    """Offline summariser over source sentences; see the module docstring for the rules."""

    def __init__(self, settings: Settings | None = None, sentences: int = 4) -> None:
        self.settings = settings
        self.sentences = sentences
        self.last_dropped = 0  # always 0: extracted sentences are checked before they are chosen

    def summarize(self, ctx: StoryContext) -> list[SummarySentence]:
        return self.summarize_material(Material.from_context(ctx))

    def summarize_material(self, m: Material) -> list[SummarySentence]:
        from storyscope.summarize.figures import behind_the_numbers
        from storyscope.summarize.sections import where_sources_differ, who_is_quoted

        used: set[str] = set()
        if not m.articles:
            return []
        first, taken = what_happened(m, used, self.sentences)
        out = list(first)
        out += where_sources_differ(m, used)
        out += behind_the_numbers(m, used, taken)
        out += who_is_quoted(m, used)
        out += context(m, used, taken)
        return out
