"""Dask batch runs give exactly what the serial library gives, on SQLite and on PostgreSQL.

The reference is the serial pipeline (``api.ingest`` + ``api.cluster`` + ``api.report``) on the
shipped fictional sample corpus; each batch run works on a fresh store of its own, so nothing it
returns can come from the reference's cache.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyscope import api
from storyscope.config import Settings
from storyscope.model import Article, IngestError, IngestResult
from storyscope.pipeline import fingerprint
from storyscope.scale.batch import (
    HASH_SEED,
    BatchError,
    _prepare_partition,
    analyze_all,
    analyze_stories,
    in_shard,
    ingest_many,
)
from storyscope.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = str(ROOT / "src" / "storyscope" / "data" / "sample")
FIXTURES = ROOT / "tests" / "fixtures" / "scale"
INPUTS = [SAMPLE, str(FIXTURES / "stub.txt"), str(FIXTURES / "broken.json")]
FAST: dict[str, Any] = {"embedder": "tfidf", "ner": "heuristic", "progress": "never"}


def _articles(settings: Settings) -> list[Article]:
    store = open_store(settings)
    try:
        return [replace(a, ingested_at=None) for a in store.iter_articles()]
    finally:
        store.close()


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    settings = Settings(db=str(tmp_path_factory.mktemp("serial") / "s.db"), **FAST)
    store = open_store(settings)
    try:
        result = api.ingest(store, INPUTS, settings)
        api.cluster(store, settings)
        stories = store.get_stories()
        doc = api.report(store, settings)
    finally:
        store.close()
    doc.pop("generated_at")
    return {
        "result": result,
        "report": doc,
        "articles": _articles(settings),
        "stories": stories,
        "db": settings.db,
    }


# the serial report again in a fresh interpreter, for runs under another hash seed
_SERIAL_SCRIPT = """
import json, sys
from storyscope import api
from storyscope.config import Settings
from storyscope.store import open_store
settings = Settings(db=sys.argv[1], **json.loads(sys.argv[2]))
store = open_store(settings)
doc = api.report(store, settings)
doc.pop("generated_at")
print(json.dumps(doc))
"""


@pytest.fixture(scope="module")
def serial_pinned(
    serial: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The serial report of the same stories under the hash seed ``batch`` gives its workers.

    Some analysis steps may depend on the seed (set iteration), so the report of a process pool
    is compared with a serial run under the same seed, not with this interpreter's.
    """
    db = str(tmp_path_factory.mktemp("pinned") / "s.db")
    shutil.copy(serial["db"], db)
    with sqlite3.connect(db) as conn:  # forget the analyses made under this interpreter's seed
        conn.execute("DELETE FROM analyses")
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    args = [sys.executable, "-c", _SERIAL_SCRIPT, db, json.dumps(FAST)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True, timeout=120)
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


def _settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    if backend == "postgres":
        return Settings(db=request.getfixturevalue("pg_url"), store="postgres", **FAST)
    return Settings(db=str(tmp_path / "batch.db"), **FAST)


@pytest.mark.parametrize(
    ("backend", "scheduler"),
    [("sqlite", "threads"), ("postgres", "sync")],
)
def test_ingest_many_stores_what_serial_ingest_stores(
    serial: dict[str, Any],
    backend: str,
    scheduler: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    settings = _settings(backend, tmp_path, request)
    result = ingest_many(settings, INPUTS, partitions=3, scheduler=scheduler, workers=2)
    assert result == serial["result"]
    assert {e.source.rsplit("/", 1)[-1] for e in result.errors} == {"stub.txt", "broken.json"}
    stored = _articles(settings)
    assert stored == serial["articles"]
    assert any(a.duplicate_of for a in stored)  # the syndicated copy was caught across partitions
    again = ingest_many(settings, INPUTS, partitions=2, scheduler=scheduler)
    assert again.stored == () and sorted(again.skipped) == sorted(result.stored)


@pytest.mark.parametrize(
    ("backend", "scheduler"),
    # threads on SQLite: one connection per task, so concurrent writers meet SQLite's lock;
    # processes on PostgreSQL: the scale-out setting, many processes writing at once
    [("sqlite", "sync"), ("sqlite", "threads"), ("postgres", "processes")],
)
def test_analyze_all_equals_the_serial_report(
    serial: dict[str, Any],
    backend: str,
    scheduler: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    settings = _settings(backend, tmp_path, request)
    # one process pool per test is what costs; what ingest ships between processes is
    # checked by test_prepared_batches_survive_pickling
    ingest_many(settings, INPUTS, scheduler="threads" if scheduler == "processes" else scheduler)
    # the serial run's stories: clustering is not under test here (and breaks ties its own way)
    store = open_store(settings)
    try:
        store.replace_all_stories(serial["stories"])
    finally:
        store.close()
    ids = {s.id for s in serial["stories"]}
    doc = analyze_all(settings, workers=2, scheduler=scheduler)
    assert doc.pop("generated_at")
    pinned = scheduler == "processes"
    assert doc == (request.getfixturevalue("serial_pinned") if pinned else serial["report"])
    docs = {s["id"]: s for s in doc["stories"]}
    assert set(docs) == ids and len(ids) >= 2
    store = open_store(settings)
    try:  # the workers cached every analysis under its current fingerprint
        for story in store.get_stories():
            key = fingerprint(story, store.get_articles(story.article_ids), settings)
            assert store.get_analysis(story.id, key) == docs[story.id]
    finally:
        store.close()
    # machines sharing the store split the stories by shard: every story once (cached: fast)
    parts = [analyze_stories(settings, scheduler="sync", shard=(i, 2)) for i in range(2)]
    assert parts[0] | parts[1] == docs and not set(parts[0]) & set(parts[1])
    assert all(in_shard(sid, (i, 2)) for i, part in enumerate(parts) for sid in part)
    assert analyze_stories(settings, story_ids=[], scheduler="sync") == {}


def test_prepared_batches_survive_pickling(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "p.db"), **FAST)
    open_store(settings).close()
    names = [str(p) for p in sorted(Path(SAMPLE).iterdir()) if p.suffix != ".rst"][:4]
    prepared = _prepare_partition([*names, str(FIXTURES / "stub.txt")], settings)
    assert pickle.loads(pickle.dumps(prepared)) == prepared
    assert all(isinstance(c, tuple) and c[1] for p in prepared[:4] for c in p.converted)
    assert isinstance(prepared[-1].converted[0], IngestError)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: analyze_all(s, scheduler="cluster"), "unknown dask scheduler 'cluster'"),
        (lambda s: analyze_all(s, workers=0), "workers must be at least 1"),
        (lambda s: analyze_stories(s, shard=(3, 3)), "shard must be"),
        (lambda s: ingest_many(s, ["-"]), "not stdin"),
        (lambda s: ingest_many(s, [SAMPLE], partitions=0), "partitions must be"),
    ],
)
def test_bad_requests_are_one_line_errors(call: Any, message: str, tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "bad.db"), **FAST)
    with pytest.raises(BatchError, match=message) as info:
        call(settings)
    assert "\n" not in str(info.value)


def test_nothing_to_do_is_not_an_error(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "empty.db"), **FAST)
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert analyze_stories(settings, scheduler="processes") == {}
    assert analyze_all(settings, scheduler="sync")["stories"] == []
    assert os.path.exists(settings.db)
    assert ingest_many(settings, [], scheduler="processes") == IngestResult()
    result = ingest_many(settings, [str(empty)], scheduler="sync")
    assert result.stored == () and [e.source for e in result.errors] == [str(empty)]


def test_batch_commands(serial: dict[str, Any], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyscope.cli import main

    runner = CliRunner()
    env = {f"STORYSCOPE_{k.upper()}": v for k, v in FAST.items()}
    env["STORYSCOPE_DB"] = str(tmp_path / "cli.db")
    ingest = runner.invoke(main, ["batch", "ingest", *INPUTS, "--scheduler", "threads"], env=env)
    assert ingest.exit_code == 1  # two inputs fail, each on one line, the rest is stored
    assert "stub.txt: " in ingest.stderr and "broken.json: " in ingest.stderr
    assert f"stored {len(serial['result'].stored)}, already stored 0, failed 2" in ingest.stdout
    shard = runner.invoke(
        main, ["batch", "analyze", "--shard", "1/2", "--scheduler", "sync"], env=env
    )
    assert shard.exit_code == 0 and shard.stdout == ""
    assert "analysed 0 stories (shard 1/2)" in shard.stderr  # a shard never clusters
    full = runner.invoke(main, ["batch", "analyze", "--json", "--scheduler", "sync"], env=env)
    assert full.exit_code == 0, full.stderr
    doc = json.loads(full.stdout)
    want = serial["report"]
    assert doc["format"] == want["format"] and doc["articles"] == want["articles"]
    assert {s["id"]: s["article_ids"] for s in doc["stories"]} == {
        s["id"]: s["article_ids"] for s in want["stories"]
    }  # the same stories, each fully analysed (the library tests compare every field)
    assert all(set(s) == set(want["stories"][0]) for s in doc["stories"])
    assert f"analysed {len(doc['stories'])} stories" in full.stderr
    bad = runner.invoke(main, ["batch", "analyze", "--shard", "half"], env=env)
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and "give it as I/N" in bad.stderr
