"""Parsed front matter + body → a validated Case, or problems for every mistake.

Each declared field is checked by its kind (declare/fields.py): a text's length, a number's range, a
date that exists, a choice or terms from their vocabulary, a place in the library's hierarchy, the
built-in sources and metrics. Every message names the line of the offending key or value and says
what to write instead; every word of it comes from the message catalog (casebook/i18n.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

from casebook.check import personaldata as personal
from casebook.check.safety import body_problems, hidden_characters, local_image_problem, personal_problems, text_problems
from casebook.declare import fields as kinds
from casebook.declare.declaration import Declaration
from casebook.declare.places import Places
from casebook.declare.vocabularies import Vocabularies
from casebook.i18n import N_, joined, t
from casebook.model.case import Case, Metric, Peek, Place, Source
from casebook.model.markdown import render_body
from casebook.model.media import file_part
from casebook.problems import Reporter
from casebook.read.frontmatter import FrontMatter, FrontMatterError, loose_title, parse_front_matter
from casebook.read.source import SourceFile

SLUG_RE = re.compile(kinds.SLUG_PATTERN)


@dataclass(frozen=True)
class Context:
    """What a single case is checked against (the whole-library checks live in library.py)."""

    declaration: Declaration
    vocabularies: Vocabularies
    places: Places
    cases_dir: Path
    today: dt.date
    boilerplate: frozenset = frozenset()  # the template's and the sections' hint texts


class Fields:
    """Reports about one file's front matter, addressed by key path."""

    def __init__(self, fm: FrontMatter, report: Reporter, case_dir: Path):
        self.fm = fm
        self.report = report
        self.case_dir = case_dir  # relative paths such as cover are resolved from here
        self.personal_data = personal.DEFAULT  # the library's personal-data rules (validate_source sets them)

    def err(self, path: tuple, message: str, *, at_key: bool = False) -> None:
        line = self.fm.lines.key(path) if at_key else self.fm.lines.value(path)
        self.report.add(line, field_name(path), message)

    def raw(self, path: tuple) -> str | None:
        return self.fm.lines.raw.get(path)


def field_name(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def slug_problem(slug: str) -> str | None:
    if not 3 <= len(slug) <= 60:
        return t("validate.slug.length", slug=slug)
    if not SLUG_RE.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        hint = t("validate.slug.example", suggestion=suggestion) \
            if suggestion and SLUG_RE.match(suggestion) and len(suggestion) >= 3 else ""
        return t("validate.slug.chars", slug=slug, hint=hint)
    return None


def did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return t("validate.did_you_mean", option=close[0]) if close else ""


def _kind(value) -> str:
    """What a wrong value is, in words: 列表, 数字 12, 真假值 True (and why YAML made it one)."""
    if value is None:
        return t("value.null")
    if isinstance(value, bool):
        return t("value.bool", value=value)
    if isinstance(value, (int, float)):
        return t("value.number", value=value)
    if isinstance(value, dt.date):
        return t("value.date", value=value)
    if isinstance(value, list):
        return t("value.list")
    if isinstance(value, dict):
        return t("value.mapping")
    return t("value.text", value=repr(short(value)))


def short(text, most: int = 40) -> str:
    """A value as a message quotes it: a 5,000-digit number is not printed whole."""
    text = str(text)
    return text if len(text) <= most else t("value.short", head=text[:most], count=len(text))


def _unknown_keys(f: Fields, path: tuple, data: dict, known) -> None:
    for key in data:
        if key not in known:
            f.err(path + (key,), t("validate.key.unknown", key=key, hint=did_you_mean(key, known), allowed=joined(known)),
                  at_key=True)


def _missing(f: Fields, path: tuple, key: str, what: str) -> None:
    """Report at the container: its key line (region:) or, for list items, the item's first line."""
    line = f.fm.lines.keys.get(path) or f.fm.lines.value(path)
    f.report.add(line, field_name(path) if path else key, t("validate.key.missing", key=key, what=what))


# --- one function per kind of field -----------------------------------------------------------------


def _text(f: Fields, path, value, field: kinds.Field) -> str | None:
    rule = field.kind
    raw = f.raw(path)
    if rule.numbers:  # brand: 333 is a name written as a number, kept as written
        if isinstance(value, bool) or isinstance(value, (dt.date, list, dict)):
            written = t("validate.text.write_as", key=path[-1], raw=raw) if raw and not isinstance(value, (list, dict)) \
                else t("validate.text.such_as", key=path[-1], example=field.example)
            f.err(path, t("validate.text.type", what=field.what, kind=_kind(value), advice=written))
            return None
        if isinstance(value, int) and raw and re.fullmatch(r"[+-]?0\d+", raw.replace("_", "")):
            f.err(path, t("validate.text.octal", raw=raw, value=value, key=path[-1]))
            return None
        if isinstance(value, (int, float)):
            value = raw or str(value)
    if rule.join_lines and isinstance(value, str):  # folded YAML blocks leave spaces where lines were joined
        value = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])", "", value)
        value = " ".join(value.split())
    if not isinstance(value, str):
        # 12, yes or 2023-01-01 where text was meant: YAML read a number, a truth value, a date
        # (no advice to quote a phone number: it is refused as personal data, and quoting would publish it)
        quoted = t("validate.text.quote", key=path[-1], raw=raw) \
            if raw and not isinstance(value, (list, dict)) and not personal_problems(raw, f.personal_data) else ""
        f.err(path, t("validate.text.type", what=field.what, kind=_kind(value), advice=quoted))
        return None
    text = value.strip()
    if not rule.lo <= len(text) <= rule.hi:
        f.err(path, t("validate.text.length", what=field.what, lo=rule.lo, hi=rule.hi, count=len(text)))
        return None
    if "<" in text or ">" in text:
        f.err(path, t("validate.text.angle", what=field.what))
        return None
    return text


def _terms(f: Fields, path, value, field: kinds.Field, ctx: Context):
    rule, what, key = field.kind, field.what, path[-1]
    allowed = ctx.vocabularies.section(rule.vocabulary)
    hi = len(allowed) if rule.hi is None else rule.hi
    if not isinstance(value, list):  # (never None: written empty is read as not written, or named if required)
        example = value if isinstance(value, str) and value in allowed else ", ".join(list(allowed)[:2])
        f.err(path, t("validate.terms.type", what=what, key=key, example=example, kind=_kind(value)))
        return None
    if not rule.lo <= len(value) <= hi:
        f.err(path, t("validate.terms.count", what=what, key=key, lo=rule.lo, hi=hi, count=len(value)))
    out = []  # (a case with any problem is not built: the report, not this value, says whether it is valid)
    for i, item in enumerate(value):
        item_path = path + (i,)
        if not isinstance(item, str):
            f.err(item_path, t("validate.terms.item", kind=_kind(item)))
        elif item not in allowed and hidden_characters(item):
            continue  # its control character is named (check_strings); the vocabulary is not what to change
        elif item not in allowed:
            f.err(item_path, t("validate.terms.unknown", value=item, file=ctx.vocabularies.rel, section=rule.vocabulary,
                               hint=did_you_mean(item, allowed)))
        elif item in out:
            f.err(item_path, t("validate.terms.repeat", value=item))
        else:
            out.append(item)
    return tuple(out)


def _choice(f: Fields, path, value, field: kinds.Field, ctx: Context):
    """One of a vocabulary's terms or of the fixed options; not written gives the default."""
    rule = field.kind
    if value is None:
        return rule.default
    if rule.vocabulary:
        allowed = ctx.vocabularies.section(rule.vocabulary)
        if not isinstance(value, str) or value not in allowed:
            f.err(path, t("validate.choice.vocabulary", value=value, what=field.what, hint=did_you_mean(value, allowed),
                          allowed=joined(allowed), file=ctx.vocabularies.rel))
            return None
        return value
    if not isinstance(value, str) or value not in rule.values:
        help_ = rule.values_help or (t("validate.choice.default", default=rule.default) if rule.default else "")
        key = N_("validate.choice.values") if help_ else N_("validate.choice.values.plain")
        f.err(path, t(key, value=value, what=field.what, hint=did_you_mean(value, rule.values),
                      allowed=joined(rule.values), help=help_))
        return None
    return value


def _status(f: Fields, path, value, field: kinds.Field, ctx: Context):
    # (never None: a status written empty is read as not written, _absent's)
    if not isinstance(value, str) or value not in kinds.STATUSES:
        f.err(path, t("validate.status", value=value))
        return None
    return value


def _impossible_date(value) -> str | None:
    """What is wrong with a date written as YYYY-MM-DD that no calendar has (2023-02-30, 2024-13-01)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = map(int, m.groups())
    if not 1 <= month <= 12:
        return t("validate.date.month", month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return t("validate.date.days", year=year, month=month, days=days)
    return None


def _date(f: Fields, path, value, field: kinds.Field, ctx: Context) -> dt.date | None:
    what = field.what
    if isinstance(value, dt.datetime):
        value = value.date()
    impossible = _impossible_date(value)
    if impossible:
        f.err(path, t("validate.date.impossible", what=what, value=str(value).strip(), why=impossible))
        return None
    if not isinstance(value, dt.date):
        hint = ""
        m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*", str(value))
        if m:
            hint = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        if hint and hint == str(value).strip():  # "2024-06-11": the digits are right, the quotes make it text
            f.err(path, t("validate.date.quoted", what=what, value=hint, key=path[-1]))
        else:
            advice = t("validate.date.should", value=hint) if hint else t("validate.date.example")
            f.err(path, t("validate.date.format", what=what, advice=advice))
        return None
    if value > ctx.today:
        f.err(path, t("validate.date.future", what=what, value=value))
        return None
    earliest = field.kind.earliest
    if earliest and value < earliest:
        f.err(path, t("validate.date.early", what=what, value=value, year=earliest.year))
        return None
    return value


def _url(f: Fields, path, value, field: kinds.Field, ctx: Context):
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s<>\"']+", value.strip()):
        f.err(path, t("validate.url"))
        return None
    return value.strip()


def _image(f: Fields, path, value, field: kinds.Field, ctx: Context):
    if not isinstance(value, str) or not value.strip():
        f.err(path, t("validate.image.type", key=path[-1]))
        return None
    text = value.strip()
    problem = local_image_problem(text, f.case_dir, ctx.cases_dir, field.what)  # the same rules as body images
    if problem:
        f.err(path, problem)
        return None
    return (f.case_dir / file_part(text)).resolve().relative_to(ctx.cases_dir.resolve()).as_posix()


def _related(f: Fields, path, value, field: kinds.Field, ctx: Context):
    if not isinstance(value, list):
        f.err(path, t("validate.related.type", key=path[-1]))
        return None
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not SLUG_RE.match(item):
            f.err(path + (i,), t("validate.related.slug", value=item))
            return None
        out.append(item)
    return tuple(out)


def _place(f: Fields, path, value, field: kinds.Field, ctx: Context):
    levels = ctx.places.levels
    if not isinstance(value, dict):
        # without a declared example, the levels' keys show the shape: {country: …, region: …}
        example = field.example or "{" + ", ".join(f"{level.key}: …" for level in levels) + "}"
        f.err(path, t("validate.place.type", key=path[-1], example=example, kind=_kind(value)))
        return None
    _unknown_keys(f, path, value, [level.key for level in levels])
    names, incomplete = {}, False
    for depth, level in enumerate(levels):
        v = value.get(level.key)
        if v is None:
            if depth == 0:
                _missing(f, path, level.key, level.what)
                incomplete = True
            names[level.key] = None
        elif not isinstance(v, str) or not v.strip():
            f.err(path + (level.key,), t("validate.place.name", kind=_kind(v)))
            incomplete = True
        else:
            names[level.key] = v.strip()
    if incomplete:  # the hierarchy is asked only about names written as names
        return None
    problems = ctx.places.check(names)
    for key, message in problems:
        f.err(path + (key,), message)
    chain = tuple(names[level.key] for level in levels)
    return None if problems else Place(chain, ctx.places.label(chain), tuple(level.key for level in ctx.places.levels))


# a number as people write it (and .inf, .nan: named by the range check)
_DECIMAL = re.compile(r"[+-]?(?:[1-9][\d_]*|0)(?:\.[\d_]*)?(?:[eE][+-]?\d+)?|[+-]?\.\d[\d_]*(?:[eE][+-]?\d+)?"
                      r"|[+-]?0\.[\d_]*(?:[eE][+-]?\d+)?|[+-]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
# a number YAML read as text: 1e400 (no dot), 1,798, or more digits than Python reads as a number
_NUMBER_TEXT = re.compile(r"\s*([+-]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*")


def _number(f: Fields, path, value, field: kinds.Field, ctx: Context):
    """A finite number within the field's range; every other value gets what to write instead."""
    rule, what, key = field.kind, field.what, path[-1]
    metrics = ctx.declaration.role("metrics")
    # a metric's value has a label and a unit beside it, which the advice can name; another number not
    metric = metrics is not None and path[0] == metrics.name
    example = _number_example(field, metric)
    text = value.strip() if isinstance(value, str) else None
    written = _NUMBER_TEXT.fullmatch(text) if text else None
    if written:  # a number all the same: say what is wrong with how it is written
        digits = written[1].replace(",", "").replace("_", "")
        try:  # more digits than int() reads (4,300) or a decimal point or exponent: a float, maybe inf
            number = int(digits)
        except ValueError:
            number = float(digits)
        out_of_range = _range_problem(number, rule, what, short(digits), metric, example)
        if number == 0 and re.search(r"[1-9]", digits.split("e")[0].split("E")[0]):  # 1e-400: below any float
            out_of_range = t("validate.number.inf", what=what, value=short(digits), example=example)
        if out_of_range:
            f.err(path, out_of_range)
        elif "," in written[1]:
            f.err(path, t("validate.number.thousands", what=what, key=key, value=digits))
        elif re.search(r"[eE]", digits):
            f.err(path, t("validate.number.exponent", what=what, written=text, key=key, value=f"{number:g}"))
        else:  # "1798": quoted, so YAML reads text
            f.err(path, t("validate.number.quoted", what=what, value=text, key=key))
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        m = re.fullmatch(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(\S+)\s*", str(value)) if isinstance(value, str) else None
        if m and re.match(r"[eE][+-]?\d|[xXoObB][0-9a-fA-F]", m[2]):
            m = None  # 1e400个, 0o17: not a number followed by its unit
        unit = N_("validate.number.unit") if metric else N_("validate.number.unit.plain")
        hint = t(unit, key=key, value=m[1].replace(",", ""), unit=m[2]) if m \
            else t("validate.number.example", key=key, example=example) if isinstance(value, str) else ""
        f.err(path, t("validate.number.type", what=what, kind=_kind(value), hint=hint))
        return None
    raw = (f.raw(path) or "").strip()
    if raw and not _DECIMAL.fullmatch(raw):  # YAML 1.1 reads 0333 as octal, 0x10, 0b101 and 1:30 as numbers too
        plain = raw.replace("_", "")
        if re.fullmatch(r"[+-]?0\d+", plain):
            f.err(path, t("validate.number.octal", what=what, raw=raw, value=value, key=key, plain=int(plain, 10)))
        else:
            f.err(path, t("validate.number.form", what=what, raw=raw, value=value))
        return None
    problem = _range_problem(value, rule, what, short(f.raw(path) or value), metric, example)
    if problem:
        f.err(path, problem)
        return None
    if rule.integer and not float(value).is_integer():
        f.err(path, t("validate.number.integer", what=what, value=value))
        return None
    return value


def _number_example(field: kinds.Field, metric: bool):
    """The number a message suggests: the field's declared example, else one its range allows."""
    if isinstance(field.example, (int, float)) and not isinstance(field.example, bool):
        return field.example
    rule = field.kind
    if metric or rule.lo is None or rule.lo <= 1798 <= (rule.hi if rule.hi is not None else math.inf):
        return 1798
    return rule.lo


def _range_problem(number, rule: kinds.Number, what: str, shown: str, metric: bool, example) -> str | None:
    """What is wrong with a number outside the rule: not a number, infinite, too small or too large.
    The advice on units and labels is a metric's only."""
    if math.isnan(number):
        return t("validate.number.nan", what=what, value=shown, example=example)
    if math.isinf(number):
        return t("validate.number.inf", what=what, value=shown, example=example)
    if rule.hi is not None and number > rule.hi:
        key = N_("validate.number.high") if metric else N_("validate.number.high.plain")
        return t(key, what=what, hi=_limit(rule.hi), value=shown)
    if rule.lo is not None and number < rule.lo:
        key = N_("validate.number.low") if metric else N_("validate.number.low.plain")
        return t(key, what=what, lo=_limit(rule.lo), value=shown)
    return None


def _limit(number) -> str:
    """A range's end as a message writes it: 1,000,000,000,000 grouped, a year (2030) not, 0.5 as it is."""
    if float(number).is_integer():
        return f"{int(number):,}" if abs(number) >= 10_000 else str(int(number))
    return f"{number:g}"


def _source_ref(f: Fields, path, value, field: kinds.Field, ctx: Context):
    """A metric's source: the number of an item of this case's sources, counting from 1."""
    sources_field = ctx.declaration.role("sources")
    if sources_field is None:  # a library may declare key figures without a sources list
        f.err(path, t("validate.source_ref.none"))
        return None
    sources = f.fm.data.get(sources_field.name)
    if isinstance(value, bool) or not isinstance(value, int):
        f.err(path, t("validate.source_ref.type", kind=_kind(value)))
        return None
    if not (isinstance(sources, list) and sources and all(isinstance(s, dict) for s in sources)):
        return value  # the sources list itself is wrong, and says so: no second message per metric
    count = len(sources)
    if not 1 <= value <= count:
        f.err(path, t("validate.source_ref.range", value=value, count=count))
        return None
    return value


def _record(f: Fields, path, value, record: kinds.Record, ctx: Context) -> dict | None:
    """One mapping with its own fields: each checked by its kind, the required ones present."""
    _unknown_keys(f, path, value, record.fields)
    out = {}
    for name, field in record.fields.items():
        if name not in value or value[name] is None:
            if field.required and name not in value:
                _missing(f, path, name, field.named())
            elif field.required:  # written with nothing after the colon
                f.err(path + (name,), t("validate.key.empty", key=name, what=field.named()))
            out[name] = None if field.required else _absent(field)
            continue
        out[name] = check_value(f, path + (name,), value[name], field, ctx)
    return out


# (not a list, too many, an item not a mapping), for the built-in records and a library's own
RECORDS_MESSAGES = {
    "sources": (N_("validate.sources.list"), N_("validate.sources.count"), N_("validate.sources.item")),
    "metrics": (N_("validate.metrics.list"), N_("validate.metrics.count"), N_("validate.metrics.item")),
    "records": (N_("validate.records.list"), N_("validate.records.count"), N_("validate.records.item")),
}


def _records(f: Fields, path, value, field: kinds.Field, ctx: Context):
    rule, key = field.kind, path[-1]
    built = rule.built_in or "records"
    if value is None:
        return ()
    if not isinstance(value, list) or (rule.lo and not value):
        f.err(path, t(RECORDS_MESSAGES[built][0], key=key))
        return None
    if rule.hi is not None and len(value) > rule.hi:
        f.err(path, t(RECORDS_MESSAGES[built][1], key=key, hi=rule.hi, count=len(value)))
        return None
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            f.err(path + (i,), t(RECORDS_MESSAGES[built][2]))
            continue
        values = _record(f, path + (i,), item, rule.item, ctx)
        if rule.built_in == "sources":
            out.append(Source(values["title"], values["publisher"], values["date"], values["url"], values["note"]))
        elif rule.built_in == "metrics":
            out.append(Metric(values["label"], values["value"], values["unit"],
                              values["type"] == kinds.metric_types()[1], values["source"]))
        else:
            out.append(values)
    return tuple(out)


def _record_value(f: Fields, path, value, field: kinds.Field, ctx: Context):
    if not isinstance(value, dict):
        f.err(path, t("validate.record.type", key=path[-1], kind=_kind(value)))
        return None
    return _record(f, path, value, field.kind, ctx)


CHECKS = {kinds.Text: None, kinds.Number: _number, kinds.Date: _date, kinds.Url: _url, kinds.Image: _image,
          kinds.Choice: _choice, kinds.Terms: _terms, kinds.Slugs: _related, kinds.Place: _place,
          kinds.SourceRef: _source_ref, kinds.Status: _status, kinds.Records: _records, kinds.Record: _record_value}


def check_value(f: Fields, path: tuple, value, field: kinds.Field, ctx: Context):
    """``value`` checked by ``field``'s kind: the normalised value, or None with its problems reported."""
    if isinstance(field.kind, kinds.Text):
        return _text(f, path, value, field)
    return CHECKS[type(field.kind)](f, path, value, field, ctx)


def _absent(field: kinds.Field):
    """The value of an optional field that is not written."""
    kind = field.kind
    if isinstance(kind, kinds.Choice):
        return kind.default
    if isinstance(kind, kinds.Status):
        return kinds.STATUSES[0]
    if isinstance(kind, (kinds.Terms, kinds.Records, kinds.Slugs)):
        return ()
    return field.default


def check_strings(f: Fields, value, personal_data, path: tuple = ()) -> None:
    """Every front-matter string: no executable HTML, no script URLs, no personal data."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_strings(f, item, personal_data, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_strings(f, item, personal_data, path + (i,))
    elif isinstance(value, str):
        # an address has its own rule for schemes and markup; what it carries is still published
        for message in personal_problems(value, personal_data) if path[-1:] == ("url",) \
                else text_problems(value, personal_data):
            f.err(path, message)
    elif isinstance(value, int) and not isinstance(value, bool):  # value: 13812345678 is published too
        for message in personal_problems(str(value), personal_data):
            f.err(path, message)


@dataclass(frozen=True)
class Heading:
    index: int  # line index in the body (the text line of a setext heading)
    level: int
    text: str
    form: str  # "atx" (## 标题), "setext" (标题 + ===) or "html" (<h1>)


_ATX = re.compile(r"^(#{1,6})(.*?)#*\s*$")  # Python-Markdown needs no space after the #s
# What makes headings only Python-Markdown's block parser can tell: an underline (=== or ---), a quote,
# a # after indentation or a list mark (a heading inside a list item), raw HTML (Markdown is not read
# inside an HTML block; an <h1> is a heading), or inline markup in a heading (## 主要**做法** is the
# section 主要做法).
_UNUSUAL = re.compile(r"^[ \t]*(?:[=-]+[ \t]*$|>|(?:(?:[-*+]|\d+[.)])[ \t]+)+#)|^[ \t]+#|<|^#[^\n]*[*_`\\\[&!]", re.M)
_MARKS = re.compile(r"^(?:\s*(?:>|[-*+](?=\s)|\d+[.)](?=\s)))*\s*")  # quote and list marks before a line's text
_UNDERLINE = re.compile(r"^([=-])\1*[ \t]*$")
_RENDERED_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>", re.S | re.I)


def headings(lines: list[str]) -> list[Heading]:
    """The headings Python-Markdown makes of ``lines``, each at its line: # at the start of a line, as
    a fast line scan; when a body has anything else that can make or unmake one (an underline, a quote,
    raw HTML), the headings of the rendered body, found back at their lines."""
    text = "\n".join(lines)
    if not _UNUSUAL.search(text):
        return [Heading(i, len(m[1]), m[2].strip(), "atx") for i, m in enumerate(map(_ATX.match, lines)) if m]
    out, at = [], 0
    for level, inner in _RENDERED_HEADING.findall(render_body(text)):
        name = html.unescape(re.sub(r"<[^>]*>", "", inner)).strip()
        for i in range(at, len(lines)):
            bare = _MARKS.sub("", lines[i])
            atx = _ATX.match(bare)
            below = _UNDERLINE.match(_MARKS.sub("", lines[i + 1])) if i + 1 < len(lines) and bare.strip() else None
            if re.search(rf"<h{level}[\s>/]", bare, re.I):
                out.append(Heading(i, int(level), name, "html"))
            elif atx and len(atx[1]) == int(level) and _inline_text(atx[2]) == name:
                out.append(Heading(i, int(level), name, "atx"))
            elif below and "=-".index(below[1]) + 1 == int(level) and name in (_inline_text(bare), lines[i].strip()):
                out.append(Heading(i, int(level), name, "setext"))
            else:
                continue
            at = i + 1
            break
        else:  # text that reads differently once rendered (## ****, ## \#): the next # line of its level
            found = next((j for j in range(at, len(lines))
                          if (m := _ATX.match(_MARKS.sub("", lines[j]))) and len(m[1]) == int(level)), None)
            if found is None:  # (still a heading: named at the line reached so far)
                out.append(Heading(min(at, len(lines) - 1), int(level), name, "setext"))
            else:
                out.append(Heading(found, int(level), name, "atx"))
                at = found + 1
    return out


def _inline_text(markdown: str) -> str:
    """The text a reader sees of one line of Markdown: its markup rendered, then its tags dropped."""
    if not re.search(r"[*_`\\\[&!<]", markdown):
        return markdown.strip()
    return html.unescape(re.sub(r"<[^>]*>", "", render_body(markdown.strip()))).strip()


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with HTML comments blanked out (a comment may run over several lines)."""
    text = re.sub(r"<!--.*?(?:-->|\Z)", lambda m: re.sub(r"[^\n]", " ", m.group()), "\n".join(lines), flags=re.S)
    return text.split("\n")


H1_MESSAGES = {"atx": N_("validate.body.h1.atx"), "setext": N_("validate.body.h1.setext"), "html": N_("validate.body.h1.html")}


def check_body(src: SourceFile, ctx: Context, report: Reporter) -> tuple[str, ...]:
    """Structure and safety of the Markdown body; returns the local images it uses."""
    declaration = ctx.declaration
    body, first_line = src.body, src.body_line
    lines = body.split("\n")
    found = headings(lines)
    for section in declaration.sections:
        if section.required and not any(h.level == 2 and h.text == section.name for h in found):
            report.add(first_line, "body", t("validate.body.section.missing", name=section.name,
                                              template=declaration.template))
    for h in found:
        if h.level == 1:
            report.add(first_line + h.index, "body", t(H1_MESSAGES[h.form], title=declaration.role("title").name))
    # a section with nothing under it (a heading, an HTML comment or blank lines only) is unfinished
    visible = _without_comments(lines)
    ends = {h.index: next((g.index for g in found if g.index > h.index and g.level <= h.level), len(lines)) for h in found}
    heading_lines = {h.index for h in found} | {h.index + 1 for h in found if h.form == "setext"}
    empty: set[int] = set()  # lines of the sections found empty: their hints need no second message
    for h in found:
        if h.level > 1 and not any(visible[i].strip() for i in range(h.index + 1, ends[h.index]) if i not in heading_lines):
            report.add(first_line + h.index, "body", t("validate.body.section.empty", name=h.text))
            empty.update(range(h.index, ends[h.index]))
    for i, line in enumerate(lines):
        hint = None if i in empty else _boilerplate(line, ctx.boilerplate)
        if hint:
            report.add(first_line + i, "body", hint)
    problems, images = body_problems(body, first_line, src.path.parent, ctx.cases_dir, declaration.personal_data)
    for line, message in problems:
        report.add(line, "body", message)
    return tuple(dict.fromkeys(images))


def _boilerplate(line: str, hints: frozenset) -> str | None:
    """The template's own hint left in a case: as a paragraph, or as an HTML comment from `casebook new`."""
    text = " ".join(line.split())
    comment = re.fullmatch(r"<!--\s*(.*?)\s*-->", text)
    if comment and comment[1] in hints:
        return t("validate.body.hint.comment")
    if text in hints:
        return t("validate.body.hint.text")
    return None


def validate_source(src: SourceFile, ctx: Context, report: Reporter) -> Case | Peek | None:
    """Validate one split file; every problem goes to ``report``. A file with problems gives a Peek
    (slug, title, related) when it has a title, for the rules that compare files."""
    declaration = ctx.declaration
    slug = Path(src.rel).stem
    problem = slug_problem(slug)
    if problem:
        report.add(1, "file", problem)
    try:
        fm = parse_front_matter(src.front_matter, src.front_matter_line)
    except FrontMatterError as err:
        report.add(err.line, "front_matter", err.message)
        check_body(src, ctx, report)
        key = declaration.role("title").name
        found = loose_title(src.front_matter, key)  # a duplicate title is still named with the YAML error
        return Peek(slug, src.rel, found[0], (), {key: src.front_matter_line + found[1]}, valid=False) if found else None
    for line, where, message in fm.problems:
        report.add(line, where, message)
    f = Fields(fm, report, src.path.parent)
    f.personal_data = declaration.personal_data
    _unknown_keys(f, (), fm.data, declaration.fields)
    values = {}
    for name, field in declaration.fields.items():
        if name not in fm.data or fm.data[name] is None:  # written empty is not written
            if field.required and name not in fm.data:
                _missing(f, (), name, field.hint or field.what)
            elif field.required:
                f.err((name,), t("validate.key.empty", key=name, what=field.hint or field.what))
            values[name] = None if field.required else _absent(field)
            continue
        values[name] = check_value(f, (name,), fm.data[name], field, ctx)
    check_strings(f, fm.data, declaration.personal_data)
    images = check_body(src, ctx, report)
    lines = {".".join(map(str, k)): v for k, v in {**fm.lines.values, **fm.lines.keys}.items()}

    def role(name: str, default=None):
        field = declaration.role(name)
        return values.get(field.name) if field else default

    if report:  # not a case, but its slug and title still take part in the library-wide rules
        title = fm.data.get(declaration.role("title").name)
        return Peek(slug, src.rel, title.strip(), role("related") or (), lines, valid=False) \
            if isinstance(title, str) and title.strip() else None
    status = next((values[n] for n, fd in declaration.fields.items() if isinstance(fd.kind, kinds.Status)), kinds.STATUSES[0])
    return Case(slug=slug, path=src.rel, values=values, title=role("title"), summary=role("summary"), date=role("date"),
                place=role("place"), sources=role("sources") or (), metrics=role("metrics") or (),
                related=role("related") or (), cover=role("cover"), status=status, images=images,
                body=src.body, body_line=src.body_line, lines=lines)
