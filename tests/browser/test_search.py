"""Site search in Chromium: the judged query set (tests/search/queries.yml), results that explain
themselves, and highlighting on the page a result opens."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "search"))

from judge import QUERIES, judge  # noqa: E402

from pageactions import search  # noqa: E402


def test_judged_queries_find_the_expected_cases_in_the_top_3(page, server):
    p = page.page
    p.goto(server)
    result = judge(p)
    print(f"\njudged queries: {len(QUERIES)}, MRR {result['mrr']:.3f}, top-3 {result['top3']:.0%}, "
          f"mean results {result['mean_results']:.1f}")
    failed = [(q, expect, got[:5]) for q, expect, got, _ in result["rows"] if not all(s in got[:3] for s in expect)]
    assert not failed, failed
    assert len(QUERIES) >= 30


def test_a_result_shows_title_facts_and_a_marked_snippet(page, server):
    p = page.page
    p.goto(server)
    search(p, "清廉学校")
    first = p.locator(".md-search-result__item").first
    assert "石泉县把清廉教育融入中小学日常育人" in first.locator("h1").inner_text()
    from casebook.check.library import load_library
    from casefixtures import REPO

    case = load_library(REPO).by_slug()["shiquan-clean-school"]
    facts = " · ".join([case.region.label, case.scope, "、".join(case.stages), "、".join(case.topics)])
    assert first.locator(".cb-search-facts").inner_text() == facts
    marks = first.locator("mark").all_inner_texts()
    assert marks and set(marks) == {"清廉学校"}
    assert not first.locator(".md-search-result__terms").count()  # nothing reported missing
    assert "\u200b" not in first.inner_text()


def test_only_a_word_the_index_lacks_is_reported_missing(page, server):
    p = page.page
    p.goto(server)
    search(p, "清廉学校 航天")
    first = p.locator(".md-search-result__item").first
    assert first.locator(".md-search-result__terms del").all_inner_texts() == ["航天"]


def test_site_pages_are_not_results(page, server):
    p = page.page
    p.goto(server)
    hrefs = search(p, "党建")  # also on 关于 and 投稿指南
    assert hrefs and all("/cases/" in h for h in hrefs), hrefs


def test_the_opened_page_marks_whole_words_and_scrolls_to_the_first(page, server):
    p = page.page
    p.goto(server)
    hrefs = search(p, "5+N 忠诚教育")
    p.goto(hrefs[0])
    p.wait_for_selector("mark.cb-hl")
    marks = set(p.eval_on_selector_all("mark.cb-hl", "els => els.map(e => e.textContent)"))
    assert marks <= {"5+N", "5+n", "忠诚教育"} and "忠诚教育" in marks and ("5+N" in marks or "5+n" in marks)
    first_top = p.evaluate("document.querySelector('mark.cb-hl').getBoundingClientRect().top")
    assert 0 <= first_top <= p.viewport_size["height"]


def test_the_browser_cuts_queries_as_the_python_twin_does(page, server, built_site):
    """search-engine.js and search_index.segment_query must agree, or tools and tests judge another search."""
    import json

    from casebook.render.search_index import segment_query

    payload = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    queries = [str(q["q"]) for q in QUERIES] + ["的", "清廉学校的建设情况", "航天工程 BTX", "a 5+N", "“校长负责制”试点",
                                                "石泉县以333德育", "党员教师党员名师工作室", "x", "  "]
    p = page.page
    p.goto(server + "cases/")  # the gallery loads the engine for its keyword box
    got = p.evaluate("""([payload, queries]) => { const e = new CasebookSearch.Engine(payload);
        return queries.map(q => { const s = e.segment(q); return [s.words, s.missing]; }); }""", [payload, queries])
    assert got == [list(segment_query(q, payload)) for q in queries]


def test_when_a_case_has_every_word_only_such_cases_are_listed(page, server):
    p = page.page
    p.goto(server)
    assert [h.split("?")[0] for h in search(p, "石泉 清廉")] == [f"{server}cases/shiquan-clean-school/"]
    assert len(search(p, "佳木斯 红色")) == 1


def test_a_lone_character_in_the_address_is_never_marked(page, server):
    p = page.page
    p.goto(server + "cases/shiquan-clean-school/?h=" + "学 清廉学校 校")
    p.wait_for_selector("mark.cb-hl")
    assert set(p.eval_on_selector_all("mark.cb-hl", "els => els.map(e => e.textContent)")) == {"清廉学校"}
