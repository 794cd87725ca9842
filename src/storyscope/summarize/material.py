"""What every summariser works from: the story's articles, their outlets and earlier stage results.

Earlier stages may be missing (not yet run, failed, or an older cached analysis); every accessor here
returns an empty value then, so each summary section degrades on its own instead of crashing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from storyscope.model import (
    LEANS,
    Article,
    Attribution,
    Claim,
    Conflict,
    Framing,
    NumberMention,
    Origins,
    Outlet,
    Quote,
    Section,
    SummarySentence,
    UniqueClaims,
)
from storyscope.pipeline import StoryContext
from storyscope.summarize.loaded import loaded_terms
from storyscope.summarize.pool import Candidate, build_pool
from storyscope.summarize.support import supporting

T = TypeVar("T")

SIDES: dict[str, str] = {
    "left": "left",
    "lean-left": "left",
    "center": "center",
    "lean-right": "right",
    "right": "right",
}


def _typed(value: Any, kind: type[T]) -> list[T]:
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, kind)]


def outlet_lean(outlet: Outlet | None) -> str | None:
    """The outlet's lean on LEANS as the landscape stage reads it (same rater preference)."""
    if outlet is None:
        return None
    try:
        from storyscope.outlets.landscape import outlet_lean as landscape_lean

        lean = landscape_lean(outlet)
    except ImportError:
        ratings = sorted(
            outlet.lean, key=lambda r: 0 if r.rater.lower().startswith("allsides") else 1
        )
        lean = next((r.value for r in ratings if r.value in LEANS), None)
    return lean if lean in LEANS else None


@dataclass
class Material:
    articles: list[Article]
    outlets: dict[str, Outlet | None]
    results: dict[str, Any]
    settings: Any = None
    pool: list[Candidate] = field(default_factory=list)
    loaded: frozenset[str] = frozenset()
    _loaded_re: re.Pattern[str] | None = None

    @classmethod
    def from_context(cls, ctx: StoryContext) -> Material:
        originals = ctx.originals or list(ctx.articles)
        m = cls(
            articles=originals,
            outlets=dict(ctx.outlets),
            results=dict(ctx.results),
            settings=ctx.settings,
        )
        m.loaded = loaded_terms(ctx.settings)
        m.pool = build_pool(originals, m.claims, m.people)
        by_id = m.by_id
        for c in m.pool:
            # Literal support needs a close sentence, so only articles carrying the claim are tried.
            c.cited = supporting(c.text, [by_id[i] for i in sorted(c.support) if i in by_id])
        return m

    # ------------------------------------------------------------------ earlier stages, typed

    @property
    def claims(self) -> list[Claim]:
        return _typed(self.results.get("claims"), Claim)

    @property
    def numbers(self) -> list[NumberMention]:
        return _typed(self.results.get("numbers"), NumberMention)

    @property
    def conflicts(self) -> list[Conflict]:
        return _typed(self.results.get("conflicts"), Conflict)

    @property
    def quotes(self) -> list[Quote]:
        return _typed(self.results.get("quotes"), Quote)

    @property
    def attributions(self) -> list[Attribution]:
        return _typed(self.results.get("attributions"), Attribution)

    @property
    def unique_claims(self) -> list[UniqueClaims]:
        return _typed(self.results.get("unique_claims"), UniqueClaims)

    @property
    def framing(self) -> list[Framing]:
        return _typed(self.results.get("framing"), Framing)

    @property
    def origins(self) -> Origins | None:
        value = self.results.get("origins")
        return value if isinstance(value, Origins) else None

    @property
    def people(self) -> list[str]:
        """Person names earlier stages found (quote speakers, framing entities of kind person)."""
        names = [q.speaker for q in self.quotes if q.speaker]
        names += [f.entity for f in self.framing if f.kind == "person"]
        return list(dict.fromkeys(n for n in names if n and n[:1].isupper()))

    # ------------------------------------------------------------------ articles and outlets

    @cached_property
    def by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    def name(self, article_id: str) -> str:
        outlet = self.outlets.get(article_id)
        if outlet is not None:
            return outlet.name
        article = self.by_id.get(article_id)
        return article.display_name if article else article_id

    @cached_property
    def names(self) -> set[str]:
        return {self.name(a.id) for a in self.articles}

    def side(self, article_id: str) -> str | None:
        lean = outlet_lean(self.outlets.get(article_id))
        return SIDES.get(lean) if lean else None

    def is_state(self, article_id: str) -> bool:
        outlet = self.outlets.get(article_id)
        return outlet is not None and outlet.ownership == "state"

    def is_wire(self, article_id: str) -> bool:
        outlet = self.outlets.get(article_id)
        return outlet is not None and outlet.type == "wire"

    @cached_property
    def origin_ids(self) -> set[str]:
        """Articles from an outlet that others cite as their source (the original reporting)."""
        cited: set[str] = {a.source for a in self.attributions}
        if self.origins:
            cited |= set(self.origins.relies_on)
        folded = {c.lower() for c in cited}
        return {a.id for a in self.articles if self.name(a.id).lower() in folded}

    def join(self, article_ids: Iterable[str]) -> str:
        """Outlet names of the articles, deduplicated, as an English list."""
        names = list(dict.fromkeys(self.name(i) for i in article_ids))
        if len(names) <= 1:
            return names[0] if names else ""
        return ", ".join(names[:-1]) + " and " + names[-1]

    def verb(self, article_ids: Iterable[str], one: str, many: str) -> str:
        """``one`` when the articles come from a single outlet ("reports"), else ``many``."""
        return one if len({self.name(i) for i in article_ids}) == 1 else many

    def loadedness(self, text: str) -> int:
        """How many distinct loaded terms the text uses."""
        if self._loaded_re is None:
            terms = sorted(self.loaded, key=len, reverse=True)
            alternation = "|".join(re.escape(t) for t in terms) or "(?!)"
            self._loaded_re = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
        return len(set(self._loaded_re.findall(text.lower())))

    # ------------------------------------------------------------------ citing

    def cite(
        self,
        text: str,
        section: Section,
        among: Sequence[str] | None = None,
        connective: bool = False,
        exact: bool = False,
    ) -> SummarySentence | None:
        """The sentence citing every article (of ``among``, default all) that supports it, or None.

        ``exact``: a sentence that names outlets must be supported by every article it was built
        from, otherwise it would name an outlet it cannot cite; then it is None.
        """
        pool = [
            self.by_id[i] for i in (among if among is not None else self.by_id) if i in self.by_id
        ]
        ids = supporting(text, pool, self.names if connective else ())
        if exact and len(ids) < len(pool):
            return None
        return SummarySentence(text=text, article_ids=ids, section=section) if ids else None
