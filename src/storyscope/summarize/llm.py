"""Optional abstractive summariser through any OpenAI-compatible chat-completions endpoint.

Works with Ollama, vLLM, a llama.cpp server or a hosted API (``settings.llm_url``, ``llm_model``,
``llm_key``, ``llm_timeout``). The model sees the story's claim groups, numbered ``c1``, ``c2`` …
with their article ids, and must answer with sectioned sentences that cite groups (``[c3][c7]``).
Nothing it writes is trusted: a sentence is kept only when the articles of the groups it cites
support it under the same checker as the extractive summary; the rest are dropped and counted in
``last_dropped``. When the endpoint fails (unreachable, timeout, unusable reply) one warning line is
logged and the extractive summary is returned instead.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx

from storyscope.config import Settings
from storyscope.model import SECTIONS, Section, SummarySentence
from storyscope.pipeline import StoryContext
from storyscope.summarize.extractive import ExtractiveSummarizer, is_hedged, mmr
from storyscope.summarize.material import Material
from storyscope.summarize.pool import ATTRIBUTION as _ATTRIBUTED
from storyscope.summarize.support import hedges

log = logging.getLogger("storyscope.summarize")

_MARKER = re.compile(r"\[(c\d+)\]", re.I)
_HEADING = re.compile(
    r"^\W*(what_happened|where_sources_differ|behind_the_numbers|who_is_quoted|context)\W*$", re.I
)

INSTRUCTIONS = """You write a neutral news summary from numbered claim groups.
Rules:
- Use only facts in the claim groups. Do not add knowledge of your own.
- Keep attributions: if a group says someone claimed something, write that they claimed it.
- Mention that a figure is unverified when a group is marked unverified.
- Every sentence ends with the ids of the groups it uses, like [c3][c7].
- Sections: what_happened, where_sources_differ, behind_the_numbers, who_is_quoted, context.
Answer with JSON only: {"sentences": [{"section": "what_happened", "text": "... [c1][c2]"}]}"""


class LLMError(RuntimeError):
    """The endpoint could not give a usable reply; the message is one line."""


@dataclass(frozen=True)
class Group:
    key: str
    text: str
    article_ids: tuple[str, ...]
    unverified: bool


def claim_groups(m: Material, limit: int = 30) -> list[Group]:
    """What the model may use: the story's claims (or its most central sentences), numbered."""
    groups: list[Group] = []
    if m.claims:
        claims = sorted(m.claims, key=lambda c: -len(c.article_ids))[:limit]
        for i, c in enumerate(claims, 1):
            groups.append(Group(f"c{i}", c.text, tuple(c.article_ids), not c.verified))
    else:
        for i, cand in enumerate(mmr(m, m.pool, limit), 1):
            ids = tuple(a.id for a in m.articles if a.id in cand.support)
            groups.append(Group(f"c{i}", cand.text, ids, is_hedged(m, cand)))
    return groups


def prompt(m: Material, groups: list[Group]) -> str:
    lines = ["Articles:"]
    lines += [f"- {a.id}: {m.name(a.id)}" for a in m.articles]
    lines.append("Claim groups:")
    for g in groups:
        flag = " (unverified)" if g.unverified else ""
        lines.append(f"[{g.key}] ({', '.join(g.article_ids)}){flag} {g.text}")
    return "\n".join(lines)


def _items_from_json(data: Any) -> list[tuple[str, str, list[str]]]:
    rows = data.get("sentences") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise LLMError("reply JSON has no 'sentences' list")
    items: list[tuple[str, str, list[str]]] = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            continue
        cites = [str(c) for c in row.get("citations") or [] if isinstance(c, str | int)]
        items.append((str(row.get("section") or "what_happened"), row["text"], cites))
    return items


def _items_from_text(content: str) -> list[tuple[str, str, list[str]]]:
    section = "what_happened"
    items: list[tuple[str, str, list[str]]] = []
    for line in content.splitlines():
        line = line.strip().lstrip("-*• ").strip()
        if not line:
            continue
        heading = _HEADING.match(line.replace(" ", "_")) if len(line) < 40 else None
        if heading:
            section = heading.group(1).lower()
            continue
        for part in re.split(r"(?<=\])\s+(?=[A-Z“\"])", line):
            if _MARKER.search(part):
                items.append((section, part, []))
    return items


def parse_reply(content: str) -> list[tuple[str, str, list[str]]]:
    """(section, text, citations) from a JSON reply, or from plain text with [cN] markers."""
    text = content.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        items = _items_from_text(text)
    else:
        items = _items_from_json(data)
    if not items:
        raise LLMError("reply holds no cited sentences")
    out = []
    for section, sentence, cites in items:
        keys = [c.lower() for c in cites] + [k.lower() for k in _MARKER.findall(sentence)]
        clean = " ".join(_MARKER.sub("", sentence).split())
        clean = re.sub(r"\s+([.,;:])", r"\1", clean)
        out.append((section, clean, list(dict.fromkeys(keys))))
    return out


def _hedge_kept(text: str) -> bool:
    return bool(_ATTRIBUTED.search(text)) or hedges(text)


class LLMSummarizer:
    """Abstractive summary from an OpenAI-compatible endpoint, every sentence checked."""

    def __init__(
        self, settings: Settings | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.transport = transport
        self.last_dropped = 0
        self.last_error: str | None = None

    def summarize(self, ctx: StoryContext) -> list[SummarySentence]:
        return self.summarize_material(Material.from_context(ctx))

    def summarize_material(self, m: Material) -> list[SummarySentence]:
        self.last_dropped = 0
        self.last_error = None
        if not m.articles:
            return []
        groups = claim_groups(m)
        try:
            items = parse_reply(self.complete(prompt(m, groups)))
        except LLMError as exc:
            self.last_error = str(exc)
            log.warning("summarizer llm: %s; using the extractive summary", exc)
            return ExtractiveSummarizer(self.settings).summarize_material(m)
        by_key = {g.key: g for g in groups}
        kept: list[SummarySentence] = []
        for section, text, keys in items:
            among = list(
                dict.fromkeys(i for k in keys if k in by_key for i in by_key[k].article_ids)
            )
            sec: Section = section if section in SECTIONS else "what_happened"  # type: ignore[assignment]
            s = m.cite(text, sec, among=among, connective=True) if text and among else None
            if (
                s is not None
                and any(by_key[k].unverified for k in keys if k in by_key)
                and not _hedge_kept(text)
            ):
                s = None  # an unverified claim stated as fact
            if s is None:
                self.last_dropped += 1
                continue
            kept.append(s)
        if self.last_dropped:
            log.info("summarizer llm: dropped %d unsupported sentence(s)", self.last_dropped)
        if not kept:
            log.warning(
                "summarizer llm: no generated sentence was supported; using the extractive summary"
            )
            return ExtractiveSummarizer(self.settings).summarize_material(m)
        return kept

    def complete(self, user: str) -> str:
        """One chat-completions call; JSON mode first, plain mode when the server refuses it."""
        s = self.settings
        if not s.llm_url:
            raise LLMError("no llm_url configured (set STORYSCOPE_LLM_URL)")
        url = s.llm_url.rstrip("/") + "/chat/completions"
        headers = {"Authorization": f"Bearer {s.llm_key}"} if s.llm_key else {}
        body: dict[str, Any] = {
            "model": s.llm_model or "default",
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": user},
            ],
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        try:
            with httpx.Client(timeout=s.llm_timeout, transport=self.transport) as client:
                resp = client.post(url, json=body, headers=headers)
                if resp.status_code == 400:
                    del body["response_format"]
                    resp = client.post(url, json=body, headers=headers)
        except httpx.TimeoutException:
            raise LLMError(f"{url}: no reply within {s.llm_timeout:g}s") from None
        except httpx.HTTPError as exc:
            raise LLMError(f"{url}: {type(exc).__name__}: {exc}") from None
        if resp.status_code != 200:
            raise LLMError(f"{url}: HTTP {resp.status_code}")
        try:
            content = resp.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LLMError(f"{url}: reply is not a chat completion") from None
        if not isinstance(content, str):
            raise LLMError(f"{url}: reply content is not text")
        return content
