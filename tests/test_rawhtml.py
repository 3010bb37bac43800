"""Finished HTML blocks skip Markdown and come back unchanged; case text cannot name a placeholder."""

from __future__ import annotations

import markdown

from casebook.render import rawhtml


def render(md: str) -> str:
    text, blocks = rawhtml.stash(md)
    return rawhtml.restore(markdown.markdown(text, extensions=["toc", "attr_list"]), blocks)


def test_blocks_come_back_unchanged_and_markdown_still_runs():
    block = '<ul class="cb-cards">\n<li>*not emphasis* &amp; [not a link](x)</li>\n</ul>'
    html = render(f"## 标题\n\n*强调*\n\n{rawhtml.raw(block)}\n\n段落")
    assert block in html
    assert "<em>强调</em>" in html and '<h2 id="_1">标题</h2>' in html and "<p>段落</p>" in html
    assert "cb-raw" not in html


def test_placeholders_written_in_case_text_stay_text():
    text, blocks = rawhtml.stash(rawhtml.raw("<b>ours</b>"))
    guess = "<!--cb-raw-0000000000000000:0--> and <!--cb-raw-xyz:0-->"
    assert rawhtml.restore(guess, blocks) == guess
    assert rawhtml.restore(text, blocks).strip() == "<b>ours</b>"
