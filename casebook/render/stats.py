"""The 统计 page (stats/): distribution of cases as bar charts with data tables. No map, by design."""

from __future__ import annotations

from casebook.model.facets import Facet
from casebook.model.case import Case
from casebook.render.rawhtml import raw
from casebook.render.charts import bar_chart, label_width
from casebook.render.html import front_matter
from casebook.render.urls import Urls

PAGE = "stats/index.md"


# (facet, chart id, title, whether its labels link to the facet's pages)
CHARTS = [
    ("province", "by-province", "各省级地区案例数", True),
    ("topic", "by-topic", "各专题案例数", True),
    ("stage", "by-stage", "各学段案例数", True),
    ("year", "by-year", "各年份案例数（按来源日期）", False),
    ("kind", "by-kind", "各类型案例数（实践：已经实施；方案：计划）", False),
]


def stats_page(cases: list[Case], facets: dict[str, Facet], urls: Urls) -> str:
    # one label column for every chart, so their bars start at the same place
    column = max(label_width([(v, 0) for v in facets[key].used()]) for key, *_ in CHARTS)

    def chart(key: str, chart_id: str, title: str, with_links: bool) -> str:
        facet = facets[key]
        rows = [(value, len(members)) for value, members in facet.used().items()]
        links = {v: urls.link(PAGE, facet.page(v)) for v, _ in rows} if with_links and facet.folder else None
        return raw(bar_chart(chart_id, title, rows, links=links, label_w=column))

    charts = [chart(*spec) for spec in CHARTS]
    targets = sum(m.target for c in cases for m in c.metrics)
    total = sum(len(c.metrics) for c in cases)
    intro = (f"本库共 {len(cases)} 个案例。一个案例可以属于多个专题和学段，因此这两项的合计可能多于案例总数。"
             "地区分布以列表和条形图呈现，本站不使用地图。"
             f"各案例共列出关键数据 {total} 项，其中 {targets} 项是计划目标，在案例页上与已取得的成效分开标示。")
    return (front_matter(title="统计", description=f"{len(cases)} 个案例的地区、专题、学段和年份分布", search={"exclude": True},
                         hide=["navigation"])
            + intro + "\n\n" + "\n\n".join(charts) + "\n")
