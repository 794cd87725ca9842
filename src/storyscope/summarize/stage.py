"""The summary pipeline stage: cited summary sentences and key points by perspective.

The summariser is picked by ``settings.summarizer`` through the registry. Whatever it returns goes
through one last support check here, so no summariser (extractive, LLM or a user's own) can put a
citation into the report that the cited article does not back.
"""

from __future__ import annotations

import logging
from typing import Any

from storyscope import registry
from storyscope.model import SummarySentence
from storyscope.pipeline import StoryContext
from storyscope.summarize.material import Material
from storyscope.summarize.perspectives import perspectives
from storyscope.summarize.support import supports

log = logging.getLogger("storyscope.summarize")


def verified(m: Material, sentences: list[SummarySentence]) -> list[SummarySentence]:
    """Keep only the citations each sentence's articles support; drop sentences left with none."""
    out: list[SummarySentence] = []
    names = m.names
    for s in sentences:
        # Clause by clause for connective sentences; a sentence that merely opens with another
        # outlet's name ("CNN reported ...") is still backed by an article saying all of it.
        ids = tuple(
            i
            for i in s.article_ids
            if i in m.by_id and (supports(s, m.by_id[i], names) or supports(s, m.by_id[i]))
        )
        if not ids:
            log.info("summary: dropped unsupported sentence %r", s.text[:80])
            continue
        out.append(s if ids == s.article_ids else SummarySentence(s.text, ids, s.section))
    return out


def run(ctx: StoryContext) -> dict[str, Any]:
    m = Material.from_context(ctx)
    summarizer = registry.create("summarizer", ctx.settings.summarizer, ctx.settings)
    method = getattr(summarizer, "summarize_material", None)
    raw = list(method(m) if callable(method) else summarizer.summarize(ctx))
    summary = verified(m, raw)
    # What a reader needs to trust the summary: who wrote it and how much was thrown away unchecked.
    info = {
        "summarizer": ctx.settings.summarizer,
        "model": ctx.settings.llm_model if ctx.settings.summarizer == "llm" else None,
        "dropped_unsupported": int(getattr(summarizer, "last_dropped", 0)) + len(raw) - len(summary),
        "fallback": getattr(summarizer, "last_error", None),
    }
    return {"summary": summary, "perspectives": perspectives(m), "summary_info": info}
