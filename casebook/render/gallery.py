"""The gallery (案例库, cases/): a plain list for everyone, and compact data for the filter app.

The data ships as a script file (assets/casebook/cases.js) so the gallery works
from file:// with no fetch. Each case is one short array that points into the
facet value lists, keeping the per-case payload small at 10,000 cases.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from casebook.model.facets import Facet
from casebook.model.case import Case
from casebook.render.rawhtml import raw
from casebook.render.html import date_cn, esc, front_matter
from casebook.render.urls import Urls

PAGE = "cases/index.md"
DATA_FILE = "assets/casebook/cases.js"
PIECE_FILE = "assets/casebook/cases-{}.js"
PIECE_SIZE = 100  # cases per piece of card text: a first view of 30 cards loads one piece
PLAIN_LIMIT = 50  # cases in the list shown without JavaScript; the listing pages have them all
APP_FILE = "assets/casebook/gallery.js"
ENGINE_FILE = "assets/casebook/search-engine.js"
SEARCH_INDEX = "search/search_index"  # .json online, .js (Material's offline copy) from file://
FACET_KEYS = ("province", "scope", "stage", "topic", "tag", "year", "kind")  # also the URL query keys
SUMMARY_CHARS = 60


def first_line(summary: str) -> str:
    """The summary's first sentence, cut to SUMMARY_CHARS characters."""
    sentence = re.split(r"(?<=[。！？；])", summary, maxsplit=1)[0]
    return sentence if len(sentence) <= SUMMARY_CHARS else sentence[: SUMMARY_CHARS - 1] + "…"


@lru_cache(maxsize=None)  # a preview session re-sorts the same titles on every save
def pinyin_key(title: str) -> str:
    return " ".join(lazy_pinyin(title, style=Style.TONE3))


def gallery_data(cases: list[Case], facets: dict[str, Facet], urls: Urls) -> dict:
    """The index: facet values, and per case (newest first) the numbers the filters and sorting use."""
    values = {key: list(facets[key].used()) for key in FACET_KEYS}
    index = {key: {v: i for i, v in enumerate(vals)} for key, vals in values.items()}
    by_pinyin = {c.slug: rank for rank, c in enumerate(sorted(cases, key=lambda c: (pinyin_key(c.title), c.slug)))}
    sample = urls.link(PAGE, "cases/x.md")  # "x/" or "x.html": the app adds slugs around it
    rows = [[index["province"][c.region.province], index["scope"][c.scope], [index["stage"][s] for s in c.stages],
             [index["topic"][t] for t in c.topics], [index["tag"][t] for t in c.tags], index["year"][str(c.date.year)],
             by_pinyin[c.slug], index["kind"][c.kind]] for c in cases]
    return {
        "fields": ["province", "scope", "stages", "topics", "tags", "year", "pinyin", "kind"],
        "card_fields": list(CARD_FIELDS),
        "facets": [{"key": k, "title": facets[k].title, "values": values[k]} for k in FACET_KEYS],
        "url": sample.split("x", 1),
        "search": urls.asset(PAGE, SEARCH_INDEX),
        "pieces": {"size": PIECE_SIZE, "count": len(pieces_of(cases)),
                   "base": urls.asset(PAGE, PIECE_FILE.format(0)).rsplit("0.js", 1)[0]},
        "cases": rows,
    }


CARD_FIELDS = ("slug", "title", "place", "date", "brand", "organization", "summary", "cover")


def card_row(c: Case) -> list:
    return [c.slug, c.title, "".join(p for p in (c.region.city, c.region.county) if p), c.date.isoformat(),
            c.brand or "", c.organization, first_line(c.summary), f"_media/{c.cover}" if c.cover else ""]


def pieces_of(cases: list[Case]) -> list[list[Case]]:
    return [cases[i:i + PIECE_SIZE] for i in range(0, len(cases), PIECE_SIZE)]


def gallery_pieces(cases: list[Case]) -> dict[str, str]:
    """{site path: script} for each piece of card text, in the index's order."""
    return {PIECE_FILE.format(k): f"window.CASEBOOK_PIECE({k},{_json([card_row(c) for c in piece])});\n"
            for k, piece in enumerate(pieces_of(cases))}


def _json(data) -> str:
    # JSON inside a script: escape "<" so no "</script>" or "<!--" can appear in it
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def gallery_script(data: dict) -> str:
    return f"window.CASEBOOK_GALLERY={_json(data)};\n"


def gallery_page(cases: list[Case], urls: Urls) -> str:
    items = "\n".join(
        f'<li><a href="{esc(urls.link(PAGE, c.url))}">{esc(c.title)}</a>'
        f'<span class="cb-plain__meta">{esc(c.region.label)} · {date_cn(c.date)}</span></li>'
        for c in cases[:PLAIN_LIMIT]
    )
    rest = len(cases) - PLAIN_LIMIT
    browse = "、".join(f'<a href="{esc(urls.link(PAGE, f"{folder}/index.md"))}">{name}</a>'
                       for folder, name in (("topics", "专题"), ("provinces", "地区"), ("stages", "学段")))
    more = (f'<p class="cb-plain__more" id="cb-plain-more">以上是最新的 {PLAIN_LIMIT} 个案例，另有 {rest} 个：'
            f'可按{browse}浏览全部案例。</p>\n') if rest > 0 else ""
    data, app, engine = urls.asset(PAGE, DATA_FILE), urls.asset(PAGE, APP_FILE), urls.asset(PAGE, ENGINE_FILE)
    return (
        front_matter(title="案例库", description=f"全部 {len(cases)} 个中小学党建与德育案例，可按地区、层级、学段、专题、标签、年份和类型筛选",
                     search={"exclude": True}, hide=["navigation", "toc"])
        + f'<div class="cb-gallery" id="cb-gallery" data-total="{len(cases)}">\n'
        f'<p class="cb-gallery__intro">共 {len(cases)} 个案例，按来源日期从新到旧排列。</p>\n'
        + raw(f'<ul class="cb-plain" id="cb-plain">\n{items}\n</ul>\n{more}') + '\n</div>\n\n'
        f'<script src="{esc(data)}"></script>\n<script src="{esc(engine)}"></script>\n'
        f'<script src="{esc(app)}"></script>\n'
    )
