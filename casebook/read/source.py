"""Files on disk → the text of one case file, split into front matter and body.

Everything here guards the parser: sizes are checked before decoding, and the
split keeps line numbers so later messages can point at the file's own lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from casebook.i18n import t
from casebook.problems import Reporter

MAX_FILE_BYTES = 256 * 1024
MAX_FRONT_MATTER_BYTES = 32 * 1024
MAX_LINE_CHARS = 10_000


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute path on disk
    rel: str  # POSIX path relative to the repository root, used in messages
    front_matter: str  # YAML text between the two ``---`` lines
    front_matter_line: int  # file line of the first front-matter line
    body: str
    body_line: int  # file line of the first body line


def rel_path(path: Path, root: Path) -> str:
    """Path as named in messages. The file itself is not resolved: a symlink keeps its own name."""
    path = Path(os.path.abspath(path))
    # lazily: resolve() costs a system call per part, and the plain comparison almost always answers
    bases = (b() for b in (lambda: Path(os.path.abspath(root)), lambda: Path(root).resolve()))
    for base in bases:
        for candidate in (c() for c in (lambda: path, lambda: path.parent.resolve() / path.name)):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                continue
    return path.as_posix()


def read_source(path: Path, root: Path, report: Reporter) -> SourceFile | None:
    """Read and split one case file; on failure add problems and return None."""
    rel = report.file
    if path.is_symlink():
        report.add(1, "file", t("file.symlink"))
        return None
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            report.add(1, "file", t("file.size", size=size, most=MAX_FILE_BYTES))
            return None
        data = path.read_bytes()
    except OSError as err:
        report.add(1, "file", t("file.unreadable", error=err.strerror or err))
        return None
    if not data.strip():
        report.add(1, "file", t("file.empty"))
        return None
    wide = "UTF-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else \
        "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _every_other_byte_nul(data) else None
    if wide:  # Windows Notepad's "Unicode": the NUL bytes below would only confuse
        report.add(1, "file", t("file.wide", encoding=wide))
        return None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        report.add(data.count(b"\n", 0, offset) + 1, "file", t("file.nul", offset=offset))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        report.add(line, "file", t("file.utf8", offset=err.start))
        return None
    # Editors on Windows add a BOM and CRLF line ends: accept both silently.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return split_front_matter(path, rel, text, report)


def _every_other_byte_nul(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: the bytes read as UTF-16 text (--- first, as a case file
    starts) with no NUL in it, where as UTF-8 they hold NUL bytes."""
    if b"\x00" not in data:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and text.lstrip("\ufeff").startswith("---"):
            return True
    return False


def split_front_matter(path: Path, rel: str, text: str, report: Reporter) -> SourceFile | None:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        report.add(1, "front_matter", t("file.no_front_matter"))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.add(1, "front_matter", t("file.unclosed"))
        return None
    front = "\n".join(lines[1:end])
    if len(front.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        report.add(1, "front_matter", t("file.front_matter_size", most=MAX_FRONT_MATTER_BYTES // 1024))
        return None
    body_lines = lines[end + 1 :]
    for i, line in enumerate(body_lines):
        if len(line) > MAX_LINE_CHARS:
            report.add(end + 2 + i, "body", t("file.long_line", count=len(line), most=MAX_LINE_CHARS))
    return SourceFile(path, rel, front, 2, "\n".join(body_lines), end + 2)
