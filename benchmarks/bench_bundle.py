"""Benchmark: ``casebook bundle`` for the whole library and for a subset, with and without the handout.

Each configuration runs --runs times as a trainer would run it (a child process, output to a
temporary dist/); reports the median wall time, the zip size, the handout's page count, and
whether every run gave the same bytes.

    .venv/bin/python benchmarks/bench_bundle.py --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casebook.outputs.pdf import page_count  # noqa: E402

CONFIGS = {
    "全部案例": [],
    "全部案例 + 讲义": ["--handout"],
    "吉林省": ["--province", "吉林省"],
    "吉林省 + 讲义": ["--province", "吉林省", "--handout"],
    "专题 校长负责制 + 讲义": ["--topic", "校长负责制", "--handout"],
}


def run(args: list[str], dist: Path) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764028800"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casebook.cli", "bundle", "--root", str(REPO), "--out-dir", str(dist), *args],
                   check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"| 选择 | 中位时间（秒，{args.runs} 次） | zip 大小 | 讲义页数 | 各次字节相同 |")
    print("|---|---|---|---|---|")
    for label, options in CONFIGS.items():
        times, digests, size, pages = [], set(), 0, "—"
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                dist = Path(tmp)
                times.append(run(options, dist))
                (zip_path,) = dist.glob("*.zip")
                size = zip_path.stat().st_size
                digests.add(hashlib.sha256(zip_path.read_bytes()).hexdigest())
                pdfs = list(dist.glob("*-handout.pdf"))
                if pdfs:
                    pages = str(page_count(pdfs[0].read_bytes()))
        same = "是" if len(digests) == 1 else f"否（{len(digests)} 种）"
        print(f"| {label} | {statistics.median(times):.2f} | {size / 1024 / 1024:.2f} MB | {pages} | {same} |", flush=True)


if __name__ == "__main__":
    main()
