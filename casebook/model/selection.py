"""A trainer's choice of cases: facet values to match, checked against the taxonomy and the library.

The rule is the gallery's: OR within one kind (two topics: a case with either),
AND across kinds (a topic and a province: a case with both). Nothing chosen
means every case.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from casebook.declare.divisions import load_divisions
from casebook.model.facets import FIELDS
from casebook.model.case import Case
from casebook.declare.taxonomy import Taxonomy

# kind -> (Chinese name, what a case holds for it): the browse axes' table, plus single cases by slug.
# Its order is the order of the command's options and of the selection in words.
KINDS = {kind: FIELDS[kind] for kind in ("topic", "tag", "province", "stage", "scope", "year")}
KINDS["case"] = ("案例", lambda c: (c.slug,))
MAX_NAME_CHARS = 40
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+')  # not in a file name on any system


class SelectionError(ValueError):
    """Every value that does not exist, each with a suggestion where one exists (Chinese)."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Selection:
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> chosen values, as given

    @classmethod
    def of(cls, **chosen) -> "Selection":
        """From keyword lists (None or empty: not chosen); duplicates dropped, order kept."""
        values = {}
        for kind in KINDS:
            given = [str(v).strip() for v in chosen.pop(kind, None) or () if str(v).strip()]
            if given:
                values[kind] = tuple(dict.fromkeys(given))
        if chosen:
            raise TypeError(f"unknown selection kinds: {sorted(chosen)}")
        return cls(values)

    @property
    def empty(self) -> bool:
        return not self.values

    def matches(self, case: Case) -> bool:
        return all(set(KINDS[kind][1](case)) & set(wanted) for kind, wanted in self.values.items())

    def choose(self, cases: list[Case]) -> list[Case]:
        """The matching cases in library order; cases named one by one (--case only) in the order given."""
        chosen = [c for c in cases if self.matches(c)]
        if set(self.values) == {"case"}:
            order = {slug: i for i, slug in enumerate(self.values["case"])}
            chosen.sort(key=lambda c: order[c.slug])
        return chosen

    def check(self, taxonomy: Taxonomy, cases: list[Case]) -> None:
        """Raise SelectionError naming every value that is not in the taxonomy, the division list or the library."""
        known = {
            "topic": list(taxonomy.topics), "tag": list(taxonomy.tags), "stage": list(taxonomy.stages),
            "scope": list(taxonomy.scopes), "province": list(load_divisions().provinces),
            "year": sorted({str(c.date.year) for c in cases}, reverse=True), "case": [c.slug for c in cases],
        }
        messages = []
        for kind, wanted in self.values.items():
            for value in wanted:
                if value not in known[kind]:
                    messages.append(f"--{kind} {value}：{unknown(kind, value, known[kind])}")
        if messages:
            raise SelectionError(messages)

    def describe(self) -> str:
        """The selection in words, e.g. 专题：校长负责制；地区：吉林省或陕西省."""
        if self.empty:
            return "全部案例"
        return "；".join(f"{KINDS[kind][0]}：{'或'.join(wanted)}" for kind, wanted in self.values.items())

    def short_name(self) -> str:
        """The chosen values for a file name or a title: 校长负责制, 吉林省-校长负责制 …; 全部 when none."""
        if self.empty:
            return "全部"
        parts = [v for kind, wanted in self.values.items() if kind != "case" for v in wanted]
        if "case" in self.values:
            cases = self.values["case"]
            parts.append(cases[0] if len(cases) == 1 else f"{len(cases)}个案例")
        name = _UNSAFE.sub("_", "-".join(parts)).strip("._-") or "选编"
        return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "等"

    def as_dict(self) -> dict[str, list[str]]:
        return {kind: list(wanted) for kind, wanted in self.values.items()}


def unknown(kind: str, value: str, options: list[str]) -> str:
    what = KINDS[kind][0]
    if kind == "year" and not re.fullmatch(r"\d{4}", value):
        return f"年份应为四位数字，如 2023（案例库中有 {'、'.join(options) or '无'}）"
    prefix = [o for o in options if o.startswith(value) or value.startswith(o)]
    close = prefix or difflib.get_close_matches(value, options, n=3, cutoff=0.5)
    if close:
        return f"没有这个{what}，是不是 {'、'.join(close[:3])}？"
    where = "词表 cases/_taxonomy.yml" if kind in ("topic", "tag", "stage", "scope") else "案例库"
    if kind == "province":
        return "不是省级行政区的官方名称，请写全称（如 吉林省、陕西省）"
    return f"{where}中没有这个{what}" + (f"（可选：{'、'.join(options[:8])}{'…' if len(options) > 8 else ''}）" if options else "")
