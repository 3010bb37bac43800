"""Data out: every case's metadata as JSON or CSV (the site publishes both under data/), and counts.

The CSV is UTF-8 with a BOM, so Excel on a Chinese Windows opens it without garbling; list fields
are joined with 、 and sources and metrics written out in words.
"""

from __future__ import annotations

import csv
import io
import json

from casebook.model.facets import FIELDS
from casebook.model.case import Case
from casebook.render.urls import PUBLIC

JSON_FILE = "data/cases.json"
CSV_FILE = "data/cases.csv"


def _source(s) -> str:
    parts = [f"《{s.title}》", s.publisher] + ([s.date.isoformat()] if s.date else []) + ([s.url] if s.url else [])
    return "，".join(parts) + (f"（说明：{s.note}）" if s.note else "")


# One table of what is exported: column name → value for one case (lists stay lists in JSON).
COLUMNS = {
    "slug": lambda c: c.slug,
    "title": lambda c: c.title,
    "summary": lambda c: c.summary,
    "province": lambda c: c.region.province,
    "city": lambda c: c.region.city or "",
    "county": lambda c: c.region.county or "",
    "scope": lambda c: c.scope,
    "stages": lambda c: list(c.stages),
    "topics": lambda c: list(c.topics),
    "tags": lambda c: list(c.tags),
    "brand": lambda c: c.brand or "",
    "organization": lambda c: c.organization,
    "date": lambda c: c.date.isoformat(),
    "sources": lambda c: [_source(s) for s in c.sources],
    "metrics": lambda c: [m.text + (f"〔来源{m.source}〕" if m.source else "") for m in c.metrics],
    "kind": lambda c: c.kind,
    "page": lambda c: PUBLIC.page(c.url),
}


def records(cases: list[Case]) -> list[dict]:
    return [{name: get(c) for name, get in COLUMNS.items()} for c in cases]


def to_json(cases: list[Case]) -> str:
    return json.dumps(records(cases), ensure_ascii=False, indent=1) + "\n"


def to_csv(cases: list[Case]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in records(cases):
        writer.writerow(LIST_SEPARATORS.get(name, "、").join(v) if isinstance(v, list) else v for name, v in row.items())
    return "\ufeff" + out.getvalue()


LIST_SEPARATORS = {"sources": "；", "metrics": "；"}  # their items hold 、 and ， themselves


def counts(cases: list[Case]) -> dict[str, dict[str, int]]:
    """Cases per province, topic, stage and year (a case counts once in each of its values)."""
    out = {}
    for key in ("province", "topic", "stage", "year", "kind"):
        title, values_of = FIELDS[key]
        tally: dict[str, int] = {}
        for case in cases:
            for value in values_of(case):
                tally[value] = tally.get(value, 0) + 1
        out[title] = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def stats_text(cases: list[Case]) -> str:
    lines = [f"共 {len(cases)} 个案例"]
    for title, tally in counts(cases).items():
        lines.append(f"\n按{title}：")
        width = max((len(v) for v in tally), default=0)
        lines += [f"  {value}{'　' * (width - len(value))}  {n}" for value, n in tally.items()]
    return "\n".join(lines) + "\n"
