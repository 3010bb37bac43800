"""The Markdown dialect of case bodies: the extensions the site renders them with (mkdocs.yml must list
the same: a test checks), and a body rendered the same way for the validator and the handout."""

from __future__ import annotations

import threading

import markdown

# The Markdown extensions the site uses for case bodies (mkdocs.yml must match: tests check it).
# fenced_code: so that ``` and ~~~ render as code blocks in the site's own pages (a case body may not use them)
BODY_EXTENSIONS = ["toc", "attr_list", "admonition", "tables", "def_list", "fenced_code"]
# aligned table columns as align="…", not style="text-align: …": no style attribute is allowed in a body
BODY_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}


_local = threading.local()


def render_body(body: str) -> str:
    """A body as the site renders it. One Markdown instance per thread, reset between bodies:
    building one per body (extensions, patterns) cost as much as a short body's conversion."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=BODY_EXTENSIONS, extension_configs=BODY_EXTENSION_CONFIGS)
    return md.reset().convert(body)
