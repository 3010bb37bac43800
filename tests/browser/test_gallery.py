"""The gallery in a real browser: cards, facet filters and counts, URL state, keyboard, file://."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from casebook.check.library import load_library
from casebook.render.gallery import title_key
from casefixtures import REPO
from pageactions import show_all, shown_slugs, wait_until

LIBRARY = load_library(REPO)
CASES = LIBRARY.cases


def open_gallery(page, server, query=""):
    page.page.goto(f"{server}cases/{query}")
    page.page.wait_for_selector("#cb-gallery[data-ready=true]")
    return page.page


def count_of(p, facet, value):
    label = p.locator(f'fieldset[data-facet="{facet}"] label', has_text=value).first
    return int(label.locator(".cb-count").inner_text())


def test_gallery_renders_every_case_newest_first(page, server):
    p = open_gallery(page, server)
    show_all(p, len(CASES))
    assert shown_slugs(p) == [c.slug for c in CASES]
    assert p.inner_text("#cb-count") == f"共 {len(CASES)} 个案例"
    assert p.is_hidden("#cb-plain")


STAGE = next(s for s in ("中职", "高中", "初中", "小学") if 0 < sum(s in c.stages for c in CASES) < len(CASES))


def test_each_facet_filters_with_correct_counts(page, server):
    p = open_gallery(page, server)
    checks = [
        ("province", "吉林省", lambda c: c.region.province == "吉林省"),
        ("scope", "县级", lambda c: c.scope == "县级"),
        # a stage some cases have and some do not (most of the real cases cover every stage)
        ("stage", STAGE, lambda c: STAGE in c.stages),
        ("topic", "校长负责制", lambda c: "校长负责制" in c.topics),
        ("tag", "师德师风", lambda c: "师德师风" in c.tags),
        ("year", "2022", lambda c: c.date.year == 2022),
    ]
    for facet, value, keep in checks:
        expected = [c.slug for c in CASES if keep(c)]
        assert expected, (facet, value)
        assert count_of(p, facet, value) == len(expected), (facet, value)
        p.check(f'fieldset[data-facet="{facet}"] input[value="{value}"]')
        show_all(p, len(CASES))
        assert shown_slugs(p) == expected, (facet, value)
        assert p.inner_text("#cb-count") == f"筛选出 {len(expected)} 个案例（共 {len(CASES)} 个）"
        p.click("#cb-clear")
        assert len(shown_slugs(p)) == min(30, len(CASES))


def test_and_across_facets_or_within_one(page, server):
    p = open_gallery(page, server)
    p.check('fieldset[data-facet="province"] input[value="吉林省"]')
    p.check('fieldset[data-facet="province"] input[value="陕西省"]')
    either = [c.slug for c in CASES if c.region.province in ("吉林省", "陕西省")]
    show_all(p, len(CASES))
    assert shown_slugs(p) == either
    # counts in another facet reflect the current selection
    both_topic = [c for c in CASES if c.region.province in ("吉林省", "陕西省") and "校长负责制" in c.topics]
    assert count_of(p, "topic", "校长负责制") == len(both_topic)
    p.check('fieldset[data-facet="topic"] input[value="校长负责制"]')
    assert shown_slugs(p) == [c.slug for c in both_topic]
    # a value's count in its own facet is what adding it would give
    heilongjiang = [c for c in CASES if c.region.province == "黑龙江省" and "校长负责制" in c.topics]
    assert count_of(p, "province", "黑龙江省") == len(heilongjiang)


def test_text_box_and_pinyin_sort(page, server):
    p = open_gallery(page, server)
    p.fill("#cb-q", "333")
    wait_until(p, "document.querySelector('#cb-count').textContent.startsWith('筛选出')")
    assert shown_slugs(p) == [c.slug for c in CASES if "333" in (c.title + c.summary + c.organization + (c.brand or ""))]
    p.click("#cb-clear")
    p.select_option("#cb-sort", "title")
    show_all(p, len(CASES))
    from casebook.render.gallery import title_key
    assert shown_slugs(p) == [c.slug for c in sorted(CASES, key=lambda c: (title_key(c.title, "zh"), c.slug))]


def test_url_state_round_trips(page, server, browser):
    p = open_gallery(page, server)
    p.check('fieldset[data-facet="province"] input[value="吉林省"]')
    p.check('fieldset[data-facet="topic"] input[value="校长负责制"]')
    p.select_option("#cb-sort", "title")
    query = parse_qs(urlparse(p.url).query)
    assert query == {"province": ["吉林省"], "topic": ["校长负责制"], "sort": ["title"]}
    selected = shown_slugs(p)
    expected = sorted((c for c in CASES if c.region.province == "吉林省" and "校长负责制" in c.topics),
                      key=lambda c: (title_key(c.title, "zh"), c.slug))
    assert selected == [c.slug for c in expected] and selected
    # a shared link, opened by somebody else (a fresh browser context), restores the same view
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(server + "cases/?" + urlparse(p.url).query)
        other.wait_for_selector("#cb-gallery[data-ready=true]")
        assert shown_slugs(other) == selected
        assert other.is_checked('fieldset[data-facet="province"] input[value="吉林省"]')
        assert other.is_checked('fieldset[data-facet="topic"] input[value="校长负责制"]')
        assert other.input_value("#cb-sort") == "title"
    finally:
        context.close()
    # back and forward walk this reader's filter history: sort, then topic, undone and redone
    p.go_back()
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    assert p.input_value("#cb-sort") == "date" and p.is_checked('fieldset[data-facet="topic"] input[value="校长负责制"]')
    p.go_back()
    assert not p.is_checked('fieldset[data-facet="topic"] input[value="校长负责制"]')
    assert shown_slugs(p) == [c.slug for c in CASES if c.region.province == "吉林省"]
    p.go_forward()
    assert p.is_checked('fieldset[data-facet="topic"] input[value="校长负责制"]')
    assert parse_qs(urlparse(p.url).query) == {"province": ["吉林省"], "topic": ["校长负责制"]}


def test_back_and_forward(page, server):
    p = open_gallery(page, server)
    p.check('fieldset[data-facet="province"] input[value="吉林省"]')
    jilin = shown_slugs(p)
    p.check('fieldset[data-facet="stage"] input[value="高中"]')
    p.go_back()
    assert shown_slugs(p) == jilin and not p.is_checked('fieldset[data-facet="stage"] input[value="高中"]')
    p.go_back()
    assert len(shown_slugs(p)) == min(30, len(CASES)) and "province" not in p.url
    p.go_forward()
    assert shown_slugs(p) == jilin


def test_keyboard_can_use_the_filters(page, server):
    p = open_gallery(page, server)
    p.focus("#cb-q")
    p.keyboard.press("Tab")  # sort
    p.keyboard.press("Tab")  # clear
    p.keyboard.press("Tab")  # first province checkbox
    focused = p.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    first_province = focused.split("=", 1)[1]
    assert focused.startswith("province=")
    p.keyboard.press("Space")
    expected = [c.slug for c in CASES if c.region.province == first_province]
    show_all(p, len(CASES))
    assert shown_slugs(p) == expected
    assert "province=" in p.url


def test_no_javascript_lists_every_case(browser, server):
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{server}cases/")
    links = p.eval_on_selector_all("#cb-plain a", "els => els.map(e => e.getAttribute('href'))")
    assert links == [f"{c.slug}/" for c in CASES]
    context.close()


def test_gallery_works_from_file_url(browser, offline_site):
    context = browser.new_context()
    p = context.new_page()
    requests = []
    p.on("request", lambda r: requests.append(r.url))
    errors = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto((offline_site / "cases" / "index.html").as_uri() + "?province=吉林省")
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    assert shown_slugs(p) == [c.slug for c in CASES if c.region.province == "吉林省"]
    p.check('fieldset[data-facet="topic"] input[value="校长负责制"]')
    expected = [c.slug for c in CASES if c.region.province == "吉林省" and "校长负责制" in c.topics]
    assert shown_slugs(p) == expected
    p.click('#cb-cards a >> nth=0')
    p.wait_for_load_state()
    assert p.url.endswith(f"/cases/{expected[0]}.html")
    assert all(u.startswith(("file://", "data:")) for u in requests), requests
    assert errors == []
    context.close()


def test_search_works_from_file_url(browser, offline_site):
    """Offline build: search index inlined, the iframe-worker shim (shipped, not from a CDN) runs the worker."""
    context = browser.new_context()
    p = context.new_page()
    requests, errors = [], []
    p.on("request", lambda r: requests.append(r.url))
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.goto((offline_site / "index.html").as_uri())
    p.click("input[data-md-component=search-query]")
    p.fill("input[data-md-component=search-query]", "校长负责制")
    p.keyboard.press("End")
    p.wait_for_selector(".md-search-result__item")
    hrefs = p.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    assert any("cases/jilin-principal-responsibility.html" in h for h in hrefs), hrefs
    assert all(u.startswith(("file://", "data:", "blob:", "about:")) for u in requests), requests
    assert errors == []
    context.close()


def keyword(p, text):
    p.fill("#cb-q", text)
    p.press("#cb-q", "End")
    wait_until(p, """() => !document.querySelector('#cb-gallery').hasAttribute('data-loading')
        && /筛选出|共/.test(document.querySelector('#cb-count').textContent)""")
    p.wait_for_timeout(300)  # past the box's 150 ms pause
    wait_until(p, "!document.querySelector('#cb-gallery').hasAttribute('data-loading')")
    return shown_slugs(p)


def test_keyword_finds_words_in_summary_topics_and_tags(page, server):
    p = open_gallery(page, server)
    assert keyword(p, "家校社") == ["jilin-three-early-moral-education"]  # a topic and a metric, not a title
    assert "jiamusi-party-school-red-resources" in keyword(p, "红色辅导员")  # a metric label
    assert keyword(p, "清廉学校 航天") == []
    assert "航天" in p.inner_text("#cb-keyword-note")


def test_keyword_agrees_with_site_search(page, server, built_site):
    """A query finds the same cases in the gallery as in site search when some case has every word of it;
    when none has (a word missing, or the words in different cases), site search lists the cases with the
    most of them and the gallery keeps none."""
    from casebook.render.search_index import SearchIndex, matching
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "search"))
    from judge import QUERIES, ranked_slugs

    p = page.page
    p.goto(server)
    queries = [str(q["q"]) for q in QUERIES]
    site = {q: set(ranked_slugs(p, q)[0]) for q in queries}
    p.keyboard.press("Escape")
    g = open_gallery(page, server)
    index = SearchIndex.from_site(built_site)
    for q in queries:
        every = {url.split("/")[1] for url in matching(index, q)}
        assert set(keyword(g, q)) == (site[q] if every else set()), q
        assert not every or every == site[q], q


def test_unknown_address_values_get_a_notice_and_leave_the_address(page, server):
    p = open_gallery(page, server, "?province=吉林&topic=校长负责制&stage=大学")
    notice = p.inner_text("#cb-notice")
    assert "没有“吉林”这个地区，是不是 吉林省？" in notice
    assert "没有“大学”这个学段" in notice
    query = parse_qs(urlparse(p.url).query)
    assert query == {"topic": ["校长负责制"]}
    assert set(shown_slugs(p)) == {c.slug for c in CASES if "校长负责制" in c.topics}


def test_keyword_works_from_file_url(file_page, offline_site):
    p = file_page.page
    p.goto((offline_site / "cases" / "index.html").as_uri())
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    assert keyword(p, "家校社") == ["jilin-three-early-moral-education"]
