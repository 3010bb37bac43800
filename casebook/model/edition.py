"""Which site is being built: the public library, or a trainer's bundle of chosen cases.

The bundle command runs MkDocs in a child process; the edition reaches the
hooks there as JSON in one environment variable, so the hooks stay adapters.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from casebook.model.selection import Selection

ENV = "CASEBOOK_BUNDLE"


@dataclass(frozen=True)
class BundleInfo:
    """What a bundle says about itself on its home page and handout cover."""

    title: str
    selection: Selection
    made: dt.date
    version: str  # e.g. "casebook 0.1.0 · commit 7eacd1c", in the interface language
    handout: bool = False  # handout.pdf sits beside index.html

    def to_env(self) -> str:
        return json.dumps({"title": self.title, "selection": self.selection.as_dict(), "made": self.made.isoformat(),
                           "version": self.version, "handout": self.handout}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_env(cls, text: str, declaration) -> "BundleInfo":
        data = json.loads(text)
        return cls(data["title"], Selection.of(declaration, **data["selection"]), dt.date.fromisoformat(data["made"]),
                   data["version"], bool(data.get("handout")))


@dataclass(frozen=True)
class Edition:
    site_url: str = ""  # the public address; empty for local previews and offline bundles
    bundle: BundleInfo | None = None
    edit_base: str = ""  # e.g. https://github.com/org/repo/edit/main/ : case files get an edit link
    site_name: str = ""  # the library's name (mkdocs.yml site_name), as citations give it

    def edit_url(self, repo_path: str) -> str | None:
        """Where a contributor edits a file on the code host; never in a bundle (it is for readers)."""
        if not self.edit_base or self.bundle or not self.edit_base.startswith("https://"):
            return None
        return self.edit_base.rstrip("/") + "/" + repo_path

    def page_url(self, site_path: str) -> str | None:
        """The public address of a page (directory URLs), or None without a public site_url."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + site_path

    @property
    def selection(self) -> Selection | None:
        """A bundle's choice of cases; None for the whole library."""
        return self.bundle.selection if self.bundle else None


def edition_from_env(environ, declaration, site_url: str | None, edit_base: str | None = None,
                     site_name: str | None = None) -> Edition:
    text = environ.get(ENV)
    return Edition(site_url or "", BundleInfo.from_env(text, declaration) if text else None, edit_base or "",
                   site_name or "")
