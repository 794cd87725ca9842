"""Loaded terms the summariser avoids when it can choose another outlet's wording.

The framing stage owns the real lexicon; when it exposes one, it is used so that "loaded" means the
same thing in the framing panel and in the summary. Otherwise a small built-in list stands in.
"""

from __future__ import annotations

import importlib
from typing import Any

_FALLBACK_TEXT = """dictator dictatorship regime tyrant thug thugs strongman despot puppet narco
    ringleader ringleaders terrorist terrorists radical extremist extremists slams slammed blasts
    blasted rips ripped lashes bombshell shocking chilling stunning disastrous catastrophic outrageous
    disgraceful brutal crackdown aliens invasion invaders propaganda cronies mob rogue warmonger
    warmongering explosive devastating scandal far-right far-left"""
FALLBACK = frozenset(_FALLBACK_TEXT.split())


def loaded_terms(settings: Any = None) -> frozenset[str]:
    """The framing lexicon's loaded terms (labels, intensifiers, emotive verbs, euphemisms, and verbs
    it reads as loaded) when ``storyscope.framing.lexicon`` is there, else :data:`FALLBACK`."""
    try:
        module = importlib.import_module("storyscope.framing.lexicon")
        lexicon = module.load_lexicon(getattr(settings, "lexicon_path", None))
    except Exception:  # a missing or broken lexicon must not break the summary
        return FALLBACK
    terms: set[str] = set()
    tone = getattr(lexicon, "tone", {})
    for category in ("labels", "intensifiers", "emotive_verbs", "euphemisms"):
        terms.update(str(t) for t in tone.get(category, ()))
    verbs = getattr(lexicon, "verbs", {})
    terms.update(
        str(form) for form, entry in verbs.items() if getattr(entry, "reading", "") == "loaded"
    )
    return frozenset(t.lower() for t in terms if t) or FALLBACK
