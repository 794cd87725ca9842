"""The fictional "strait" story: five outlets, one unverified figure, a number conflict, a loaded label."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from storyscope.config import Settings
from storyscope.model import (
    Article,
    Attribution,
    Claim,
    ClaimVariant,
    Conflict,
    ConflictVariant,
    Framing,
    NumberMention,
    Outlet,
    Quote,
    QuoteVariant,
    Rating,
    Story,
    UniqueClaims,
)
from storyscope.pipeline import StoryContext

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "summarize" / "strait"


def read_article(path: Path) -> Article:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    return Article(
        id=path.stem.split("-")[0], body=body.strip(), title=meta["title"], outlet=meta["outlet"]
    )


def read_outlets() -> dict[str, Outlet]:
    rows = json.loads((FIXTURES / "outlets.json").read_text(encoding="utf-8"))
    return {
        r["name"]: Outlet(
            name=r["name"],
            type=r["type"],
            ownership=r["ownership"],
            lean=(Rating("AllSides", r["lean"], source="fixture"),) if r["lean"] else (),
        )
        for r in rows
    }


@pytest.fixture
def articles() -> list[Article]:
    return [read_article(p) for p in sorted(FIXTURES.glob("a*.txt"))]


@pytest.fixture
def make_ctx(articles: list[Article]) -> Callable[..., StoryContext]:
    """A StoryContext over the fixture articles, optionally without some, with given results."""

    def make(
        drop: Iterable[str] = (),
        results: dict[str, Any] | None = None,
        settings: Settings | None = None,
    ) -> StoryContext:
        outlets = read_outlets()
        kept = [a for a in articles if a.id not in set(drop)]
        return StoryContext(
            story=Story("strait", "Strait standoff", tuple(a.id for a in kept)),
            articles=kept,
            outlets={a.id: outlets.get(a.outlet or "") for a in kept},
            settings=settings
            or Settings(summarizer="extractive", embedder="tfidf", ner="heuristic"),
            results=dict(results or {}),
        )

    return make


QUOTE = "Every captain in the region knows what the Kestrel can do, and Valdoria has no fewer than 1,200 of them"


@pytest.fixture
def results() -> dict[str, Any]:
    """Earlier-stage results for the strait story, built by hand from the fixture texts."""
    drones = Claim(
        id="c1",
        text="Arvelo said the navy has 1,200 Kestrel-class coastal drones.",
        article_ids=("a1", "a2", "a3", "a4"),
        status="majority",
        verified=False,
        hedged_by=("a1", "a2", "a3", "a5"),
        variants=(
            ClaimVariant(
                "a1",
                "Valdorian President Tomas Arvelo said on Tuesday that his navy has 1,200 Kestrel-class coastal drones ready to defend the country's waters.",
            ),
            ClaimVariant(
                "a2",
                "President Tomas Arvelo announced on Tuesday that Valdoria's navy has 1,200 Kestrel-class coastal drones, raising tensions with neighbouring Norland.",
            ),
            ClaimVariant(
                "a3",
                "Strongman Tomas Arvelo boasted on Tuesday that his regime controls 1,200 Kestrel-class coastal drones.",
            ),
            ClaimVariant(
                "a4",
                "President Tomas Arvelo said on Tuesday that the Valdorian navy has 1,200 Kestrel-class coastal drones to protect the nation's waters.",
            ),
        ),
    )
    critics = Claim(
        id="c2",
        text="Critics say Arvelo is using the dispute to distract from fuel shortages at home.",
        article_ids=("a3",),
        status="single",
        variants=(
            ClaimVariant(
                "a3",
                "Critics say Arvelo is using the dispute to distract from fuel shortages at home.",
            ),
        ),
    )
    return {
        "claims": [drones, critics],
        "numbers": [
            NumberMention(
                "coastal drones",
                1200.0,
                "drones",
                "no fewer than",
                "1,200 Kestrel-class coastal drones",
                ("a1", "a2", "a3", "a4"),
            ),
            NumberMention(
                "range", 40.0, "kilometers", "up to", "up to 40 kilometers from shore", ("a5",)
            ),
        ],
        "conflicts": [
            Conflict(
                about="Valdorian boats stopped",
                variants=(
                    ConflictVariant(
                        "6",
                        "Norland has carried out at least six inspections of Valdorian fishing boats this month",
                        ("a1", "a3"),
                    ),
                    ConflictVariant(
                        "8",
                        "Norland's coast guard has stopped at least eight Valdorian boats since the patrols began",
                        ("a2",),
                    ),
                ),
            )
        ],
        "quotes": [
            Quote(
                "Tomas Arvelo",
                QUOTE,
                ("a1", "a2", "a3"),
                (QuoteVariant("a3", "Valdoria has no fewer than 1,200 of them"),),
            ),
        ],
        "attributions": [Attribution("Mirel Institute", ("a5",))],
        "unique_claims": [UniqueClaims("Morning Sentinel", ("a3",), ("c2",))],
        "framing": [
            Framing(
                "Tomas Arvelo",
                "person",
                {
                    "a1": ("President",),
                    "a2": ("President",),
                    "a3": ("Strongman",),
                    "a4": ("President",),
                },
            ),
        ],
    }
