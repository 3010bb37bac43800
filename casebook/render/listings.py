"""Overview pages: home, the browse pages (one index plus one page per facet value), the tag index."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.i18n import t, tn
from casebook.model.case import Case
from casebook.model.edition import BundleInfo
from casebook.model.facets import Facet
from casebook.render.context import Context
from casebook.render.templating import long_date

LATEST_ON_HOME = 6
ALL_ON_BUNDLE_HOME = 30  # a training bundle's home lists all its cases up to this many


def facet_index(ctx: Context, facet: Facet, intro: str) -> str:
    here = facet.index
    rows = [{"href": ctx.urls.link(here, facet.page(value)), "value": value, "count": len(cases),
             "description": facet.descriptions.get(value, "")} for value, cases in facet.used().items()]
    return ctx.render("facet_index.md.j2", facet=facet, intro=intro, rows=rows)


@dataclass
class PlaceGroup:
    name: str
    whole: bool = False  # the cases placed at the top level only
    cards: list = field(default_factory=list)
    subgroups: list = field(default_factory=list)
    count: int = 0


def place_groups(ctx: Context, facet: Facet, cases: list[Case], here: str) -> list[PlaceGroup]:
    """A top-level place's cases, by the levels below it: the top level's own cases first, then each
    second-level place with its own cases and its third-level places. (A 直辖市's districts hang
    straight under it: they are listed as its cities.)"""
    name = ctx.declaration.facet(facet.key).field
    grouped: dict[str, dict[str, list[Case]]] = {}
    for case in cases:
        below = case.value(name).below_top()
        grouped.setdefault(below[0] if below else "", {}).setdefault(below[1] if len(below) > 1 else "", []).append(case)
    out = []
    if "" in grouped:
        out.append(PlaceGroup(ctx.library.places.whole(), True, [ctx.card(c, here) for c in grouped.pop("")[""]]))
    for second in sorted(grouped):
        thirds = grouped[second]
        group = PlaceGroup(second, count=sum(len(v) for v in thirds.values()))
        group.cards = [ctx.card(c, here) for c in thirds.pop("", [])]
        group.subgroups = [PlaceGroup(third, cards=[ctx.card(c, here) for c in thirds[third]]) for third in sorted(thirds)]
        out.append(group)
    return out


def facet_page(ctx: Context, facet: Facet, value: str, cases: list[Case]) -> str:
    here = facet.page(value)
    groups = place_groups(ctx, facet, cases, here) if facet.place else None
    return ctx.render("facet_page.md.j2", facet=facet, value=value, count=len(cases), groups=groups,
                      list=[ctx.card(c, here) for c in cases] if groups is None else [],
                      description=facet.descriptions.get(value), back=ctx.urls.link(here, facet.index))


def bundle_rows(bundle: BundleInfo, count: int) -> list[tuple[str, str]]:
    """What a bundle says about itself: its selection in words, size, the day it was made, the library's version."""
    return [(t("bundle.home.selection"), bundle.selection.describe()), (t("bundle.home.count"), tn("bundle.home.cases", count)),
            (t("bundle.home.made"), long_date(bundle.made)), (t("bundle.home.version"), bundle.version)]


def home_page(ctx: Context, cases: list[Case], featured: list[Case] = (), bundle: BundleInfo | None = None) -> str:
    here = "index.md"
    declaration, facets = ctx.declaration, ctx.facets
    figures = [(len(cases), t("home.figure.cases"))] + [(len(facets[f.facet].used()), f.label) for f in declaration.home.figures]
    entries = []
    for key in declaration.home.entries:
        facet = facets[key]
        entries.append({"title": facet.title, "rows": [(value, ctx.urls.link(here, facet.page(value)), len(members))
                                                         for value, members in facet.used().items()]})
    all_shown = bool(bundle) and len(cases) <= ALL_ON_BUNDLE_HOME
    return ctx.render(
        "home.md.j2", home=declaration.home, bundle=bundle, bundle_rows=bundle_rows(bundle, len(cases)) if bundle else [],
        figures=figures, gallery=ctx.urls.link(here, "cases/index.md"), stats=ctx.urls.link(here, "stats/index.md"),
        featured=[ctx.card(c, here) for c in featured], all_shown=all_shown, total=len(cases),
        latest=[ctx.card(c, here) for c in (cases if all_shown else cases[:LATEST_ON_HOME])], entries=entries)


def tags_page(ctx: Context) -> str:
    return ctx.render("tags.md.j2", field=ctx.declaration.tag_field, vocabularies=ctx.library.vocabularies.rel)
