"""`casebook init DIR`: a new, minimal case library that validates and builds as it is.

The files are the package's scaffold/<language>/ folder, copied as they are: a declaration
(casebook.yml), vocabularies, a template and one sample case under cases/, mkdocs.yml with the hooks
file, and an about page. The folder must not exist yet or be empty: nothing is overwritten.
"""

from __future__ import annotations

from pathlib import Path

from casebook.i18n import LANGUAGES, t

SCAFFOLD = Path(__file__).with_name("scaffold")


class Refused(Exception):
    """Why no library was written, in the interface language."""


def init(directory: Path, language: str = LANGUAGES[0]) -> list[Path]:
    """Write the scaffold of ``language`` into ``directory``; return the files written."""
    source = SCAFFOLD / language
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Refused(t("init.not_empty", path=target))
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    written = []
    try:
        for path in files:
            out = target / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(out, "xb") as f:
                f.write(path.read_bytes())
            out.chmod(0o644)
            written.append(out)
    except OSError as err:
        raise Refused(t("new.unwritable", path=err.filename, error=err.strerror)) from None
    return written
