"""Data out: every case's metadata as JSON or CSV (the site publishes both under data/), and counts.

The columns are the declaration's ``export`` list: a field's value (a place as one column per level,
lists as lists in JSON), ``slug`` and ``page``. The CSV is UTF-8 with a BOM, so Excel on a Chinese
Windows opens it without garbling; list fields are joined as the interface language lists words, and
sources and metrics are written out in words.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata

from casebook.declare import fields as kinds
from casebook.i18n import t, tn
from casebook.model.case import Case, Metric, Source
from casebook.model.facets import values_of
from casebook.render.urls import PUBLIC

JSON_FILE = "data/cases.json"
CSV_FILE = "data/cases.csv"


def source_text(s: Source) -> str:
    sep = t("sources.separator")
    parts = [t("sources.quoted", title=s.title), s.publisher] + ([s.date.isoformat()] if s.date else []) \
        + ([s.url] if s.url else [])
    return sep.join(parts) + (t("export.source.note", note=s.note) if s.note else "")


def metric_text(m: Metric) -> str:
    return m.text + (t("export.metric.source", n=m.source) if m.source else "")


def _plain(value):
    """A validated value as JSON holds it."""
    if isinstance(value, Source):
        return source_text(value)
    if isinstance(value, Metric):
        return metric_text(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):  # a record of the library's own
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return "" if value is None else value


def columns(declaration, places) -> dict:
    """column name → value for one case, in the declaration's order."""
    out = {}
    for name in declaration.export:
        if name == "slug":
            out[name] = lambda c: c.slug
        elif name == "page":
            out[name] = lambda c: PUBLIC.page(c.url)
        elif isinstance(declaration.fields[name].kind, kinds.Place):
            for depth, level in enumerate(places.levels):
                out[level.key] = lambda c, n=name, d=depth: (c.value(n).names[d] if c.value(n) else None) or ""
        else:
            out[name] = lambda c, n=name: _plain(c.value(n))
    return out


def records(library, cases: list[Case]) -> list[dict]:
    cols = columns(library.declaration, library.places)
    return [{name: get(c) for name, get in cols.items()} for c in cases]


def to_json(library, cases: list[Case]) -> str:
    return json.dumps(records(library, cases), ensure_ascii=False, indent=1) + "\n"


def _cell(value, records: bool) -> str:
    """A value in one CSV cell: a list joined (records, which hold the list separator themselves, with
    their own), a record of the library's own as key=value pairs."""
    if isinstance(value, list):
        sep = t("export.records.separator") if records else t("list.separator")
        return sep.join(_cell(v, False) for v in value)
    if isinstance(value, dict):
        return t("list.separator").join(f"{k}={_cell(v, False)}" for k, v in value.items())
    return str(value)


def to_csv(library, cases: list[Case]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    declaration = library.declaration
    cols = columns(declaration, library.places)
    record_lists = {name for name in cols if name in declaration.fields
                and isinstance(declaration.fields[name].kind, kinds.Records)}
    writer.writerow(cols)
    for c in cases:
        writer.writerow(_cell(get(c), name in record_lists) for name, get in cols.items())
    return "\ufeff" + out.getvalue()


def counts(library, cases: list[Case]) -> dict[str, dict[str, int]]:
    """Cases per value of each facet the declaration counts (a case counts once in each of its values)."""
    declaration = library.declaration
    out = {}
    for key in declaration.counts:
        facet, held = declaration.facet(key), values_of(declaration, key)
        tally: dict[str, int] = {}
        for case in cases:
            for value in held(case):
                tally[value] = tally.get(value, 0) + 1
        out[declaration.facet_label(facet)] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def stats_text(library, cases: list[Case]) -> str:
    lines = [tn("stats.text.total", len(cases))]
    for title, tally in counts(library, cases).items():
        lines.append("\n" + t("stats.text.by", what=title))
        width = max((_width(v) for v in tally), default=0)
        wide = any(_width(v) > len(v) for v in tally)
        for value, n in tally.items():
            pad = width - _width(value)
            # in a column of Chinese values, a full-width space where a character is missing
            lines.append(f"  {value}{'　' * (pad // 2)}{' ' * (pad % 2)}  {n}" if wide else f"  {value}{' ' * pad}  {n}")
    return "\n".join(lines) + "\n"
