"""Small HTML helpers: every contributor-supplied string passes through ``esc``."""

from __future__ import annotations

import datetime as dt
import html
import json

from markupsafe import Markup

from casebook.model.case import Case
from casebook.render.rawhtml import raw
from casebook.render.urls import Urls


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def date_cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def case_card(case: Case, here: str, urls: Urls) -> str:
    """One case as a list item: title link, place, date, summary."""
    stages = "、".join(case.stages)
    brand = f'<span class="cb-brand">{esc(case.brand)}</span>' if case.brand else ""
    if case.plan:
        brand += '<span class="cb-kind">工作方案</span>'
    return (
        f'<li class="cb-card"><a class="cb-card__title" href="{esc(urls.link(here, case.url))}">{esc(case.title)}</a>'
        f'{brand}'
        f'<span class="cb-card__meta">{esc(case.region.label)} · {esc(case.scope)} · {esc(stages)} · '
        f'<time datetime="{case.date.isoformat()}">{date_cn(case.date)}</time></span>'
        f'<span class="cb-card__summary">{esc(case.summary)}</span></li>'
    )


def case_list(cases, here: str, urls: Urls) -> str:
    if not cases:
        return '<p class="cb-empty">暂无案例。</p>'
    items = "\n".join(case_card(c, here, urls) for c in cases)
    return raw(f'<ul class="cb-cards">\n{items}\n</ul>')


def front_matter(**meta) -> str:
    """Front matter for a generated page, written as JSON, which YAML reads as a flow mapping:
    it quotes whatever needs it, as yaml.safe_dump did at a twentieth of the time."""
    clean = {k: v for k, v in meta.items() if v not in (None, [], ())}
    text = json.dumps(clean, ensure_ascii=False).translate(_YAML_BREAKS)  # YAML folds these inside quotes
    return "---\n" + text + "\n---\n\n"


_YAML_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def qr_svg(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG (segno), to be scanned from a screen or paper."""
    import segno

    return Markup(segno.make(url, error="m").svg_inline(scale=2, border=2, svgclass="qr-code", lineclass=None,
                                                        omitsize=True))
