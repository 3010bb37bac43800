"""The kinds of field a library can declare, and what each kind may hold.

A library's declaration (casebook.yml, read by declaration.py) names its fields and gives each a kind
with its limits. The validator checks each value by its kind, the JSON Schema is generated from the
same objects, and the site, the bundles and the exports read the validated values by field name. Two
record kinds are built in, with their own sub-fields, for any library that declares them: sources
(title, publisher, date, address, note) and metrics (label, value, unit, result or target, source).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casebook.i18n import t

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STATUSES = ("published", "draft")  # draft: shown by `mkdocs serve` with a badge, left out of builds


@dataclass(frozen=True)
class Text:
    lo: int
    hi: int
    numbers: bool = False  # brand: 333 is a name written as a number; kept as written
    join_lines: bool = False  # folded YAML text: no space where a line between Chinese characters was


@dataclass(frozen=True)
class Number:
    lo: float | None = None  # the smallest value allowed (a count is never negative)
    hi: float | None = None  # the largest: past it, a bigger unit (万、亿) says the same thing
    integer: bool = False


@dataclass(frozen=True)
class Date:
    earliest: dt.date | None = None  # dates before this are typing mistakes; none may be in the future


@dataclass(frozen=True)
class Url:
    pass


@dataclass(frozen=True)
class Image:
    pass


@dataclass(frozen=True)
class Option:
    """One value of a fixed choice: what it means, and how a case holding it is marked."""
    value: str
    description: str = ""
    badge: str = ""  # shown on the case's cards and in its facts block (工作方案)
    note: str = ""  # shown at the top of the case's page


@dataclass(frozen=True)
class Choice:
    """One word: from a vocabulary, or from fixed options."""
    vocabulary: str | None = None
    options: tuple = ()  # of Option
    default: str | None = None
    values_help: str = ""  # said after the allowed values when a value is not one of them

    @property
    def values(self) -> tuple:
        return tuple(o.value for o in self.options)

    def option(self, value) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Terms:
    """A list of words from one vocabulary."""
    vocabulary: str
    lo: int = 0
    hi: int | None = None  # None: at most every word of the vocabulary


@dataclass(frozen=True)
class Slugs:
    """Other cases of the library, by slug."""


@dataclass(frozen=True)
class Place:
    """A place from the library's hierarchy of places, one name per level."""


@dataclass(frozen=True)
class SourceRef:
    """The number of an item in the case's own sources list, counting from 1."""


@dataclass(frozen=True)
class Status:
    """published (the default) or draft: previewed, never built or bundled."""


@dataclass(frozen=True)
class Record:
    fields: dict  # name -> Field, in order

    @property
    def required(self) -> tuple:
        return tuple(name for name, f in self.fields.items() if f.required)


@dataclass(frozen=True)
class Records:
    item: Record
    lo: int = 0
    hi: int | None = None
    built_in: str = ""  # "sources" or "metrics": the records the site knows how to show


@dataclass(frozen=True)
class Field:
    name: str
    kind: object
    required: bool = False
    label: str = ""  # what readers see (a facts row, a filter, a column)
    what: str = ""  # what contributors' messages call it (defaults to the label)
    hint: str = ""  # what a "missing" message says the field is
    help: str = ""  # a sentence for contributors (`casebook new`, the reference)
    example: object = None
    default: object = None
    role: str = ""  # title, summary, date, place, sources, metrics, related, cover
    import_labels: tuple = ()  # labelled lines of a Word document that fill this field (报送单位：…)
    ask: bool = False  # `casebook new` asks for it
    badge: bool = False  # its value is shown as a badge on cards
    tag_index: bool = False  # Material's tag index lists its values

    def __post_init__(self):
        if not self.what:
            object.__setattr__(self, "what", self.label or self.name)
        if not self.hint and isinstance(self.kind, Text):
            object.__setattr__(self, "hint", t("field.hint.text", what=self.what, lo=self.kind.lo, hi=self.kind.hi))

    def named(self) -> str:
        """What a missing key of a record is, for the "missing" message: a text with an example names it."""
        if isinstance(self.kind, Text):
            return t("field.named.example", what=self.what, example=self.example) if self.example else self.what
        return self.hint or self.what


def source_record() -> Records:
    """The built-in sources: where a case's facts come from, each with how it was obtained."""
    return Records(Record({
        "title": Field("title", Text(2, 200), True, t("sources.title")),
        "publisher": Field("publisher", Text(2, 200), True, t("sources.publisher")),
        "date": Field("date", Date(), label=t("sources.date")),
        "url": Field("url", Url(), label=t("sources.url")),
        # how the source was obtained, or what was inferred from it
        "note": Field("note", Text(2, 100), label=t("sources.note"), example=t("sources.note.example")),
    }), lo=1, built_in="sources")


def metric_types() -> tuple[str, str]:
    """The words a metric's ``type`` may be, in the interface language: a result, or a target."""
    return t("metrics.type.result"), t("metrics.type.target")


def metric_record(hi: int | None = None) -> Records:
    """The built-in metrics: key figures, each a result or a target, each pointing at its source."""
    result, target = metric_types()
    return Records(Record({
        "label": Field("label", Text(2, 40), True, t("metrics.label")),
        "value": Field("value", Number(0, 10 ** 12), True, t("metrics.value")),
        "unit": Field("unit", Text(1, 10), True, t("metrics.unit"), example=t("metrics.unit.example")),
        "type": Field("type", Choice(options=(Option(result), Option(target)), default=result,
                                     values_help=t("metrics.type.help")), label=t("metrics.type")),
        "source": Field("source", SourceRef(), label=t("metrics.source")),
    }), hi=hi, built_in="metrics")


def with_limits(records: Records, limits: dict) -> Records:
    """Built-in records with other length limits for their text fields: {label: (2, 90)} (an English
    label needs more characters than a Chinese one)."""
    import dataclasses

    changed = {}
    for name, f in records.item.fields.items():
        if name in limits and isinstance(f.kind, Text):
            lo, hi = limits[name]
            changed[name] = dataclasses.replace(f, kind=dataclasses.replace(f.kind, lo=lo, hi=hi), hint="")
        else:
            changed[name] = f
    return dataclasses.replace(records, item=Record(changed))


@dataclass(frozen=True)
class Section:
    """A ## section of the body: the template's and `casebook new`'s, with the hint they show."""
    name: str
    hint: str = ""
    required: bool = False
    aliases: tuple = ()  # what Word write-ups call it instead (imports rename them)
