"""The gallery (cases/): a plain list for everyone, and compact data for the filter app.

The data ships as a script file (assets/casebook/cases.js) so the gallery works
from file:// with no fetch. Each case is one short array that points into the
facet value lists, keeping the per-case payload small at 10,000 cases.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from casebook.declare import fields as kinds
from casebook.i18n import N_, language, list_text, template
from casebook.model.case import Case
from casebook.model.facets import values_of
from casebook.render.context import Context
from casebook.render.templating import long_date

PAGE = "cases/index.md"
DATA_FILE = "assets/casebook/cases.js"
PIECE_FILE = "assets/casebook/cases-{}.js"
PIECE_SIZE = 100  # cases per piece of card text: a first view of 30 cards loads one piece
PLAIN_LIMIT = 50  # cases in the list shown without JavaScript; the listing pages have them all
APP_FILE = "assets/casebook/gallery.js"
ENGINE_FILE = "assets/casebook/search-engine.js"
SEARCH_INDEX = "search/search_index"  # .json online, .js (Material's offline copy) from file://
SUMMARY_CHARS = {"zh": 60, "en": 140}  # of a card's first sentence: about two lines of a card in either script
CARD_FIELDS = ("slug", "title", "meta", "summary", "cover", "badges")
# the gallery app's words (gallery.js reads them as M.<name>, fills {placeholders} itself)
JS_MESSAGES = (N_("js.gallery.unknown"), N_("js.gallery.unknown_guess"), N_("js.gallery.sort_date"),
               N_("js.gallery.sort_title"), N_("js.gallery.clear"), N_("js.gallery.find_in"), N_("js.gallery.find"),
               N_("js.gallery.fold"), N_("js.gallery.show_all"), N_("js.gallery.form"), N_("js.gallery.keyword"),
               N_("js.gallery.sort"), N_("js.gallery.more"), N_("js.gallery.empty"), N_("js.gallery.results"),
               N_("js.gallery.index_failed"), N_("js.gallery.index_loading"), N_("js.gallery.missing"),
               N_("js.gallery.separator"), N_("js.gallery.filters_chosen"), N_("js.gallery.filters"),
               N_("js.gallery.cases_failed"), N_("js.gallery.loading"), N_("js.gallery.count_all"),
               N_("js.gallery.count_some"), N_("js.gallery.more_left"))


def first_line(summary: str, language: str = "zh") -> str:
    """The summary's first sentence, cut to the language's SUMMARY_CHARS characters."""
    sentence = re.split(r"(?<=[。！？；])|(?<=[.!?;])\s", summary, maxsplit=1)[0]
    limit = SUMMARY_CHARS[language]
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


@lru_cache(maxsize=None)  # a preview session re-sorts the same titles on every save
def title_key(title: str, language: str) -> str:
    """How titles sort: by pinyin in Chinese, by their letters otherwise."""
    if language == "zh":
        return " ".join(lazy_pinyin(title, style=Style.TONE3))
    return title.casefold()


def gallery_data(ctx: Context, cases: list[Case]) -> dict:
    """The index: facet values, and per case (newest first) the numbers the filters and sorting use:
    each facet's value index (a list for a many-valued field), then the title's rank."""
    facets = ctx.facets
    keys = list(facets)
    values = {key: list(facets[key].used()) for key in keys}
    index = {key: {v: i for i, v in enumerate(vals)} for key, vals in values.items()}
    getters = {key: values_of(ctx.declaration, key) for key in keys}
    many = {key: _many(ctx, key) for key in keys}
    by_title = {c.slug: rank for rank, c in enumerate(sorted(cases, key=lambda c: (title_key(c.title, language()), c.slug)))}
    sample = ctx.urls.link(PAGE, "cases/x.md")  # "x/" or "x.html": the app adds slugs around it
    rows = []
    for c in cases:
        row = []
        for key in keys:
            held = [index[key][v] for v in getters[key](c)]
            row.append(held if many[key] else (held[0] if held else -1))
        row.append(by_title[c.slug])
        rows.append(row)
    return {
        "card_fields": list(CARD_FIELDS),
        "facets": [{"key": k, "title": facets[k].title, "values": values[k]} for k in keys],
        "url": sample.split("x", 1),
        "search": ctx.urls.asset(PAGE, SEARCH_INDEX),
        "pieces": {"size": PIECE_SIZE, "count": len(pieces_of(cases)),
                   "base": ctx.urls.asset(PAGE, PIECE_FILE.format(0)).rsplit("0.js", 1)[0]},
        "placeholder": ctx.declaration.gallery_placeholder or ctx.joiner.join(
            ctx.declaration.fields[n].label for n in ctx.declaration.search if n in ctx.declaration.fields),
        "messages": {key.rsplit(".", 1)[1]: template(key) for key in JS_MESSAGES},
        "cases": rows,
    }


def _many(ctx: Context, key: str) -> bool:
    field = ctx.declaration.fields[ctx.declaration.facet(key).field]
    return isinstance(field.kind, (kinds.Terms, kinds.Slugs))


def card_row(ctx: Context, c: Case) -> list:
    card = ctx.card(c, PAGE, ctx.declaration.card.gallery_meta, html=False)
    meta = " · ".join(g.joiner.join(p.text for p in g.parts) for g in card.meta)
    return [c.slug, c.title, meta, first_line(c.summary, language()), f"_media/{c.cover}" if c.cover else "",
            [[b.cls, b.text] for b in card.badges]]


def pieces_of(cases: list[Case]) -> list[list[Case]]:
    return [cases[i:i + PIECE_SIZE] for i in range(0, len(cases), PIECE_SIZE)]


def gallery_pieces(ctx: Context, cases: list[Case]) -> dict[str, str]:
    """{site path: script} for each piece of card text, in the index's order."""
    return {PIECE_FILE.format(k): f"window.CASEBOOK_PIECE({k},{_json([card_row(ctx, c) for c in piece])});\n"
            for k, piece in enumerate(pieces_of(cases))}


def _json(data) -> str:
    # JSON inside a script: escape "<" so no "</script>" or "<!--" can appear in it
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def gallery_script(data: dict) -> str:
    return f"window.CASEBOOK_GALLERY={_json(data)};\n"


def gallery_page(ctx: Context, cases: list[Case]) -> str:
    declaration = ctx.declaration
    items = [{"href": ctx.urls.link(PAGE, c.url), "title": c.title,
              "meta": " · ".join(x for x in (c.place.label if c.place else "", long_date(c.date)) if x)}
             for c in cases[:PLAIN_LIMIT]]
    browse = [{"href": ctx.urls.link(PAGE, f"{b.folder}/index.md"), "title": ctx.facets[b.facet].title}
              for b in sorted(declaration.browse, key=lambda b: declaration.home.entries.index(b.facet)
                              if b.facet in declaration.home.entries else len(declaration.home.entries))]
    return ctx.render("gallery.md.j2", total=len(cases), items=items, rest=len(cases) - PLAIN_LIMIT, limit=PLAIN_LIMIT,
                      browse=browse, facet_list=list_text(f.title for f in ctx.facets.values()),
                      description=declaration.home.cases_description,
                      data=ctx.urls.asset(PAGE, DATA_FILE), app=ctx.urls.asset(PAGE, APP_FILE),
                      engine=ctx.urls.asset(PAGE, ENGINE_FILE))
