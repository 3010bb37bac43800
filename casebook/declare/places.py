"""Where a case happened: a hierarchy of places the library declares (``places:`` in casebook.yml).

- ``cn-divisions``: the built-in table of China's divisions (province → city → county,
  casebook/declare/data/divisions.tsv), with its own checks and messages (divisions.py);
- the path of a YAML file the library ships: its ``levels`` (e.g. [country, region]) and a nested
  mapping of names, each level's names listed under their parent;
- ``none``: the library has no place field.

A place field's value is a mapping from level to name (region: {province: 吉林省, city: 长春市}).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from casebook.i18n import N_, joined, t
from casebook.problems import Problem, Reporter
from casebook.read.frontmatter import FrontMatterError, parse_front_matter


@dataclass(frozen=True)
class Level:
    key: str  # the key in a case file (province, country)
    what: str  # what the "missing" message calls it
    ask: str = ""  # `casebook new`'s question for it (a default from ``what`` when empty)
    help: str = ""  # its command-line option's help


class Places:
    """The levels of a hierarchy, and the check of one place against it."""

    levels: tuple = ()
    joiner = ""  # how a place's names read as one: 吉林省长春市, or Fenholt, Northmarch
    bottom_up = False

    def check(self, names: dict) -> list[tuple[str, str]]:  # (level key, message)
        raise NotImplementedError

    def top(self) -> list[str]:
        """The top level's names, in the table's order."""
        raise NotImplementedError

    def order(self, name: str):
        top = self.top()
        return top.index(name) if name in top else len(top)

    def label(self, names) -> str:
        shown = [n for n in names if n]
        return self.joiner.join(reversed(shown) if self.bottom_up else shown)

    def whole(self) -> str:
        """How a listing page heads the cases placed at the top level only."""
        return t("places.whole")

    def find(self, text: str) -> dict | None:
        """The one most specific place a text names in full ({level key: name}), or None."""
        return None


class Divisions(Places):
    """China's divisions: the checks and messages of divisions.py."""

    def __init__(self):
        from casebook.declare.divisions import load_divisions

        self.table = load_divisions()
        self.levels = tuple(Level(key, t(what), t(ask), t(help)) for key, what, ask, help in (
            ("province", N_("places.cn.province"), N_("places.cn.province.ask"), N_("places.cn.province.help")),
            ("city", N_("places.cn.city"), N_("places.cn.city.ask"), N_("places.cn.city.help")),
            ("county", N_("places.cn.county"), N_("places.cn.county.ask"), N_("places.cn.county.help"))))

    def check(self, names: dict) -> list[tuple[str, str]]:
        return self.table.check(names.get("province"), names.get("city"), names.get("county"))

    def top(self) -> list[str]:
        return list(self.table.provinces)

    def order(self, name: str):
        division = self.table.provinces.get(name)
        return division.code if division else "~"

    def whole(self) -> str:
        return t("places.cn.whole")

    def find(self, text: str) -> dict | None:
        """石泉县 → 陕西省 安康市 石泉县: the most specific division named in full, when only one fits."""
        divisions = self.table
        if not text:
            return None
        named = {name for name in divisions.by_name if len(name) >= 3 and name in text}
        for level in ("county", "city", "province"):
            chains = []
            for name in named:
                for d in divisions.by_name[name]:
                    if d.level != level:
                        continue
                    chain = [d]
                    while chain[-1].parent:
                        chain.append(divisions.by_code[chain[-1].parent])
                    chains.append((sum(c.name in named for c in chain), chain))
            if not chains:
                continue
            best = max(score for score, _ in chains)
            top = [chain for score, chain in chains if score == best]
            if len(top) == 1:
                by_level = {c.level: c.name for c in top[0]}
                found = {k: by_level[k] for k in ("province", "city", "county") if by_level.get(k)}
                return found if not self.check(found) else None
        return None


class FilePlaces(Places):
    """A hierarchy the library ships: each level's names listed under their parent."""

    joiner = ", "
    bottom_up = True

    def __init__(self, levels: tuple, tree: dict):
        self.levels = levels
        self.tree = tree  # name -> subtree (a dict; a list's names get empty subtrees)

    def check(self, names: dict) -> list[tuple[str, str]]:
        tree, parent = self.tree, None
        for depth, level in enumerate(self.levels):
            name = names.get(level.key)
            if name is None:
                if any(names.get(deeper.key) for deeper in self.levels[depth + 1:]):
                    return [(level.key, t("places.file.needs", level=level.key,
                                          deeper=next(d.key for d in self.levels[depth + 1:] if names.get(d.key))))]
                return []
            if name not in tree:
                homes = [path for path in self._paths() if path[-1] == name]
                if homes:
                    where = " / ".join(homes[0][:-1])
                    return [(level.key, t("places.file.elsewhere", name=name, parent=parent, where=where))]
                close = difflib.get_close_matches(name, list(tree), n=3, cutoff=0.5)
                hint = t("places.did_you_mean", options=joined(close)) if close else \
                    t("places.file.options", options=joined(list(tree)[:8]))
                key = N_("places.file.unknown") if parent is None else N_("places.file.unknown.under")
                return [(level.key, t(key, name=name, level=level.key, parent=parent, hint=hint))]
            tree, parent = tree[name], name
        return []

    def _paths(self, tree=None, prefix=()):
        for name, sub in (tree if tree is not None else self.tree).items():
            yield prefix + (name,)
            yield from self._paths(sub, prefix + (name,))

    def top(self) -> list[str]:
        return list(self.tree)

    def find(self, text: str) -> dict | None:
        """The deepest place the text names as a whole word (Fenholt → Northmarch, Fenholt), when only one fits."""
        if not text:
            return None
        said = {name for path in self._paths() for name in path[-1:]
                if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)}
        paths = [path for path in self._paths() if path[-1] in said]
        if not paths:
            return None
        deepest = max(len(p) for p in paths)
        best = [p for p in paths if len(p) == deepest]
        if len(best) != 1:
            return None
        return {level.key: name for level, name in zip(self.levels, best[0])}


class NoPlaces(Places):
    def check(self, names):
        return []

    def top(self):
        return []


def load_places(root: Path, name: str) -> tuple[Places, list[Problem]]:
    """The declared hierarchy: built in, from a file beside the declaration, or none."""
    if name == "cn-divisions":
        return Divisions(), []
    if name in ("none", ""):
        return NoPlaces(), []
    report = Reporter(name)
    try:
        fm = parse_front_matter((Path(root) / name).read_text(encoding="utf-8"), 1)
    except (OSError, UnicodeDecodeError) as err:
        report.add(1, "file", t("places.file.unreadable", error=getattr(err, "strerror", None) or err))
        return NoPlaces(), report.problems
    except FrontMatterError as err:
        report.add(err.line, "file", err.message)
        return NoPlaces(), report.problems
    levels, places = fm.data.get("levels"), fm.data.get("places")
    labels = fm.data.get("labels") or {}
    if not isinstance(levels, list) or not levels or not all(isinstance(x, str) for x in levels):
        report.add(fm.lines.value(("levels",)), "levels", t("places.file.levels"))
    if not isinstance(places, dict) or not places:
        report.add(fm.lines.value(("places",)), "places", t("places.file.places"))
    if report:
        return NoPlaces(), report.problems

    def tree(node, depth):
        if isinstance(node, dict):
            return {str(k): tree(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return {str(k): {} for k in node}
        return {}

    made = tuple(Level(key, str(labels.get(key, key))) for key in levels)
    return FilePlaces(made, tree(places, 0)), []
