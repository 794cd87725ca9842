"""Domain types shared by every stage.

Everything that crosses a module boundary is one of these frozen dataclasses, so a stage can never
mutate what an earlier stage produced; stages return new values instead. The JSON report is built
from them by ``storyscope.report.json`` and its field names are a public contract
(``docs/report-schema.md``): add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Lean = Literal["left", "lean-left", "center", "lean-right", "right"]
LEANS: tuple[Lean, ...] = ("left", "lean-left", "center", "lean-right", "right")
OutletType = Literal["wire", "newspaper", "broadcaster", "digital", "aggregator", "magazine", "other"]
Ownership = Literal["state", "public", "private", "nonprofit", "unknown"]
ClaimStatus = Literal["consensus", "majority", "minority", "single"]
Section = Literal["what_happened", "where_sources_differ", "behind_the_numbers", "who_is_quoted", "context"]
SECTIONS: tuple[Section, ...] = (
    "what_happened",
    "where_sources_differ",
    "behind_the_numbers",
    "who_is_quoted",
    "context",
)
SECTION_TITLES: dict[str, str] = {
    "what_happened": "What happened",
    "where_sources_differ": "Where sources differ",
    "behind_the_numbers": "Behind the numbers",
    "who_is_quoted": "Who is quoted",
    "context": "Context",
}


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True)
class RawRecord:
    """One input item before cleaning: what a file, feed entry, URL or JSON record gave us.

    ``source`` names the input (path, URL, ``-``) so every error and every stored article can say
    where it came from. Exactly one of ``text`` / ``html`` carries the body.
    """

    source: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    # A date the input's own context gives (feed entry date, HTTP Last-Modified) so relative dates
    # such as "Wednesday" in a pasted text can be resolved.
    reference_date: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article as stored. ``id`` is the record's id when given, else a stable content hash."""

    id: str
    body: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # canonical registry name when matched, else the name as given
    outlet_given: str | None = None  # the name exactly as the input gave it (provenance)
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    source: str = ""
    content_hash: str = ""
    ingested_at: datetime | None = None
    # Metadata lifted out of the body by the cleaner (dateline place, contributor credits...).
    dateline: str | None = None
    extras: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def display_name(self) -> str:
        """What to call the article's outlet in prose: an unknown outlet with no name given is
        named by its web domain or the input file it came from, never left blank or guessed."""
        if self.outlet or self.outlet_given:
            return self.outlet or self.outlet_given or ""
        if self.url and "://" in self.url:
            host = self.url.split("://", 1)[1].split("/", 1)[0].lower()
            return host.removeprefix("www.") or self.id
        if self.source and self.source != "-":
            return self.source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or self.id
        return self.id


@dataclass(frozen=True)
class IngestError:
    """One input that could not be ingested; printed as one line ``source: reason``."""

    source: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class IngestResult:
    stored: tuple[str, ...] = ()  # ids newly stored
    skipped: tuple[str, ...] = ()  # ids already stored (idempotent re-run)
    errors: tuple[IngestError, ...] = ()


# --------------------------------------------------------------------------- outlets


@dataclass(frozen=True)
class Rating:
    """One rater's verdict with its provenance; a registry keeps every one it was given."""

    rater: str  # "AllSides", "Media Bias/Fact Check", "Ad Fontes Media", or a user's own
    value: str  # lean on LEANS, or factuality (very-high, high, mostly-factual, mixed, low, very-low)
    date: str | None = None  # when the rater published it (ISO date or year)
    source: str | None = None  # where we read it: "builtin", a file path, a URL


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2
    language: str | None = None  # ISO 639-1
    type: OutletType | None = None
    ownership: Ownership | None = None
    owner: str | None = None
    lean: tuple[Rating, ...] = ()
    factuality: tuple[Rating, ...] = ()
    feeds: tuple[str, ...] = ()
    # Lines an outlet prints about itself (agency disclaimers, slogans) that identify pasted text.
    signatures: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutletInfo:
    """What the report says about an article's outlet (``articles[].outlet_info``)."""

    name: str
    country: str | None
    type: str | None
    ownership: str | None
    owner: str | None
    lean: str | None
    lean_rater: str | None
    factuality: str | None
    factuality_rater: str | None


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_seen: datetime | None = None
    last_updated: datetime | None = None


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Landscape:
    by_lean: dict[str, int]  # left, lean-left, center, lean-right, right, unrated
    by_country: dict[str, int]
    by_ownership: dict[str, int]
    independent_outlets: int
    total_articles: int


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    article_ids: tuple[str, ...]
    status: ClaimStatus
    verified: bool = True
    hedged_by: tuple[str, ...] = ()
    # Every wording, one per supporting article, so a reader can check the grouping.
    variants: tuple[ClaimVariant, ...] = ()


@dataclass(frozen=True)
class ClaimVariant:
    article_id: str
    text: str


@dataclass(frozen=True)
class NumberMention:
    about: str
    value: float
    unit: str | None
    qualifier: str | None  # "at least", "no fewer than", "more than", "up to", "about"...
    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class ConflictVariant:
    value: str
    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    about: str
    variants: tuple[ConflictVariant, ...]
    kind: str = "number"  # number | date | attribution


@dataclass(frozen=True)
class QuoteVariant:
    article_id: str
    text: str


@dataclass(frozen=True)
class Quote:
    speaker: str | None
    text: str
    article_ids: tuple[str, ...]
    variants: tuple[QuoteVariant, ...] = ()


@dataclass(frozen=True)
class Attribution:
    source: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Origins:
    articles: int
    independent: int
    relies_on: dict[str, tuple[str, ...]]  # cited source -> article ids that only relay it
    text: str  # "5 articles, 3 independent origins; 3 rely on CNN"


@dataclass(frozen=True)
class UniqueClaims:
    outlet: str
    article_ids: tuple[str, ...]
    claim_ids: tuple[str, ...]


# --------------------------------------------------------------------------- framing


@dataclass(frozen=True)
class Framing:
    entity: str
    kind: str  # person | org | place | group | event | government
    labels: dict[str, tuple[str, ...]]  # article_id -> descriptors
    variants: tuple[str, ...] = ()  # spellings merged into this actor ("Nicolas Maduro", "Maduro")
    of: str | None = None  # for kind "government": the leader it belongs to


@dataclass(frozen=True)
class ReportingVerb:
    speaker: str
    verbs: dict[str, tuple[str, ...]]  # article_id -> verbs
    readings: dict[str, str]  # verb -> neutral | loaded
    why: dict[str, str] = field(default_factory=dict)  # loaded verb -> what it implies


@dataclass(frozen=True)
class ArticleTone:
    article_id: str
    words: int
    hedges: int
    loaded: int
    by_category: dict[str, int]
    loadedness_per_1000: float
    terms: tuple[str, ...]
    bare: int = 0  # event wordings stated without any hedge (see EventTerms)


@dataclass(frozen=True)
class Headline:
    article_id: str
    outlet: str | None
    title: str
    first_actor: str | None
    verb: str | None
    cause: str | None
    first_actor_as: str | None = None  # how the title names that actor ("Venezuela's president")


@dataclass(frozen=True)
class EventTerms:
    """How each article words one thing the story is about (a concept: vessels, strikes...)."""

    concept: str
    terms: dict[str, tuple[str, ...]]  # article_id -> wordings as written, modifiers and hedges kept


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class SummarySentence:
    text: str
    article_ids: tuple[str, ...]
    section: Section


@dataclass(frozen=True)
class PerspectivePoint:
    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Perspective:
    side: str  # left | center | right | state
    points: tuple[PerspectivePoint, ...]
    note: str | None = None  # "No coverage from the right"
