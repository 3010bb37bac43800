"""Group cases by province, topic, stage, scope, tag and year (the browse and filter axes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .divisions import load_divisions
from .model import Case
from .slugs import unique_slugs
from .taxonomy import Taxonomy


@dataclass
class Facet:
    key: str  # also the gallery's query-string key
    title: str  # 地区, 专题 …
    folder: str | None  # where its listing pages live; None when it has none
    values: dict[str, list[Case]]  # value -> cases (newest first), in display order
    descriptions: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.slugs = unique_slugs(self.values)

    def page(self, value: str) -> str:
        return f"{self.folder}/{self.slugs[value]}.md"

    @property
    def index(self) -> str:
        return f"{self.folder}/index.md"

    def used(self) -> dict[str, list[Case]]:
        return {v: cs for v, cs in self.values.items() if cs}


def _group(cases, order, values_of) -> dict[str, list[Case]]:
    groups = {value: [] for value in order}
    for case in cases:
        for value in values_of(case):
            groups.setdefault(value, []).append(case)
    return groups


def build_facets(cases: list[Case], taxonomy: Taxonomy) -> dict[str, Facet]:
    divisions = load_divisions()
    province_order = sorted({c.region.province for c in cases}, key=lambda n: divisions.provinces[n].code)
    years = sorted({str(c.date.year) for c in cases}, reverse=True)
    facets = [
        Facet("province", "地区", "provinces", _group(cases, province_order, lambda c: [c.region.province])),
        Facet("topic", "专题", "topics", _group(cases, taxonomy.topics, lambda c: c.topics), dict(taxonomy.topics)),
        Facet("stage", "学段", "stages", _group(cases, taxonomy.stages, lambda c: c.stages), dict(taxonomy.stages)),
        Facet("scope", "层级", None, _group(cases, taxonomy.scopes, lambda c: [c.scope]), dict(taxonomy.scopes)),
        Facet("tag", "标签", None, _group(cases, taxonomy.tags, lambda c: c.tags), dict(taxonomy.tags)),
        Facet("year", "年份", None, _group(cases, years, lambda c: [str(c.date.year)])),
    ]
    return {f.key: f for f in facets}
