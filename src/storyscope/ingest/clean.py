"""Cleaning pasted plain text: page chrome out, metadata (byline, dateline, date) lifted out.

PLACEHOLDER being replaced by the ingest-text work: the signature below is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Removed:
    """A line or block taken out of the body, with why (for the bench and for debugging)."""

    text: str
    reason: str  # chrome | promo | newsletter | share | tags | credit | caption | embed | teaser | repeat | stay-tuned | byline | dateline | date | headline


@dataclass(frozen=True)
class CleanResult:
    body: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    dateline: str | None = None
    removed: tuple[Removed, ...] = ()
    extras: dict[str, str] = field(default_factory=dict)


def clean_text(
    text: str, *, title: str | None = None, reference_date: datetime | None = None
) -> CleanResult:
    """Clean a pasted article. ``title`` is a known title (from a record); when None the first line
    becomes the title if it reads as a headline. ``reference_date`` resolves "Wednesday" etc."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    if title is None and lines:
        title, lines = lines[0], lines[1:]
    body = "\n\n".join(ln for ln in lines if ln)
    return CleanResult(body=body, title=title)
