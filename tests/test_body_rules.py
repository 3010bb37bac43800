"""The body's structure: the headings a reader will see (as Python-Markdown makes them), first-level
headings refused in every form, sections with nothing in them, and the template's own hints."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.model.markdown import render_body
from casebook.check.validate import Heading, headings
from casefixtures import VALID_CASE


@pytest.mark.parametrize("body,expected", [
    ("## 背景", [Heading(0, 2, "背景", "atx")]),
    ("##背景##", [Heading(0, 2, "背景", "atx")]),
    ("###### 六级", [Heading(0, 6, "六级", "atx")]),
    ("####### 七个井号", [Heading(0, 6, "# 七个井号", "atx")]),
    ("#大标题", [Heading(0, 1, "大标题", "atx")]),
    ("  ## 缩进的不是标题", []),
    ("大标题\n===", [Heading(0, 1, "大标题", "setext")]),
    ("小标题\n---", [Heading(0, 2, "小标题", "setext")]),
    ("前文\n\n大标题\n=====  \n\n后文", [Heading(2, 1, "大标题", "setext")]),
    ("段落一\n段落二\n===", []),  # only a block's first line can be underlined
    ("大标题\n  ===", []), ("大标题\n=== x", []), ("\n===", []), ("===", []),
    ("> 引文\n> ===", [Heading(0, 1, "引文", "setext")]),
    ("> 引文\n===", [Heading(0, 1, "> 引文", "setext")]), ("引文\n> ===", []), ("- 列表项\n===", [Heading(0, 1, "- 列表项", "setext")]),
    ("## 小节\n---", [Heading(0, 2, "小节", "atx")]),  # an ATX heading is not underlined again
    ("<h1>大标题</h1>", [Heading(0, 1, "大标题", "html")]),
    ("前面 <H1 class=x>大 <b>字</b></h1>", [Heading(0, 1, "大 字", "html")]),
    ("<h10>不是</h10> <h2>二级</h2>", [Heading(0, 2, "二级", "html")]),
])
def test_headings(body, expected):
    assert headings(body.split("\n")) == expected


# Lines of every kind that can make or unmake a heading.
_LINE = st.sampled_from(["文字", "另一段", "", "===", "---", "=", "-", "# 一级", "## 二级", "### 三级", "#无空格",
                         "> 引文", "> ===", "> ---", "> # 引文标题", "  ## 缩进", "    # 更深", "- 列表项", "1. 编号",
                         "- ## 列表里的标题", "<h1>原始</h1>", "<h3>三</h3>", "<details>", "</details>"])


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=8))
def test_the_headings_found_are_the_ones_markdown_makes(lines):
    """Level and text of every heading, in order, as the rendered page has them."""
    rendered = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", render_body("\n".join(lines)), flags=re.S | re.I)
    found = [(h.level, h.text) for h in headings(lines)]
    assert found == [(int(level), html.unescape(re.sub(r"<[^>]*>", "", text)).strip()) for level, text in rendered], lines


def problems(repo, body: str):
    repo.case(text=VALID_CASE.split("---\n\n", 1)[0] + "---\n\n" + body)
    return [(p.line, p.message) for p in repo.problems()]


FIRST = 25  # the file line of the body's first line in VALID_CASE


def test_a_section_with_only_a_comment_or_blank_lines_is_empty(repo):
    body = "## 背景\n\n<!--\n 多行的\n 注释 -->\n\n## 主要做法\n\n做法。\n\n## 工作成效\n\n\n"
    assert problems(repo, body) == [
        (FIRST, "小节“背景”下面没有正文：请写上内容，或删掉这个小标题"),
        (FIRST + 10, "小节“工作成效”下面没有正文：请写上内容，或删掉这个小标题"),
    ]


def test_a_section_whose_text_is_in_its_subsections_is_not_empty(repo):
    body = "## 主要做法\n\n### 做法一\n\n内容。\n\n### 做法二\n\n## 经验启示\n\n启示。\n"
    assert problems(repo, body) == [(FIRST + 6, "小节“做法二”下面没有正文：请写上内容，或删掉这个小标题")]


def test_setext_sections_and_their_underlines(repo):
    body = "主要做法\n---\n\n做法。\n\n工作成效\n--------\n"
    assert problems(repo, body) == [(FIRST + 5, "小节“工作成效”下面没有正文：请写上内容，或删掉这个小标题")]


def test_every_first_level_heading_is_named_at_its_line(repo):
    body = "## 主要做法\n\n做法。\n\n# 一\n\n二\n===\n\n<h1>三</h1>\n\n#四\n"
    assert problems(repo, body) == [
        (FIRST + 4, "正文不要用一级标题（# …），页面标题由 title 生成；请改用 ## 二级标题"),
        (FIRST + 6, "正文不要用一级标题（文字下一行写 ===），页面标题由 title 生成；请删掉 === 这一行，在文字前加 ## 改成二级标题"),
        (FIRST + 9, "正文不要用 <h1>：页面标题由 title 生成；小标题请写成 ## 二级标题"),
        (FIRST + 11, "正文不要用一级标题（# …），页面标题由 title 生成；请改用 ## 二级标题"),
    ]


def test_the_required_section_counts_only_as_a_second_level_heading(repo):
    for body in ("### 主要做法\n\n做法。\n", "主要做法\n\n做法。\n", "  ## 主要做法\n\n做法。\n", "## 主要做法（一）\n\n做法。\n"):
        assert problems(repo, body) == [(FIRST - 1, "正文缺少二级标题“## 主要做法”（参见 cases/_template.md）")], body
    for body in ("##主要做法\n\n做法。\n", "## 主要做法 ##\n\n做法。\n", "主要做法\n---\n\n做法。\n"):
        assert problems(repo, body) == [], body


def test_a_hint_left_beside_written_text_is_named_but_not_inside_an_empty_section(repo):
    hint = "必填。分条写清楚具体做法：谁、做了什么、怎么做的。"
    body = f"## 背景\n\n<!-- 用自己的话写清楚这项工作的起因：面对什么问题，依据什么政策。 -->\n\n## 主要做法\n\n做法。\n\n<!--   {hint}   -->\n\n{hint}\n"
    assert problems(repo, body) == [
        (FIRST, "小节“背景”下面没有正文：请写上内容，或删掉这个小标题"),
        (FIRST + 8, "这是模板里的提示（<!-- … -->）：这一节写好后请删掉它"),
        (FIRST + 10, "这是模板里的提示文字，不是案例内容：请换成这个案例自己的内容"),
    ]


def test_the_template_file_s_own_paragraphs_are_hints_too(repo):
    (repo.cases / "_template.md").write_text("---\ntitle: x\n---\n\n## 背景\n\n请在这里写背景。\n", encoding="utf-8")
    assert problems(repo, "## 主要做法\n\n请在这里写背景。\n") == [
        (FIRST + 2, "这是模板里的提示文字，不是案例内容：请换成这个案例自己的内容")]


def test_the_real_template_is_all_hints(repo):
    """The shipped template's body, copied as it is, is refused at every hint: nothing of it is published."""
    template = (Path(__file__).parents[1] / "cases" / "_template.md").read_text(encoding="utf-8")
    body = template.split("\n---\n", 1)[1].lstrip("\n")
    repo.write("_template.md", template)
    found = problems(repo, body)
    hints = [i for i, line in enumerate(body.split("\n")) if line and not line.startswith("#")]
    assert found == [(FIRST + i, "这是模板里的提示文字，不是案例内容：请换成这个案例自己的内容") for i in hints]
