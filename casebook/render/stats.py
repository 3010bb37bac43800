"""The statistics page (stats/): the declared charts, each a bar chart with its data table. No map, by design."""

from __future__ import annotations

from casebook.i18n import list_text
from casebook.model.case import Case
from casebook.render.charts import bar_chart, label_width
from casebook.render.context import Context

PAGE = "stats/index.md"


def stats_page(ctx: Context, cases: list[Case]) -> str:
    charts = ctx.declaration.charts
    facets = [ctx.facets[c.facet] for c in charts]
    # one label column for every chart, so their bars start at the same place
    column = max((label_width([(v, 0) for v in facet.used()]) for facet in facets), default=0)
    drawn = []
    for chart, facet in zip(charts, facets):
        rows = [(value, len(members)) for value, members in facet.used().items()]
        links = {v: ctx.urls.link(PAGE, facet.page(v)) for v, _ in rows} if facet.folder else None
        drawn.append(bar_chart(f"by-{facet.key}", chart.title or facet.title, rows, links=links, label_w=column))
    metrics = ctx.declaration.role("metrics")
    return ctx.render("stats.md.j2", total=len(cases), intro=ctx.declaration.stats_intro, charts=drawn,
                      what=list_text([f.title for f in facets]), metrics=bool(metrics),
                      metric_count=sum(len(c.metrics) for c in cases),
                      targets=sum(m.target for c in cases for m in c.metrics))
