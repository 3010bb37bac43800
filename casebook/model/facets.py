"""Group cases by province, topic, stage, scope, tag and year (the browse and filter axes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.declare.divisions import load_divisions
from casebook.declare.fields import KINDS
from casebook.model.case import Case
from casebook.model.slugs import unique_slugs
from casebook.declare.taxonomy import Taxonomy


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


# key -> (Chinese name, the values a case holds): the one table of which field each browse axis reads,
# shared by the listings, the gallery's filters and a bundle's selection.
FIELDS = {
    "province": ("地区", lambda c: (c.region.province,)),
    "topic": ("专题", lambda c: c.topics),
    "stage": ("学段", lambda c: c.stages),
    "scope": ("层级", lambda c: (c.scope,)),
    "tag": ("标签", lambda c: c.tags),
    "year": ("年份", lambda c: (str(c.date.year),)),
    "kind": ("类型", lambda c: (c.kind,)),
}


KIND_DESCRIPTIONS = {"实践": "已经实施、有报道的工作", "方案": "工作方案、实施方案等计划，还没有报道实施结果"}


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
    def facet(key, folder, order, descriptions=None):
        title, values_of = FIELDS[key]
        return Facet(key, title, folder, _group(cases, order, values_of), dict(descriptions or {}))

    facets = [
        facet("province", "provinces", province_order),
        facet("topic", "topics", taxonomy.topics, taxonomy.topics),
        facet("stage", "stages", taxonomy.stages, taxonomy.stages),
        facet("scope", None, taxonomy.scopes, taxonomy.scopes),
        facet("tag", None, taxonomy.tags, taxonomy.tags),
        facet("year", None, years),
        facet("kind", None, KINDS, KIND_DESCRIPTIONS),
    ]
    return {f.key: f for f in facets}
