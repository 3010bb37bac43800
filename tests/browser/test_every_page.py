"""Every generated page of the built site, not four: axe-core finds no serious or critical problem at
1280 px and at 375 px, and at 375 px no page is wider than the screen."""

from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def site_pages(site) -> list[str]:
    """Addresses of every HTML page (directory URLs), 404 included."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in pages]


def check_every_page(p, server, site, narrow: bool) -> tuple[list, list]:
    problems, wide = [], []
    for path in site_pages(site):
        p.goto(server + path)
        if path == "cases/":
            p.wait_for_selector("#cb-gallery[data-ready=true]")
        for v in AXE.run(p).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append((path, v["id"], [n["target"] for n in v["nodes"]][:3]))
        if narrow:
            overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide.append((path, overflow))
    return problems, wide


def test_every_page_at_1280px(page, server, built_site):
    assert len(site_pages(built_site)) >= 40
    problems, _ = check_every_page(page.page, server, built_site, narrow=False)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


def test_every_page_at_375px(mobile, server, built_site):
    problems, wide = check_every_page(mobile.page, server, built_site, narrow=True)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    assert wide == [], f"pages wider than a 375 px screen: {wide}"
