"""Build the real library with ``mkdocs build --strict`` and read the result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from casefixtures import REPO, copy_project
from sitecheck import external, foreign_references, page_refs, search_hits

MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_real_library_is_valid_and_has_at_least_12_cases(library):
    assert library.problems == []
    assert len(library.cases) >= 12


def test_every_case_has_a_page_with_facts_metrics_and_sources(site, library):
    for case in library.cases:
        page = site / "cases" / case.slug / "index.html"
        html = page.read_text(encoding="utf-8")
        assert 'class="cb-facts"' in html and case.organization in html
        # in the facts block itself (the same date may also stand in the sources list)
        cn = f"{case.date.year}年{case.date.month}月{case.date.day}日"
        assert f'<dt>日期</dt><dd><time datetime="{case.date.isoformat()}">{cn}</time></dd>' in html
        assert 'class="cb-sources"' in html
        for source in case.sources:
            assert source.title.replace('"', "&quot;") in html
        for metric in case.metrics:
            assert f'<span class="cb-metric__value">{metric.display}</span>' in html
            assert f'<span class="cb-metric__unit">{metric.unit}</span>' in html


def test_case_page_links_region_topics_and_tags(site, library):
    case = next(c for c in library.cases if c.slug == "jilin-principal-responsibility")
    html = (site / "cases" / case.slug / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../provinces/ji-lin-sheng/">吉林省</a>' in html
    assert '<a href="../../topics/xiao-zhang-fu-ze-zhi/">校长负责制</a>' in html
    facts = html.split('<dl class="cb-facts">', 1)[1].split("</dl>", 1)[0]
    for tag in case.tags:  # once, in the facts block, as a link into the tag index
        assert re.search(r'<a href="../../tags/#tag:[^"]+">' + re.escape(tag) + "</a>", facts), tag
    assert 'class="md-tags"' not in html  # no chips of the same tags above the page: the facts list them


def test_tag_index_lists_every_used_tag(site, library):
    html = (site / "tags" / "index.html").read_text(encoding="utf-8")
    for tag in {t for c in library.cases for t in c.tags}:
        assert f">{tag}<" in html or f"{tag}</" in html, tag


def test_listing_pages_by_topic_province_stage(site, library):
    jilin = [c for c in library.cases if c.region.province == "吉林省"]
    html = (site / "provinces" / "ji-lin-sheng" / "index.html").read_text(encoding="utf-8")
    assert f"共 {len(jilin)} 个案例" in html
    for case in jilin:
        assert f'href="../../cases/{case.slug}/"' in html
    topic = (site / "topics" / "xiao-zhang-fu-ze-zhi" / "index.html").read_text(encoding="utf-8")
    assert "jilin-principal-responsibility" in topic
    assert (site / "stages" / "xiao-xue" / "index.html").is_file()
    gallery = (site / "cases" / "index.html").read_text(encoding="utf-8")
    # without JavaScript the gallery is a plain list of every case
    plain = gallery.split('id="cb-plain"', 1)[1].split("</ul>", 1)[0]
    assert plain.count("<li>") == len(library.cases)
    for case in library.cases:
        assert f'<a href="{case.slug}/">' in plain


def test_home_page_counts(site, library):
    html = (site / "index.html").read_text(encoding="utf-8")
    provinces = {c.region.province for c in library.cases}
    assert f'<span class="cb-stat__value">{len(library.cases)}</span><span class="cb-stat__label">个案例' in html
    assert f'<span class="cb-stat__value">{len(provinces)}</span><span class="cb-stat__label">个省级地区' in html


@pytest.mark.parametrize("query,expected", [
    ("校长负责制", {"cases/jilin-principal-responsibility/", "cases/dongan-principal-responsibility-plan/"}),
    ("333", {"cases/shiquan-333-moral-education/"}),
    ("361", {"cases/jiamusi-361-teacher-studios/"}),
    ("BTX", {"cases/jilin-btx-branch-standard/"}),
    ("立德树人", {"cases/shiquan-333-moral-education/"}),
    ("清廉学校", {"cases/shiquan-clean-school/"}),
])
def test_chinese_search_index_finds(site, library, query, expected):
    """The hand-picked cases are found, and nothing else but cases whose searched fields hold the words:
    a search returning every page would fail."""
    from casebook.render.search_index import case_fields

    hits = search_hits(site, query)
    assert expected <= hits, f"{query}: {sorted(hits)}"
    holding = {f"cases/{c.slug}/" for c in library.cases if query.lower() in " ".join(case_fields(c, library.declaration).values()).lower()}
    assert hits == holding, f"{query}: found {sorted(hits)}, the text holds it in {sorted(holding)}"
    assert len(hits) < len(library.cases)


def test_quoted_brand_is_indexed_without_quotes(site):
    # “333” in the text must be split from its quotes by the separator
    assert search_hits(site, "333") & {"cases/shiquan-333-moral-education/"}
    assert not search_hits(site, "“333”") - search_hits(site, "333")


def test_no_placeholder_is_left_in_any_page(site):
    assert [p.name for p in site.rglob("*.html") if "cb-raw" in p.read_text(encoding="utf-8")] == []


def test_no_request_to_another_host(site):
    assert foreign_references(site) == []


def test_only_source_links_leave_the_site(site, library):
    allowed = {s.url for c in library.cases for s in c.sources if s.url}
    leaving = set()
    for page in site.rglob("*.html"):
        leaving |= {u for u in page_refs(page).links if external(u)}
    assert leaving <= allowed, leaving - allowed


def test_system_fonts_only(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    css = (site / "assets" / "casebook.css").read_text(encoding="utf-8")
    assert "PingFang SC" in css and "Microsoft YaHei" in css and "@font-face" not in css


def test_case_pages_are_not_in_the_navigation(site):
    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "jilin-principal-responsibility" not in html


def test_tags_plugin_only_allows_taxonomy_tags(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "extra.md").write_text("---\ntags: [不在词表里的标签]\n---\n\n# 额外页面\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "不在词表里的标签" in result.stderr


def test_invalid_case_fails_the_build_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path)
    bad = project / "cases" / "bad-case.md"
    bad.write_text("---\ntitle: 坏案例\nscope: 国家级\n---\n\n正文\n", encoding="utf-8")
    site = tmp_path / "out"
    result = build(project, site)
    assert result.returncode != 0
    assert "cases/bad-case.md:3: scope: 国家级 不是允许的层级" in result.stderr
    assert "案例校验未通过" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_validator_renders_bodies_with_the_sites_markdown_extensions():
    from mkdocs.utils.yaml import yaml_load

    from casebook.model.markdown import BODY_EXTENSIONS

    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert names == BODY_EXTENSIONS


def test_stats_page_has_five_charts_and_no_map(site, library):
    html = (site / "stats" / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="cb-chart"') == 5 and 'id="by-kind"' in html
    assert html.count('role="img"') == 10 and html.count("<table") == 5  # a wide and a phone chart each
    targets = sum(m.target for c in library.cases for m in c.metrics)
    assert f"共列出关键数据 {sum(len(c.metrics) for c in library.cases)} 项，其中 {targets} 项是计划目标" in html
    assert "地图" not in html.replace("不使用地图", "")


def test_home_shows_featured_cases(site, library):
    html = (site / "index.html").read_text(encoding="utf-8")
    featured = html.split("精选案例</h2>", 1)[1].split("最新案例</h2>", 1)[0]
    for slug in library.featured:
        assert f'href="cases/{slug}/"' in featured
    assert library.featured


def test_case_pages_link_to_their_file_for_editing_when_asked(tmp_path, library):
    out = tmp_path / "site"
    result = subprocess.run([*MKDOCS, "build", "--strict", "-q", "-d", str(out)], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "CASEBOOK_REPO_EDIT": "https://github.com/example/casebook/edit/main/"})
    assert result.returncode == 0, result.stderr
    for case in library.cases:
        html = (out / "cases" / case.slug / "index.html").read_text(encoding="utf-8")
        assert f'href="https://github.com/example/casebook/edit/main/{case.path}"' in html and "编辑此案例" in html
    assert "api.github.com" not in (out / "index.html").read_text(encoding="utf-8")


def test_no_edit_link_by_default(site, library):
    assert "编辑此案例" not in (site / "cases" / library.cases[0].slug / "index.html").read_text(encoding="utf-8")


def test_every_page_carries_the_content_security_policy(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 40
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for page in pages:
        found = policy.search(page.read_text(encoding="utf-8"))
        assert found, page
        rules = dict(part.strip().split(" ", 1) for part in found[1].split(";"))
        assert rules["default-src"] == "'self'" and rules["object-src"] == "'none'"
        for directive in ("img-src", "media-src", "font-src", "connect-src", "frame-src", "style-src"):
            assert "http" not in rules[directive] and "*" not in rules[directive], (directive, rules[directive])
