"""Horizontal bar charts for the 统计 page, drawn at build time as inline SVG.

Each chart is a ``<figure>`` holding an accessible SVG (``role="img"`` with
``<title>``/``<desc>``) and a data table with the same numbers, so the figures
stay readable without images, colour or CSS. Output is plain HTML with no
scripts, fonts or external URLs, and it is deterministic: the same input always
gives the same string, so rebuilt sites diff cleanly.
"""

from __future__ import annotations

import re

from casebook.render.html import esc  # html.escape(str(value), quote=True)

_ID = re.compile(r"^[a-z0-9-]+$")
# Anything with a scheme ("http:", "javascript:") or protocol-relative ("//host").
_ABSOLUTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")

VIEW_W = 640  # viewBox width; the SVG scales to the container, never below MIN_FONT_PX (it scrolls instead)
ROW_H = 28
BAR_H = 18
PAD = 8  # outer margin and gap between label, bar and value
FONT = 14
MIN_FONT_PX = 12  # labels are never drawn smaller: below this width the chart scrolls sideways
MIN_WIDTH_PX = -(-VIEW_W * MIN_FONT_PX // FONT)
LABEL_MAX = 280  # cap on the label column so bars keep at least ~half the width
BAR_FILL = "#b71c1c"
TEXT_FILL = "#212121"  # ~16:1 contrast on white


def _text_width(text: str) -> int:
    """Rough rendered width: CJK/full-width glyphs are ~1 em, ASCII ~0.55 em."""
    return sum(FONT if ord(ch) > 0x7F else 8 for ch in text)


def _num(x: float) -> str:
    """Stable short number format for coordinates (one decimal, no trailing .0)."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _href(label: str, links: dict[str, str]) -> str | None:
    href = links.get(label)
    if href is not None and _ABSOLUTE.match(href):
        # Charts only ever link inside the site; refuse anything that could leave it.
        raise ValueError(f"chart links must be relative URLs: {href!r}")
    return href


def label_width(rows: list[tuple[str, int]]) -> int:
    """The label column a chart needs; pass the widest of several to ``bar_chart`` to line their bars up."""
    return min(max((_text_width(str(label)) for label, _ in rows), default=0), LABEL_MAX)


def _head(ident: str, title: str, rows, unit: str, width: int, height: int, cls: str, style: str = "") -> list[str]:
    """An accessible chart SVG's opening: role="img", labelled by its title and a description giving every value."""
    desc = "，".join(f"{label} {value} {unit}" for label, value in rows) + "。"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%"'
        f' preserveAspectRatio="xMinYMin meet" role="img" class="{cls}"'
        f' aria-labelledby="{ident}-title {ident}-desc" font-family="inherit" font-size="{FONT}"{style}>',
        f'<title id="{ident}-title">{esc(title)}</title>',
        f'<desc id="{ident}-desc">{esc(desc)}</desc>',
    ]


def _svg(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str, links: dict[str, str],
         label_w: int) -> str:
    top = max(v for _, v in rows)
    value_w = _text_width(str(top))
    bar_x = PAD + label_w + PAD
    bar_max = VIEW_W - bar_x - PAD - value_w - PAD  # the longest bar still leaves room for its number
    height = PAD * 2 + ROW_H * len(rows)
    out = _head(chart_id, title, rows, unit, VIEW_W, height, "cb-chart__wide",
                f' style="display:block;width:100%;min-width:{MIN_WIDTH_PX}px;height:auto"')
    for i, (label, value) in enumerate(rows):
        y = PAD + i * ROW_H
        mid = _num(y + ROW_H / 2)
        # Labels wider than the capped column are squeezed rather than clipped.
        fit = (
            f' textLength="{label_w}" lengthAdjust="spacingAndGlyphs"'
            if _text_width(label) > label_w
            else ""
        )
        text = (
            f'<text x="{PAD + label_w}" y="{mid}" text-anchor="end" dominant-baseline="central"'
            f' fill="{TEXT_FILL}"{fit}>{esc(label)}</text>'
        )
        _href(label, links)  # validated here too; the links themselves live in the table only,
        out.append(text)      # because a link inside role="img" is hidden from assistive technology
        width = bar_max * value / top if top else 0.0
        if width > 0:
            out.append(
                f'<rect x="{bar_x}" y="{_num(y + (ROW_H - BAR_H) / 2)}" width="{_num(width)}"'
                f' height="{BAR_H}" fill="{BAR_FILL}"/>'
            )
        out.append(
            f'<text x="{_num(bar_x + width + PAD)}" y="{mid}" dominant-baseline="central"'
            f' fill="{TEXT_FILL}">{value}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


NARROW_W = 320  # the phone layout's viewBox: each label on its own line above its bar
NARROW_ROW = 46


def _svg_narrow(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str) -> str:
    """The same chart for a phone: labels above their bars, so nothing shrinks or scrolls. Shown by CSS
    instead of the wide one below 45em; its own ids (the hidden one is display:none, out of the a11y tree)."""
    top = max(v for _, v in rows)
    bar_max = NARROW_W - PAD * 3 - _text_width(str(top))
    height = PAD * 2 + NARROW_ROW * len(rows)
    out = _head(f"{chart_id}-n", title, rows, unit, NARROW_W, height, "cb-chart__narrow")
    for i, (label, value) in enumerate(rows):
        y = PAD + i * NARROW_ROW
        out.append(f'<text x="{PAD}" y="{y + FONT}" fill="{TEXT_FILL}">{esc(label)}</text>')
        width = bar_max * value / top if top else 0.0
        bar_y = y + FONT + 6
        if width > 0:
            out.append(f'<rect x="{PAD}" y="{bar_y}" width="{_num(width)}" height="{BAR_H}" fill="{BAR_FILL}"/>')
        out.append(f'<text x="{_num(PAD * 2 + width)}" y="{_num(bar_y + BAR_H / 2)}" dominant-baseline="central"'
                   f' fill="{TEXT_FILL}">{value}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _table(title: str, rows: list[tuple[str, int]], links: dict[str, str]) -> str:
    body = []
    for label, value in rows:
        href = _href(label, links)
        cell = f'<a href="{esc(href)}">{esc(label)}</a>' if href is not None else esc(label)
        body.append(f"<tr><td>{cell}</td><td>{value}</td></tr>")
    return (
        f'<table class="cb-chart-table"><caption>{esc(title)}</caption>'
        '<thead><tr><th scope="col">项目</th><th scope="col">案例数</th></tr></thead>'
        "<tbody>\n" + "\n".join(body) + "\n</tbody></table>"
    )


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, int]],
    *,
    unit: str = "个案例",
    links: dict[str, str] | None = None,
    label_w: int | None = None,
) -> str:
    """Return an HTML fragment: <figure class="cb-chart" id="{chart_id}"> containing an inline <svg> horizontal bar chart
    and a <table> with the same data (caption = title; columns: 项目 / 案例数). ``links`` maps a row label to an href
    (relative URL) used for the label in the table (the SVG is an image: it holds no links). ``label_w``: the
    label column's width in viewBox units (``label_width`` of all a page's charts aligns their bars).
    The table sits in a closed <details> 数据表; the SVG's title and description give every value.

    Rows are drawn in the given order (sort them before calling). Values must be
    non-negative integers. The fragment has no blank lines or indentation, so it
    can sit in a Markdown page as a single raw-HTML block.
    """
    if not _ID.fullmatch(chart_id):  # fullmatch: "$" alone would accept a trailing newline
        raise ValueError(f"chart_id must match ^[a-z0-9-]+$: {chart_id!r}")
    rows = [(str(label), value) for label, value in rows]
    for label, value in rows:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"chart value for {label!r} must be a non-negative int: {value!r}")
    links = links or {}

    head = f'<figure class="cb-chart" id="{chart_id}"><figcaption>{esc(title)}</figcaption>'
    if not rows:
        return head + "<p>暂无数据</p></figure>"
    return (
        head
        # focusable: on a phone the chart scrolls sideways rather than shrink its labels
        + '<div class="cb-chart__svg" tabindex="0">\n'
        + _svg(chart_id, title, rows, unit, links, max(label_w or 0, label_width(rows))) + "\n"
        + _svg_narrow(chart_id, title, rows, unit)
        + f'\n</div><details class="cb-chart__table"><summary>数据表</summary>\n{_table(title, rows, links)}\n</details></figure>'
    )
