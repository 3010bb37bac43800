"""A problem found in a case file: where it is and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One contributor-facing message. Sorting gives path, then line order."""

    file: str  # POSIX path relative to the repository root
    line: int  # 1-based line in the file; 1 when the whole file is at fault
    field: str  # front-matter key path such as ``region.city``, or ``body``/``file``
    message: str  # Chinese, with a suggestion where one exists

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
