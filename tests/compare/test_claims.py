from pathlib import Path

import pytest

from storyscope.compare.claims import Similarity, group_units, units_of
from storyscope.compare.stage import compare
from storyscope.compare.support import status_of
from storyscope.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "compare"


def _pairs(name: str) -> list[tuple[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [
        (a, b)
        for a, b in (line.split(" ||| ") for line in lines if line and not line.startswith("#"))
    ]


def _grouped(a: str, b: str) -> bool:
    units = units_of([Article(id="x", body=a), Article(id="y", body=b)])
    groups = group_units(units, Similarity(units))
    return any({u.article_id for u in g} == {"x", "y"} for g in groups)


@pytest.mark.parametrize(("a", "b"), _pairs("must_not_group.txt"))
def test_statements_that_say_different_things_never_group(a: str, b: str) -> None:
    assert not _grouped(a, b)


@pytest.mark.parametrize(("a", "b"), _pairs("must_group.txt"))
def test_paraphrases_and_number_formats_group(a: str, b: str) -> None:
    assert _grouped(a, b)


@pytest.mark.parametrize(
    ("support", "total", "status"),
    [
        (5, 5, "consensus"),
        (4, 5, "majority"),
        (3, 5, "majority"),
        (2, 4, "minority"),
        (2, 5, "minority"),
        (1, 5, "single"),
        (1, 1, "single"),
        (2, 2, "consensus"),
    ],
)
def test_status_counts_independent_sources(support: int, total: int, status: str) -> None:
    assert status_of(support, total) == status


def test_syndicated_copy_does_not_confirm_its_original() -> None:
    lead = "Estland has sent 2,300 soldiers and engineers to the border region on Tuesday."
    arts = [
        Article(id="orig", body=lead, outlet="Coastline News"),
        Article(id="copy", body=lead, outlet="Syndicate Daily", duplicate_of="orig"),
        Article(
            id="other",
            body="Harbour fees in Lanner will double next spring, officials said.",
            outlet="Harbor Wire",
        ),
    ]
    claims = compare(arts, embedder_name="tfidf")["claims"]
    soldiers = next(c for c in claims if "2,300" in c.text)
    assert soldiers.article_ids == ("orig", "copy")
    assert soldiers.status == "single"  # one independent source out of two
    assert soldiers.variants[0].article_id == "orig"


def test_one_outlet_twice_is_one_source() -> None:
    arts = [
        Article(
            id="a",
            body="Estland has sent 2,300 soldiers and engineers to the border region.",
            outlet="Harbor Wire",
        ),
        Article(
            id="b",
            body="Estland sent 2,300 soldiers and engineers to its border region this week.",
            outlet="Harbor Wire",
        ),
        Article(
            id="c",
            body="Harbour fees in Lanner will double next spring, officials said.",
            outlet="Metro Bulletin",
        ),
    ]
    claims = compare(arts, embedder_name="tfidf")["claims"]
    assert claims[0].article_ids == ("a", "b") and claims[0].status == "single"
