"""What each front-matter field may hold, declared once.

The validator (validate.py) reads its limits, keys and required-ness from this table, and the JSON
Schema (schema.py) is generated from it, so the two can never disagree. Checks that need more than
the value itself (the division table, today's date, other files) stay in the validator; this table
only says which kind of check applies. Another case library would swap this table for its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    lo: int
    hi: int
    what: str
    numbers: bool = False  # brand: 333 is a name written as a number; kept as written
    example: str = ""

    def named(self) -> str:
        return f"{self.what}，如 {self.example}" if self.example else self.what

    def hint(self) -> str:
        return f"{self.what}，{self.lo}–{self.hi} 个字符"


@dataclass(frozen=True)
class Terms:
    """A list of words from one section of the taxonomy (cases/_taxonomy.yml)."""
    section: str
    lo: int
    hi: int | None  # None: at most every word of the section
    what: str


@dataclass(frozen=True)
class Choice:
    """One word: from a taxonomy section, or from fixed ``values``."""
    what: str
    section: str | None = None
    values: tuple = ()
    default: str | None = None


@dataclass(frozen=True)
class Date:
    what: str


@dataclass(frozen=True)
class Url:
    what: str = "链接"


@dataclass(frozen=True)
class Number:
    what: str
    lo: float | None = None  # the smallest value allowed (a count is never negative)
    hi: float | None = None  # the largest: past it, a bigger unit (万、亿) says the same thing


@dataclass(frozen=True)
class SourceRef:
    """The number of an item in the case's own ``sources`` list, counting from 1."""
    what: str


@dataclass(frozen=True)
class Place:
    """A name from the division table (casebook/data/divisions.tsv)."""
    level: str  # province, city, county
    what: str


@dataclass(frozen=True)
class Record:
    keys: dict
    required: tuple
    what: str


@dataclass(frozen=True)
class Records:
    item: Record
    lo: int
    hi: int | None
    what: str


@dataclass(frozen=True)
class Slugs:
    what: str


@dataclass(frozen=True)
class Image:
    what: str


def named(rule) -> str:
    """What a missing key is, for the "缺少必填的 …" message."""
    return rule.named() if isinstance(rule, Text) else rule.what


@dataclass(frozen=True)
class Field:
    spec: object
    required: bool = False
    hint: str = ""  # what the "missing" message says the field is

    def __post_init__(self):
        if not self.hint and isinstance(self.spec, Text):
            object.__setattr__(self, "hint", self.spec.hint())


EARLIEST_YEAR = 2000  # dates before this are typing mistakes
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STATUSES = ("published", "draft")  # draft: shown by `mkdocs serve` with a 草稿 badge, left out of builds
KINDS = ("实践", "方案")  # 方案: a plan or implementation scheme, not a practice carried out and reported
METRIC_TYPES = ("成效", "目标")  # 目标: a plan's target, never shown as a result

REGION = Record({"province": Place("province", "省级行政区全称，如 吉林省"),
                 "city": Place("city", "市（州、盟）全称"),
                 "county": Place("county", "县（市、区、旗）全称")}, ("province",), "地区")
SOURCE = Record({"title": Text(2, 200, "来源标题"), "publisher": Text(2, 200, "发布单位"),
                 "date": Date("来源日期"), "url": Url(),
                 # how the source was obtained, or what was inferred from it
                 "note": Text(2, 100, "来源说明", example="转载页面，原始出处未找到")},
                ("title", "publisher"), "来源")
METRIC = Record({"label": Text(2, 40, "指标名称"), "value": Number("数值", 0, 10 ** 12), "unit": Text(1, 10, "单位", example="所、名、个"),
                 "type": Choice("数据类型", values=METRIC_TYPES, default="成效"),
                 "source": SourceRef("数据出处：sources 中的第几个来源")},
                ("label", "value", "unit"), "指标")

@dataclass(frozen=True)
class Section:
    """A ## section of the body: the template's and `casebook new`'s, with the hint they show."""
    name: str
    hint: str
    required: bool = False


SECTIONS = (
    Section("背景", "用自己的话写清楚这项工作的起因：面对什么问题，依据什么政策。"),
    Section("主要做法", "必填。分条写清楚具体做法：谁、做了什么、怎么做的。", True),
    Section("工作成效", "写清楚取得的成效；数字必须与来源完全一致，计划和目标要写明是目标。"),
    Section("经验启示", "可供其他地区、学校借鉴的经验。"),
)

FIELDS = {
    "title": Field(Text(4, 60, "标题"), True),
    "summary": Field(Text(30, 300, "摘要"), True),
    "region": Field(REGION, True, "地区，至少写 province"),
    "scope": Field(Choice("层级", section="scopes"), True, "层级：省级、市级、县级或校级"),
    "stages": Field(Terms("stages", 1, None, "学段 stages "), True, "学段列表，如 [小学, 初中]"),
    "topics": Field(Terms("topics", 1, 3, "专题 topics "), True, "1–3 个专题"),
    "tags": Field(Terms("tags", 0, 10, "标签 tags ")),
    "brand": Field(Text(1, 30, "品牌简称", numbers=True)),
    "organization": Field(Text(2, 100, "报送单位"), True, "报送单位"),
    "date": Field(Date("日期"), True, "来源报道日期，YYYY-MM-DD"),
    "sources": Field(Records(SOURCE, 1, None, "来源列表"), True, "来源列表"),
    "metrics": Field(Records(METRIC, 0, 12, "关键数据")),
    "related": Field(Slugs("相关案例")),
    "cover": Field(Image("封面图片")),
    "status": Field(Choice("状态", values=STATUSES, default="published")),
    "kind": Field(Choice("案例类型", values=KINDS, default="实践")),
}
