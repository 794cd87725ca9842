"""The summary stage: a neutral summary in which every sentence cites the articles that support it.

Summarisers are chosen by name through ``storyscope.registry`` (kind ``summarizer``): ``extractive``
(default, offline) or ``llm`` (any OpenAI-compatible endpoint, checked and with extractive fallback).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from storyscope.model import SummarySentence
from storyscope.pipeline import StoryContext


@runtime_checkable
class Summarizer(Protocol):
    """The pluggable boundary: one method from a story's context to cited sentences."""

    def summarize(self, ctx: StoryContext) -> list[SummarySentence]: ...


__all__ = ["Summarizer"]
