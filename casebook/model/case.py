"""The validated case: plain data that renderers, indexes and exports read.

A case holds every declared field's value by name (``values``); the fields that play a part the
engine knows (title, summary, date, place, sources, metrics, related, cover, status) are also
attributes, so no stage needs to know what a library calls them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casebook.i18n import t


@dataclass(frozen=True)
class Place:
    names: tuple  # one per level, from the top; None where not given
    label: str = ""  # as the library's places read it: 吉林省长春市, Fenholt, Northmarch
    keys: tuple = ()  # the levels' keys (province, city, county): place.city in a library's template

    def __getattr__(self, name: str):
        keys = self.__dict__.get("keys", ())
        if name in keys:
            return self.names[keys.index(name)]
        raise AttributeError(name)

    @property
    def top(self) -> str:
        return self.names[0]

    @property
    def most_specific(self) -> str:
        """The most specific name given, e.g. 石泉县."""
        return next(n for n in reversed(self.names) if n)

    def below_top(self) -> tuple:
        """The names under the top level that are given (长春市, 南关区)."""
        return tuple(n for n in self.names[1:] if n)


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str
    date: dt.date | None = None
    url: str | None = None
    note: str | None = None  # how it was obtained (a reprint) or what was inferred from it


@dataclass(frozen=True)
class Metric:
    label: str
    value: int | float
    unit: str
    target: bool = False  # a plan's target, never shown as a result
    source: int | None = None  # 1-based number in the case's sources

    @property
    def text(self) -> str:
        """In words, as exports and plain lists write it: 示范校：300所（目标）."""
        return t("metrics.text", label=self.label, value=self.display, unit=self.unit) \
            + (t("metrics.text.target") if self.target else "")

    @property
    def display(self) -> str:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value:,}" if isinstance(value, int) and abs(value) >= 10000 else str(value)


@dataclass(frozen=True)
class Case:
    slug: str
    path: str  # POSIX path relative to the repository root
    values: dict  # field name -> validated value, for every declared field
    title: str
    summary: str
    date: dt.date
    place: Place | None = None
    sources: tuple = ()
    metrics: tuple = ()
    related: tuple = ()
    cover: str | None = None  # POSIX path relative to the cases folder
    status: str = "published"  # or "draft": previewed, never built or bundled
    images: tuple = ()  # local image references in the body, as written (relative to the case file)
    body: str = ""
    body_line: int = 1
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # key -> file line

    def value(self, name: str):
        return self.values.get(name)

    def __getattr__(self, name: str):
        """Every declared field as an attribute too (case.topics in a library's own template)."""
        values = self.__dict__.get("values")
        if values is not None and not name.startswith("_") and name in values:
            return values[name]
        raise AttributeError(name)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def url(self) -> str:
        """Site path of the generated page (Markdown source path in docs/)."""
        return f"cases/{self.slug}.md"

    def __hash__(self):  # values is a dict: a case is known by its file
        return hash((self.slug, self.path))


@dataclass(frozen=True)
class Peek:
    """What the cross-file rules (unique slugs and titles, related targets) read of a case that is not
    in the library: a file outside ``only=``, or one with problems of its own (``valid`` False)."""
    slug: str
    path: str
    title: str
    related: tuple = ()
    lines: dict = field(default_factory=dict)
    valid: bool = True
