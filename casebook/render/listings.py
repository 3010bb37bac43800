"""Overview pages: home, all cases, and one index plus one page per facet value."""

from __future__ import annotations

from casebook.model.edition import BundleInfo
from casebook.model.facets import Facet
from casebook.model.case import Case
from casebook.render.rawhtml import raw
from casebook.render.html import case_list, date_cn, esc, front_matter
from casebook.render.urls import Urls

LATEST_ON_HOME = 6
ALL_ON_BUNDLE_HOME = 30  # a training bundle's home lists all its cases up to this many
LIBRARY_INTRO = ('<h1 class="cb-title">中小学党建与德育案例库</h1>\n\n'
                 "汇集各地中小学校党建和德育工作的典型做法：党组织领导的校长负责制、支部标准化建设、"
                 "德育长效机制、党员教师队伍建设等。每个案例都注明出处，关键数据与原始报道一致。\n\n")


def facet_index(facet: Facet, urls: Urls, intro: str) -> str:
    here = facet.index
    rows = []
    for value, cases in facet.used().items():
        desc = facet.descriptions.get(value, "")
        desc_html = f'<span class="cb-facet__desc">{esc(desc)}</span>' if desc else ""
        rows.append(
            f'<li><a href="{esc(urls.link(here, facet.page(value)))}">{esc(value)}</a>'
            f'<span class="cb-count">{len(cases)} 个案例</span>{desc_html}</li>'
        )
    body = raw('<ul class="cb-facet">\n' + "\n".join(rows) + "\n</ul>") if rows else '<p class="cb-empty">暂无案例。</p>'
    return front_matter(title=f"按{facet.title}浏览", search=NO_SEARCH, hide=WIDE) + f"{intro}\n\n{body}\n"


# Listing pages repeat case summaries: keep them out of search so a query lands on the case itself.
NO_SEARCH = {"exclude": True}
WIDE = ["navigation"]  # overview pages use the full width; their own headings are the table of contents


def facet_page(facet: Facet, value: str, cases: list[Case], urls: Urls) -> str:
    here = facet.page(value)
    desc = facet.descriptions.get(value)
    lead = f'<p class="cb-lead">{esc(desc)}</p>\n\n' if desc else ""
    back = f'<p class="cb-back"><a href="{esc(urls.link(here, facet.index))}">← 全部{esc(facet.title)}</a></p>'
    body = province_body(cases, here, urls) if facet.key == "province" else case_list(cases, here, urls)
    return (
        front_matter(title=f"{value}", description=esc(f"{facet.title}：{value}，共 {len(cases)} 个案例"),
                     search=NO_SEARCH, hide=WIDE)
        + f"{lead}<p>共 {len(cases)} 个案例。</p>\n\n{body}\n\n{back}\n"
    )


def province_body(cases: list[Case], here: str, urls: Urls) -> str:
    """Province → its cities (and counties) → cases; province-wide cases first, then city-wide ones.

    A 直辖市's districts hang straight under the province: they are listed as its cities.
    """
    groups: dict[str, dict[str, list[Case]]] = {}
    for case in cases:
        city = case.region.city or case.region.county or ""
        county = (case.region.county or "") if case.region.city else ""
        groups.setdefault(city, {}).setdefault(county, []).append(case)
    parts = []
    if "" in groups:
        parts.append("## 全省（区、市）\n\n" + case_list(groups.pop("")[""], here, urls))
    for city in sorted(groups):
        counties = groups[city]
        total = sum(len(v) for v in counties.values())
        parts.append(f"## {esc(city)}\n\n<p class=\"cb-count-line\">{total} 个案例</p>")
        if "" in counties:
            parts.append(case_list(counties.pop(""), here, urls))
        for county in sorted(counties):
            parts.append(f"### {esc(county)}\n\n{case_list(counties[county], here, urls)}")
    return "\n\n".join(parts)


def bundle_intro(bundle: BundleInfo, count: int) -> str:
    """A bundle's home says what it holds: title, selection in words, size, date made, library version."""
    rows = [("选择范围", bundle.selection.describe()), ("案例数", f"{count} 个"), ("生成日期", date_cn(bundle.made)),
            ("案例库版本", bundle.version)]
    items = "".join(f"<div><dt>{k}</dt><dd>{esc(v)}</dd></div>" for k, v in rows)
    handout = ('<p class="cb-entry"><a class="md-button" href="handout.pdf">打开讲义（PDF，可打印）</a></p>\n\n'
               if bundle.handout else "")
    return (f'<h1 class="cb-title">{esc(bundle.title)}</h1>\n\n'
            "这是一份培训材料包：只收录下列范围内的案例，不联网也能浏览、检索和筛选。"
            "案例内容据公开报道改写，数据以原始来源为准。\n\n"
            f'<dl class="cb-facts cb-bundle" aria-label="材料包说明">{items}</dl>\n\n{handout}')


def home_page(cases: list[Case], facets: dict[str, Facet], urls: Urls, featured: list[Case] = (),
              bundle: BundleInfo | None = None) -> str:
    here = "index.md"
    provinces = facets["province"].used()
    topics = facets["topic"]
    stats = [
        (len(cases), "个案例"),
        (len(provinces), "个省级地区"),
        (len(topics.used()), "个专题"),
        (len(facets["tag"].used()), "个标签"),
    ]
    stat_html = "".join(f'<li><span class="cb-stat__value">{n}</span><span class="cb-stat__label">{label}</span></li>'
                        for n, label in stats)
    topic_links = "".join(
        f'<li><a href="{esc(urls.link(here, topics.page(t)))}">{esc(t)}</a>'
        f'<span class="cb-count">{len(cs)}</span></li>'
        for t, cs in topics.used().items()
    )
    province_links = "".join(
        f'<li><a href="{esc(urls.link(here, facets["province"].page(p)))}">{esc(p)}</a>'
        f'<span class="cb-count">{len(cs)}</span></li>'
        for p, cs in provinces.items()
    )
    return (
        front_matter(title="首页", description="中小学党建与德育优秀实践案例库：按地区、学段、专题和标签查找案例，支持中文检索。",
                     search=NO_SEARCH, hide=["navigation", "toc"])
        + (bundle_intro(bundle, len(cases)) if bundle else LIBRARY_INTRO)
        + f'<ul class="cb-stats" aria-label="案例库概况">{stat_html}</ul>\n\n'
        f'<p class="cb-entry"><a class="md-button md-button--primary" href="{esc(urls.link(here, "cases/index.md"))}">'
        f'浏览和筛选全部案例</a> <a class="md-button" href="{esc(urls.link(here, "stats/index.md"))}">查看统计</a></p>\n\n'
        + (f"## 精选案例\n\n{case_list(featured, here, urls)}\n\n" if featured else "")
        + (f"## 本材料包的案例\n\n{case_list(cases, here, urls)}\n\n" if bundle and len(cases) <= ALL_ON_BUNDLE_HOME
           else f"## 最新案例\n\n{case_list(cases[:LATEST_ON_HOME], here, urls)}\n\n")
        + f'<p><a href="{esc(urls.link(here, "cases/index.md"))}">查看全部 {len(cases)} 个案例 →</a></p>\n\n'
        f'## 按专题\n\n<ul class="cb-chips">{topic_links}</ul>\n\n'
        f'## 按地区\n\n<ul class="cb-chips">{province_links}</ul>\n'
    )


def tags_page() -> str:
    return (
        front_matter(title="标签", description="按标签浏览全部案例")
        + "每个标签下列出使用它的案例。标签的取值由词表 `cases/_taxonomy.yml` 统一管理。\n\n"
        "<!-- material/tags -->\n"
    )
