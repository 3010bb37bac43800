"""Measure preview speed: seconds from saving a case file to `mkdocs serve` serving its new page.

    .venv/bin/python benchmarks/serve_reload.py PROJECT [--saves 3] [--serve-args='--dirty']

Starts ``mkdocs serve`` in PROJECT, waits for the first build, then saves one case file a few times
(a new sentence appended each time) and polls the case page over HTTP until the sentence is there.
Prints JSON: the first build's seconds, each save's seconds until the page served has changed (the
median is what to report), and MkDocs' own figure for each rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def wait_for(predicate, timeout: float, every: float = 0.05) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(every)
    return None


def measure_reload(project: Path, case_file: Path, saves: int = 3, extra: list[str] = (),
                   timeout: float = 900) -> dict:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_SITE_URL", None)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}", *extra], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    url = f"http://127.0.0.1:{port}/cases/{case_file.stem}/"
    original = case_file.read_text(encoding="utf-8")
    try:
        first = wait_for(lambda: "<html" in fetch(url), timeout, every=0.5)
        if first is None:
            raise SystemExit("mkdocs serve did not come up:\n" + "".join(log[-30:]))
        times, builds = [], []
        for i in range(saves):
            marker = f"预览测速第{i + 1}句{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            case_file.write_text(original + f"\n{marker}。\n", encoding="utf-8")
            took = wait_for(lambda: marker in fetch(url), timeout)
            if took is None:
                raise SystemExit("the saved change never reached the page:\n" + "".join(log[-30:]))
            times.append(took)
            # MkDocs' own figure for the rebuild: what remains is the watcher, the request and the polling
            built = [float(m) for m in re.findall(r"Documentation built in ([\d.]+) seconds", "".join(log))]
            builds.append(built[-1] if built else None)
        return {"first_build": first, "saves": times, "median": statistics.median(times), "builds": builds}
    finally:
        case_file.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--case", help="slug of the case to save (default: the first one found)")
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--serve-args", default="--dirty", help="options for mkdocs serve (default: %(default)s)")
    args = parser.parse_args()
    cases = sorted((args.project / "cases").rglob(f"{args.case or '*'}.md"))
    case_file = next(p for p in cases if not p.name.startswith("_"))
    print(json.dumps(measure_reload(args.project, case_file, args.saves, args.serve_args.split())))


if __name__ == "__main__":
    main()
