"""What reaches the reader's browser: escaped strings and only our or the theme's scripts."""

from __future__ import annotations

import yaml

import datetime as dt
import json
import re
from pathlib import Path

import material

from casebook.check.library import load_library
from casebook.model.case import Case, Metric, Source
from casebook.model.library import Library
from casebook.outputs.site import generated_pages
from casebook.render import templating
from casebook.render.case_page import render_case_page
from casebook.render.urls import Urls
from casebook.adapters.mkdocs import THEME
from casefixtures import REPO, place, render_context, with_fields

EVIL = '<script>alert("x")</script>&"\''
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;&#34;&#39;"  # markupsafe's escapes


def hostile_case(library) -> Case:
    return with_fields(library.cases[0], slug="evil-case", path="cases/evil-case.md", title=EVIL, summary=EVIL,
                       region=place("吉林省"), scope="省级", stages=("小学",), topics=("组织建设",), tags=(), brand=EVIL,
                       organization=EVIL, date=dt.date(2023, 1, 1), related=(), images=(), cover=None,
                       sources=(Source(EVIL, EVIL, None, 'https://e.org/"onmouseover="x'),),
                       metrics=(Metric(EVIL, 1, EVIL),), body="## 主要做法\n\n正文。")


def hostile_library(library) -> Library:
    return Library(library.root, library.declaration, library.vocabularies, library.places, [hostile_case(library)])


def test_the_body_reaches_markdown_as_written(library):
    """Front matter is escaped; the body is the contributor's Markdown, validated, and goes to Markdown
    as written: escaped, a quote (>), an admonition's title ("编者注") and allowed tags (<sup>) would show
    as text on the page."""
    body = '## 主要做法\n\n> 引文\n\n正文<sup>1</sup>。\n\n!!! note "编者注"\n\n    来源没有给出数量。'
    case = with_fields(library.cases[0], body=body)
    page = render_case_page(render_context(library, [case]), case, [])
    assert body in page


def test_front_matter_strings_are_escaped_wherever_rendered(library):
    case = hostile_case(library)
    ctx = render_context(hostile_library(library), [case])
    page = render_case_page(ctx, case, [case])
    html_part = page.split("---\n", 2)[2]
    assert "<script>" not in html_part and 'alert("x")' not in html_part
    assert html_part.count(ESCAPED) >= 7
    assert 'href="https://e.org/&#34;onmouseover=&#34;x"' in html_part
    macros = templating.environment(None).get_template("partials/macros.html.j2").module
    card = str(macros.cards([ctx.card(case, "index.md")]))
    assert "<script>" not in card
    # the page description goes into <meta content="…"> unescaped by the theme, so it is escaped here
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    assert "<script>" not in meta["description"] and 'alert("x")' not in meta["description"]
    assert "&lt;script&gt;" in meta["description"]


def test_hostile_strings_stay_text_in_every_page_and_script_that_shows_case_data(library):
    """The validator refuses < in these fields; the renderers escape all the same, everywhere: case page,
    cards on the home page and listings, the gallery's plain list and data scripts, statistics, the data
    exports and the handout."""
    from casebook.model.edition import BundleInfo, Edition
    from casebook.render.handout import render_handout
    from casebook.model.selection import Selection

    library = hostile_library(library)
    pages = generated_pages(library, Urls(), tags_property="tags")
    shown = [p for p in pages if p.endswith((".md", ".js"))]
    assert {"index.md", "cases/index.md", "cases/evil-case.md", "assets/casebook/cases.js",
            "assets/casebook/cases-0.js", "stats/index.md", "topics/zu-zhi-jian-she.md"} <= set(shown)
    for path in shown:
        text = pages[path]
        body = text.split("---\n", 2)[2] if text.startswith("---\n") else text  # titles never hold < (validator)
        assert "<script>alert" not in body and "</script>&" not in body, path
        if path.endswith(".js"):
            assert "<" not in body, path  # data scripts escape every < as \\u003c
    assert "&lt;script&gt;" in pages["cases/index.md"]  # the gallery's plain list, escaped
    assert json.loads(pages["data/cases.json"])[0]["title"] == EVIL  # data files keep the text as it is
    handout = render_handout(library, library.cases, BundleInfo("讲义", Selection(library.declaration), dt.date(2025, 1, 1), "v"),
                             Edition())
    assert "<script>alert" not in handout and "&lt;script&gt;alert" in handout


def _theme_templates() -> str:
    roots = [Path(material.__file__).parent / "templates", THEME]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for root in roots
                     for p in root.rglob("*.html"))


def _normalise(script: str) -> str:
    # the only page-specific part of Material's inline scripts is the relative scope URL
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(,location)", script).strip()


def test_every_script_is_ours_or_the_themes(site):
    theme_root = Path(material.__file__).parent / "templates"
    templates = re.sub(r'new URL\("\{\{[^}]*\}\}",\s*location\)', "new URL(,location)", _theme_templates())
    generated = generated_pages(load_library(REPO).published(), Urls(), tags_property="tags")  # scripts our pipeline writes (gallery data)
    theme_files = ({p.read_bytes() for p in theme_root.rglob("*.js")} | {p.read_bytes() for p in THEME.rglob("*.js")}
                   | {text.encode("utf-8") for path, text in generated.items() if path.endswith(".js")})
    seen_inline = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I):
            src = re.search(r'src="([^"]+)"', attrs)
            if src:
                url = src.group(1)  # 404.html uses site-absolute paths
                target = (site / url.lstrip("/") if url.startswith("/") else page.parent / url).resolve()
                assert target.is_file() and target.read_bytes() in theme_files, (page, src.group(1))
            elif 'type="application/json"' in attrs:
                json.loads(body)  # data, not code
            else:
                script = _normalise(body)
                seen_inline.add(script)
                assert script in templates, (page, script[:80])
    assert seen_inline, "expected Material's inline scripts on the pages"
    assert not any("<script" in s.lower() for s in seen_inline)


def test_edit_link_only_with_an_https_edit_base_and_never_in_a_bundle(library):
    from casebook.model.edition import BundleInfo, Edition
    from casebook.model.selection import Selection

    case = hostile_case(library)
    edition = Edition(edit_base="https://github.com/org/casebook/edit/main/")
    page = render_case_page(render_context(hostile_library(library), [case], edition=edition), case, [])
    assert '<a href="https://github.com/org/casebook/edit/main/cases/evil-case.md" rel="nofollow noopener">编辑此案例</a>' in page
    assert "cb-noprint" in page.split("编辑此案例")[0].rsplit("<p", 1)[1]
    assert Edition().edit_url(case.path) is None
    assert Edition(edit_base="javascript:alert(1)//").edit_url(case.path) is None
    bundle = BundleInfo("培训", Selection(library.declaration), dt.date(2025, 1, 1), "v")
    assert Edition(edit_base="https://x/edit/main/", bundle=bundle).edit_url(case.path) is None
