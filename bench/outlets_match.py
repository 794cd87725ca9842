"""Outlet matching: how many outlet names found in real datasets the registry recognises.

Reads the outlet names of ``allsides-stories`` and ``article-bias-prediction`` (names only),
matches each with ``OutletRegistry.match(name=...)`` and reports:

- the share of distinct names matched, and the share of articles whose outlet name is matched;
- every name with >= 10 articles that is not matched (the goal is none);
- how often the registry's lean agrees with the AllSides lean the datasets carry, on three
  classes (left + lean-left = left, center, right + lean-right = right), over matched, rated names;
- that the two seed articles that name no outlet (Anadolu Agency, Straight Arrow News) are
  recognised from their own text.

AllSides' placeholders for unnamed op-ed writers ("Guest Writer - Right" ...) are not outlets and
are left out of every figure (they are listed). Many other distinct names are people (columnists,
politicians) and institutions: columnists and publishing institutions are in the registry as type
"other", politicians are not, so the distinct-name share stays a little under 100 % by design.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.outlets.registry import OutletRegistry, lean_side, load_registry  # noqa: E402

# Floors pinned just under what the registry reaches (see the report printed by main()).
FLOORS = {
    "distinct names matched": 0.952,
    "articles matched": 0.998,
    "names with >= 10 articles matched": 1.0,
    "lean agreement (3 classes)": 0.93,
    "seed outlets recognised from text": 1.0,
}
MIN_ARTICLES = 10
SEED_OUTLETS = {
    "001_9a09605341682fa7.txt": "Anadolu Agency",
    "002_1faf2e8a263f80d6.txt": "Straight Arrow News",
}
ABP_SIDE = {0: "left", 1: "center", 2: "right"}
PLACEHOLDERS = frozenset(
    {
        "Guest Writer",
        "Guest Writer - Left",
        "Guest Writer - Center",
        "Guest Writer - Right",
        "Center - Major Media Sources",
    }
)


def collect() -> tuple[Counter[str], dict[str, Counter[str]]]:
    """Article counts per outlet name and the AllSides side each name carries in the data."""
    counts: Counter[str] = Counter()
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    for story in common.allsides_stories():
        for side, item in (story.get("news") or {}).items():
            name = (item or {}).get("newsSource")
            if name:
                counts[name] += 1
                sides[name][side] += 1
    for name, bias in bias_sources():
        counts[name] += 1
        if bias in ABP_SIDE:
            sides[name][ABP_SIDE[bias]] += 1
    return counts, sides


_SOURCE = re.compile(r'"source": ("(?:[^"\\]|\\.)*")')
_BIAS = re.compile(r'"bias": (\d)')


def bias_sources() -> list[tuple[str, int | None]]:
    """(outlet name, bias) of every article-bias-prediction article, without parsing whole records.

    The keys come before the article text in each record, so the first match is the top-level
    field; this keeps the bench at a few seconds instead of decoding 37k full articles.
    """
    out: list[tuple[str, int | None]] = []
    path = common.DATA / "article-bias-prediction" / "articles_all.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            found = _SOURCE.search(line, 0, 2000) or _SOURCE.search(line)
            if not found:
                continue
            bias = _BIAS.search(line, 0, 2000) or _BIAS.search(line)
            out.append((json.loads(found.group(1)), int(bias.group(1)) if bias else None))
    return out


def seed_check(registry: OutletRegistry) -> float:
    found = 0
    for file, expected in SEED_OUTLETS.items():
        path = common.SEEDS / file
        outlet = registry.match(text=path.read_text(encoding="utf-8")) if path.is_file() else None
        ok = outlet is not None and outlet.name == expected
        found += ok
        print(
            f"  seed {file}: {outlet.name if outlet else None} (expected {expected}) {'ok' if ok else 'MISSED'}"
        )
    return found / len(SEED_OUTLETS)


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    registry = load_registry(
        Settings(db=":memory:", outlets_path=str(common.OUT / "no-such-outlets.json"))
    )
    counts, sides = collect()
    skipped = sorted(n for n in counts if n in PLACEHOLDERS)
    print(
        f"  left out (AllSides placeholders, not outlets): {', '.join(f'{n} ({counts[n]})' for n in skipped)}"
    )
    for name in skipped:
        del counts[name]
    matched = {name: registry.match(name=name) for name in counts}
    hit = [n for n, o in matched.items() if o is not None]
    distinct = len(hit) / len(counts)
    weighted = sum(counts[n] for n in hit) / sum(counts.values())
    print(
        f"  {len(counts)} distinct outlet names, {sum(counts.values())} articles, registry of {len(registry.all())}"
    )
    big_missed = sorted(
        (n for n in counts if matched[n] is None and counts[n] >= MIN_ARTICLES),
        key=lambda n: -counts[n],
    )
    for name in big_missed:
        print(f"  UNMATCHED with >= {MIN_ARTICLES} articles: {name} ({counts[name]})")
    big = sum(1 for n in counts if counts[n] >= MIN_ARTICLES)
    big_share = 1 - len(big_missed) / big if big else 1.0
    agree = rated = 0
    disagreements = []
    for name in hit:
        outlet = matched[name]
        assert outlet is not None
        ours = lean_side(registry.info(outlet).lean)
        if ours == "unrated" or not sides[name]:
            continue
        theirs = sides[name].most_common(1)[0][0]
        rated += 1
        agree += ours == theirs
        if ours != theirs:
            disagreements.append(f"{name} (ours {ours}, data {theirs})")
    agreement = agree / rated if rated else 0.0
    print(
        f"  lean compared on {rated} matched, rated names; disagreements: {', '.join(disagreements) or 'none'}"
    )
    seeds = seed_check(registry)
    ok = all(
        [
            common.floor("distinct names matched", distinct, FLOORS["distinct names matched"]),
            common.floor("articles matched", weighted, FLOORS["articles matched"]),
            common.floor(
                "lean agreement (3 classes)", agreement, FLOORS["lean agreement (3 classes)"]
            ),
            common.floor(
                "seed outlets recognised from text",
                seeds,
                FLOORS["seed outlets recognised from text"],
            ),
            common.floor(
                "names with >= 10 articles matched",
                big_share,
                FLOORS["names with >= 10 articles matched"],
            ),
        ]
    )
    print(f"  ({time.perf_counter() - start:.1f}s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
