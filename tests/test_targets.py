"""Plans versus results, and where figures come from: a target (metrics type: 目标) and a plan (kind: 方案)
are labelled as such on the case page, cards, gallery, handout, statistics and exports; a metric's
source is a link to that source, and a source's note is shown with it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from casebook.model.edition import BundleInfo, Edition
from casebook.outputs.export import to_csv, to_json
from casebook.render.handout import render_handout
from casebook.render.urls import Urls
from casebook.model.selection import Selection
from casebook.outputs.site import generated_pages
from casefixtures import VALID_CASE

PLAN = (VALID_CASE
        .replace("scope: 省级", "scope: 省级\nkind: 方案")
        .replace("    url: https://example.org/a", "    url: https://example.org/a\n    note: 转载页面，原始出处未找到\n"
                 "  - title: 第二个来源示例\n    publisher: 某某网")
        .replace("    unit: 所\n", "    unit: 所\n    source: 2\n"
                 "  - {label: 争创示范校, value: 300, unit: 所, type: 目标, source: 1}\n"))


@pytest.fixture
def plan(repo):
    repo.case(text=PLAN)
    library = repo.load()
    assert library.problems == []
    return library


def test_the_model_keeps_type_source_note_and_kind(plan):
    [case] = plan.cases
    assert case.kind == "方案"
    result, target = case.metrics
    assert (result.target, result.source, target.target, target.source) == (False, 2, True, 1)
    assert case.sources[0].note == "转载页面，原始出处未找到" and case.sources[1].note is None


def test_defaults_are_a_practice_and_results(repo):
    repo.case()
    [case] = repo.load().cases
    assert case.kind == "实践" and not any(m.target for m in case.metrics)


def test_case_page_sets_targets_apart_and_links_figures_to_sources(plan):
    page = generated_pages(plan, Urls())["cases/demo-case.md"]
    results, targets = page.split('<p class="cb-metrics__caption" id="targets">', 1)
    assert "建立制度的学校" in results and "争创示范校" not in results
    assert targets.startswith("计划目标") and '<li class="cb-metric cb-metric--target"><span class="cb-metric__type">目标</span>' in targets
    assert 'href="#source-2" aria-label="出处：来源 2">来源 2</a>' in results
    assert '<li id="source-1">' in page and '<li id="source-2">' in page
    assert '<span class="cb-source-note">说明：转载页面，原始出处未找到</span>' in page
    assert 'class="cb-plan-note" role="note">这是一份工作方案' in page and "<dt>类型</dt><dd><span class=\"cb-mark\">工作方案" in page


def test_a_practice_page_has_no_plan_or_target_labels(repo):
    repo.case()
    page = generated_pages(repo.load(), Urls())["cases/demo-case.md"]
    assert "cb-plan-note" not in page and "cb-metric--target" not in page and "计划目标" not in page


def test_cards_gallery_and_stats_label_plans(plan):
    pages = generated_pages(plan, Urls())
    assert '<span class="cb-mark">工作方案</span>' in pages["index.md"]  # the home page's latest cases
    data = json.loads(pages["assets/casebook/cases.js"].split("=", 1)[1].rstrip(";\n"))
    kind = next(f for f in data["facets"] if f["key"] == "kind")
    assert kind["title"] == "类型" and kind["values"] == ["方案"]
    assert data["cases"][0][[f["key"] for f in data["facets"]].index("kind")] == 0  # a row: each facet's value, in order
    assert "共列出关键数据 2 项，其中 1 项是计划目标" in pages["stats/index.md"] and "by-kind" in pages["stats/index.md"]


def test_exports_write_targets_sources_and_kind(plan):
    [row] = json.loads(to_json(plan, plan.cases))
    assert row["kind"] == "方案"
    assert row["metrics"] == ["建立制度的学校：1798所〔来源2〕", "争创示范校：300所（目标）〔来源1〕"]
    assert row["sources"][0].endswith("（说明：转载页面，原始出处未找到）")
    assert "争创示范校：300所（目标）" in to_csv(plan, plan.cases)


def test_handout_sets_targets_apart(plan):
    info = BundleInfo("讲义", Selection(plan.declaration), dt.date(2025, 1, 1), "v")
    html = render_handout(plan, plan.cases, info, Edition())
    assert '<li class="metric--target"><span class="metric__type">目标</span>' in html
    assert "计划目标（来源写的是目标" in html and "这是一份工作方案" in html
    assert "<dt>类型</dt><dd>工作方案</dd>" in html and "说明：转载页面，原始出处未找到" in html
    assert html.index("建立制度的学校") < html.index("计划目标（")


def test_metric_cards_fill_their_rows():
    from casebook.render.case_page import metric_columns

    assert [metric_columns(n) for n in range(1, 13)] == [1, 2, 3, 4, 5, 3, 4, 4, 3, 5, 4, 4]
    for n in (2, 3, 4, 5, 6, 8, 9, 10, 12):
        assert n % metric_columns(n) == 0, n  # no ragged last row where one can be avoided
