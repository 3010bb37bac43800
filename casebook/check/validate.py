"""Parsed front matter + body → a validated Case, or problems for every mistake.

One small function per front-matter key; each reports with the line of the
offending key or value and returns the normalised value (or None).
"""

from __future__ import annotations

import calendar
import html
import math
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from casebook.declare import fields as spec
from casebook.declare.divisions import Divisions
from casebook.read.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from casebook.model.case import Case, Metric, Peek, Region, Source
from casebook.problems import Reporter
from casebook.check.safety import body_problems, local_image_problem, personal_problems, text_problems
from casebook.model.media import file_part
from casebook.model.markdown import render_body
from casebook.read.source import SourceFile
from casebook.declare.taxonomy import Taxonomy

SLUG_RE = re.compile(spec.SLUG_PATTERN)
EARLIEST = dt.date(spec.EARLIEST_YEAR, 1, 1)


@dataclass(frozen=True)
class Context:
    """What a single case is checked against (the whole-library checks live in library.py)."""

    taxonomy: Taxonomy
    divisions: Divisions
    cases_dir: Path
    today: dt.date
    boilerplate: frozenset = frozenset(section.hint for section in spec.SECTIONS)  # the template's hint texts


class Fields:
    """Reports about one file's front matter, addressed by key path."""

    def __init__(self, fm: FrontMatter, report: Reporter, case_dir: Path):
        self.fm = fm
        self.report = report
        self.case_dir = case_dir  # relative paths such as cover are resolved from here

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
        return f"文件名（slug）{slug} 长度须为 3–60 个字符"
    if not SLUG_RE.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        hint = f"，例如 {suggestion}.md" if suggestion and SLUG_RE.match(suggestion) and len(suggestion) >= 3 else ""
        return f"文件名（slug）{slug} 只能由小写英文字母、数字和单个连字符组成{hint}"
    return None


def did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"，是不是 {close[0]}？" if close else ""


# --- scalar helpers ---------------------------------------------------------


def _text(f: Fields, path, value, rule: spec.Text) -> str | None:
    return _string(f, path, value, rule.lo, rule.hi, rule.what)


def _string(f: Fields, path, value, lo: int, hi: int, what: str) -> str | None:
    if not isinstance(value, str):
        raw = f.raw(path)  # 12, yes or 2023-01-01 where text was meant: YAML read a number, a truth value, a date
        quoted = f"：请加引号，写成 {path[-1]}: \"{raw}\"" if raw and not isinstance(value, (list, dict)) else ""
        f.err(path, f"{what}必须是文字，现在是 {_kind(value)}{quoted}")
        return None
    text = value.strip()
    if not lo <= len(text) <= hi:
        f.err(path, f"{what}长度须为 {lo}–{hi} 个字符，现在是 {len(text)} 个")
        return None
    if "<" in text or ">" in text:
        f.err(path, f"{what}中不能出现尖括号 < >，书名请用《》")
        return None
    return text


def _kind(value) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"真假值 {value}（YAML 会把 yes/no/on/off 等读成真假值，请加引号）"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, dt.date):
        return f"日期 {value}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"文字 {short(value)!r}"


def short(text, most: int = 40) -> str:
    """A value as a message quotes it: a 5,000-digit number is not printed whole."""
    text = str(text)
    return text if len(text) <= most else f"{text[:most]}…（共 {len(text)} 个字符）"


def _vocabulary_list(f: Fields, path, value, taxonomy: Taxonomy, rule: spec.Terms):
    section, lo, what = rule.section, rule.lo, rule.what
    hi = len(taxonomy.section(section)) if rule.hi is None else rule.hi
    if value is None and lo == 0:
        return ()
    if not isinstance(value, list):
        example = value if isinstance(value, str) and value in taxonomy.section(section) else ", ".join(list(taxonomy.section(section))[:2])
        f.err(path, f"{what}必须是列表，例如 {path[0]}: [{example}]；现在是 {_kind(value)}")
        return None
    if not lo <= len(value) <= hi:
        f.err(path, f"{what}须有 {lo}–{hi} 项，现在有 {len(value)} 项")
    allowed = taxonomy.section(section)
    out = []  # (a case with any problem is not built: the report, not this value, says whether it is valid)
    for i, item in enumerate(value):
        item_path = path + (i,)
        if not isinstance(item, str):
            f.err(item_path, f"取值必须是文字，现在是 {_kind(item)}")
        elif item not in allowed:
            f.err(item_path, f"{item} 不在词表 {taxonomy.rel} 的 {section} 中{did_you_mean(item, allowed)}（新增取值请在同一个拉取请求里修改词表）")
        elif item in out:
            f.err(item_path, f"{item} 重复出现：请删掉一个")
        else:
            out.append(item)
    return tuple(out)


def _impossible_date(value) -> str | None:
    """What is wrong with a date written as YYYY-MM-DD that no calendar has (2023-02-30, 2024-13-01)."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = map(int, m.groups())
    if not 1 <= month <= 12:
        return f"月份是 {month}，只能是 1–12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{year} 年 {month} 月只有 {days} 天"
    return None


def _date(f: Fields, path, value, today: dt.date, what: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    impossible = _impossible_date(value)
    if impossible:
        f.err(path, f"{what} {str(value).strip()} 不是真实存在的日期：{impossible}")
        return None
    if not isinstance(value, dt.date):
        hint = ""
        m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*", str(value))
        if m:
            hint = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        if hint and hint == str(value).strip():  # "2024-06-11": the digits are right, the quotes make it text
            f.err(path, f"{what} {hint} 加了引号，会被当成文字而不是日期：请去掉引号，写成 {path[-1]}: {hint}")
        else:
            f.err(path, f"{what}必须是 YYYY-MM-DD 格式的日期{'，应写成 ' + hint if hint else '，例如 2024-06-01'}")
        return None
    if value > today:
        f.err(path, f"{what} {value} 晚于今天，请填写来源报道的实际日期")
        return None
    if value < EARLIEST:
        f.err(path, f"{what} {value} 早于 {spec.EARLIEST_YEAR} 年：请检查是否写错，填写来源报道的实际日期")
        return None
    return value


def _unknown_keys(f: Fields, path: tuple, data: dict, known) -> None:
    for key in data:
        if key not in known:
            f.err(path + (key,), f"未知的键 {key}{did_you_mean(key, known)}（允许的键：{'、'.join(known)}）", at_key=True)


def _missing(f: Fields, path: tuple, key: str, what: str) -> None:
    """Report at the container: its key line (region:) or, for list items, the item's first line."""
    line = f.fm.lines.keys.get(path) or f.fm.lines.value(path)
    f.report.add(line, field_name(path) if path else key, f"缺少必填的 {key}（{what}）")


# --- one function per key ---------------------------------------------------


def check_title(f, value, ctx):
    return _text(f, ("title",), value, spec.FIELDS["title"].spec)


def check_summary(f, value, ctx):
    if isinstance(value, str):  # folded YAML blocks leave spaces where lines were joined
        value = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])", "", value)
        value = " ".join(value.split())
    return _text(f, ("summary",), value, spec.FIELDS["summary"].spec)


REGION_KEYS = tuple(spec.REGION.keys)


def check_region(f, value, ctx):
    path = ("region",)
    if not isinstance(value, dict):
        f.err(path, f"region 必须是映射，例如 region: {{province: 吉林省, city: 长春市}}；现在是 {_kind(value)}")
        return None
    _unknown_keys(f, path, value, REGION_KEYS)
    names, missing = {}, 0
    for key in REGION_KEYS:
        v = value.get(key)
        if v is None:
            if key in spec.REGION.required:
                _missing(f, path, key, spec.named(spec.REGION.keys[key]))
                missing += 1
            names[key] = None
        elif not isinstance(v, str) or not v.strip():
            f.err(path + (key,), f"请写地名的官方全称（文字），现在是 {_kind(v)}")
            missing += 1
        else:
            names[key] = v.strip()
    if missing:  # the division table is asked only about names written as names
        return None
    problems = ctx.divisions.check(names["province"], names["city"], names["county"])
    for key, message in problems:
        f.err(path + (key,), message)
    return None if problems else Region(**names)


def check_scope(f, value, ctx):
    allowed = ctx.taxonomy.scopes
    if not isinstance(value, str) or value not in allowed:
        f.err(("scope",), f"{value} 不是允许的层级{did_you_mean(value, allowed)}（取值：{'、'.join(allowed)}，见 {ctx.taxonomy.rel}）")
        return None
    return value


STATUSES = spec.STATUSES


def check_status(f, value, ctx):
    if value is None:
        return spec.FIELDS["status"].spec.default
    if not isinstance(value, str) or value not in STATUSES:
        f.err(("status",), f"{value} 不是允许的状态（取值：published 发布、draft 草稿；不写就是 published）")
        return None
    return value


def _choice(f, path, value, rule: spec.Choice, hint: str = ""):
    """One of the rule's fixed values; None (not written) gives its default."""
    if value is None:
        return rule.default
    if not isinstance(value, str) or value not in rule.values:
        f.err(path, f"{value} 不是允许的{rule.what}{did_you_mean(value, rule.values)}"
                    f"（取值：{'、'.join(rule.values)}；{hint or f'不写就是 {rule.default}'}）")
        return None
    return value


def check_kind(f, value, ctx):
    return _choice(f, ("kind",), value, spec.FIELDS["kind"].spec,
                   "方案：工作方案、实施方案等计划，尚未报道实施结果；不写就是 实践：已经实施的工作")


def check_stages(f, value, ctx):
    return _vocabulary_list(f, ("stages",), value, ctx.taxonomy, spec.FIELDS["stages"].spec)


def check_topics(f, value, ctx):
    return _vocabulary_list(f, ("topics",), value, ctx.taxonomy, spec.FIELDS["topics"].spec)


def check_tags(f, value, ctx):
    return _vocabulary_list(f, ("tags",), value, ctx.taxonomy, spec.FIELDS["tags"].spec)


def check_brand(f, value, ctx):
    path = ("brand",)
    if value is None:
        return None
    raw = f.raw(path)
    if isinstance(value, bool) or isinstance(value, (dt.date, list, dict)):
        written = f"：请写成 brand: \"{raw}\"" if raw and not isinstance(value, (list, dict)) else "，如 brand: \"333\""
        f.err(path, f"品牌简称必须是文字，现在是 {_kind(value)}{written}")
        return None
    if isinstance(value, int) and raw and re.fullmatch(r"[+-]?0\d+", raw.replace("_", "")):
        f.err(path, f"{raw} 以 0 开头，YAML 会把它读成八进制数 {value}；请加引号写成 brand: \"{raw}\"")
        return None
    text = raw if isinstance(value, (int, float)) and raw else str(value)  # brand: 333 stays "333"
    return _text(f, path, text, spec.FIELDS["brand"].spec)


def check_organization(f, value, ctx):
    return _text(f, ("organization",), value, spec.FIELDS["organization"].spec)


def check_date(f, value, ctx):
    return _date(f, ("date",), value, ctx.today, "日期")


SOURCE_KEYS = tuple(spec.SOURCE.keys)


def check_sources(f, value, ctx):
    path = ("sources",)
    if not isinstance(value, list) or not value:
        f.err(path, "sources 必须是非空列表，每项写明 title 和 publisher")
        return None
    out = []
    for i, item in enumerate(value):
        p = path + (i,)
        if not isinstance(item, dict):
            f.err(p, "每个来源必须是映射，含 title、publisher，可选 date、url")
            continue
        _unknown_keys(f, p, item, SOURCE_KEYS)
        title = publisher = None
        for key in spec.SOURCE.required:
            rule = spec.SOURCE.keys[key]
            if key not in item:
                _missing(f, p, key, spec.named(rule))
            else:
                v = _text(f, p + (key,), item[key], rule)
                title, publisher = (v, publisher) if key == "title" else (title, v)
        date = _date(f, p + ("date",), item["date"], ctx.today, "来源日期") if item.get("date") is not None else None
        note = _text(f, p + ("note",), item["note"], spec.SOURCE.keys["note"]) if "note" in item else None
        url = item.get("url")
        if url is not None and (not isinstance(url, str) or not re.fullmatch(r"https?://[^\s<>\"']+", url.strip())):
            f.err(p + ("url",), "链接必须以 http:// 或 https:// 开头，且不含空格")
        out.append(Source(title, publisher, date, url.strip() if isinstance(url, str) else None, note))
    return tuple(out)


METRIC_KEYS = tuple(spec.METRIC.keys)


def check_metrics(f, value, ctx):
    path = ("metrics",)
    if value is None:
        return ()
    if not isinstance(value, list):
        f.err(path, "metrics 必须是列表，每项含 label、value、unit")
        return None
    most = spec.FIELDS["metrics"].spec.hi
    if len(value) > most:
        f.err(path, f"metrics 最多 {most} 项，现在有 {len(value)} 项")
        return None
    out = []
    for i, item in enumerate(value):
        p = path + (i,)
        if not isinstance(item, dict):
            f.err(p, "每个指标必须是映射，含 label、value、unit")
            continue
        _unknown_keys(f, p, item, METRIC_KEYS)
        for key in spec.METRIC.required:
            if key not in item:
                _missing(f, p, key, spec.named(spec.METRIC.keys[key]))
        if not all(k in item for k in spec.METRIC.required):
            continue
        label = _text(f, p + ("label",), item["label"], spec.METRIC.keys["label"])
        unit = _text(f, p + ("unit",), item["unit"], spec.METRIC.keys["unit"])
        number = _number(f, p + ("value",), item["value"], spec.METRIC.keys["value"])
        kind = _choice(f, p + ("type",), item.get("type"), spec.METRIC.keys["type"],
                       "目标：计划、目标或争创数；不写就是 成效：已经取得的结果")
        source = _source_ref(f, p + ("source",), item["source"]) if "source" in item else None
        out.append(Metric(label, number, unit, kind, source))
    return tuple(out)


# a number YAML read as text: 1e400 (no dot), 1,798, or more digits than Python reads as a number
_NUMBER_TEXT = re.compile(r"\s*([+-]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*")


def _number(f, path, value, rule: spec.Number):
    """A finite number within the rule's range; every other value gets what to write instead."""
    key = path[-1]
    text = value.strip() if isinstance(value, str) else None
    written = _NUMBER_TEXT.fullmatch(text) if text else None
    if written:  # a number all the same: say what is wrong with how it is written
        digits = written[1].replace(",", "").replace("_", "")
        try:  # more digits than int() reads (4,300) or a decimal point or exponent: a float, maybe inf
            number = int(digits)
        except ValueError:
            number = float(digits)
        out_of_range = _range_problem(number, rule, short(digits))
        if out_of_range:
            f.err(path, out_of_range)
        elif "," in written[1]:
            f.err(path, f"{rule.what}里不要写千位分隔符：请写成 {key}: {digits}")
        elif re.search(r"[eE]", digits):
            f.err(path, f"{rule.what}不要用科学记数法 {text}：请直接写出数字，写成 {key}: {number:g}")
        else:  # "1798": quoted, so YAML reads text
            f.err(path, f"{rule.what} {text} 加了引号，会被当成文字：请去掉引号，写成 {key}: {text}")
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        m = re.fullmatch(r"\s*(\d[\d,]*(?:\.\d+)?)\s*(\S+)\s*", str(value)) if isinstance(value, str) else None
        hint = f"；请把数字和单位分开：{key}: {m[1].replace(',', '')}，unit: {m[2]}" if m else ""
        f.err(path, f"{rule.what}必须是数字，现在是 {_kind(value)}{hint}")
        return None
    problem = _range_problem(value, rule, short(f.raw(path) or value))
    if problem:
        f.err(path, problem)
        return None
    return value


def _range_problem(number, rule: spec.Number, shown: str) -> str | None:
    """What is wrong with a number outside the rule: not a number, infinite, too small or too large."""
    if math.isnan(number):
        return f"{rule.what}必须是一个具体的数，现在是 {shown}（不是数）：请写来源中的数字，例如 1798"
    if math.isinf(number):
        return f"{rule.what}必须是一个具体的数，现在是 {shown}（超出了数的范围）：请写来源中的数字，例如 1798"
    if rule.hi is not None and number > rule.hi:
        return f"{rule.what}不能大于 {rule.hi:,}，现在是 {shown}：数很大时请换用更大的单位，如 value: 1.2，unit: 亿人"
    if rule.lo is not None and number < rule.lo:
        return f"{rule.what}不能小于 {rule.lo:g}，现在是 {shown}：减少、下降的数量请在 label 里写明，value 写正数"
    return None


def _source_ref(f, path, value) -> int | None:
    """A metric's source: the number of an item of this case's sources, counting from 1."""
    sources = f.fm.data.get("sources")
    if isinstance(value, bool) or not isinstance(value, int):
        f.err(path, f"source 必须是 sources 中来源的序号（从 1 开始的整数），现在是 {_kind(value)}")
        return None
    if not (isinstance(sources, list) and sources and all(isinstance(s, dict) for s in sources)):
        return value  # the sources list itself is wrong, and says so: no second message per metric
    count = len(sources)
    if not 1 <= value <= count:
        f.err(path, f"source: {value} 指向不存在的来源：sources 里有 {count} 个来源，序号只能是 1–{count}")
        return None
    return value


def check_related(f, value, ctx):
    path = ("related",)
    if value is None:
        return ()
    if not isinstance(value, list):
        f.err(path, "related 必须是其他案例 slug 的列表，例如 related: [jilin-btx-branch]")
        return None
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not SLUG_RE.match(item):
            f.err(path + (i,), f"{item} 不是有效的案例 slug（案例文件名去掉 .md）")
            return None
        out.append(item)
    return tuple(out)


def check_cover(f, value, ctx):
    path = ("cover",)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        f.err(path, "cover 必须是图片的相对路径，如 cover: images/cover.jpg")
        return None
    text = value.strip()
    problem = local_image_problem(text, f.case_dir, ctx.cases_dir, "封面图片")  # the same rules as body images
    if problem:
        f.err(path, problem)
        return None
    return (f.case_dir / file_part(text)).resolve().relative_to(ctx.cases_dir.resolve()).as_posix()


CHECKERS = {
    "title": check_title, "summary": check_summary, "region": check_region, "scope": check_scope,
    "stages": check_stages, "topics": check_topics, "tags": check_tags, "brand": check_brand,
    "organization": check_organization, "date": check_date, "sources": check_sources, "metrics": check_metrics,
    "related": check_related, "cover": check_cover, "status": check_status, "kind": check_kind,
}
# key: (required, checker, what it is — used in "missing" messages); the rules themselves are in fields.py
FIELDS = {key: (field.required, CHECKERS[key], field.hint) for key, field in spec.FIELDS.items()}


def check_strings(f: Fields, value, path: tuple = ()) -> None:
    """Every front-matter string: no executable HTML, no script URLs, no personal data."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_strings(f, item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_strings(f, item, path + (i,))
    elif isinstance(value, str):
        # an address has its own rule for schemes and markup; what it carries is still published
        for message in personal_problems(value) if path[-1:] == ("url",) else text_problems(value):
            f.err(path, message)
    elif isinstance(value, int) and not isinstance(value, bool):  # value: 13812345678 is published too
        for message in personal_problems(str(value)):
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
# inside an HTML block; an <h1> is a heading).
_UNUSUAL = re.compile(r"^[ \t]*(?:[=-]+[ \t]*$|>|(?:(?:[-*+]|\d+[.)])[ \t]+)+#)|^[ \t]+#|<", re.M)
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
            bare = re.sub(r"^(?:\s*(?:>|[-*+](?=\s)|\d+[.)](?=\s)))*\s*", "", lines[i])  # quote and list marks
            if re.search(rf"<h{level}[\s>/]", bare, re.I):
                out.append(Heading(i, int(level), name, "html"))
            elif _ATX.match(bare) and _ATX.match(bare)[2].strip() == name:
                out.append(Heading(i, int(level), name, "atx"))
            elif bare.strip() == name or lines[i].strip() == name:
                out.append(Heading(i, int(level), name, "setext"))
            else:
                continue
            at = i + 1
            break
        else:  # (a heading whose text is only markup: still a heading, named at the line reached so far)
            out.append(Heading(min(at, len(lines) - 1), int(level), name, "setext"))
    return out


H1_MESSAGES = {
    "atx": "正文不要用一级标题（# …），页面标题由 title 生成；请改用 ## 二级标题",
    "setext": "正文不要用一级标题（文字下一行写 ===），页面标题由 title 生成；请删掉 === 这一行，在文字前加 ## 改成二级标题",
    "html": "正文不要用 <h1>：页面标题由 title 生成；小标题请写成 ## 二级标题",
}


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with HTML comments blanked out (a comment may run over several lines)."""
    text = re.sub(r"<!--.*?(?:-->|\Z)", lambda m: re.sub(r"[^\n]", " ", m.group()), "\n".join(lines), flags=re.S)
    return text.split("\n")


def check_body(src: SourceFile, ctx: Context, report: Reporter) -> tuple[str, ...]:
    """Structure and safety of the Markdown body; returns the local images it uses."""
    body, first_line = src.body, src.body_line
    lines = body.split("\n")
    found = headings(lines)
    for section in spec.SECTIONS:
        if section.required and not any(h.level == 2 and h.text == section.name for h in found):
            report.add(first_line, "body", f"正文缺少二级标题“## {section.name}”（参见 cases/_template.md）")
    for h in found:
        if h.level == 1:
            report.add(first_line + h.index, "body", H1_MESSAGES[h.form])
    # a section with nothing under it (a heading, an HTML comment or blank lines only) is unfinished
    visible = _without_comments(lines)
    ends = {h.index: next((g.index for g in found if g.index > h.index and g.level <= h.level), len(lines)) for h in found}
    heading_lines = {h.index for h in found} | {h.index + 1 for h in found if h.form == "setext"}
    empty: set[int] = set()  # lines of the sections found empty: their hints need no second message
    for h in found:
        if h.level > 1 and not any(visible[i].strip() for i in range(h.index + 1, ends[h.index]) if i not in heading_lines):
            report.add(first_line + h.index, "body", f"小节“{h.text}”下面没有正文：请写上内容，或删掉这个小标题")
            empty.update(range(h.index, ends[h.index]))
    for i, line in enumerate(lines):
        hint = None if i in empty else _boilerplate(line, ctx.boilerplate)
        if hint:
            report.add(first_line + i, "body", hint)
    problems, images = body_problems(body, first_line, src.path.parent, ctx.cases_dir)
    for line, message in problems:
        report.add(line, "body", message)
    return tuple(dict.fromkeys(images))


def _boilerplate(line: str, hints: frozenset) -> str | None:
    """The template's own hint left in a case: as a paragraph, or as an HTML comment from `casebook new`."""
    text = " ".join(line.split())
    comment = re.fullmatch(r"<!--\s*(.*?)\s*-->", text)
    if comment and comment[1] in hints:
        return "这是模板里的提示（<!-- … -->）：这一节写好后请删掉它"
    if text in hints:
        return "这是模板里的提示文字，不是案例内容：请换成这个案例自己的内容"
    return None


def validate_source(src: SourceFile, ctx: Context, report: Reporter) -> Case | Peek | None:
    """Validate one split file; every problem goes to ``report``. A file with problems gives a Peek
    (slug, title, related) when it has a title, for the rules that compare files."""
    slug = Path(src.rel).stem
    problem = slug_problem(slug)
    if problem:
        report.add(1, "file", problem)
    try:
        fm = parse_front_matter(src.front_matter, src.front_matter_line)
    except FrontMatterError as err:
        report.add(err.line, "front_matter", err.message)
        check_body(src, ctx, report)
        return None
    for line, where, message in fm.problems:
        report.add(line, where, message)
    f = Fields(fm, report, src.path.parent)
    _unknown_keys(f, (), fm.data, FIELDS)
    values = {}
    for key, (required, checker, what) in FIELDS.items():
        if key not in fm.data or (fm.data[key] is None and required):
            if required and key not in fm.data:
                _missing(f, (), key, what)
            elif required:
                f.err((key,), f"{key} 不能为空（{what}）")
            values[key] = checker(f, None, ctx) if not required else None
            continue
        values[key] = checker(f, fm.data[key], ctx)
    check_strings(f, fm.data)
    images = check_body(src, ctx, report)
    lines = {".".join(map(str, k)): v for k, v in {**fm.lines.values, **fm.lines.keys}.items()}
    if report:  # not a case, but its slug and title still take part in the library-wide rules
        title = fm.data.get("title")
        return Peek(slug, src.rel, title.strip(), values["related"] or (), lines, valid=False) \
            if isinstance(title, str) and title.strip() else None
    return Case(slug=slug, path=src.rel, body=src.body, body_line=src.body_line, lines=lines, images=images,
                stages=values["stages"], topics=values["topics"], tags=values["tags"],
                metrics=values["metrics"], related=values["related"], status=values["status"], kind=values["kind"],
                **{k: values[k] for k in ("title", "summary", "region", "scope", "brand", "organization",
                                          "date", "sources", "cover")})
