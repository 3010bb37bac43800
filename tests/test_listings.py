"""Listing pages built from cases: province pages group by city and county without crashing."""

from __future__ import annotations

import re

from casebook.render.listings import facet_page
from casefixtures import place, render_context, with_fields


def case_in(library, slug: str, region, title: str):
    return with_fields(library.cases[0], slug=slug, title=title, region=region)


def province_body(library, cases, province: str) -> str:
    """The body of the province's browse page (below its count line, above the way back)."""
    ctx = render_context(library, cases)
    page = facet_page(ctx, ctx.facets["province"], province, cases)
    return page.split("个案例。</p>\n\n", 1)[1].rsplit('\n\n<p class="cb-back">', 1)[0]


def test_a_city_with_a_city_wide_and_a_county_case(library):
    cases = [
        case_in(library, "city-wide", place("陕西省", "安康市"), "安康市全市案例"),
        case_in(library, "county-one", place("陕西省", "安康市", "石泉县"), "石泉县案例"),
        case_in(library, "province-wide", place("陕西省"), "陕西省全省案例"),
        case_in(library, "other-city", place("陕西省", "汉中市", "南郑区"), "南郑区案例"),
    ]
    html = province_body(library, cases, "陕西省")
    headings = re.findall(r"^(#+) (.+)$", html, re.M)
    assert headings == [("##", "全省（区、市）"), ("##", "安康市"), ("###", "石泉县"), ("##", "汉中市"), ("###", "南郑区")]
    # the city-wide case sits under its city, before the county
    assert html.index("安康市全市案例") < html.index("### 石泉县") < html.index("石泉县案例")
    assert html.count('class="cb-card"') == 4
    assert '<p class="cb-count-line">2 个案例</p>' in html


def test_a_municipality_lists_its_districts(library):
    cases = [
        case_in(library, "haidian", place("北京市", None, "海淀区"), "海淀区案例"),
        case_in(library, "beijing", place("北京市"), "北京市全市案例"),
        case_in(library, "chaoyang", place("北京市", None, "朝阳区"), "朝阳区案例"),
    ]
    html = province_body(library, cases, "北京市")
    headings = re.findall(r"^(#+) (.+)$", html, re.M)
    assert headings == [("##", "全省（区、市）"), ("##", "朝阳区"), ("##", "海淀区")]
    assert html.index("北京市全市案例") < html.index("## 朝阳区")


def test_facets_in_the_order_readers_expect(library):
    """Provinces in the official order (by division code, as statistical tables list them), years newest
    first, and each value's description from the taxonomy (shown on the listing pages)."""
    from casebook.model.facets import build_facets

    facets = build_facets(library.cases, library)
    assert list(facets["province"].used()) == ["吉林省", "黑龙江省", "湖南省", "陕西省"]
    assert list(facets["year"].used()) == sorted({str(c.date.year) for c in library.cases}, reverse=True)
    assert list(facets["year"].used())[0] > list(facets["year"].used())[-1]
    for key, section in (("topic", "topics"), ("stage", "stages"), ("scope", "scopes"), ("tag", "tags")):
        assert facets[key].descriptions == dict(library.vocabularies.section(section)), key
        assert list(facets[key].values) == list(library.vocabularies.section(section))  # the vocabulary's order
    assert facets["kind"].descriptions["方案"].startswith("工作方案")
