"""Administrative divisions (vendored table in data/divisions.tsv) and region checks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from casebook.i18n import N_, joined, t

DATA = Path(__file__).with_name("data") / "divisions.tsv"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    type: str  # 省 / 直辖市 / 地级市 / 县 / 市辖区 …
    level: str  # province / city / county
    parent: str  # parent code, "" for provinces


class Divisions:
    def __init__(self, rows: list[Division]):
        self.by_code = {d.code: d for d in rows}
        self.children: dict[str, list[Division]] = {}
        self.by_name: dict[str, list[Division]] = {}
        for d in rows:
            self.children.setdefault(d.parent, []).append(d)
            self.by_name.setdefault(d.name, []).append(d)
        self.provinces = {d.name: d for d in self.children[""]}

    def province_of(self, d: Division) -> Division:
        while d.parent:
            d = self.by_code[d.parent]
        return d

    def child(self, parent: Division, name: str) -> Division | None:
        return next((d for d in self.children.get(parent.code, []) if d.name == name), None)

    def check(self, province, city, county) -> list[tuple[str, str]]:
        """Return (field, message) pairs; empty when the region is consistent."""
        problems = []
        prov = self.provinces.get(province)
        if prov is None:
            return [("province", self._unknown(province, list(self.provinces), t("divisions.province")))]
        parent = prov
        if city is not None:
            found = self.child(prov, city)
            if found is not None and found.level == "county":  # a 直辖市's district written as its city
                problems.append(("city", t("divisions.city.is_county", city=city, province=prov.name)))
                return problems
            if found is None:
                problems.append(("city", self._no_level(prov, "city", city) or self._misplaced(city, prov, "city")))
                return problems
            parent = found
        if county is not None:
            found = self.child(parent, county)
            if found is not None and found.level == "city":  # 东莞市 written as a county of 广东省
                problems.append(("county", t("divisions.county.is_city", county=county)))
                return problems
            if found is None and city is None:
                # counties of a province-level city hang one level down; name the city to use
                nested = [d for d in self.by_name.get(county, []) if self.province_of(d) == prov and d.level == "county"]
                if nested:
                    city_name = self.by_code[nested[0].parent].name
                    problems.append(("county", t("divisions.county.needs_city", county=county, city=city_name)))
                    return problems
            if found is None:
                problems.append(("county", self._no_level(parent, "county", county)
                                 or self._misplaced(county, parent, "county")))
        return problems

    def _no_level(self, parent: Division, level: str, name: str) -> str | None:
        """When ``parent`` has no division of ``level`` below it, what to do instead (leave the key out)."""
        below = self.children.get(parent.code, [])
        if not below and parent.level == "province":  # 香港、澳门、台湾: the table has no level below them
            return t("divisions.no_level", parent=parent.name, level=level, name=name)
        if not below:  # 东莞市、中山市、儋州市、嘉峪关市: towns hang right below the city
            return t("divisions.no_county", parent=parent.name, name=name)
        if level == "city" and not any(d.level == "city" for d in below):  # a 直辖市: districts right below it
            key = N_("divisions.municipality.same") if name == parent.name else N_("divisions.municipality.no_city")
            return t(key, parent=parent.name, name=name)
        return None

    def _misplaced(self, name: str, parent: Division, level: str) -> str:
        label = t("divisions.city") if level == "city" else t("divisions.county")
        options = [d.name for d in self.children.get(parent.code, []) if d.level == level or parent.level == "province"]
        elsewhere = [d for d in self.by_name.get(name, []) if d.level == level]
        if elsewhere:
            homes = joined(sorted({self._path(d) for d in elsewhere}))
            return t("divisions.elsewhere", name=name, parent=parent.name, homes=homes)
        return self._unknown(name, options, t("divisions.under", parent=parent.name, level=label))

    def _path(self, d: Division) -> str:
        names = []
        while d.parent:
            d = self.by_code[d.parent]
            names.append(d.name)
        return t("divisions.belongs", path="".join(reversed(names)))

    @staticmethod
    def _unknown(name, options: list[str], what: str) -> str:
        text = str(name)
        prefix = [o for o in options if o.startswith(text) and text]
        close = prefix or difflib.get_close_matches(text, options, n=3, cutoff=0.5)
        examples = joined(options[:2])  # the official names of this level, as the table writes them
        hint = t("divisions.did_you_mean", options=joined(close[:3])) if close else t("divisions.full_name", examples=examples)
        return t("divisions.unknown", name=text, what=what, hint=hint)


@lru_cache(maxsize=1)
def load_divisions(path: Path = DATA) -> Divisions:
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code\t") or not line.strip():
                continue
            code, name, type_, level, parent = line.rstrip("\n").split("\t")
            rows.append(Division(code, name, type_, level, parent))
    return Divisions(rows)
