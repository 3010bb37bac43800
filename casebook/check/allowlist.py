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

from casebook.i18n import joined, t

# What Python-Markdown makes from Markdown with the site's extensions (toc, attr_list, admonition,
# tables with align attributes, def_list).
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "img", "em", "strong", "code",
                 "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "div"}
# The HTML case writers may type themselves, and what each is for (the 投稿指南 lists these). Not
# <figure>: Markdown is not read inside an HTML block, so it could only hold an <img>, and images
# must be written ![说明](文件) to be published with the site.
EXTRA_TAGS = ("br", "sup", "sub", "abbr", "mark", "details", "summary")  # what each is for: allowlist.tag.<name>
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


def allowed_text() -> str:
    return joined(f"<{tag}>" for tag in EXTRA_TAGS)


def message(kind: str, tag: str, name: str, address: str = "") -> tuple[str, str | tuple[str, ...]]:
    """(message in the interface language, evidence to find its line in the Markdown: a text, or texts to try)."""
    if kind == "tag":
        if tag == "picture":
            return t("allowlist.picture"), "<picture"
        if tag in ("video", "audio", "source", "track"):
            return t("allowlist.media", tag=tag), f"<{tag}"
        return t("allowlist.tag", tag=tag, allowed=allowed_text()), f"<{tag}"
    if kind == "class":
        return t("allowlist.class", name=name), name
    if name == "style":
        return t("allowlist.style"), "style"
    if name in ("href", "src"):
        return t("allowlist.address", address=address[:40]), address[:20] or name
    if name == "id":
        # raw HTML writes id=; attr_list writes {: #name } (a heading's own "##" must not match)
        return t("allowlist.id", tag=tag), ("id=", "{:", "{ #", "{#")
    allowed = sorted(ATTRIBUTES.get(tag, set()))
    hint = t("allowlist.attribute.allowed", tag=tag, allowed=joined(allowed)) if allowed else t("allowlist.attribute.none", tag=tag)
    return t("allowlist.attribute", tag=tag, name=name, hint=hint), name
