"""The allow-list: the validator refuses exactly what falls outside it (a model of the list, drawn at
random by hypothesis), agrees with nh3 on every body, and the 投稿指南 names every entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from hypothesis import given, settings, strategies as st

from casebook.check.allowlist import ATTRIBUTES, EXTRA_TAGS, inventory, clean
from casebook.check.safety import body_problems
from casebook.model.markdown import render_body
from casefixtures import REPO

# inline elements a writer might type, inside a paragraph
ALLOWED = {"sup": {}, "sub": {}, "mark": {}, "abbr": {"title": "全称"}, "em": {}, "strong": {}, "code": {},
           "a": {"href": "https://example.org/", "title": "说明"}}
REFUSED_TAGS = ["span", "font", "u", "small", "b", "i", "video", "audio", "q", "cite", "kbd", "big", "label"]
REFUSED_ATTRS = {"style": "color:red", "class": "x", "id": "y", "data-x": "1", "target": "_blank", "lang": "en",
                 "dir": "rtl", "tabindex": "0", "hidden": "hidden", "title": "t"}


@st.composite
def element(draw):
    refused_tag = draw(st.booleans())
    tag = draw(st.sampled_from(REFUSED_TAGS)) if refused_tag else draw(st.sampled_from(sorted(ALLOWED)))
    attrs = dict(ALLOWED.get(tag, {})) if not refused_tag else {}
    extra = draw(st.lists(st.sampled_from(sorted(REFUSED_ATTRS)), max_size=2, unique=True))
    extra = [a for a in extra if a not in ATTRIBUTES.get(tag, set())]  # title on <a>/<abbr> is allowed
    attrs.update({a: REFUSED_ATTRS[a] for a in extra})
    text = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<{tag}{text}>文字</{tag}>", refused_tag or bool(extra)


@settings(max_examples=300, deadline=None)
@given(st.lists(element(), min_size=1, max_size=4))
def test_the_validator_refuses_exactly_what_is_outside_the_list(parts):
    body = "## 主要做法\n\n这是做法：" + "，".join(html for html, _ in parts) + "。\n"
    refused = any(bad for _, bad in parts)
    problems, _ = body_problems(body, 20, Path("."), Path("."))
    assert bool(problems) == refused, (body, problems)
    # and nh3 agrees: it would change the body exactly when the validator refuses it
    rendered = render_body(body)
    assert (inventory(clean(rendered)) != inventory(rendered)) == refused


def test_markdown_own_output_is_inside_the_list():
    body = ("## 主要做法\n\n### 小标题\n\n- 一\n- 二\n\n1. 甲\n2. 乙\n\n> 引用\n\n**粗** *斜* `代码`\n\n---\n\n"
            "| 甲 | 乙 |\n|:--|--:|\n| 1 | 2 |\n\n术语\n:   定义\n\n!!! warning \"注意\"\n    提示\n\n"
            "[链接](https://example.org/ \"标题\") ![图](a.png)\n\n```\n代码块\n```\n")
    rendered = render_body(body)
    assert inventory(clean(rendered)) == inventory(rendered), rendered
    assert 'align="right"' in rendered and "style=" not in rendered  # tables align without style


def test_the_guide_names_every_html_element_a_writer_may_use():
    guide = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    section = guide.split("## 正文可以用的 HTML", 1)[1].split("\n## ", 1)[0]
    assert [t for t in EXTRA_TAGS if f"`<{t}>`" not in section] == []
    assert "style" in section and "attr_list" in section


@pytest.mark.parametrize("html,line,words", [
    ('<video src="a.mp4"></video>', 3, "不能嵌入音视频 <video>（会从其他网站加载内容）：请写明视频的标题和出处，把网址放进 sources"),
    ('<audio></audio>', 3, "不能嵌入音视频 <audio>（会从其他网站加载内容）：请写明视频的标题和出处，把网址放进 sources"),
    ('<picture></picture>', 3, "不能用 <picture>（会从其他网站加载图片）：图片请放进 cases/ 目录，用 ![说明](文件) 引用"),
    ("<span>字</span>", 3, "不允许使用 HTML 元素 <span>：正文请用 Markdown，另外只能用 <br>、<sup>、<sub>、<abbr>、<mark>、"
                          "<details>、<summary>（见投稿指南）"),
    ('文字\n{: .md-button }', 4, "不允许使用 class “md-button”：只有提示框（!!! note 等）可以带样式，请删除"),
    ('<p style="color:red">字</p>', 3, "不允许使用 style 属性（可以引用其他网站的图片、遮盖整个页面）：样式由网站统一设置，需要强调请用 **加粗**"),
    ("[下载](ftp://x.example/a)", 3, "地址 ftp://x.example/a 不允许：链接和图片只能用 http://、https:// 开头的网址或相对路径"),
    ("文字\n{: #mao-dian }", 4, "<p> 不能设置 id：只有小标题（## …）可以用 {: #名称 } 设置锚点"),
    ('<a href="https://example.org/" target="_blank">x</a>', 3, "<a> 不允许使用属性 target（<a> 只能用 href、title；{: … } 只能设置小标题的 id）"),
    ('<mark lang="en">x</mark>', 3, "<mark> 不允许使用属性 lang（<mark> 不能带属性；{: … } 只能设置小标题的 id）"),
])
def test_each_refusal_says_what_to_write_instead_at_its_line(html, line, words):
    problems, _ = body_problems("## 主要做法\n\n" + html + "\n", 1, Path("."), Path("."))
    assert problems == [(line, words)]  # the one message, word for word
