"""A problem found in a case file: where it is and what to do about it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Control characters (a terminal obeys an ANSI escape echoed in a message; a line break starts a
# line that looks like another problem) and direction overrides:
# a message quotes them as \x1b, never passes them on.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print: its control characters written out (\\x1b, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


@dataclass(frozen=True, order=True)
class Problem:
    """One contributor-facing message. Sorting gives path, then line order."""

    file: str  # POSIX path relative to the repository root
    line: int  # 1-based line in the file; 1 when the whole file is at fault
    field: str  # front-matter key path such as ``region.city``, or ``body``/``file``
    message: str  # in the interface language, with a suggestion where one exists

    def __post_init__(self):  # values from a case file reach terminals and CI logs: never raw control characters
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)

    def github(self) -> str:
        """A GitHub Actions annotation, shown on the changed line of a pull request."""
        return (f"::error file={_prop(self.file)},line={self.line},title={_prop(self.field)}::"
                f"{_data(self.message)}")


def _data(text: str) -> str:  # GitHub's workflow-command escaping
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class Reporter:
    """Collects problems for one file so rules never stop at the first one."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, max(int(line), 1), field, message))

    def __bool__(self) -> bool:  # truthy when something is wrong
        return bool(self.problems)
