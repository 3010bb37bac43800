"""Home, case, statistics and search pages in a real browser: content, mobile, weight (axe runs on every page in
test_every_page.py)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from casebook.check.library import load_library
from casebook.outputs.pdf import page_count
from casebook.model.related import related_cases
from casefixtures import REPO
from pageactions import search

LIBRARY = load_library(REPO)
BY_SLUG = LIBRARY.by_slug()
CASE = BY_SLUG["jilin-principal-responsibility"]
PAGES = {"home": "", "gallery": "cases/", "case": f"cases/{CASE.slug}/", "stats": "stats/"}


def visit(p, server, name):
    p.goto(server + PAGES[name])
    if name == "gallery":  # the filter app has drawn its controls and cards
        p.wait_for_selector("#cb-gallery[data-ready=true]")


@pytest.mark.parametrize("query,slug", [("校长负责制", "jilin-principal-responsibility"),
                                        ("333", "shiquan-333-moral-education"),
                                        ("361", "jiamusi-361-teacher-studios")])
def test_chinese_search_in_the_search_ui(page, server, query, slug):
    p = page.page
    p.goto(server)
    hrefs = search(p, query)
    assert any(f"cases/{slug}/" in h for h in hrefs), hrefs


def test_case_page_shows_facts_metrics_sources_and_related(page, server):
    p = page.page
    p.goto(server + PAGES["case"])
    assert p.inner_text("h1") == CASE.title
    values = p.eval_on_selector_all(".cb-metric__value", "els => els.map(e => e.textContent)")
    assert values == [m.display for m in CASE.metrics]
    labels = p.eval_on_selector_all(".cb-metric__label", "els => els.map(e => e.textContent)")
    assert labels == [m.label for m in CASE.metrics]
    facts = p.inner_text(".cb-facts")
    assert f"{CASE.date.year}年{CASE.date.month}月{CASE.date.day}日" in facts and CASE.organization in facts
    assert p.get_attribute(".cb-facts a >> text=吉林省", "href") == "../../provinces/ji-lin-sheng/"
    related = p.eval_on_selector_all("ul[data-search-exclude] .cb-card__title", "els => els.map(e => e.getAttribute('href'))")
    expected = [f"../{c.slug}/" for c in related_cases(CASE, BY_SLUG, LIBRARY.declaration)]
    assert related == expected and 0 < len(related) <= 6
    assert related[: len(CASE.related)] == [f"../{s}/" for s in CASE.related]  # explicit ones first
    assert p.locator(".cb-sources li").count() == len(CASE.sources)
    # a tag link leads to that tag in the tag index
    tag = CASE.tags[0]
    p.click(f".cb-facts a >> text={tag}")
    p.wait_for_load_state()
    assert "/tags/#tag:" in p.url
    p.wait_for_selector(f'[id="tag:{tag}"]', state="attached")


def test_print_layout_keeps_the_case_and_nothing_else(page, server, screenshots):
    """No public site_url in this build: no page address (it would be 127.0.0.1) and no related cards on paper."""
    p = page.page
    p.goto(server + PAGES["case"])
    p.emulate_media(media="print")
    assert p.is_hidden(".md-header") and p.is_hidden(".md-sidebar--primary") and p.is_hidden(".md-tags")
    assert p.is_hidden("#related") and p.is_hidden("ul.cb-cards")
    assert p.is_visible(".cb-sources") and p.is_visible(".cb-facts") and p.is_visible(".cb-metrics")
    assert p.locator(".cb-print-url").count() == 0
    pdf = p.pdf(format="A4")
    (screenshots / "case-print.pdf").write_bytes(pdf)
    text = "".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages)
    assert "127.0.0.1" not in text and "本页地址" not in text and "相关案例" not in text
    assert page_count(pdf) <= 3, page_count(pdf)


def test_stats_page_has_accessible_charts_and_tables(page, server):
    p = page.page
    p.goto(server + PAGES["stats"])
    assert p.locator("figure.cb-chart svg.cb-chart__wide[role=img]").count() == 5  # and a phone version each
    for chart in ("by-province", "by-topic", "by-stage", "by-year"):
        labelled = p.get_attribute(f"#{chart} svg", "aria-labelledby").split()
        for ident in labelled:
            assert p.locator(f'[id="{ident}"]').count() == 1
    # the table is folded under 数据表 (innerText is empty while closed): read its cells' text
    rows = p.eval_on_selector_all("#by-province tbody tr", "els => els.map(e => [...e.cells].map(c => c.textContent))")
    provinces = {}
    for c in LIBRARY.cases:
        provinces[c.region.province] = provinces.get(c.region.province, 0) + 1
    assert {r[0].strip(): int(r[1]) for r in rows} == provinces
    assert p.locator("img, iframe").count() == 0  # no map image anywhere


def test_province_page_groups_cities_and_counties(page, server):
    p = page.page
    p.goto(server + "provinces/shan-xi-sheng/")
    assert p.inner_text("h2 >> nth=0") == "安康市"
    assert p.inner_text("h3 >> nth=0") == "石泉县"
    shiquan = [c for c in LIBRARY.cases if c.region.county == "石泉县"]
    assert p.locator(".cb-card").count() == len(shiquan)


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_overflows_at_375px(mobile, server, screenshots, name):
    p = mobile.page
    visit(p, server, name)
    overflow = p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name}: {overflow}px wider than the screen"
    p.screenshot(path=str(screenshots / f"{name}-mobile.png"), full_page=True)


@pytest.mark.parametrize("name", list(PAGES))
def test_desktop_screenshots_and_page_weight(page, server, screenshots, name):
    p = page.page
    visit(p, server, name)
    p.wait_for_load_state("networkidle")
    p.screenshot(path=str(screenshots / f"{name}-desktop.png"), full_page=True)
    weight = p.evaluate("""() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)""")
    (screenshots / f"{name}-weight.txt").write_text(str(weight))
    assert 0 < weight < 1_500_000, weight
