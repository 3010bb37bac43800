"""Benchmark: site search of a built site in Chromium — relevance on the judged queries, index size, speed.

    .venv/bin/python benchmarks/bench_search.py --site site                # judged set: MRR, top-3, results
    .venv/bin/python benchmarks/bench_search.py --site /tmp/s1k-site --speed 清廉学校 --runs 5

--judge (default on) runs tests/search/queries.yml through the search dialog (for an older build,
e.g. stock Material search, too: only the site folder is needed). --speed QUERY opens a fresh page,
types QUERY at once and reports the milliseconds from the key press to the first result drawn, and
then, the index being loaded, the median time of answering it again. Sizes: the search index raw
and gzip-compressed (what a server sends), i.e. what a reader downloads before the first result.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import threading
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


def first_result_ms(browser, url: str, query: str) -> tuple[float, float]:
    """(ms from the key press to the first result on a fresh page, ms to answer again once loaded)."""
    page = browser.new_page()
    page.goto(url)
    page.click(SEARCH)
    page.fill(SEARCH, query)
    start = page.evaluate("performance.now()")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    first = page.evaluate("performance.now()") - start
    page.fill(SEARCH, "")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", state="detached")
    page.fill(SEARCH, query)
    start = page.evaluate("performance.now()")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    again = page.evaluate("performance.now()") - start
    page.close()
    return first, again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--no-judge", action="store_true")
    parser.add_argument("--speed", help="a query to time on fresh pages")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    index = args.site / "search" / "search_index.json"
    raw = index.read_bytes()
    escapes = raw.count(b"\\u")
    print(f"search index: {len(raw) / 1e6:.2f} MB raw, {len(gzip.compress(raw, 6)) / 1e6:.2f} MB gzip, "
          f"{escapes} \\u escapes")
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
            print(f"judged {len(QUERIES)} queries: MRR {result['mrr']:.3f}, top-3 {result['top3']:.0%}, "
                  f"mean results {result['mean_results']:.1f}")
            page.close()
        if args.speed:
            runs = [first_result_ms(browser, url, args.speed) for _ in range(args.runs)]
            print(f"'{args.speed}': first result on a fresh page {statistics.median(r[0] for r in runs):.0f} ms, "
                  f"again {statistics.median(r[1] for r in runs):.0f} ms (median of {args.runs})")
        browser.close()


if __name__ == "__main__":
    main()
