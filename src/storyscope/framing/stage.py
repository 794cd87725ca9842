"""The framing stage: how each outlet names the same people, places and events.

Reads the story's original articles (syndicated copies repeat their original's wording, so they
would only double its weight) and returns ``framing``, ``event_terms``, ``reporting_verbs``,
``tone`` and ``headlines``. The NER backend comes from the registry (``settings.ner``); the
lexicon is ours merged with ``settings.lexicon_path``.
"""

from __future__ import annotations

from typing import Any

from storyscope.framing.actors import Actor, Doc, find_actors, make_doc
from storyscope.framing.coref import describe
from storyscope.framing.events import event_terms
from storyscope.framing.headlines import headline
from storyscope.framing.labels import GOVERNMENT, Labels
from storyscope.framing.lexicon import Lexicon, load_lexicon
from storyscope.framing.ner import NER
from storyscope.framing.text import fold
from storyscope.framing.tone import tone
from storyscope.framing.verbs import reporting_verbs
from storyscope.model import Article, Framing
from storyscope.pipeline import StoryContext
from storyscope.registry import create

MAX_ACTORS = 15


def run(ctx: StoryContext) -> dict[str, Any]:
    lex = load_lexicon(ctx.settings.lexicon_path)
    ner: NER = create("ner", ctx.settings.ner, lex)
    return analyse(ctx.originals, ner, lex)


def analyse(articles: list[Article], ner: NER, lex: Lexicon | None = None) -> dict[str, Any]:
    """The stage's work on plain articles, for callers without a pipeline context (bench, tests)."""
    lex = lex or load_lexicon()
    docs = [make_doc(a) for a in articles]
    actors = find_actors(docs, ner, lex)
    labels = describe(docs, actors, lex)
    events = event_terms(docs, lex)
    return {
        "framing": framing(docs, actors, labels, lex),
        "event_terms": events,
        "reporting_verbs": reporting_verbs(docs, actors, labels, lex),
        "tone": [tone(d, lex, events) for d in docs],
        "headlines": [headline(d, actors, labels, lex) for d in docs if d.article.title or d.sents],
    }


def framing(
    docs: list[Doc], actors: dict[str, Actor], labels: Labels, lex: Lexicon
) -> list[Framing]:
    """Main actors first (by articles naming them, then describing them, then mentions), each
    leader's government right after the leader.

    Listed: people, organisations and groups that enough articles name (two, or one in a
    one-article story) or that some article describes; countries enough articles name; other
    places only when described. ``labels`` has a cell for every article naming the actor (empty
    when it names it bare) and for every article describing it only through stand-ins.
    """
    need = 1 if len(docs) == 1 else 2
    order = [d.id for d in docs]

    def described(a: Actor) -> bool:
        return any(labels.person.get(a.name, {}).values())

    def listed(a: Actor) -> bool:
        if a.kind in {"person", "org", "group"}:
            return len(a.articles) >= need or described(a)
        if a.kind == "place":
            return described(a) or (
                len(a.articles) >= need and fold(a.name) in lex.countries_by_name
            )
        return False

    def cells(a: Actor) -> dict[str, tuple[str, ...]]:
        given, named = labels.person.get(a.name, {}), set(a.articles)
        return {aid: tuple(given.get(aid, ())) for aid in order if aid in named or aid in given}

    chosen = [(a, cells(a)) for a in actors.values() if listed(a)]
    # Articles naming or describing the actor (a headline may say only "Venezuela's president").
    # Ties: the actor more articles describe first (a framing table is about descriptors).
    chosen.sort(
        key=lambda ac: (
            -len(ac[1]),
            -sum(1 for ls in ac[1].values() if ls),
            -len(ac[0].mentions),
            ac[0].name,
        )
    )
    out: list[Framing] = []
    for actor, per_article in chosen[:MAX_ACTORS]:
        out.append(Framing(actor.name, actor.kind, per_article, tuple(actor.variants)))
        government = labels.government.get(actor.name)
        if government:
            gov = {aid: tuple(government[aid]) for aid in order if aid in government}
            out.append(Framing(actor.name + GOVERNMENT, "government", gov, (), of=actor.name))
    return out
