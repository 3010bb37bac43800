"""The library's controlled vocabularies (e.g. cases/_taxonomy.yml): sections of "term: one-sentence
description". A field of kind ``terms`` or ``choice`` takes its values from one section; a term a case
uses must be listed there, and adding one is a change to this file, reviewed like any other."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.i18n import joined, t
from casebook.problems import Problem, Reporter
from casebook.read.frontmatter import read_yaml_file


@dataclass(frozen=True)
class Vocabularies:
    rel: str  # where they live, named in messages about unknown values
    sections: dict  # section -> {term: description}, in file order

    def section(self, name: str) -> dict:
        return self.sections.get(name, {})


def load_vocabularies(path: Path, rel: str, needed, keep: dict | None = None) -> tuple[Vocabularies | None, list[Problem]]:
    """The file at ``path``: every ``needed`` section present and non-empty, every term described, the
    terms in ``keep`` (section -> terms the library must not lose) still there, no other section."""
    report = Reporter(rel)
    fm = read_yaml_file(path, report, lambda err: t("vocabularies.unreadable", error=err))
    if fm is None:
        return None, report.problems
    needed = tuple(dict.fromkeys(needed))
    sections = {}
    for name in needed:
        value = fm.data.get(name)
        if not isinstance(value, dict) or not value:
            report.add(fm.lines.key((name,)), name, t("vocabularies.section.empty", name=name))
            sections[name] = {}
            continue
        clean = {}
        for key, desc in value.items():
            if not isinstance(desc, str) or not desc.strip():
                report.add(fm.lines.value((name, key)), f"{name}.{key}", t("vocabularies.description"))
            clean[str(key)] = str(desc or "").strip()
        sections[name] = clean
    for name, required in (keep or {}).items():
        for value in required:
            if sections.get(name) and value not in sections[name]:
                report.add(fm.lines.key((name,)), name, t("vocabularies.keep", value=value))
    for key in fm.data:
        if key not in needed:
            report.add(fm.lines.key((key,)), str(key), t("vocabularies.unknown", key=key, allowed=joined(needed)))
    if report:
        return None, report.problems
    return Vocabularies(rel, sections), []
