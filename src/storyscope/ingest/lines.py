"""Pasted text to labelled lines: the first, context-free step of cleaning.

Each non-empty line becomes a ``Block`` (hard-wrapped paragraphs are joined back first) labelled
by the chrome lexicon or by its shape: a byline, a date line, an all-caps dateline. The walk in
``clean.py`` then decides with context; this module never looks further than a line's neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storyscope.ingest.chrome import (
    ends_sentence,
    is_caps_dateline,
    is_headline_like,
    is_name_line,
    lexicon,
    word_count,
)
from storyscope.ingest.dates import find_date, parse_date

__all__ = [
    "SENTENCE_SPLIT",
    "Block",
    "byline_names",
    "dateline_prefix",
    "is_subheading",
    "label_blocks",
    "split_blocks",
    "summary_end",
]

# A short unlabelled line between two lines of these categories belongs to their block.
_RUN = {"promo", "newsletter", "share", "tags", "related", "disclaimer", "audio"}
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)]?\s+(?=[\"'“‘(]?[A-ZÀ-ÖØ-Þ0-9])")
_BYLINE_SEP = re.compile(r"\s*(?:[|·•,;]|\s[-–—]\s)\s*")
# "WASHINGTON (AP) — ", "CARACAS, Venezuela, Oct 23 (Reuters) - ", "PORT SEREN (Meridian Wire) — ".
_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\- ]{1,30}[A-ZÀ-ÖØ-Þ.]"
    r"(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+){0,2})?)"
    r"(?:,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^)]{2,25})\))?\s*[—–-]{1,2}\s+"
)
_QUESTION_WORDS = frozenset(
    [
        "what",
        "how",
        "why",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "which",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "has",
        "have",
    ]
)
_TIME_ONLY = re.compile(r"^(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4}\.?$", re.I)
_NAME_JOIN = re.compile(r"\s+(?:and|y|et|und|e|ve|&)\s+")


@dataclass
class Block:
    text: str
    label: str | None = None


def _wrapped(lines: list[str]) -> bool:
    """Whether the text was hard-wrapped at a fixed width (e-mail, terminal, some PDFs)."""
    widths = [len(ln) for ln in lines if ln]
    if not widths or max(widths) > 100:
        return False
    breaks = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if len(a) >= 40 and b[:1].islower() and not ends_sentence(a)
    )
    return breaks >= 2


def split_blocks(text: str) -> list[Block]:
    """Non-empty lines, with hard-wrapped paragraph lines joined back together."""
    lines = [" ".join(ln.replace("\u200b", "").split()) for ln in text.splitlines()]
    wrapped = _wrapped(lines)
    out: list[str] = []
    prev_blank = True
    for line in lines:
        if not line:
            prev_blank = True
            continue
        joinable = (
            out
            and not prev_blank
            and len(out[-1]) >= (40 if wrapped else 50)
            and not ends_sentence(out[-1])
            and (wrapped or line[:1].islower())
        )
        if joinable:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        prev_blank = False
    return [Block(line) for line in out]


def byline_names(text: str) -> str | None:
    """The author name(s) at the start of a byline remainder, or None when it is not a name."""
    head = _BYLINE_SEP.split(text.strip(), maxsplit=1)[0].strip()
    parts = _NAME_JOIN.split(head)
    if parts and all(is_name_line(p) or (len(p.split()) == 1 and p[:1].isupper()) for p in parts):
        if len(parts) == 1 and not is_name_line(head):
            return None
        return head
    return None


def _shape_label(block: Block, reference: datetime | None) -> str | None:
    """Labels from a line's shape alone: byline, date line, all-caps dateline."""
    text = block.text
    words = word_count(text)
    lex = lexicon()
    rest = lex.strip_prefix("byline", text)
    if rest and words <= 14 and byline_names(rest):
        return "byline"
    if (
        words <= 20
        and find_date(text) is not None
        and byline_names(text)
        and _BYLINE_SEP.search(text)
        and not ends_sentence(text)
    ):
        return "byline"
    if words <= 12:
        if parse_date(text, reference) is not None:
            return "date"
        stamp = lex.strip_prefix("date_words", text)
        if stamp is not None and (find_date(text, reference) or _TIME_ONLY.match(stamp)):
            return "date"
    if is_caps_dateline(text) and not lex.classify(text):
        return "caps-dateline"
    return None


def label_blocks(blocks: list[Block], reference: datetime | None) -> None:
    lex = lexicon()
    for block in blocks:
        block.label = lex.classify(block.text) or _shape_label(block, reference)
        if block.label == "stay_tuned" and len(SENTENCE_SPLIT.split(block.text)) > 1:
            block.label = None  # only that sentence goes, in add_paragraph
    # Short unlabelled lines inside a promo/newsletter run ("Transparent and credible").
    for i, block in enumerate(blocks):
        if block.label is None and word_count(block.text) <= 8 and i > 0:
            before = blocks[i - 1].label
            after = blocks[i + 1].label if i + 1 < len(blocks) else before
            if before in _RUN and after in _RUN:
                block.label = before


def _short_heading(text: str) -> bool:
    return word_count(text) <= 8 and not ends_sentence(text) and not text.endswith(":")


def _box_item(text: str) -> bool:
    return word_count(text) <= 45 and len(SENTENCE_SPLIT.split(text)) <= 2


def summary_end(blocks: list[Block], start: int) -> int:
    """Index of the first block after a summary box that starts at ``start`` (its heading).

    A box closed by a resume label ("Full story") is every box-like line up to it. Without one,
    only the unmistakable shapes count (heading + item pairs, bulleted items), so that a heading
    such as "What we know" followed by reporting takes no reporting with it.
    """
    n = len(blocks)
    j = start + 1
    while (
        j < n
        and blocks[j].label not in ("resume", "byline", "caps-dateline", "sidebar")
        and (_short_heading(blocks[j].text) or _box_item(blocks[j].text))
    ):
        j += 1
    if j < n and blocks[j].label == "resume":
        return j
    j = start + 1
    while j < n:
        text = blocks[j].text
        if text[:1] in "•*-–·" and _box_item(text):
            j += 1
        elif (
            _short_heading(text)
            and j + 1 < n
            and _box_item(blocks[j + 1].text)
            and not _short_heading(blocks[j + 1].text)
        ):
            j += 2
        else:
            break
    return j


def dateline_prefix(text: str) -> tuple[str, str | None, int] | None:
    """The dateline opening a wire paragraph: (place, agency or None, where the text resumes)."""
    match = _DATELINE_PREFIX.match(text)
    if match is None:
        return None
    city = match.group("place").split(",")[0]
    if city.upper() != city or len(city.strip()) < 3:
        return None
    agency = match.group("agency")
    return match.group("place").strip(), agency.strip() if agency else None, match.end()


def is_subheading(text: str, previous: str | None, *, last: bool) -> bool:
    """A heading inside the article ("How is X responding?", "Regional stakes").

    Not a line that introduces a list or is an item of one, not a quoted or rhetorical question.
    """
    words = word_count(text)
    if any(q in text for q in '"“”«»'):
        return False
    if text.endswith(":") or (previous or "").endswith(":"):
        return False
    if text.endswith("?"):
        first = text.split()[0].lower().replace("’", "'")
        return 4 <= words <= 12 and not last and first.split("'")[0] in _QUESTION_WORDS
    return (
        words <= 10 and not ends_sentence(text) and (last or is_headline_like(text, max_words=10))
    )
