"""Generated HTML that needs no Markdown: set aside before Markdown runs, put back after.

Python-Markdown parses every raw HTML block with its own HTML parser, which costs as
much as the case text itself on a case page (facts, metric cards, related cards) and
grows with the size of listing pages. Renderers wrap such blocks with ``raw()``; the
MkDocs hook calls ``stash`` on a page's Markdown and ``restore`` on its HTML. The
placeholders carry a per-process nonce, so text in a case body cannot name one.
"""

from __future__ import annotations

import re
import secrets

_NONCE = secrets.token_hex(8)
START, END = f"<!--cb-raw-{_NONCE}-->", f"<!--/cb-raw-{_NONCE}-->"
_BLOCK = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_PLACEHOLDER = re.compile(rf"<!--cb-raw-{_NONCE}:(\d+)-->")


def raw(html: str) -> str:
    """A block of finished HTML (escaped by its renderer) that Markdown must not touch."""
    return f"{START}{html}{END}"


def stash(markdown: str) -> tuple[str, list[str]]:
    blocks: list[str] = []

    def keep(match: re.Match) -> str:
        blocks.append(match.group(1))
        return f"\n\n<!--cb-raw-{_NONCE}:{len(blocks) - 1}-->\n\n"

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)
