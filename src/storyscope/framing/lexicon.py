"""The framing lexicon: our shipped word lists, optionally extended by the user's own file.

Every judgement the framing stage makes ("dictator" is a loaded label, "claimed" a loaded reporting
verb, "boat" and "vessel" name the same thing) comes from this data, not from code, so a reader can
check and extend it. The shipped file is ``storyscope/data/lexicon/framing.json``. A user file
(``settings.lexicon_path``) has the same keys and is merged over ours: lists are unioned, mappings are
overridden key by key. A ``.tsv`` user file holds tone terms only, one ``term<TAB>category`` a line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from storyscope.framing.text import fold

TONE_CATEGORIES = ("labels", "intensifiers", "emotive_verbs", "euphemisms", "hedges")


class LexiconError(ValueError):
    """The user's lexicon file cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    reading: str  # neutral | loaded
    why: str


@dataclass(frozen=True)
class Concept:
    name: str
    heads: frozenset[str]
    exclude: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Folded (lowercase, accent-free) lookups built once from the merged data."""

    tone: dict[str, frozenset[str]]
    verbs: dict[str, VerbEntry]  # every inflected form -> its entry
    roles: frozenset[str]
    leader_roles: frozenset[str]
    government_nouns: frozenset[str]
    modifiers: frozenset[str]
    concepts: tuple[Concept, ...]
    country_of: dict[str, str]  # alias, demonym or name (folded) -> country name
    places: dict[str, str]  # folded -> display name
    orgs: dict[str, str]  # folded name or alias -> canonical org name
    groups: dict[str, str]
    org_words: frozenset[str]
    place_words: frozenset[str]
    demonyms: frozenset[str] = field(default_factory=frozenset)
    countries: dict[str, str] = field(default_factory=dict)  # folded name or alias -> country
    # "south american" -> its countries
    regions: dict[str, frozenset[str]] = field(default_factory=dict)
    concept_of: dict[str, Concept] = field(default_factory=dict)  # head noun -> its concept

    def canonical_place(self, name: str) -> str | None:
        key = fold(name)
        if key in self.countries_by_name:
            return self.countries_by_name[key]
        return self.places.get(key)

    @property
    def countries_by_name(self) -> dict[str, str]:
        return self.countries

    def gazetteer_kind(self, name: str) -> tuple[str, str] | None:
        """(canonical name, NER label) for a known name, else None."""
        key = fold(name)
        if key in self.demonyms:
            return self.country_of[key], "NORP"
        if key in self.country_of:
            return self.country_of[key], "GPE"
        if key in self.places:
            return self.places[key], "GPE"
        if key in self.groups:
            return self.groups[key], "ORG"
        if key in self.orgs:
            return self.orgs[key], "ORG"
        return None


def _shipped() -> dict[str, Any]:
    text = resources.files("storyscope").joinpath("data/lexicon/framing.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _read_user(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror or exc})") from None
    if path.suffix.lower() in (".tsv", ".txt"):
        tone: dict[str, list[str]] = {}
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            term, _, category = line.partition("\t")
            category = category.strip()
            if category not in TONE_CATEGORIES:
                raise LexiconError(
                    f"{path}:{number}: category {category!r} is not one of {', '.join(TONE_CATEGORIES)}"
                )
            tone.setdefault(category, []).append(term.strip())
        return {"tone": tone}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise LexiconError(
            f"{path}: expected a JSON object with keys like 'tone', 'reporting_verbs'"
        )
    return data


def merge(base: Any, extra: Any) -> Any:
    """Lists are unioned (order kept), mappings merged key by key, scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return extra


def _build(data: dict[str, Any]) -> Lexicon:
    tone = {
        cat: frozenset(fold(t) for t in data.get("tone", {}).get(cat, []))
        for cat in TONE_CATEGORIES
    }
    verbs: dict[str, VerbEntry] = {}
    for lemma, entry in data.get("reporting_verbs", {}).items():
        ve = VerbEntry(lemma, str(entry.get("reading", "neutral")), str(entry.get("why", "")))
        for form in entry.get("forms", [lemma]):
            verbs[fold(form)] = ve
    gaz = data.get("gazetteer", {})
    country_of: dict[str, str] = {}
    demonyms: set[str] = set()
    for name, info in gaz.get("countries", {}).items():
        country_of[fold(name)] = name
        for alias in info.get("aliases", []):
            country_of[fold(alias)] = name
        for dem in info.get("demonyms", []):
            if fold(dem) not in country_of:
                demonyms.add(fold(dem))
            country_of.setdefault(fold(dem), name)
    for dem in gaz.get("demonyms", []):
        demonyms.add(fold(dem))
        country_of.setdefault(fold(dem), dem)
    orgs: dict[str, str] = {}
    for name, aliases in gaz.get("orgs", {}).items():
        orgs[fold(name)] = name
        for alias in aliases:
            orgs[fold(alias)] = name
    concepts = tuple(
        Concept(
            name,
            frozenset(fold(h) for h in c.get("heads", [])),
            frozenset(fold(x) for x in c.get("exclude", [])),
        )
        for name, c in data.get("concepts", {}).items()
    )
    return Lexicon(
        tone=tone,
        verbs=verbs,
        roles=frozenset(fold(r) for r in data.get("roles", [])),
        leader_roles=frozenset(fold(r) for r in data.get("leader_roles", [])),
        government_nouns=frozenset(fold(r) for r in data.get("government_nouns", [])),
        modifiers=frozenset(fold(r) for r in data.get("modifiers", [])),
        concepts=concepts,
        country_of=country_of,
        places={fold(p): p for p in gaz.get("places", [])},
        orgs=orgs,
        groups={fold(g): g for g in gaz.get("groups", [])},
        org_words=frozenset(fold(w) for w in data.get("org_words", [])),
        place_words=frozenset(fold(w) for w in data.get("place_words", [])),
        demonyms=frozenset(demonyms),
        countries={k: v for k, v in country_of.items() if k not in demonyms},
        regions={fold(k): frozenset(v) for k, v in gaz.get("regions", {}).items()},
        concept_of={h: c for c in reversed(concepts) for h in c.heads},
    )


@cache
def load_lexicon(user_path: str | None = None) -> Lexicon:
    """The shipped lexicon, merged with the user's file when one is given."""
    data = _shipped()
    if user_path:
        data = merge(data, _read_user(Path(user_path)))
    return _build(data)
