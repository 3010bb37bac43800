"""Read a built site the way a browser would: what each page fetches and where its links go.

Used after a bundle is built (nothing in it may fetch from another host) and by the tests.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

# attributes through which a page makes the browser fetch something
FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
            ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
            ("object", "data"), ("image", "href"), ("use", "href"), ("form", "action")}
NOT_FETCHED_RELS = {"canonical", "alternate"}  # <link> relations a browser only records
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fetches: list[str] = []
        self.links: list[str] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link" and NOT_FETCHED_RELS & set((dict(attrs).get("rel") or "").split()):
            attrs = [(n, v) for n, v in attrs if n != "href"]
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in FETCHING:
                self.fetches += [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
            elif tag == "a" and name == "href":
                self.links.append(value)
            elif name == "style":
                self.fetches += _CSS_URL.findall(value)
        if tag == "script":
            self.scripts.append(dict(attrs))


def page_refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data", "blob", "mailto")


def foreign_references(site: Path) -> list[tuple[str, str]]:
    """(file, url) for everything in the site's HTML and CSS that would be fetched from another host."""
    offenders = []
    for page in sorted(site.rglob("*.html")):
        offenders += [(page.relative_to(site).as_posix(), url) for url in page_refs(page).fetches if external(url)]
    for css in sorted(site.rglob("*.css")):
        for url in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if external(url):
                offenders.append((css.relative_to(site).as_posix(), url))
    for js in sorted(site.rglob("*.js")):
        text = js.read_text(encoding="utf-8", errors="replace")
        if "fonts.googleapis" in text or "fonts.gstatic" in text:
            offenders.append((js.relative_to(site).as_posix(), "Google Fonts"))
    return offenders
