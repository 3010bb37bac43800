"""The validated case: plain data that renderers, indexes and exports read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    province: str
    city: str | None = None
    county: str | None = None

    @property
    def place(self) -> str:
        """The most specific place name, e.g. 石泉县."""
        return self.county or self.city or self.province

    @property
    def label(self) -> str:
        return "".join(p for p in (self.province, self.city, self.county) if p)


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
    type: str = "成效"  # or "目标": a target, shown as one
    source: int | None = None  # 1-based number in the case's sources

    @property
    def target(self) -> bool:
        return self.type == "目标"

    @property
    def text(self) -> str:
        """In words, as exports and plain lists write it: 示范校：300所（目标）."""
        return f"{self.label}：{self.display}{self.unit}" + ("（目标）" if self.target else "")

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
    title: str
    summary: str
    region: Region
    scope: str
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    brand: str | None
    organization: str
    date: dt.date
    sources: tuple[Source, ...]
    metrics: tuple[Metric, ...] = ()
    related: tuple[str, ...] = ()
    cover: str | None = None  # POSIX path relative to cases/
    images: tuple[str, ...] = ()  # local image references in the body, as written (relative to the case file)
    body: str = ""
    body_line: int = 1
    lines: dict = field(default_factory=dict, compare=False, repr=False)  # key -> file line
    status: str = "published"  # or "draft": previewed, never built or bundled
    kind: str = "实践"  # or "方案": a plan, not a practice carried out

    @property
    def plan(self) -> bool:
        return self.kind == "方案"

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def url(self) -> str:
        """Site path of the generated page (Markdown source path in docs/)."""
        return f"cases/{self.slug}.md"


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
