"""Run the judged queries (queries.yml) through a site's search dialog in Chromium, and score them.

Used by tests/browser/test_search.py and by benchmarks/bench_search.py (which can also judge an
older build, e.g. stock Material search, for the before/after figures).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the benchmark too
from pageactions import wait_until  # noqa: E402

QUERIES = yaml.safe_load((Path(__file__).with_name("queries.yml")).read_text(encoding="utf-8"))
SEARCH = "input[data-md-component=search-query]"


def ranked_slugs(p, query: str) -> list[str]:
    """Case slugs in the order the dialog lists them (other pages left out), once the list is settled."""
    p.click(SEARCH)
    p.fill(SEARCH, "")
    p.keyboard.press("End")  # back to the placeholder first, so the previous query's list is not read
    wait_until(p, """() => { const m = document.querySelector('.md-search-result__meta');
        return m && !/找到|没有|符合/.test(m.textContent); }""")
    p.fill(SEARCH, query)
    p.keyboard.press("End")  # Material searches on key events: filling alone runs no search
    wait_until(p, """() => { const m = document.querySelector('.md-search-result__meta');
        return m && /找到|没有|符合/.test(m.textContent); }""")
    previous = None
    for _ in range(40):  # the list is drawn asynchronously: take it when two reads agree
        hrefs = p.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
        if hrefs == previous:
            break
        previous = hrefs
        p.wait_for_timeout(100)
    slugs = []
    for href in previous or []:
        m = re.search(r"cases/([a-z0-9-]+)(?:/|\.html)", href)
        if m and m.group(1) not in slugs:
            slugs.append(m.group(1))
    return slugs, len(previous or [])


def score(rows) -> dict:
    """MRR (mean of 1/rank of the first expected case), top-3 rate (every expected case in the top 3)
    and mean number of results of judged rows [(query, expected, got, results)]."""
    ranks = []
    for _, expect, got, _ in rows:
        found = [got.index(s) + 1 for s in expect if s in got]
        ranks.append(1 / min(found) if found else 0.0)
    top3 = [all(s in got[:3] for s in expect) for _, expect, got, _ in rows]
    return {"mrr": sum(ranks) / len(ranks), "top3": sum(top3) / len(top3),
            "mean_results": sum(r[3] for r in rows) / len(rows), "count": len(rows)}


def judge(p, queries=QUERIES) -> dict:
    """{"rows": [(query, expected, got, results)], "mrr", "top3", "mean_results", "body": the same figures
    for the body-only queries, "fields": for the others} for the open site page."""
    rows = []
    for item in queries:
        got, results = ranked_slugs(p, str(item["q"]))
        rows.append((str(item["q"]), item["expect"], got, results))
    body = [r for r, item in zip(rows, queries) if item["kind"] == "body"]
    fields = [r for r, item in zip(rows, queries) if item["kind"] != "body"]
    return {"rows": rows, **score(rows), "body": score(body) if body else None, "fields": score(fields) if fields else None}
