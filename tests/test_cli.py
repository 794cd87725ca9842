"""End to end through the real console script, as a user (and CI's checks) run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from storyscope.report.json import FORMAT, validate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "storyscope" / "data" / "sample"
CLI = [sys.executable, "-m", "storyscope.cli"]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "STORYSCOPE_EMBEDDER": "tfidf", "STORYSCOPE_NER": "heuristic", **(env or {})}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("cli") / "s.db"
    proc = run("analyze", str(SAMPLE), "--json", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_analyze_json_follows_the_published_schema(sample_report: dict) -> None:
    assert sample_report["format"] == FORMAT
    validate(sample_report)


def test_sample_corpus_yields_the_main_story_and_the_unrelated_ones(sample_report: dict) -> None:
    sizes = sorted((len(s["article_ids"]) for s in sample_report["stories"]), reverse=True)
    assert len(sizes) >= 3, sizes
    assert sizes[0] >= 6  # the main fictional event, 7 outlets with one syndicated copy
    ids = {a["id"] for a in sample_report["articles"]}
    for story in sample_report["stories"]:
        assert set(story["article_ids"]) <= ids


def test_main_story_has_every_analysis(sample_report: dict) -> None:
    main = max(sample_report["stories"], key=lambda s: len(s["article_ids"]))
    for key in ("landscape", "claims", "numbers", "conflicts", "quotes", "framing", "summary", "perspectives"):
        assert main.get(key), key
    assert any(a["duplicate_of"] for a in sample_report["articles"])


def test_human_report_and_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    proc = run("analyze", str(SAMPLE), env={"STORYSCOPE_DB": str(db)})
    assert proc.returncode == 0, proc.stderr
    assert db.exists()
    assert "What happened" in proc.stdout and "Sources" in proc.stdout
    listed = run("articles", "--json", env={"STORYSCOPE_DB": str(db)})
    assert len(json.loads(listed.stdout)) >= 10


def test_rerun_stores_nothing_new(tmp_path: Path) -> None:
    db = str(tmp_path / "again.db")
    first = run("ingest", str(SAMPLE), "--db", db)
    second = run("ingest", str(SAMPLE), "--db", db)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "stored 0," in second.stderr


def test_ingest_with_stories_groups_what_it_stored(tmp_path: Path, sample_report: dict) -> None:
    """``ingest --stories`` leaves the same stories ``analyze`` finds, without a report."""
    db = str(tmp_path / "grouped.db")
    proc = run("ingest", "--stories", str(SAMPLE), "--db", db)
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(run("stories", "--json", "--db", db).stdout)
    assert f"stories {len(listed)}" in proc.stderr
    assert sorted(len(s["article_ids"]) for s in listed) == sorted(
        len(s["article_ids"]) for s in sample_report["stories"]
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("summarize", "no-such-story"), "no-such-story"),
        (("report", "--db", "/nonexistent/dir/x.db"), "/nonexistent/dir/x.db"),
        (("--config", "/nonexistent.toml", "articles"), "/nonexistent.toml"),
    ],
)
def test_user_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
