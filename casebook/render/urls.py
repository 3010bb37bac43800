"""Relative links between generated pages, for directory URLs and for offline .html URLs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    directory: bool = True  # MkDocs use_directory_urls; False in offline builds

    def page(self, src: str) -> str:
        """Site URL of a page given its Markdown path: cases/x.md → cases/x/ or cases/x.html."""
        stem = src[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")] + ("" if self.directory else "index.html")
        return stem + "/" if self.directory else stem + ".html"

    def link(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """Relative href from one generated page to another (both Markdown paths)."""
        there = self.page(to_src)
        rel = self.asset(from_src, there)
        if there.endswith("/") or there == "":  # keep the trailing slash of directory URLs
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def asset(self, from_src: str, path: str) -> str:
        """Relative href from a page to a file at site path ``path``."""
        here = self.page(from_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        return relative(path, base)


def relative(path: str, base: str) -> str:
    """posixpath.relpath for clean site paths (no ., .. or //; ``base`` a folder ending in / or empty),
    without its abspath calls: it ran twenty thousand times a build."""
    to, start = path.split("/"), base.split("/")[:-1] if base else []
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts).rstrip("/") if parts and parts != [""] else "."


PUBLIC = Urls(directory=True)  # the published site's addresses, printed on paper, in QR codes and in exports
