"""Dask batch runs against the serial library on real stories: same store, same report, and how long.

    python bench/batch_scale.py [--stories 30] [--workers 2] [--models] [--pg postgresql://...]

The first ``--stories`` AllSides stories (three outlets each, one input file per article) go
through the serial path (``api.ingest`` + ``api.cluster`` + ``api.report``) into one SQLite store
and through the batch path (``ingest_many`` + ``api.cluster`` + ``analyze_all`` with the
``processes`` scheduler) into a fresh SQLite store, plus a fresh schema of the given PostgreSQL
database (dropped afterwards) when ``--pg`` is given. ``--models`` runs MiniLM and spaCy (the
defaults) instead of the dependency-free fallbacks the quick run uses. Gates: the batch stores hold the same
articles and give the same report (``generated_at`` aside; the serial run gets the hash seed
the batch's worker processes get). Times are printed, not gated, since they depend on how many
cores are free.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import common  # noqa: E402
from storyscope import api  # noqa: E402
from storyscope.config import Settings  # noqa: E402
from storyscope.scale.batch import HASH_SEED, analyze_all, ingest_many  # noqa: E402
from storyscope.store import open_store  # noqa: E402

FAST: dict[str, Any] = {"embedder": "tfidf", "ner": "heuristic", "progress": "never"}
MODELS: dict[str, Any] = {"embedder": "auto", "ner": "auto", "progress": "never"}


def _write_inputs(folder: Path, stories: int) -> int:
    count = 0
    for story in common.allsides_stories()[:stories]:
        for side, item in sorted(story["news"].items()):
            record = {**item, "date": story["date"]}
            path = folder / f"as-{story['id']}-{side}.json"
            path.write_text(json.dumps(record), encoding="utf-8")
            count += 1
    return count


def _snapshot(settings: Settings) -> tuple[list[Any], dict[str, Any]]:
    store = open_store(settings)
    try:
        articles = [replace(a, ingested_at=None) for a in store.iter_articles()]
        doc = api.report(store, settings)
    finally:
        store.close()
    doc.pop("generated_at")
    return articles, doc


def _serial(settings: Settings, inputs: list[str]) -> dict[str, float]:
    """The serial path in a fresh interpreter under the hash seed the batch workers get."""
    models = ["--models"] if settings.embedder == "auto" else []
    args = [sys.executable, __file__, *models, "--serial-db", settings.db, *inputs]
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    times: dict[str, float] = json.loads(done.stdout)
    return times


def _serial_here(settings: Settings, inputs: list[str]) -> dict[str, float]:
    store = open_store(settings)
    try:
        t0 = time.perf_counter()
        api.ingest(store, inputs, settings)
        t1 = time.perf_counter()
        api.cluster(store, settings)
        t2 = time.perf_counter()
        api.report(store, settings)
        t3 = time.perf_counter()
    finally:
        store.close()
    return {"ingest": t1 - t0, "cluster": t2 - t1, "analyse": t3 - t2}


def _batch(settings: Settings, inputs: list[str], workers: int) -> dict[str, float]:
    t0 = time.perf_counter()
    ingest_many(settings, inputs, workers=workers)
    t1 = time.perf_counter()
    store = open_store(settings)
    try:
        api.cluster(store, settings)
    finally:
        store.close()
    t2 = time.perf_counter()
    analyze_all(settings, workers=workers)
    t3 = time.perf_counter()
    return {"ingest": t1 - t0, "cluster": t2 - t1, "analyse": t3 - t2}


def _differences(a: Any, b: Any, path: str = "", out: list[str] | None = None) -> list[str]:
    """Where two JSON values differ (the first few paths), to say what a failed gate saw."""
    out = [] if out is None else out
    if len(out) >= 5 or a == b:
        return out
    if isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b):
        for key in a:
            _differences(a[key], b[key], f"{path}/{key}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _differences(x, y, f"{path}[{i}]", out)
    else:
        out.append(f"{path}: {json.dumps(a)[:120]} != {json.dumps(b)[:120]}")
    return out


def _pg_schema(url: str, create: bool, schema: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if create:
            conn.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
        else:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="batch_scale")
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", help="a PostgreSQL URL; the bench works in a schema of its own")
    parser.add_argument("--models", action="store_true", help="MiniLM and spaCy, not the fallbacks")
    parser.add_argument("--serial-db", help=argparse.SUPPRESS)  # the serial run's own process
    parser.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serial_db:
        kind = MODELS if args.models else FAST
        print(json.dumps(_serial_here(Settings(db=args.serial_db, **kind), args.inputs)))
        return 0
    ok = True
    with tempfile.TemporaryDirectory(prefix="storyscope-batch-") as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        n = _write_inputs(folder, args.stories)
        inputs = [str(folder)]
        kind = MODELS if args.models else FAST
        serial = Settings(db=str(Path(tmp) / "serial.db"), **kind)
        times = {"serial sqlite": _serial(serial, inputs)}
        want = _snapshot(serial)
        targets = {"batch sqlite": Settings(db=str(Path(tmp) / "batch.db"), **kind)}
        schema = "bench_" + uuid.uuid4().hex[:10]
        if args.pg:
            url = _pg_schema(args.pg, True, schema)
            targets["batch postgres"] = Settings(db=url, store="postgres", **kind)
        try:
            print(f"batch_scale: {args.stories} stories, {n} articles, {args.workers} workers")
            for name, settings in targets.items():
                times[name] = _batch(settings, inputs, args.workers)
                got = _snapshot(settings)
                ok &= common.floor(f"{name}: same articles", float(got[0] == want[0]), 1.0)
                ok &= common.floor(f"{name}: same report", float(got[1] == want[1]), 1.0)
                for line in _differences(want[1], got[1]):
                    print(f"    {line}")
        finally:
            if args.pg:
                _pg_schema(args.pg, False, schema)
        for name, parts in times.items():
            cells = "  ".join(f"{k} {v:6.2f}s" for k, v in parts.items())
            print(f"  {name:<16} {cells}")
        base = times["serial sqlite"]["analyse"]
        for name in targets:
            print(f"  {name}: analysis speed-up x{base / max(times[name]['analyse'], 1e-9):.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
