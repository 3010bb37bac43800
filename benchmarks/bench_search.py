"""Benchmark: site search of a built site in Chromium — relevance on the judged queries, index size, speed.

    .venv/bin/python benchmarks/bench_search.py --site site                # judged set: MRR, top-3, results
    .venv/bin/python benchmarks/bench_search.py --site /tmp/s1k-site --speed 清廉学校 --runs 5

--judge (default on) runs tests/search/queries.yml through the search dialog (for an older build,
e.g. stock Material search, too: only the site folder is needed). --speed QUERY opens a fresh page,
types QUERY at once and reports the milliseconds from the key press to the first result drawn, and
then, the index being loaded, a later query's (other words) and the same query's again. Sizes: the whole
index on disk (every file under search/), and the files a fresh page requested before its first result,
gzip-compressed (what a server that compresses sends).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import threading
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "search"))

from judge import QUERIES, judge  # noqa: E402

SEARCH = "input[data-md-component=search-query]"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> str:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


def _shown(page, query: str) -> float:
    """Type ``query`` (filled, then a key press: Material searches on key events) and return the ms from
    the key press to its results being drawn."""
    page.fill(SEARCH, "")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    page.fill(SEARCH, query)
    start = page.evaluate("performance.now()")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    return page.evaluate("performance.now()") - start


def first_result(browser, url: str, site: Path, query: str, later: str) -> dict:
    """On a fresh page: ms from the key press to the first result, the files requested until then (their
    gzip sizes: what a server that compresses sends) and, the page's index loaded, ms for a later query
    (other words: their shards load) and for the same query again."""
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.click(SEARCH)
    page.fill(SEARCH, query)
    start = page.evaluate("performance.now()")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    first = page.evaluate("performance.now()") - start
    before = list(requested)
    later_ms = _shown(page, later)
    again = _shown(page, query)
    page.close()
    sizes = {}
    for address in before:
        path = urllib.parse.unquote(urllib.parse.urlparse(address).path).lstrip("/")
        file = site / path if not path.endswith("/") and path else site / path / "index.html"
        if file.is_file():
            sizes[path or "index.html"] = len(gzip.compress(file.read_bytes(), 6))
    search_bytes = sum(v for k, v in sizes.items() if k.startswith("search/") or "search-" in k)
    return {"first": first, "later": later_ms, "again": again, "bytes": sum(sizes.values()), "search_bytes": search_bytes,
            "files": len(sizes), "search_files": sum(1 for k in sizes if k.startswith("search/"))}


def index_size(site: Path) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) of everything under search/."""
    files = [f for f in (site / "search").rglob("*") if f.is_file()]
    raw = sum(f.stat().st_size for f in files)
    return len(files), raw, sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--no-judge", action="store_true")
    parser.add_argument("--speed", help="a query to time on fresh pages")
    parser.add_argument("--later", default="校长负责制", help="the later query (other words) timed on the same page")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    count, raw, packed = index_size(args.site)
    print(f"search index: {count} files, {raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzip")
    url = serve(args.site)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        if not args.no_judge:
            page = browser.new_page()
            page.goto(url)
            result = judge(page)
            for q, expect, got, n in result["rows"]:
                ok = "ok " if all(s in got[:3] for s in expect) else "MISS"
                print(f"{ok} {q}: {n} results, top {got[:3]}")
            for name in ("fields", "body"):
                part = result[name]
                if part:
                    print(f"judged {name} queries ({part['count']}): MRR {part['mrr']:.3f}, top-3 {part['top3']:.0%}, "
                          f"mean results {part['mean_results']:.1f}")
            page.close()
        if args.speed:
            runs = [first_result(browser, url, args.site, args.speed, args.later) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"'{args.speed}' on a fresh page (median of {args.runs}): first result {med['first']:.0f} ms after the key press, "
                  f"{med['bytes'] / 1e3:.0f} KB gzip in {med['files']:.0f} files requested before it "
                  f"({med['search_bytes'] / 1e3:.0f} KB of them search: index, {med['search_files']:.0f} files under search/, "
                  f"worker and engine); later query '{args.later}' {med['later']:.0f} ms, the first again {med['again']:.0f} ms")
        browser.close()


if __name__ == "__main__":
    main()
