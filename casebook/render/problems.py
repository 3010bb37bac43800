"""The list of a library's problems as an HTML block, for the preview of a library that does not validate."""

from __future__ import annotations

from casebook.problems import Problem
from casebook.render import templating


def problems_block(problems: list[Problem]) -> str:
    return templating.render("problems.html.j2", None, problems=problems)
