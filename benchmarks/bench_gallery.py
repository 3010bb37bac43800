"""Benchmark: the gallery at 10,000 cases in headless Chromium.

Builds gallery data for N synthetic cases (copies of the real ones), writes the
gallery page with the real gallery.js into a temp folder, opens it from file://
and reports: index and piece sizes, time to a ready gallery, and median time of a facet
click and of a text filter, the first of which loads every piece (median of --runs).

    .venv/bin/python benchmarks/bench_gallery.py --cases 10000 --runs 5
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from dataclasses import replace as dataclasses_replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casebook.adapters.mkdocs import THEME  # noqa: E402
from casebook.check.library import load_library  # noqa: E402
from casebook.model.edition import Edition  # noqa: E402
from casebook.model.facets import build_facets  # noqa: E402
from casebook.render.context import Context  # noqa: E402
from casebook.render.gallery import gallery_data, gallery_page, gallery_pieces, gallery_script  # noqa: E402
from casebook.render.urls import Urls  # noqa: E402


def synthetic(n: int):
    library = load_library(REPO)
    base = library.cases
    cases = []
    for i in range(n):
        c = base[i % len(base)]
        copy = i // len(base)
        values = {**c.values, library.declaration.role("title").name: f"{c.title}（{copy}）"}
        cases.append(dataclasses_replace(c, slug=f"{c.slug}-{copy}", title=values["title"], values=values, related=()))
    return library, cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    library, cases = synthetic(args.cases)
    urls = Urls(directory=False)
    ctx = Context(library, build_facets(cases, library), urls, Edition())
    data = gallery_script(gallery_data(ctx, cases))
    page = gallery_page(ctx, cases).split("---\n", 2)[2]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "cases").mkdir()
        (root / "assets" / "casebook").mkdir(parents=True)
        (root / "assets" / "casebook" / "cases.js").write_text(data, encoding="utf-8")
        for path, script in gallery_pieces(ctx, cases).items():
            (root / path).write_text(script, encoding="utf-8")
        for script in ("gallery.js", "search-engine.js"):
            shutil.copy(THEME / "assets" / "casebook" / script, root / "assets" / "casebook")
        html = f'<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="../assets/casebook.css">{page}'
        (root / "cases" / "index.html").write_text(html, encoding="utf-8")
        shutil.copy(THEME / "assets" / "casebook.css", root / "assets")

        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
            ready, click, text = [], [], []
            for _ in range(args.runs):
                pg = browser.new_page()
                pg.goto((root / "cases" / "index.html").as_uri())
                pg.wait_for_selector("#cb-gallery[data-ready=true]")
                ready.append(pg.evaluate("performance.now()"))
                t = pg.evaluate("""() => { const t0 = performance.now();
                    document.querySelector('fieldset[data-facet=province] input').click(); return performance.now() - t0; }""")
                click.append(t)
                pg.wait_for_function("!document.querySelector('#cb-gallery').hasAttribute('data-loading')")
                t = pg.evaluate("""() => new Promise(done => { const q = document.querySelector('#cb-q');
                    const t0 = performance.now(); q.value = '校长'; q.dispatchEvent(new Event('input'));
                    const seen = new MutationObserver(() => { const c = document.querySelector('#cb-count').textContent;
                        if (!/筛选出|共/.test(c) || document.querySelector('#cb-gallery').hasAttribute('data-loading')) return;
                        seen.disconnect(); done(performance.now() - t0 - 150); });
                    seen.observe(document.querySelector('#cb-count'), {childList: true, characterData: true, subtree: true}); })""")
                text.append(t)
                shown = pg.locator("#cb-cards li").count()
                pg.close()
            browser.close()
    html_bytes = len(html.encode("utf-8"))
    pieces = [len(s.encode("utf-8")) for s in gallery_pieces(cases).values()]
    print(f"{args.cases} cases: index {len(data.encode('utf-8')) / 1e6:.2f} MB "
          f"({len(data.encode('utf-8')) / args.cases:.0f} B/case), {len(pieces)} pieces of card text "
          f"{sum(pieces) / 1e6:.2f} MB (first {pieces[0] / 1e3:.0f} KB), page HTML {html_bytes / 1e6:.2f} MB, "
          f"cards rendered at once: {shown}")
    print(f"median of {args.runs}: ready {statistics.median(ready):.0f} ms after navigation start, "
          f"facet click {statistics.median(click):.1f} ms, text filter {statistics.median(text):.1f} ms (debounce excluded)")


if __name__ == "__main__":
    main()
