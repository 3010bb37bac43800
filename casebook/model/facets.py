"""Group cases by the library's declared facets (the gallery's filters, the browse pages, the statistics,
a bundle's selection): each facet reads one field, and knows its values' order and descriptions."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.declare import fields as kinds
from casebook.model.case import Case
from casebook.model.slugs import unique_slugs


@dataclass
class Facet:
    key: str  # also the gallery's query-string key
    title: str  # 地区, 专题 …
    folder: str | None  # where its listing pages live; None when it has none
    values: dict[str, list[Case]]  # value -> cases (newest first), in display order
    descriptions: dict[str, str] = field(default_factory=dict)
    place: bool = False  # a place's top level: its pages list cases by the levels below

    def __post_init__(self):
        self.slugs = unique_slugs(self.values)

    def page(self, value: str) -> str:
        return f"{self.folder}/{self.slugs[value]}.md"

    @property
    def index(self) -> str:
        return f"{self.folder}/index.md"

    def used(self) -> dict[str, list[Case]]:
        return {v: cs for v, cs in self.values.items() if cs}


def values_of(declaration, key: str):
    """For the facet ``key``: a function giving the values a case holds for it."""
    facet = declaration.facet(key)
    name, kind = facet.field, declaration.fields[facet.field].kind
    if isinstance(kind, kinds.Place):
        level = facet.level - 1
        return lambda c: (c.value(name).names[level],) if c.value(name) and c.value(name).names[level] else ()
    if isinstance(kind, kinds.Date):
        return lambda c: (str(c.value(name).year),) if c.value(name) else ()
    if isinstance(kind, (kinds.Terms, kinds.Slugs)):
        return lambda c: tuple(c.value(name) or ())
    return lambda c: (str(c.value(name)),) if c.value(name) not in (None, "") else ()


def _order(declaration, vocabularies, places, key: str, cases) -> tuple[list[str], dict[str, str]]:
    """A facet's values in display order, and their descriptions."""
    facet = declaration.facet(key)
    kind = declaration.fields[facet.field].kind
    seen = {v for c in cases for v in values_of(declaration, key)(c)}
    if isinstance(kind, (kinds.Terms, kinds.Choice)) and getattr(kind, "vocabulary", None):
        section = vocabularies.section(kind.vocabulary)
        return list(section), dict(section)
    if isinstance(kind, kinds.Choice):
        return list(kind.values), {o.value: o.description for o in kind.options if o.description}
    if isinstance(kind, kinds.Place) and facet.level == 1:
        return sorted(seen, key=lambda name: (places.order(name), name)), {}
    if isinstance(kind, (kinds.Date, kinds.Number)):
        return sorted(seen, reverse=True), {}  # years newest first
    return sorted(seen), {}


def _group(cases, order, values_of) -> dict[str, list[Case]]:
    groups = {value: [] for value in order}
    for case in cases:
        for value in values_of(case):
            groups.setdefault(value, []).append(case)
    return groups


def build_facets(cases: list[Case], library) -> dict[str, Facet]:
    """Every declared facet over ``cases``, keyed by its query-string key, in the declaration's order."""
    declaration = library.declaration
    out = {}
    for facet in declaration.facets:
        order, descriptions = _order(declaration, library.vocabularies, library.places, facet.key, cases)
        browse = declaration.browsed(facet.key)
        kind = declaration.fields[facet.field].kind
        out[facet.key] = Facet(facet.key, declaration.facet_label(facet), browse.folder if browse else None,
                               _group(cases, order, values_of(declaration, facet.key)), descriptions,
                               place=isinstance(kind, kinds.Place) and facet.level == 1)
    return out
