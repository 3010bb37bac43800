"""Benchmark: validate every hostile input; report the slowest and the alias bomb's peak memory.

    .venv/bin/python benchmarks/bench_hostile.py --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casebook.check.library import load_library  # noqa: E402

HOSTILE = REPO / "tests" / "hostile"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    today = dt.date(2026, 11, 25)
    rows = []
    for path in sorted(HOSTILE.glob("*.md")):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "cases").mkdir()
            shutil.copy(REPO / "cases" / "_taxonomy.yml", root / "cases")
            shutil.copy(REPO / "casebook.yml", root)
            shutil.copy(path, root / "cases" / path.name)
            load_library(root, today=today)  # warm caches (divisions table, markdown)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                load_library(root, today=today)
                times.append(time.perf_counter() - start)
            tracemalloc.start()
            load_library(root, today=today)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rows.append((statistics.median(times), peak, path.stem, path.stat().st_size))
    rows.sort(reverse=True)
    print(f"{len(rows)} hostile inputs, median of {args.runs} runs each (whole-library validation, 1 file)")
    print(f"{'input':<34} {'bytes':>8} {'median ms':>10} {'peak KiB':>9}")
    for seconds, peak, name, size in rows[:8]:
        print(f"{name:<34} {size:>8} {1000 * seconds:>10.2f} {peak / 1024:>9.0f}")
    bomb = next(r for r in rows if r[2] == "alias-bomb")
    print(f"alias-bomb: {1000 * bomb[0]:.2f} ms, peak traced memory {bomb[1] / 1024:.0f} KiB "
          f"(expanded, it would hold 9^9 = {9 ** 9:,} strings)")
    print(f"all inputs: total median {sum(r[0] for r in rows) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
