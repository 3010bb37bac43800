"""What every page of one site is rendered with, and the small views pages share: a case's card, the
text of a field, a place with its links. The declaration says which fields a card, a facts block or a
listing shows; the markup is in the templates (templates/), never here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from casebook.declare import fields as kinds
from casebook.i18n import t
from casebook.model.case import Case
from casebook.model.edition import Edition
from casebook.model.facets import Facet
from casebook.render import templating
from casebook.render.urls import Urls


@dataclass(frozen=True)
class Part:
    """A piece of a line: its text, and where it links (or None), or the ISO date it is (or None)."""
    text: str
    href: str | None = None
    datetime: str | None = None


@dataclass(frozen=True)
class Group:
    """A field's value as parts of a line, and what stands between them (、, or nothing in 吉林省长春市)."""
    parts: tuple
    joiner: str
    badge = None  # a facts row holds a value group or a badge (case_page.Row)

    def __bool__(self):
        return bool(self.parts)


@dataclass(frozen=True)
class Badge:
    cls: str  # cb-badge (a text field's value), cb-mark (a choice value's badge)
    text: str


@dataclass(frozen=True)
class Card:
    href: str
    title: str
    badges: tuple
    meta: tuple  # of Group: one per field, joined by " · "
    summary: str
    html: str = ""  # the card rendered by the card macro (the library's own, when it has one)


class Context:
    def __init__(self, library, facets: dict[str, Facet], urls: Urls, edition: Edition = Edition(),
                 tags_property: str = ""):
        self.library, self.facets, self.urls, self.edition = library, facets, urls, edition
        # the page meta Material's tags plugin reads (its tags_name_property), given by the MkDocs adapter
        self.tags_property = tags_property
        self.declaration = library.declaration
        self.overrides = str(library.root / "templates")
        self.joiner = t("list.separator")
        # a case's card is the same on every page but for its link: its parts are made once per case,
        # its HTML once per link (the pages of one folder depth share it); a thousand cases' listings
        # drew twelve thousand cards
        self._card_parts: dict = {}
        self._card_html: dict = {}
        self._group_html: dict = {}

    def render(self, name: str, **values) -> str:
        return templating.render(name, self.overrides, ctx=self, **values)

    # --- fields as readers see them --------------------------------------------------------------

    def facet_on(self, field_name: str, level: int = 1) -> Facet | None:
        """The facet that browses a field (a place's top level), if it has pages."""
        for facet in self.declaration.facets:
            if facet.field == field_name and facet.level == level and self.facets[facet.key].folder:
                return self.facets[facet.key]
        return None

    def place_parts(self, case: Case, field: kinds.Field, here: str) -> Group:
        """A place, its top level linked to its page: 吉林省(link)长春市, or Fenholt, Northmarch(link)."""
        place, places = case.value(field.name), self.library.places
        facet = self.facet_on(field.name)
        top = Part(place.top, self.urls.link(here, facet.page(place.top)) if facet else None)
        parts = [top, *(Part(name) for name in place.below_top())]
        return Group(tuple(reversed(parts)) if places.bottom_up else tuple(parts), places.joiner)

    def value_parts(self, case: Case, name: str, here: str, links: bool = True) -> Group:
        """A field's value as parts of a line, linked to browse pages (and the tag index) where they exist."""
        field = self.declaration.fields[name]
        value, kind = case.value(name), field.kind
        if value in (None, "", ()):
            return Group((), "")
        if isinstance(kind, kinds.Place):
            return self.place_parts(case, field, here) if links else Group((Part(value.label),), "")
        if isinstance(kind, kinds.Date):
            return Group((Part(templating.long_date(value), datetime=value.isoformat()),), "")
        if isinstance(kind, kinds.Record):
            return Group((Part(self.record_text(kind, value)),), "")
        if isinstance(kind, kinds.Records):
            return Group(tuple(Part(self.record_text(kind.item, item)) for item in value), t("list.records.separator"))
        values = value if isinstance(value, tuple) else (value,)
        facet = self.facet_on(name) if links else None
        if facet:
            return Group(tuple(Part(v, self.urls.link(here, facet.page(v))) for v in values), self.joiner)
        if links and field.tag_index and self.tags_property:
            index = f"{self.declaration.tag_folder}/index.md"
            return Group(tuple(Part(v, self.urls.link(here, index, tag_anchor(v))) for v in values), self.joiner)
        return Group(tuple(Part(str(v)) for v in values), self.joiner)

    def text(self, case: Case, name: str) -> str:
        """A field's value as plain text (a place as one label, a list joined)."""
        return self.value_text(self.declaration.fields[name], case.value(name))

    def value_text(self, field: kinds.Field, value) -> str:
        if value in (None, "", ()):
            return ""
        if isinstance(field.kind, kinds.Place):
            return value.label
        if isinstance(field.kind, kinds.Date):
            return templating.long_date(value)
        if isinstance(field.kind, kinds.Record):
            return self.record_text(field.kind, value)
        if isinstance(field.kind, kinds.Records):
            return t("list.records.separator").join(self.record_text(field.kind.item, item) for item in value)
        return self.joiner.join(map(str, value)) if isinstance(value, tuple) else str(value)

    def record_text(self, kind: kinds.Record, value: dict) -> str:
        """A record on a line: each sub-field it has as "label: value", in the declaration's order."""
        return t("list.record.separator").join(
            t("list.record.pair", label=field.label or name, value=self.value_text(field, value[name]))
            for name, field in kind.fields.items() if value.get(name) not in (None, "", ()))

    def badges(self, case: Case, names) -> tuple:
        """A text field shown as a badge (its value), a choice whose value has one (工作方案)."""
        out = []
        for name in names:
            field, value = self.declaration.fields[name], case.value(name)
            if isinstance(field.kind, kinds.Choice):
                option = field.kind.option(value)
                if option and option.badge:
                    out.append(Badge("cb-mark", option.badge))
            elif value not in (None, ""):
                out.append(Badge("cb-badge", str(value)))
        return tuple(out)

    def notes(self, case: Case) -> tuple:
        """The notes of the choice values a case holds (这是一份工作方案：…), shown on its page."""
        out = []
        for field in self.declaration.fields.values():
            if isinstance(field.kind, kinds.Choice):
                option = field.kind.option(case.value(field.name))
                if option and option.note:
                    out.append(option.note)
        return tuple(out)

    def group_html(self, group: Group):
        """A value group as the library's group macro writes it, once per distinct group: the facts
        blocks of a thousand case pages repeat the same linked provinces, stages and topics."""
        html = self._group_html.get(group)
        if html is None:
            html = self._group_html[group] = templating.macro(self.overrides, "group")(group)
        return html

    def card(self, case: Case, here: str, meta=None, html: bool = True) -> Card:
        """``html``: also the card's HTML (the gallery's script wants only its parts)."""
        names = tuple(meta if meta is not None else self.declaration.card.meta)
        parts = self._card_parts.get((case.path, names))
        if parts is None:  # (links=False: the parts do not depend on the page)
            groups = tuple(g for g in (self.value_parts(case, n, here, links=False) for n in names) if g)
            parts = self._card_parts[(case.path, names)] = (self.badges(case, self.declaration.card.badges), groups)
        href = self.urls.link(here, case.url)
        if not html:
            return Card(href, case.title, parts[0], parts[1], case.summary)
        markup = self._card_html.get((case.path, names, href))
        if markup is None:
            card = Card(href, case.title, parts[0], parts[1], case.summary)
            markup = self._card_html[(case.path, names, href)] = templating.macro(self.overrides, "card")(card)
        return Card(href, case.title, parts[0], parts[1], case.summary, markup)


@lru_cache(maxsize=4096)
def tag_anchor(tag: str) -> str:
    """The anchor Material's tags plugin gives a tag in the tag index (its default slugify, lower case)."""
    from pymdownx.slugs import slugify

    return "tag:" + slugify(case="lower")(tag, "-")
