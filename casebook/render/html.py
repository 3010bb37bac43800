"""Small HTML helpers: every contributor-supplied string passes through ``esc``."""

from __future__ import annotations

import datetime as dt
import html

from ..model import Case
from ..rawhtml import raw
from .urls import Urls


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def date_cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def case_card(case: Case, here: str, urls: Urls) -> str:
    """One case as a list item: title link, place, date, summary."""
    stages = "、".join(case.stages)
    brand = f'<span class="cb-brand">{esc(case.brand)}</span>' if case.brand else ""
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
    """YAML front matter for a generated page; yaml.safe_dump quotes whatever needs it."""
    import yaml

    clean = {k: v for k, v in meta.items() if v not in (None, [], ())}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"
