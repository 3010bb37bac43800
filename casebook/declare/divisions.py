"""Administrative divisions (vendored table in data/divisions.tsv) and region checks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
            return [("province", self._unknown(province, list(self.provinces), "省级行政区"))]
        parent = prov
        if city is not None:
            found = self.child(prov, city)
            if found is not None and found.level == "county":  # a 直辖市's district written as its city
                problems.append(("city", f"{city} 是 {prov.name} 直辖的区县，不是市：请写成 county: {city}，不写 city"))
                return problems
            if found is None:
                problems.append(("city", self._no_level(prov, "city", city) or self._misplaced(city, prov, "city")))
                return problems
            parent = found
        if county is not None:
            found = self.child(parent, county)
            if found is not None and found.level == "city":  # 东莞市 written as a county of 广东省
                problems.append(("county", f"{county} 是市，不是县（市、区、旗）：请写成 city: {county}，不写 county"))
                return problems
            if found is None and city is None:
                # counties of a province-level city hang one level down; name the city to use
                nested = [d for d in self.by_name.get(county, []) if self.province_of(d) == prov and d.level == "county"]
                if nested:
                    city_name = self.by_code[nested[0].parent].name
                    problems.append(("county", f"{county} 属于 {city_name}，请同时填写 city: {city_name}"))
                    return problems
            if found is None:
                problems.append(("county", self._no_level(parent, "county", county)
                                 or self._misplaced(county, parent, "county")))
        return problems

    def _no_level(self, parent: Division, level: str, name: str) -> str | None:
        """When ``parent`` has no division of ``level`` below it, what to do instead (leave the key out)."""
        below = self.children.get(parent.code, [])
        if not below and parent.level == "province":  # 香港、澳门、台湾: the table has no level below them
            return f"{parent.name} 在行政区划表里没有下级区划：请删掉 {level}: {name} 这一行"
        if not below:  # 东莞市、中山市、儋州市、嘉峪关市: towns hang right below the city
            return f"{parent.name} 下面不设县级区划：请删掉 county: {name} 这一行"
        if level == "city" and not any(d.level == "city" for d in below):  # a 直辖市: districts right below it
            same = "不用再写一遍" if name == parent.name else "下面没有市一级"
            return f"{parent.name} 是直辖市，{same}：请删掉 city: {name} 这一行，区县写在 county 里"
        return None

    def _misplaced(self, name: str, parent: Division, level: str) -> str:
        label = "市（州、盟）" if level == "city" else "县（市、区、旗）"
        options = [d.name for d in self.children.get(parent.code, []) if d.level == level or parent.level == "province"]
        elsewhere = [d for d in self.by_name.get(name, []) if d.level == level]
        if elsewhere:
            homes = "、".join(sorted({self._path(d) for d in elsewhere}))
            return f"{name} 不属于 {parent.name}（{homes}）；请检查 province/city 是否填对"
        return self._unknown(name, options, f"{parent.name} 下的{label}")

    def _path(self, d: Division) -> str:
        names = []
        while d.parent:
            d = self.by_code[d.parent]
            names.append(d.name)
        return "属于" + "".join(reversed(names))

    @staticmethod
    def _unknown(name, options: list[str], what: str) -> str:
        text = str(name)
        prefix = [o for o in options if o.startswith(text) and text]
        close = prefix or difflib.get_close_matches(text, options, n=3, cutoff=0.5)
        examples = "、".join(options[:2])  # the official names of this level, as the table writes them
        hint = f"，是不是 {'、'.join(close[:3])}？" if close else f"；请填写官方全称（如 {examples}）"
        return f"{text} 不是{what}的官方名称{hint}"


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
