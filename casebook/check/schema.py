"""The JSON Schema of a case file's front matter, generated from fields.py (the validator's own table).

For editors and other tools: it checks shape, lengths, vocabularies and province names. What needs
more than the value (a city inside its province, dates not in the future, files that exist, related
cases, personal data in text) stays with `casebook validate`, the only judge of a case file.
"""

from __future__ import annotations

import json

from casebook.declare import fields as spec
from casebook.declare.taxonomy import Taxonomy

SCHEMA_FILE = "data/case.schema.json"
NO_ANGLE = r"^[^<>]*$"
# years EARLIEST_YEAR (a century's first year) to the end of that century
DATE = rf"^{spec.EARLIEST_YEAR // 100}\d{{2}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"


def _rule(rule, taxonomy: Taxonomy, provinces) -> dict:
    if isinstance(rule, spec.Text):
        text = {"type": "string", "minLength": rule.lo, "maxLength": rule.hi, "pattern": NO_ANGLE}
        if rule.numbers:  # brand: 333 is read as a number and kept as written
            return {"description": rule.what, "anyOf": [text, {"type": "integer", "minimum": 0}]}
        return {"description": rule.what, **text}
    if isinstance(rule, spec.Terms):
        words = list(taxonomy.section(rule.section))
        out = {"description": rule.what.strip(), "type": "array", "items": {"enum": words},
               "uniqueItems": True, "minItems": rule.lo, "maxItems": len(words) if rule.hi is None else rule.hi}
        return out
    if isinstance(rule, spec.Choice):
        values = list(taxonomy.section(rule.section)) if rule.section else list(rule.values)
        return {"description": rule.what, "enum": values, **({"default": rule.default} if rule.default else {})}
    if isinstance(rule, spec.Date):
        # YAML reads an unquoted 2024-06-01 as a date; tools that check YAML see it as this string
        return {"description": f"{rule.what}（YYYY-MM-DD）", "type": "string", "format": "date", "pattern": DATE}
    if isinstance(rule, spec.Url):
        return {"description": rule.what, "type": "string", "pattern": r"^https?://[^\s<>\"']+$"}
    if isinstance(rule, spec.SourceRef):
        return {"description": rule.what, "type": "integer", "minimum": 1}
    if isinstance(rule, spec.Number):
        bounds = {k: v for k, v in (("minimum", rule.lo), ("maximum", rule.hi)) if v is not None}
        return {"description": rule.what, "type": "number", **bounds}
    if isinstance(rule, spec.Place):
        out = {"description": rule.what, "type": "string", "minLength": 2}
        return {**out, "enum": list(provinces)} if rule.level == "province" else out
    if isinstance(rule, spec.Record):
        return {"description": rule.what, "type": "object", "additionalProperties": False,
                "required": list(rule.required),
                "properties": {key: _rule(r, taxonomy, provinces) for key, r in rule.keys.items()}}
    if isinstance(rule, spec.Records):
        out = {"description": rule.what, "type": "array", "items": _rule(rule.item, taxonomy, provinces),
               "minItems": rule.lo}
        return {**out, "maxItems": rule.hi} if rule.hi is not None else out
    if isinstance(rule, spec.Slugs):
        return {"description": rule.what, "type": "array", "uniqueItems": True,
                "items": {"type": "string", "pattern": spec.SLUG_PATTERN}}
    if isinstance(rule, spec.Image):
        return {"description": f"{rule.what}：相对于案例文件的 .jpg、.jpeg、.png 或 .webp 路径", "type": "string",
                "pattern": r"^(?!/)(?!.*\.\.)(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^\\]+\.(?:[jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP])$"}
    raise TypeError(f"no schema for {rule!r}")


def case_schema(taxonomy: Taxonomy, provinces) -> dict:
    """The schema for ``taxonomy`` (vocabulary enums) and the division table's ``provinces``."""
    required = [key for key, field in spec.FIELDS.items() if field.required]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "casebook 案例文件的 front matter",
        "description": "由 casebook 校验规则生成；最终以 casebook validate 的结果为准。",
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {key: _rule(field.spec, taxonomy, provinces) for key, field in spec.FIELDS.items()},
    }


def schema_text(taxonomy: Taxonomy, provinces) -> str:
    return json.dumps(case_schema(taxonomy, provinces), ensure_ascii=False, indent=2) + "\n"
