"""Benchmark: validation and full site build at several library sizes.

Synthetic libraries are made by copying the real cases under new slugs and
titles (so every page is realistic) into a temporary copy of the project.
Reports the median of --runs runs per size, and the ratio to the smallest size.

    .venv/bin/python benchmarks/bench_build.py --sizes 14 100 1000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casebook.check.library import discover, load_library  # noqa: E402


def make_project(target: Path, size: int) -> int:
    """Copy the project with ``size`` cases rounded up to whole copies of the library; return the count."""
    for name in ("mkdocs.yml", "casebook.yml", "docs", "hooks", "casebook"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    cases = target / "cases"
    cases.mkdir()
    for name in ("_taxonomy.yml", "_search_terms.txt", "_template.md"):
        shutil.copy(REPO / "cases" / name, cases)
    originals = [p.read_text(encoding="utf-8") for p in discover(REPO / "cases")]
    slugs = [p.stem for p in discover(REPO / "cases")]
    size = -(-size // len(originals)) * len(originals)  # whole copies, so related links resolve
    for i in range(size):
        text, slug = originals[i % len(originals)], slugs[i % len(slugs)]
        if i >= len(originals):  # copy n: new title; every slug (its own and related ones) gets -copy-n
            n = i // len(originals)
            text = text.replace("\ntitle: ", f"\ntitle: 副本{n}：", 1)
            text = re.sub(r"\b(" + "|".join(map(re.escape, slugs)) + r")\b", rf"\1-copy-{n}", text)
            slug = f"{slug}-copy-{n}"
        (cases / f"{slug}.md").write_text(text, encoding="utf-8")
    return size


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[14, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            size = make_project(project, size)
            validate = [timed(lambda: load_library(project)) for _ in range(args.runs)]
            assert not load_library(project).problems, load_library(project).problems[:3]
            builds = []
            for _ in range(args.runs):
                cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
                builds.append(timed(lambda: subprocess.run(cmd, cwd=project, env=env, check=True,
                                                           capture_output=True)))
            files, size_bytes = site_size(project / "site")
            index = (project / "site" / "search" / "search_index.json").stat().st_size
            rows.append((size, statistics.median(validate), statistics.median(builds), files, size_bytes, index))
    base = rows[0]
    print(f"{'cases':>6} {'validate s':>11} {'build s':>8} {'build/case ms':>14} {'ratio':>6} {'files':>6} {'site MB':>8} {'index MB':>9}")
    for size, v, b, files, size_bytes, index in rows:
        print(f"{size:>6} {v:>11.3f} {b:>8.2f} {1000 * b / size:>14.1f} {b / base[2]:>6.1f} {files:>6} "
              f"{size_bytes / 1e6:>8.2f} {index / 1e6:>9.2f}")


if __name__ == "__main__":
    main()
