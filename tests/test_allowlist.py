"""The allow-list: the validator refuses exactly what falls outside it (a model of the list, drawn at
random by hypothesis), agrees with nh3 on every body, and the 投稿指南 names every entry."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from casebook.allowlist import ATTRIBUTES, EXTRA_TAGS, inventory, clean
from casebook.safety import body_problems, render_body
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
