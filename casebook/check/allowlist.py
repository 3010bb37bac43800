"""What a case body may hold: what Markdown itself makes, plus a short, named list of HTML.

A deny-list always misses the next trick (a style attribute's url(), a <video poster>, a fixed
overlay). So the body is rendered as the site renders it, cleaned by nh3 (the Python binding of
ammonia) with this allow-list, and every element, attribute or class nh3 would remove is reported
with its line: nothing is stripped silently, and nothing outside the list reaches a page.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3

# What Python-Markdown makes from Markdown with the site's extensions (toc, attr_list, admonition,
# tables with align attributes, def_list).
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "em", "strong", "code",
                 "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div"}
# The HTML case writers may type themselves, and what each is for (the 投稿指南 lists these). Not
# <figure>: Markdown is not read inside an HTML block, so it could only hold an <img>, and images
# must be written ![说明](文件) to be published with the site.
EXTRA_TAGS = {
    "br": "表格单元格内换行",
    "sup": "上标，如 m<sup>2</sup>",
    "sub": "下标",
    "abbr": "缩写，title 写全称，如 <abbr title=\"党组织领导的校长负责制\">校长负责制</abbr>",
    "mark": "需要特别提示的词句",
    "details": "可以展开的补充材料（与 summary 一起用）",
    "summary": "details 的标题",
}
TAGS = MARKDOWN_TAGS | set(EXTRA_TAGS)
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"}, "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
    "details": {"open"},
    **{h: {"id"} for h in HEADINGS},  # toc's anchors, or {: #id } on a heading
}
ADMONITIONS = {"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
               "example", "quote"}
CLASSES = {"div": {"admonition", *ADMONITIONS}, "p": {"admonition-title"}}
URL_SCHEMES = {"http", "https"}  # and relative addresses; the line scan names javascript: and data: itself


def clean(html: str) -> str:
    """The rendered body as the allow-list keeps it."""
    # "*": no attribute on every element (ammonia's default would allow lang and title anywhere)
    return nh3.clean(html, tags=TAGS, attributes={**ATTRIBUTES, "*": set()}, allowed_classes=CLASSES, url_schemes=URL_SCHEMES,
                     strip_comments=False, link_rel=None, clean_content_tags=set())


class _Inventory(HTMLParser):
    """Elements, attributes and classes of an HTML fragment, counted."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.items[("tag", tag, "", "")] += 1
        for name, value in attrs:
            if name == "class":
                for cls in (value or "").split():
                    self.items[("class", tag, cls, "")] += 1
            else:  # an address is kept with its value: the message can point at the line that has it
                self.items[("attr", tag, name, (value or "") if name in ("href", "src") else "")] += 1

    handle_startendtag = handle_starttag


def inventory(html: str) -> Counter:
    scan = _Inventory()
    scan.feed(html)
    scan.close()
    return scan.items


def removed(html: str) -> list[tuple[str, str, str, str]]:
    """What the allow-list takes out of ``html``: (kind, tag, name, address) for tags, attributes and
    classes; the address only for href and src."""
    before, after = inventory(html), inventory(clean(html))
    return sorted((before - after).keys())


ALLOWED_TEXT = "、".join(f"<{t}>" for t in EXTRA_TAGS)


def message(kind: str, tag: str, name: str, address: str = "") -> tuple[str, str | tuple[str, ...]]:
    """(message in Chinese, evidence to find its line in the Markdown: a text, or texts to try)."""
    if kind == "tag":
        if tag == "picture":
            return ("不能用 <picture>（会从其他网站加载图片）：图片请放进 cases/ 目录，用 ![说明](文件) 引用", "<picture")
        if tag in ("video", "audio", "source", "track"):
            return (f"不能嵌入音视频 <{tag}>（会从其他网站加载内容）：请写明视频的标题和出处，把网址放进 sources", f"<{tag}")
        return (f"不允许使用 HTML 元素 <{tag}>：正文请用 Markdown，另外只能用 {ALLOWED_TEXT}（见投稿指南）", f"<{tag}")
    if kind == "class":
        return (f"不允许使用 class “{name}”：只有提示框（!!! note 等）可以带样式，请删除", name)
    if name == "style":
        return ("不允许使用 style 属性（可以引用其他网站的图片、遮盖整个页面）：样式由网站统一设置，"
                "需要强调请用 **加粗**", "style")
    if name in ("href", "src"):
        return (f"地址 {address[:40]} 不允许：链接和图片只能用 http://、https:// 开头的网址或相对路径", address[:20] or name)
    if name == "id":
        # raw HTML writes id=; attr_list writes {: #name } (a heading's own "##" must not match)
        return (f"<{tag}> 不能设置 id：只有小标题（## …）可以用 {{: #名称 }} 设置锚点", ("id=", "{:", "{ #", "{#"))
    allowed = sorted(ATTRIBUTES.get(tag, set()))
    hint = f"<{tag}> 只能用 {'、'.join(allowed)}" if allowed else f"<{tag}> 不能带属性"
    return (f"<{tag}> 不允许使用属性 {name}（{hint}；{{: … }} 只能设置小标题的 id）", name)
