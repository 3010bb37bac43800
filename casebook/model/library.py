"""The validated library: its cases (newest first), its vocabularies, the editors' picks, and the
problems found on the way (when any, nothing is built from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.declare.taxonomy import Taxonomy
from casebook.model.case import Case
from casebook.problems import Problem

CASES_DIR = "cases"


@dataclass
class Library:
    root: Path  # repository root
    taxonomy: Taxonomy | None
    cases: list[Case] = field(default_factory=list)  # valid cases, sorted newest first
    problems: list[Problem] = field(default_factory=list)  # sorted by file and line
    featured: list[str] = field(default_factory=list)  # slugs for the home page, editors' order

    @property
    def cases_dir(self) -> Path:
        return self.root / CASES_DIR

    def by_slug(self) -> dict[str, Case]:
        return {c.slug: c for c in self.cases}

    def published(self) -> "Library":
        """Without drafts: what builds, bundles and exports hold (featured picks and related lists follow)."""
        cases = [c for c in self.cases if not c.draft]
        chosen = {c.slug for c in cases}
        return Library(self.root, self.taxonomy, cases, list(self.problems), [s for s in self.featured if s in chosen])

    def subset(self, selection) -> "Library":
        """The chosen cases as a library of their own: featured picks and related lists only among them."""
        cases = [c for c in self.cases if selection.matches(c)]  # library order (newest first), as the site lists
        chosen = {c.slug for c in cases}
        return Library(self.root, self.taxonomy, cases, list(self.problems), [s for s in self.featured if s in chosen])
