"""Crash safety: ``storyscope ingest`` killed with SIGKILL midway, then rerun, stores every article once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

WORDS = [
    "harbour",
    "council",
    "ferry",
    "quay",
    "storm",
    "budget",
    "minister",
    "court",
    "strike",
    "market",
    "bridge",
    "tanker",
    "river",
    "school",
    "hospital",
    "police",
    "election",
    "railway",
    "airport",
    "festival",
    "museum",
    "factory",
    "vote",
    "mayor",
    "port",
    "inquiry",
    "report",
    "figures",
    "workers",
    "union",
    "farmers",
    "drought",
    "flood",
    "coast",
    "island",
    "village",
    "station",
    "tunnel",
    "contract",
    "protest",
    "verdict",
    "appeal",
    "audit",
    "grant",
    "charity",
    "clinic",
    "library",
    "stadium",
    "tram",
]
FILES = 150


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # schema not created yet


@pytest.mark.slow
def test_sigkill_midway_then_rerun_stores_each_article_once(
    storyscope_cmd: list[str], tmp_path: Path
) -> None:
    rng = random.Random(7)
    folder = tmp_path / "inputs"
    folder.mkdir()
    for n in range(FILES):
        words = " ".join(rng.choice(WORDS) for _ in range(70))
        (folder / f"{n:04d}.txt").write_text(f"Report number {n} from the city desk\n\n{words}.\n")
    db = tmp_path / "crash.db"
    env = {**os.environ, "STORYSCOPE_DB": str(db), "STORYSCOPE_PROGRESS": "never"}
    run = [*storyscope_cmd, "ingest", str(folder)]

    proc = subprocess.Popen(
        run, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _count(db) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    partial = _count(db)
    assert 20 <= partial < FILES  # really killed midway

    done = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert f"stored {FILES - partial}, already stored {partial}, failed 0" in done.stderr.decode()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT id), COUNT(DISTINCT content_hash) FROM articles"
        ).fetchone() == (FILES, FILES, FILES)
        sources = [r[0] for r in conn.execute("SELECT source FROM articles ORDER BY source")]
        assert sources == sorted(str(p) for p in folder.iterdir())
        # every stored original has its signature: none was lost between the two writes
        assert conn.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == FILES
        assert (
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
            is not None
        )
