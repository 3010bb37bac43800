"""The validated library: its declaration, vocabularies and places, its cases (newest first), the
editors' picks, and the problems found on the way (when any, nothing is built from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.declare.declaration import Declaration
from casebook.declare.places import Places
from casebook.declare.vocabularies import Vocabularies
from casebook.model.case import Case
from casebook.problems import Problem


@dataclass
class Library:
    root: Path  # the library's folder (where casebook.yml is)
    declaration: Declaration | None
    vocabularies: Vocabularies | None = None
    places: Places | None = None
    cases: list[Case] = field(default_factory=list)  # valid cases, sorted newest first
    problems: list[Problem] = field(default_factory=list)  # sorted by file and line
    featured: list[str] = field(default_factory=list)  # slugs for the home page, editors' order

    @property
    def cases_dir(self) -> Path:
        return self.declaration.cases_dir

    @property
    def ready(self) -> bool:
        """Declaration, vocabularies and places all read: cases can be checked and pages made."""
        return self.declaration is not None and self.vocabularies is not None and self.places is not None

    def by_slug(self) -> dict[str, Case]:
        return {c.slug: c for c in self.cases}

    def _with(self, cases: list[Case]) -> "Library":
        chosen = {c.slug for c in cases}
        return Library(self.root, self.declaration, self.vocabularies, self.places, cases, list(self.problems),
                       [s for s in self.featured if s in chosen])

    def published(self) -> "Library":
        """Without drafts: what builds, bundles and exports hold (featured picks and related lists follow)."""
        return self._with([c for c in self.cases if not c.draft])

    def subset(self, selection) -> "Library":
        """The chosen cases as a library of their own: featured picks and related lists only among them."""
        return self._with([c for c in self.cases if selection.matches(c)])  # library order, as the site lists
