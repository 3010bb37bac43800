"""What a reader meets on a phone and at a desk: the gallery's results first and every filter value
reachable, statistics readable at 375 px, and a case's reference ready to copy."""

from __future__ import annotations

import datetime as dt

from casebook.check.library import load_library
from casefixtures import REPO
from pageactions import wait_until

LIBRARY = load_library(REPO)


def open_gallery(p, server, query=""):
    p.goto(server + "cases/" + query)
    p.wait_for_selector("#cb-gallery[data-ready=true]")


def test_on_a_phone_the_results_come_first_and_filters_open_from_a_button(mobile, server, screenshots):
    p = mobile.page
    open_gallery(p, server)
    first = p.locator(".cb-card").first.bounding_box()
    assert first["y"] + 40 < p.viewport_size["height"], first  # the first card starts on the first screen
    assert p.is_hidden("#cb-filters")
    toggle = p.locator("#cb-filter-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "筛选" and toggle.get_attribute("aria-expanded") == "false"
    p.screenshot(path=str(screenshots / "gallery-mobile-closed.png"))
    toggle.click()
    assert p.is_visible("#cb-filters") and toggle.get_attribute("aria-expanded") == "true"
    p.check('fieldset[data-facet="province"] input[value="吉林省"]')
    assert toggle.inner_text() == "筛选（已选 1 项）"
    p.screenshot(path=str(screenshots / "gallery-mobile-open.png"), full_page=True)
    toggle.click()
    assert p.is_hidden("#cb-filters")
    jilin = sum(c.region.province == "吉林省" for c in LIBRARY.cases)
    assert p.locator(".cb-card").count() == jilin


def test_the_filter_button_is_not_there_on_a_desk(page, server):
    p = page.page
    open_gallery(p, server)
    assert p.is_hidden("#cb-filter-toggle") and p.is_visible("#cb-filters")


def test_every_facet_value_can_be_reached_and_clicked(page, server):
    p = page.page
    open_gallery(p, server)
    for fieldset in p.locator("fieldset.cb-facet-group").all():
        more = fieldset.locator(".cb-facet-more")
        values = fieldset.locator("input[type=checkbox]")
        if more.count():
            hidden = values.count() - sum(1 for box in values.all() if box.is_visible())
            assert hidden > 0 and more.inner_text() == f"显示全部（{values.count()}）"  # the cue says how many
            more.click()
            assert more.inner_text() == "收起" and more.get_attribute("aria-expanded") == "true"
        for box in values.all():
            assert box.is_visible(), box.get_attribute("value")
            box.click()
            assert box.is_checked()
            box.click()
    assert p.inner_text("#cb-count") == f"共 {len(LIBRARY.cases)} 个案例"


def test_a_long_list_collapses_to_its_most_used_values_and_can_be_searched(page, server):
    p = page.page
    open_gallery(p, server)
    tags = p.locator('fieldset[data-facet="tag"]')
    shown = [b.get_attribute("value") for b in tags.locator("input[type=checkbox]").all() if b.is_visible()]
    counts = {}
    for c in LIBRARY.cases:
        for t in c.tags:
            counts[t] = counts.get(t, 0) + 1
    assert len(shown) == 8 and min(counts.get(t, 0) for t in shown) >= sorted(counts.values(), reverse=True)[7]
    tags.locator(".cb-facet-filter").fill("师德")
    visible = [b.get_attribute("value") for b in tags.locator("input[type=checkbox]").all() if b.is_visible()]
    assert visible and all("师德" in v for v in visible) and tags.locator(".cb-facet-more").is_hidden()
    # a checked value stays in view when the list folds again
    tags.locator(f'input[value="{visible[0]}"]').check()
    tags.locator(".cb-facet-filter").fill("")
    assert tags.locator(f'input[value="{visible[0]}"]').is_visible()


def test_statistics_labels_stay_readable_on_a_phone(mobile, server, screenshots):
    p = mobile.page
    p.goto(server + "stats/")
    sizes = p.eval_on_selector_all("figure.cb-chart svg", """svgs => svgs.filter(svg => svg.getClientRects().length)
        .map(svg => 14 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)""")
    assert len(sizes) == 5 and min(sizes) >= 12, sizes  # one chart each, drawn at 12 px or more
    overflow = p.eval_on_selector_all(".cb-chart__svg", "els => els.map(e => e.scrollWidth - e.clientWidth)")
    assert max(overflow) <= 0, overflow  # and nothing to scroll sideways to
    assert p.locator("details.cb-chart__table").count() == 5
    assert p.locator("details.cb-chart__table table").first.is_hidden()  # folded under 数据表
    p.locator("details.cb-chart__table summary").first.click()
    assert p.locator("details.cb-chart__table table").first.is_visible()
    p.screenshot(path=str(screenshots / "stats-mobile-open-table.png"), full_page=True)


def test_statistics_bars_line_up_on_a_desk(page, server):
    p = page.page
    p.goto(server + "stats/")
    lefts = p.eval_on_selector_all("svg.cb-chart__wide rect:first-of-type",
                                   "els => els.map(e => Math.round(e.getBoundingClientRect().left))")
    assert len(lefts) == 5 and len(set(lefts)) == 1, lefts  # every chart's bars start at the same place


def test_a_case_reference_is_ready_to_copy(page, server):
    p = page.page
    case = LIBRARY.by_slug()["shiquan-333-moral-education"]
    p.goto(server + f"cases/{case.slug}/")
    today = dt.date.today().isoformat()
    text = p.inner_text(".cb-cite__text")
    assert text == f"中小学党建与德育案例库. {case.title}[EB/OL]. [{today}]. {server}cases/{case.slug}/."
    p.click(".cb-cite__copy")
    wait_until(p, "document.querySelector('.cb-cite__status').textContent !== ''")
    assert p.inner_text(".cb-cite__status") in ("已复制到剪贴板", "无法自动复制，请选中上面的文字后复制")


def test_the_home_page_on_a_phone_leaves_nothing_alone_on_a_line(mobile, server, screenshots):
    p = mobile.page
    p.goto(server)
    # the title's last line is not a lone character: balanced lines are about as long as each other
    widths = p.evaluate("""() => { const h = document.querySelector('.md-content h1'); const r = document.createRange();
        r.selectNodeContents(h); return [...r.getClientRects()].map(x => Math.round(x.width)); }""")
    assert len(widths) == 1 or min(widths) > max(widths) / 3, widths
    assert p.evaluate("getComputedStyle(document.querySelector('.md-content h1')).textAlign") == "left"  # not stretched
    rows = p.eval_on_selector_all("ul.cb-stats li", "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    per_row = [rows.count(top) for top in sorted(set(rows))]
    assert len(rows) == 4 and min(per_row) >= 2, per_row  # the four figures two by two, none alone
    p.screenshot(path=str(screenshots / "home-mobile-top.png"))
