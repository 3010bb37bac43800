"""Horizontal bar charts for the statistics page, drawn at build time as inline SVG.

Each chart is a ``<figure>`` holding an accessible SVG (``role="img"`` with ``<title>``/``<desc>``) and a
data table with the same numbers, so the figures stay readable without images, colour or CSS. The
geometry is computed here; the markup is templates/partials/chart.html.j2 (autoescaped). Output is plain
HTML with no scripts, fonts or external URLs, and deterministic, so rebuilt sites diff cleanly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casebook.i18n import t, tn
from casebook.render import templating

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
NARROW_W = 320  # the phone layout's viewBox: each label on its own line above its bar
NARROW_ROW = 46


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


@dataclass(frozen=True)
class Row:
    """One bar's numbers, for both layouts (viewBox units, formatted as the SVG writes them)."""
    label: str
    value: int
    href: str | None
    label_x: int  # the wide chart: the label's right edge
    fit: int | None  # its textLength when the label is wider than the column (squeezed, never clipped)
    mid: str  # the row's middle
    bar_y: str
    bar_w: str | None  # None: a zero draws no bar
    value_x: str
    n_label_y: int  # the phone chart: the label on its own line, the bar under it
    n_bar_y: int
    n_mid: str
    n_bar_w: str | None
    n_value_x: str


def _rows(rows, links, label_w: int, bar_x: int, bar_max: float, n_bar_max: float, top: int) -> list[Row]:
    out = []
    for i, (label, value) in enumerate(rows):
        y, ny = PAD + i * ROW_H, PAD + i * NARROW_ROW
        width = bar_max * value / top if top else 0.0
        n_width = n_bar_max * value / top if top else 0.0
        out.append(Row(label, value, _href(label, links), PAD + label_w,
                       label_w if _text_width(label) > label_w else None,
                       _num(y + ROW_H / 2), _num(y + (ROW_H - BAR_H) / 2), _num(width) if width > 0 else None,
                       _num(bar_x + width + PAD), ny + FONT, ny + FONT + 6, _num(ny + FONT + 6 + BAR_H / 2),
                       _num(n_width) if n_width > 0 else None, _num(PAD * 2 + n_width)))
    return out


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], *, unit: str | None = None,
              links: dict[str, str] | None = None, label_w: int | None = None) -> str:
    """An HTML fragment: <figure class="cb-chart" id="{chart_id}"> holding an inline <svg> horizontal bar
    chart (and a second one for phones) and a <table> with the same data (caption = title). ``links`` maps
    a row label to a relative href used in the table (the SVG is an image: it holds no links). ``label_w``:
    the label column's width in viewBox units (``label_width`` of all a page's charts aligns their bars).
    ``unit`` follows each value in the SVG's description (the catalog's "cases", singular or plural, by default).

    Rows are drawn in the given order (sort them before calling). Values must be non-negative integers.
    The fragment has no blank lines or indentation, so it can sit in a Markdown page as one raw-HTML block.
    """
    if not _ID.fullmatch(chart_id):  # fullmatch: "$" alone would accept a trailing newline
        raise ValueError(f"chart_id must match ^[a-z0-9-]+$: {chart_id!r}")
    rows = [(str(label), value) for label, value in rows]
    for label, value in rows:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"chart value for {label!r} must be a non-negative int: {value!r}")
    links = links or {}
    if not rows:
        return templating.render("partials/chart.html.j2", id=chart_id, title=title, rows=[]).rstrip("\n")
    top = max(v for _, v in rows)
    label_w = max(label_w or 0, label_width(rows))
    bar_x = PAD + label_w + PAD
    value_w = _text_width(str(top))
    bar_max = VIEW_W - bar_x - PAD - value_w - PAD  # the longest bar still leaves room for its number
    n_bar_max = NARROW_W - PAD * 3 - value_w
    desc = t("chart.desc", items=t("chart.desc.separator").join(
        t("chart.desc.item", label=label, value=value, unit=tn("chart.unit", value) if unit is None else unit)
        for label, value in rows))
    return templating.render(
        "partials/chart.html.j2", id=chart_id, title=title, desc=desc,
        rows=_rows(rows, links, label_w, bar_x, bar_max, n_bar_max, top), bar_x=bar_x, view_w=VIEW_W,
        height=PAD * 2 + ROW_H * len(rows), narrow_w=NARROW_W, narrow_h=PAD * 2 + NARROW_ROW * len(rows),
        pad=PAD, bar_h=BAR_H, font=FONT, min_width=MIN_WIDTH_PX, bar_fill=BAR_FILL, text_fill=TEXT_FILL,
    ).rstrip("\n")
