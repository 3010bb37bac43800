"""The gallery (案例库, cases/): a plain list for everyone, and compact data for the filter app.

The data ships as a script file (assets/casebook/cases.js) so the gallery works
from file:// with no fetch. Each case is one short array that points into the
facet value lists, keeping the per-case payload small at 10,000 cases.
"""

from __future__ import annotations

import json
import re

from pypinyin import Style, lazy_pinyin

from ..facets import Facet
from ..model import Case
from ..rawhtml import raw
from .html import date_cn, esc, front_matter
from .urls import Urls

PAGE = "cases/index.md"
DATA_FILE = "assets/casebook/cases.js"
APP_FILE = "assets/casebook/gallery.js"
FACET_KEYS = ("province", "scope", "stage", "topic", "tag", "year")  # also the URL query keys
SUMMARY_CHARS = 60


def first_line(summary: str) -> str:
    """The summary's first sentence, cut to SUMMARY_CHARS characters."""
    sentence = re.split(r"(?<=[。！？；])", summary, maxsplit=1)[0]
    return sentence if len(sentence) <= SUMMARY_CHARS else sentence[: SUMMARY_CHARS - 1] + "…"


def pinyin_key(title: str) -> str:
    return " ".join(lazy_pinyin(title, style=Style.TONE3))


def gallery_data(cases: list[Case], facets: dict[str, Facet], urls: Urls) -> dict:
    values = {key: list(facets[key].used()) for key in FACET_KEYS}
    index = {key: {v: i for i, v in enumerate(vals)} for key, vals in values.items()}
    by_pinyin = {c.slug: rank for rank, c in enumerate(sorted(cases, key=lambda c: (pinyin_key(c.title), c.slug)))}
    sample = urls.link(PAGE, "cases/x.md")  # "x/" or "x.html": the app adds slugs around it
    rows = []
    for c in cases:  # cases arrive newest first: the default order
        place = "".join(p for p in (c.region.city, c.region.county) if p)
        rows.append([
            c.slug, c.title, index["province"][c.region.province], place, index["scope"][c.scope],
            [index["stage"][s] for s in c.stages], [index["topic"][t] for t in c.topics],
            [index["tag"][t] for t in c.tags], index["year"][str(c.date.year)], c.date.isoformat(),
            c.brand or "", c.organization, first_line(c.summary), by_pinyin[c.slug],
            f"_media/{c.cover}" if c.cover else "",
        ])
    return {
        "fields": ["slug", "title", "province", "place", "scope", "stages", "topics", "tags", "year", "date",
                   "brand", "organization", "summary", "pinyin", "cover"],
        "facets": [{"key": k, "title": facets[k].title, "values": values[k]} for k in FACET_KEYS],
        "url": sample.split("x", 1),
        "cases": rows,
    }


def gallery_script(data: dict) -> str:
    # JSON inside a script: escape "<" so no "</script>" or "<!--" can appear in it
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.CASEBOOK_GALLERY={payload};\n"


def gallery_page(cases: list[Case], urls: Urls) -> str:
    items = "\n".join(
        f'<li><a href="{esc(urls.link(PAGE, c.url))}">{esc(c.title)}</a>'
        f'<span class="cb-plain__meta">{esc(c.region.label)} · {date_cn(c.date)}</span></li>'
        for c in cases
    )
    data, app = urls.asset(PAGE, DATA_FILE), urls.asset(PAGE, APP_FILE)
    return (
        front_matter(title="案例库", description=f"全部 {len(cases)} 个中小学党建与德育案例，可按地区、层级、学段、专题、标签和年份筛选",
                     search={"exclude": True}, hide=["navigation", "toc"])
        + f'<div class="cb-gallery" id="cb-gallery" data-total="{len(cases)}">\n'
        f'<p class="cb-gallery__intro">共 {len(cases)} 个案例，按来源日期从新到旧排列。</p>\n'
        + raw(f'<ul class="cb-plain" id="cb-plain">\n{items}\n</ul>') + '\n</div>\n\n'
        f'<script src="{esc(data)}"></script>\n<script src="{esc(app)}"></script>\n'
    )
