"""Coverage comparison on the five seed articles (and one AllSides story, read by a person).

Runs ``storyscope analyze ../shared/seeds --json`` with a throw-away database and checks what the
compare stage must get right on the seeds: the claims all five carry, figures across unit systems,
the strike-count conflict, merged quotes with speakers, CNN as a cited source and the unverified
5,000. When the pipeline does not put the five seeds into one story (clustering is another stage's
job), the compare stage is run directly on the articles the pipeline stored and cleaned.

Every claim group is printed with its support, for the seed story and for one AllSides story, so a
reader can check that no group joins statements that say different things.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from common import ROOT, SEEDS, allsides_stories, floor

FLOOR = 1.0  # checks passed / total, pinned at what the stage reaches now

# Seed file prefix -> short label used in the checks.
S0, S1, S2, S3, S4 = "000", "001", "002", "003", "004"


def _run_cli(db: Path) -> dict[str, Any] | None:
    exe = ROOT / ".venv" / "bin" / "storyscope"
    cmd = [str(exe), "analyze", str(SEEDS), "--json", "--db", str(db)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"  storyscope analyze failed to run: {exc}")
        return None
    if done.returncode != 0 or not done.stdout.strip():
        print(f"  storyscope analyze exited {done.returncode}: {done.stderr.strip()[-300:]}")
        return None
    try:
        doc: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        print(f"  storyscope analyze printed no JSON: {exc}")
        return None
    return doc


def _label_of(articles: list[dict[str, Any]]) -> dict[str, str]:
    return {a["id"]: Path(a.get("source") or a["id"]).name[:3] for a in articles}


def _seed_story(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str], str]:
    """The story analysis for the five seeds, and article id -> seed label."""
    labels = _label_of(doc["articles"])
    for story in doc["stories"]:
        if len(story["article_ids"]) == 5 and "claims" in story:
            return story, labels, "pipeline"
    print("  the pipeline did not put the five seeds in one story; comparing its stored articles")
    from storyscope.compare.stage import compare
    from storyscope.model import Article

    arts = [
        Article(
            id=a["id"],
            body=a["body"],
            title=a.get("title"),
            outlet=a.get("outlet"),
            duplicate_of=a.get("duplicate_of"),
        )
        for a in sorted(doc["articles"], key=lambda a: labels[a["id"]])
    ]
    return _jsonable(compare(arts, embedder_name="auto")), labels, "stage on pipeline articles"


def _direct() -> tuple[dict[str, Any], dict[str, str], str]:
    from storyscope.compare.stage import compare
    from storyscope.ingest.clean import clean_text
    from storyscope.model import Article

    arts = []
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        arts.append(Article(id=path.name[:3], body=cleaned.body, title=cleaned.title))
    return (
        _jsonable(compare(arts, embedder_name="auto")),
        {a.id: a.id for a in arts},
        "stage on cleaned seeds",
    )


def _jsonable(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in result.items():
        if isinstance(value, list):
            out[key] = [asdict(v) for v in value]
        else:
            out[key] = asdict(value) if value is not None else None
    return out


def _ids(item: dict[str, Any], labels: dict[str, str]) -> set[str]:
    return {labels.get(a, a) for a in item["article_ids"]}


def _claim_5000(story: dict[str, Any]) -> dict[str, Any] | None:
    for claim in story["claims"]:
        texts = [claim["text"]] + [v["text"] for v in claim.get("variants", [])]
        if any("5,000" in t and "missile" in t.lower() for t in texts):
            return claim
    return None


def checks(story: dict[str, Any], labels: dict[str, str]) -> list[tuple[str, bool, str]]:
    out: list[tuple[str, bool, str]] = []
    c5000 = _claim_5000(story)
    ids = _ids(c5000, labels) if c5000 else set()
    out.append(
        ("5,000 Igla-S claim carried by all five", ids == {S0, S1, S2, S3, S4}, str(sorted(ids)))
    )

    def number(value: float, unit: str | None, about: str) -> set[str]:
        for n in story["numbers"]:
            if abs(n["value"] - value) < 1e-6 and n["unit"] == unit and about in n["about"].lower():
                return _ids(n, labels)
        return set()

    for name, args, want in (
        ("6 km range (km and metres) by three", (6000.0, "m", "range"), {S1, S2, S4}),
        ("3,500 m altitude by two", (3500.0, "m", "altitude"), {S2, S4}),
        ("4,500 Marines and sailors by two", (4500.0, None, "marines"), {S2, S4}),
    ):
        got = number(*args)
        out.append((name, got == want, str(sorted(got))))

    conflict = any(
        {"six", "eight"} <= {w for v in c["variants"] for w in v["value"].lower().split()}
        for c in story["conflicts"]
    )
    out.append(("'at least six strikes' vs 'at least eight boats' conflict", conflict, ""))

    def quote(fragment: str, speaker: str) -> tuple[set[str], str | None]:
        for q in story["quotes"]:
            if fragment in q["text"].lower() or any(
                fragment in v["text"].lower() for v in q["variants"]
            ):
                return _ids(q, labels), q["speaker"]
        return set(), None

    got, who = quote("any military force", "Maduro")
    out.append(
        (
            "Maduro's 'Any military force…' one quote across three",
            {S1, S3, S4} <= got and "Maduro" in (who or ""),
            f"{sorted(got)} {who}",
        )
    )
    got, who = quote("looking at land now", "Trump")
    out.append(
        (
            "Trump's 'looking at land now…' one quote across two",
            got == {S2, S4} and "Trump" in (who or ""),
            f"{sorted(got)} {who}",
        )
    )
    cnn = next((a for a in story["attributions"] if a["source"] == "CNN"), None)
    got = _ids(cnn, labels) if cnn else set()
    out.append(("CNN cited by the two that cite it", got == {S1, S2}, str(sorted(got))))
    hedged = {labels.get(a, a) for a in c5000["hedged_by"]} if c5000 else set()
    ok = bool(c5000) and not c5000["verified"] and {S1, S2, S4} <= hedged
    out.append(("5,000 figure unverified per 001, 002, 004", ok, str(sorted(hedged))))
    return out


def print_groups(title: str, claims: list[dict[str, Any]], labels: dict[str, str]) -> None:
    print(f"\n  claim groups: {title}")
    for c in claims:
        ids = sorted(_ids(c, labels))
        flag = (
            ""
            if c["verified"]
            else f"  UNVERIFIED by {sorted(labels.get(a, a) for a in c['hedged_by'])}"
        )
        print(f"  [{c['id']}] {c['status']:<9} {len(ids)} {ids}{flag}")
        for v in c.get("variants", []):
            print(f"      {labels.get(v['article_id'], v['article_id'])}: {v['text'][:160]}")


def allsides_story(index: int) -> None:
    from storyscope.compare.stage import compare
    from storyscope.model import Article

    story = allsides_stories()[index]
    arts = [
        Article(
            id=side, body="\n\n".join(n["newBody"]), title=n["newsTitle"], outlet=n["newsSource"]
        )
        for side, n in story["news"].items()
    ]
    start = time.perf_counter()
    result = _jsonable(compare(arts, embedder_name="auto"))
    print(
        f"\n  AllSides story {story['id']}: {story['issue']} ({time.perf_counter() - start:.2f}s)"
    )
    print_groups(f"AllSides {story['id']}", result["claims"], {a.id: a.id for a in arts})
    print(f"  origins: {result['origins']['text'] if result['origins'] else None}")


def main(argv: list[str]) -> int:
    direct = "--direct" in argv
    index = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--allsides=")), 0)
    start = time.perf_counter()
    doc = None
    if not direct:
        with tempfile.TemporaryDirectory() as tmp:
            doc = _run_cli(Path(tmp) / "bench.db")
    story, labels, mode = _seed_story(doc) if doc else _direct()
    print(f"  seeds compared via: {mode} ({time.perf_counter() - start:.1f}s)")
    results = checks(story, labels)
    if not direct:  # the issue: `storyscope analyze` on the seeds gives one story of five
        results.insert(0, ("the five seeds are one story", mode == "pipeline", mode))
    for name, ok, detail in results:
        print(f"  {'PASS' if ok else 'FAIL'}  {name}  {detail}")
    score = sum(ok for _, ok, _ in results) / len(results)
    print(f"  origins: {story['origins']['text'] if story.get('origins') else None}")
    print_groups("seeds", story["claims"], labels)
    if SEEDS.parent.joinpath("data").is_dir():
        allsides_story(index)
    print()
    return 0 if floor("compare_seeds checks passed", score, FLOOR) else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
