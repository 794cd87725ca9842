"""Run every evaluation in bench/ (``make bench``) or the scale benchmarks (``make bench-scale``).

Each entry is a module in this folder with ``main(argv) -> int``; it prints its figures and returns
non-zero when a metric falls under its pinned floor. All of them read ``../shared/data``.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# (module, args) in the order CI runs them; keep CI's total under 10 minutes.
CI_BENCHES: list[tuple[str, list[str]]] = [
    ("outlets_match", []),
    ("ingest_seeds", []),
    ("framing", []),
    ("dedup", []),
    ("clustering", []),
    ("compare_seeds", []),
    ("summary_seeds", []),
    ("summary_rouge", []),
    ("web_latency", ["--articles", "5000", "--requests", "20"]),
]
SCALE_BENCHES: list[tuple[str, list[str]]] = [
    ("clustering_scale", []),
    ("web_latency", ["--articles", "40000"]),
    ("batch_scale", ["--stories", "253"]),
]


def main(argv: list[str]) -> int:
    benches = SCALE_BENCHES if "--scale" in argv else CI_BENCHES
    shared = HERE.parent.parent / "shared"
    if not shared.is_dir():
        print(f"bench: {shared} not found; nothing to measure")
        return 0
    failed: list[str] = []
    for name, args in benches:
        print(f"\n=== {name} {' '.join(args)}", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(name)
        code = int(module.main(args))
        print(f"--- {name}: {'ok' if code == 0 else 'BELOW FLOOR'} ({time.perf_counter() - start:.1f}s)")
        if code:
            failed.append(name)
    if failed:
        print(f"\nbench: below floor: {', '.join(failed)}")
        return 1
    print(f"\nbench: {len(benches)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
