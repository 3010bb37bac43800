"""Benchmark: validation and build time of this checkout against another one (a git worktree of an
earlier commit), on the same synthetic library size, runs alternating so both see the same load.

    git worktree add /tmp/casebook-old 6373265
    .venv/bin/python benchmarks/bench_versions.py /tmp/casebook-old --cases 1000 --runs 5

Each checkout makes its own project copy with its own benchmarks/bench_build.py (copies of the real
cases under new slugs) and is imported from its own folder (PYTHONPATH), so each builds with its own
code. Reported: medians of cold validation (no cache: every file read and checked; the time it measures
itself, inside the process), cold build (CASEBOOK_NO_CACHE=1) and warm build (the caches of the run
before), and new/old ratios (of the medians, and the median of each run's own ratio); in wall-clock seconds and
in CPU seconds (less disturbed by other work on a shared machine).
``--same-content`` gives the old checkout this checkout's case files, for a ratio of the code alone (the
real cases it copies may have grown since). ``--save FILE`` keeps every run's figures (JSON); ``--pool
FILE ...`` prints the table over the runs of several saved sets (no builds): on a noisy machine one set
of 7 runs moves the ratio by ±0.07.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KINDS = ("validate", "cold build", "warm build")
VALIDATE = "import sys, time; from casebook.check.library import load_library; t = time.perf_counter(); " \
           "lib = load_library(sys.argv[1]); print(time.perf_counter() - t); assert not lib.problems, lib.problems[:3]"


def make(tree: Path, project: Path, cases: int) -> None:
    code = f"import sys; sys.path.insert(0, {str(tree)!r}); from benchmarks.bench_build import make_project; " \
           f"from pathlib import Path; print(make_project(Path({str(project)!r}), {cases}))"
    subprocess.run([sys.executable, "-c", code], check=True, env=env(tree), capture_output=True)


def env(tree: Path, **more) -> dict:
    return {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1", **more}


def cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far: on a shared machine, less
    disturbed by other work than wall-clock time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def validate(tree: Path, project: Path) -> tuple[float, float]:
    before = cpu()
    out = subprocess.run([sys.executable, "-c", VALIDATE, str(project)], cwd=project, check=True, capture_output=True,
                         text=True, env=env(tree, CASEBOOK_NO_CACHE="1"))
    return float(out.stdout.split()[0]), cpu() - before


def build(tree: Path, project: Path, cold: bool) -> tuple[float, float]:
    extra = {"CASEBOOK_NO_CACHE": "1"} if cold else {}
    start, before = time.perf_counter(), cpu()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], cwd=project,
                   check=True, capture_output=True, env=env(tree, **extra))
    return time.perf_counter() - start, cpu() - before


def same_cases(source: Path, target: Path) -> None:
    """``target``'s case files replaced by ``source``'s (its vocabularies and settings kept): the old
    code reads the new cases' front matter as it is."""
    for old in (target / "cases").glob("[!_]*.md"):
        old.unlink()
    for new in (source / "cases").glob("[!_]*.md"):
        shutil.copy(new, target / "cases" / new.name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("old", type=Path, nargs="?", help="the other checkout (e.g. a git worktree of an earlier commit)")
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--same-content", action="store_true",
                        help="build the old checkout with this checkout's case files (the same text), so that "
                             "the ratio measures the code, not cases that grew in the meantime")
    parser.add_argument("--save", type=Path, help="write every run's wall-clock and CPU seconds to this JSON file")
    parser.add_argument("--pool", type=Path, nargs="+", help="no builds: the table over these saved sets' runs")
    args = parser.parse_args()
    if args.pool:
        sets = [json.loads(path.read_text(encoding="utf-8")) for path in args.pool]
        pooled = {table: {name: {what: [x for one in sets for x in one[table][name][what]] for what in KINDS}
                          for name in ("old", "new")} for table in ("wall", "cpu")}
        report(pooled, sets[0]["cases"], f"{sum(one['runs'] for one in sets)} runs each, from {len(sets)} set{'s' if len(sets) > 1 else ''}")
        return
    if args.old is None:
        parser.error("the other checkout is needed (or --pool)")
    trees = {"old": args.old.resolve(), "new": REPO}
    results = {name: {what: [] for what in KINDS} for name in trees}
    used = {name: {what: [] for what in KINDS} for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for name, tree in trees.items():
            projects[name] = Path(tmp) / name
            projects[name].mkdir()
            make(tree, projects[name], args.cases)
        if args.same_content:
            same_cases(projects["new"], projects["old"])
        for name, tree in trees.items():
            build(tree, projects[name], cold=False)  # fills the caches the warm builds use
        for _ in range(args.runs):
            for name, tree in trees.items():
                for what, run in (("validate", lambda: validate(tree, projects[name])),
                                  ("cold build", lambda: build(tree, projects[name], cold=True)),
                                  ("warm build", lambda: build(tree, projects[name], cold=False))):
                    wall, seconds = run()
                    results[name][what].append(wall)
                    used[name][what].append(seconds)
    figures = {"wall": results, "cpu": used}
    if args.save:
        args.save.write_text(json.dumps({"cases": args.cases, "runs": args.runs, **figures}), encoding="utf-8")
    report(figures, args.cases, f"{args.runs} runs each")


def report(figures: dict, cases: int, runs: str) -> None:
    for title, table in (("wall-clock", figures["wall"]), ("CPU (user + system of the child processes)", figures["cpu"])):
        print(f"{cases} cases, {runs}, {title} seconds: medians (min–max)")
        print(f"{'':<12} {'old':>18} {'new':>18} {'new/old':>8} {'paired':>18}")
        for what in KINDS:
            old, new = table["old"][what], table["new"][what]
            # each run's new/old (the two ran one after the other): a shared machine's load drifts over a
            # benchmark, and the median of these ratios is less moved by it than the ratio of the medians
            pairs = [n / o for o, n in zip(old, new)]
            print(f"{what:<12} {statistics.median(old):>7.2f} ({min(old):.2f}–{max(old):.2f}) "
                  f"{statistics.median(new):>7.2f} ({min(new):.2f}–{max(new):.2f}) {statistics.median(new) / statistics.median(old):>8.2f} "
                  f"{statistics.median(pairs):>7.2f} ({min(pairs):.2f}–{max(pairs):.2f})")


if __name__ == "__main__":
    main()
