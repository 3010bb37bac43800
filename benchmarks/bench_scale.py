"""Benchmark: casebook at N = 100, 1,000 and 10,000 synthetic cases, against stock Material on the same text.

For each N, one command generates a deterministic synthetic library (benchmarks/synthlib.py) and measures,
each in a fresh child process (peak memory from the child's rusage):

- ``casebook validate`` of the whole library and of one file (same cross-file checks), both with no
  .cache (as CI runs them), and the whole library again warm;
- a cold ``mkdocs build`` (no .cache) with its peak memory, then a warm rebuild (.cache kept);
- seconds from saving a case file to ``mkdocs serve --dirty`` serving its new page (N ≤ --serve-max);
- site size, and the HTML of home, gallery and one case page (plus the data the gallery loads); the
  first view: home, gallery, the gallery's index, its first piece of cards and its script, raw and gzip;
- a stock Material build of the same text (every case a page in the nav, stock search and tags),
  so our times print as ratios of it and hold on a noisy machine.

    .venv/bin/python benchmarks/bench_scale.py --sizes 100 1000 10000
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000 --runs 3 --stock-timeout 600

Prints a Markdown table and the growth ratio 1,000 → 10,000 (linear is ≤ 11×).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from serve_reload import measure_reload  # noqa: E402
from synthlib import make_project, make_stock_project  # noqa: E402

# A child that runs one command and reports its wall time and peak memory (the grandchild's rusage).
TIMER = """
import json, os, resource, signal, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[3:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    code = child.wait(timeout=float(sys.argv[2]))
except subprocess.TimeoutExpired:  # the build itself is stopped, not only this timer
    child.kill()
    child.wait()
    print(json.dumps({"code": -1, "seconds": float("inf"), "peak_mb": float("nan")}))
    sys.exit(0)
wall = time.perf_counter() - start
print(json.dumps({"code": code, "seconds": wall, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(cwd: Path, *cmd: str, timeout: float | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
    env.pop("CASEBOOK_SITE_URL", None)
    out = subprocess.run([sys.executable, "-c", TIMER, str(cwd), str(timeout or 1e9), *cmd], env=env,
                         capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] == -1:
        return result
    if result["code"] != 0:
        raise SystemExit(f"failed: {' '.join(cmd)} in {cwd}\n{out.stderr[-3000:]}")
    return result


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def run_size(n: int, runs: int, stock_timeout: float, work: Path, serve_max: int = 1000) -> dict:
    project, stock = work / f"ours-{n}", work / f"stock-{n}"
    cases = make_project(project, n)
    make_stock_project(stock, cases)
    one = next((project / "cases").rglob("synth-00001.md"))
    py = sys.executable
    row: dict = {"n": n}

    def cold(*cmd):  # no .cache: what CI and a fresh clone see
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return measure(project, *cmd)["seconds"]

    row["validate"] = statistics.median(cold(py, "-m", "casebook.cli", "validate") for _ in range(runs))
    row["validate_one"] = statistics.median(cold(py, "-m", "casebook.cli", "validate", str(one)) for _ in range(runs))
    measure(project, py, "-m", "casebook.cli", "validate")  # fills the cache (the one-file run kept one entry)
    row["validate_warm"] = statistics.median(measure(project, py, "-m", "casebook.cli", "validate")["seconds"]
                                             for _ in range(runs))

    colds, warms = [], []
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        colds.append(measure(project, py, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / f"site-{n}")))
        warms.append(measure(project, py, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / f"site-{n}")))
    row["cold"] = statistics.median(r["seconds"] for r in colds)
    row["cold_peak_mb"] = max(r["peak_mb"] for r in colds)
    row["warm"] = statistics.median(r["seconds"] for r in warms)
    site = work / f"site-{n}"
    row["site_mb"] = folder_size(site) / 1024 / 1024
    row["home_html"] = (site / "index.html").stat().st_size
    gallery = (site / "cases" / "index.html").stat().st_size
    row["gallery_html"] = gallery
    data = site / "assets" / "casebook"
    row["gallery_data"] = sum(p.stat().st_size for p in data.glob("cases*.js"))
    # what a reader's first visit to home and gallery loads of ours (Material's own CSS and JS aside)
    first = [site / "index.html", site / "cases" / "index.html", data / "cases.js", data / "cases-0.js", data / "gallery.js"]
    row["first_view"] = sum(p.stat().st_size for p in first)
    row["first_view_gz"] = sum(len(gzip.compress(p.read_bytes(), 6)) for p in first)
    row["case_html"] = (site / "cases" / "synth-00001" / "index.html").stat().st_size
    index = (site / "search" / "search_index.json").read_bytes()
    row["search_index_mb"] = len(index) / 1024 / 1024
    row["search_index_gz_mb"] = len(gzip.compress(index, 6)) / 1024 / 1024

    if n <= serve_max:
        row["serve_save"] = measure_reload(project, one, saves=3, extra=["--dirty"])["median"]

    stock_runs = [measure(stock, py, "-m", "mkdocs", "build", "-q", "-d", str(work / f"stock-site-{n}"),
                          timeout=stock_timeout) for _ in range(runs if n <= 1000 else 1)]
    row["stock"] = statistics.median(r["seconds"] for r in stock_runs)
    row["stock_peak_mb"] = max(r["peak_mb"] for r in stock_runs)
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(stock, ignore_errors=True)
    return row


def ratio(a: float, b: float) -> str:
    return "—" if b in (0, float("inf")) else f"{a / b:.2f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=1, help="runs per measurement (median); stock at >1,000 runs once")
    parser.add_argument("--stock-timeout", type=float, default=1200, help="seconds before a stock build is given up")
    parser.add_argument("--serve-max", type=int, default=1000, help="measure mkdocs serve --dirty up to this N")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--table", help="only print the table of rows saved earlier with --json")
    args = parser.parse_args()
    if args.table:
        print_table(json.loads(Path(args.table).read_text(encoding="utf-8")))
        return
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="casebook-scale-", ignore_cleanup_errors=True) as tmp:
        for n in args.sizes:
            row = run_size(n, args.runs, args.stock_timeout, Path(tmp), args.serve_max)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr, flush=True)
            if args.json:
                Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(rows)


def print_table(rows: list[dict]) -> None:
    print("\n| N | validate | validate one | cold build | ÷ stock | peak MB | warm build | ÷ stock | serve save "
          "| stock build | stock peak MB | site | home | gallery + data | first view | case page | search index |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        timed_out = r["stock"] is None or r["stock"] == float("inf")
        stock = "timed out" if timed_out else f"{r['stock']:.1f} s"
        r = {**r, "stock": float("inf") if timed_out else r["stock"], "stock_peak_mb": r["stock_peak_mb"] or float("nan")}
        serve = f"{r['serve_save']:.1f} s" if r.get("serve_save") else "—"
        print(f"| {r['n']:,} | {r['validate']:.2f} s | {r['validate_one']:.2f} s | {r['cold']:.1f} s | {ratio(r['cold'], r['stock'])} "
              f"| {r['cold_peak_mb']:.0f} | {r['warm']:.1f} s | {ratio(r['warm'], r['stock'])} "
              f"| {serve} | {stock} | {r['stock_peak_mb']:.0f} "
              f"| {r['site_mb']:.0f} MB | {kb(r['home_html'])} | {kb(r['gallery_html'])} + {kb(r['gallery_data'])} "
              f"| {kb(r.get('first_view', 0))} ({kb(r.get('first_view_gz', 0))} gz) "
              f"| {kb(r['case_html'])} | {r['search_index_mb']:.1f} MB ({r.get('search_index_gz_mb', float('nan')):.2f} MB gz) |".replace("| nan |", "| — |"))
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 10000 in by_n:
        for key in ("validate", "cold", "warm"):
            print(f"growth 1,000 → 10,000, {key}: {by_n[10000][key] / by_n[1000][key]:.1f}× (linear ≤ 11×)")


if __name__ == "__main__":
    main()
