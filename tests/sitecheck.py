"""Helpers that read a built site the way a browser and Material's search would."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

# attributes through which a page makes the browser fetch something
FETCHING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
            ("source", "srcset"), ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
            ("object", "data"), ("image", "href"), ("use", "href"), ("form", "action")}


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fetches: list[str] = []
        self.links: list[str] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in FETCHING:
                self.fetches += [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value]
            elif tag == "a" and name == "href":
                self.links.append(value)
            elif name == "style":
                self.fetches += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)
        if tag == "script":
            self.scripts.append(dict(attrs))


def page_refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def external(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data", "blob", "mailto")


def search_hits(site: Path, query: str) -> set[str]:
    """Pages whose index entries contain a token starting with each query term.

    This mirrors Material's search: the index text is split with the configured
    separator, and every query term is matched as a prefix (it appends a wildcard).
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    terms = [t.lower() for t in separator.split(query) if t]
    hits = set()
    for doc in index["docs"]:
        tokens = {t.lower() for t in separator.split(doc["title"] + " " + doc["text"]) if t}
        if all(any(tok.startswith(term) for tok in tokens) for term in terms):
            hits.add(doc["location"].split("#")[0])
    return hits
