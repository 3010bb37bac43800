"""The JSON Schema of a case file's front matter, generated from the library's declaration (the
validator's own field kinds and limits).

For editors and other tools: it checks shape, lengths, vocabularies and top-level place names. What
needs more than the value (a place inside its parent, dates not in the future, files that exist,
related cases, personal data in text) stays with `casebook validate`, the only judge of a case file.
"""

from __future__ import annotations

import json

from casebook.declare import fields as kinds
from casebook.declare.declaration import Declaration
from casebook.declare.places import Places
from casebook.declare.vocabularies import Vocabularies
from casebook.i18n import t

SCHEMA_FILE = "data/case.schema.json"
NO_ANGLE = r"^[^<>]*$"
IMAGE = r"^(?!/)(?!.*\.\.)(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^\\]+\.(?:[jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP])$"


def _date_pattern(earliest) -> str:
    # years from the earliest allowed one's century (YAML reads an unquoted 2024-06-01 as a date;
    # tools that check YAML see the text it is written as)
    year = rf"{earliest.year // 100}\d{{2}}" if earliest else r"\d{4}"
    return rf"^{year}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"


class _Schema:
    def __init__(self, vocabularies: Vocabularies, places: Places):
        self.vocabularies, self.places = vocabularies, places

    def field(self, field: kinds.Field) -> dict:
        about = {"description": field.help or field.hint or field.what}
        if field.default is not None:
            about["default"] = field.default
        return {**about, **self.kind(field.kind)}

    def kind(self, kind) -> dict:
        if isinstance(kind, kinds.Text):
            text = {"type": "string", "minLength": kind.lo, "maxLength": kind.hi, "pattern": NO_ANGLE}
            # a name written as a number (brand: 333) is read as one and kept as written
            return {"anyOf": [text, {"type": "integer", "minimum": 0}]} if kind.numbers else text
        if isinstance(kind, kinds.Terms):
            words = list(self.vocabularies.section(kind.vocabulary))
            return {"type": "array", "items": {"enum": words}, "uniqueItems": True, "minItems": kind.lo,
                    "maxItems": len(words) if kind.hi is None else kind.hi}
        if isinstance(kind, kinds.Choice):
            values = list(self.vocabularies.section(kind.vocabulary)) if kind.vocabulary else list(kind.values)
            return {"enum": values}
        if isinstance(kind, kinds.Date):
            return {"type": "string", "format": "date", "pattern": _date_pattern(kind.earliest)}
        if isinstance(kind, kinds.Url):
            return {"type": "string", "pattern": r"^https?://[^\s<>\"']+$"}
        if isinstance(kind, kinds.SourceRef):
            return {"type": "integer", "minimum": 1}
        if isinstance(kind, kinds.Number):
            bounds = {k: v for k, v in (("minimum", kind.lo), ("maximum", kind.hi)) if v is not None}
            return {"type": "integer" if kind.integer else "number", **bounds}
        if isinstance(kind, kinds.Place):
            levels = self.places.levels
            props = {level.key: {"description": level.what, "type": "string", "minLength": 1, "pattern": NO_ANGLE}
                     for level in levels}
            if levels:
                props[levels[0].key]["enum"] = list(self.places.top())
            return {"type": "object", "additionalProperties": False, "required": [levels[0].key] if levels else [],
                    "properties": props}
        if isinstance(kind, kinds.Status):
            return {"enum": list(kinds.STATUSES)}
        if isinstance(kind, kinds.Record):
            return {"type": "object", "additionalProperties": False, "required": list(kind.required),
                    "properties": {name: self.field(f) for name, f in kind.fields.items()}}
        if isinstance(kind, kinds.Records):
            out = {"type": "array", "items": self.kind(kind.item), "minItems": kind.lo}
            return {**out, "maxItems": kind.hi} if kind.hi is not None else out
        if isinstance(kind, kinds.Slugs):
            return {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": kinds.SLUG_PATTERN}}
        if isinstance(kind, kinds.Image):
            return {"type": "string", "pattern": IMAGE}
        raise TypeError(f"no schema for {kind!r}")


def case_schema(declaration: Declaration, vocabularies: Vocabularies, places: Places) -> dict:
    """The schema of the declaration's fields, with its vocabularies' terms and its places' top level."""
    make = _Schema(vocabularies, places)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": t("schema.title"),
        "description": t("schema.description"),
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, f in declaration.fields.items() if f.required],
        "properties": {name: make.field(f) for name, f in declaration.fields.items()},
    }


def schema_text(declaration: Declaration, vocabularies: Vocabularies, places: Places) -> str:
    return json.dumps(case_schema(declaration, vocabularies, places), ensure_ascii=False, indent=2) + "\n"
