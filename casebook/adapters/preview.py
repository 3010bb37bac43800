"""Fast preview: under ``mkdocs serve --dirty`` rebuild only the generated pages whose text changed.

MkDocs' dirty mode skips a page when its source is older than its output, but generated pages have
no source file, so it would rebuild all of them on every save. Every generated page is a pure
function of the library, so comparing each page's text with the last successful build tells which
ones a save changed: the edited case's page, and the listings and related cards that show it. When
the set of pages, the configuration or the templates change, everything is rebuilt.

State lives in this module, not in the hooks file: MkDocs loads the hooks file afresh for every
rebuild of a serve session, while imported packages stay.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


class Preview:
    def __init__(self):
        self.on = False  # only under `mkdocs serve --dirty`
        self.serving = False  # under `mkdocs serve`: an invalid library is shown, not refused
        self.built: dict[str, str] = {}  # page path -> digest of its text at the last successful build
        self.pending: dict[str, str] = {}

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.on = self.serving and dirty
        self.built, self.pending = {}, {}

    def unchanged(self, pages: dict[str, str], salt) -> set[str]:
        """Paths among ``pages`` ({path: text}) whose text is what the last successful build rendered.
        ``salt()`` gives what every page also depends on (configuration, templates); it is only asked
        for in a dirty preview, so other builds neither read templates nor hash pages."""
        if not self.on:
            return set()
        salt = salt()
        self.pending = {path: _digest(salt, text) for path, text in pages.items()}
        if set(self.pending) != set(self.built):
            return set()
        return {path for path, d in self.pending.items() if self.built.get(path) == d}

    def built_ok(self) -> None:
        """The build finished: its pages are now what the site holds."""
        self.built, self.pending = self.pending, {}


def site_salt(config_file: Path, template_dirs: list[Path]) -> str:
    """The configuration and the templates every page is rendered with."""
    h = hashlib.sha256(Path(config_file).read_bytes())
    for folder in template_dirs:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _digest(salt: str, text: str) -> str:
    return hashlib.sha256(f"{salt}\0{text}".encode()).hexdigest()


PREVIEW = Preview()
