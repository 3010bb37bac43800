"""The list of a library's problems as an HTML block, for the preview of a library that does not validate."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from casebook.problems import Problem


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=PackageLoader("casebook.render", "templates"), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("problems.html.j2")


def problems_block(problems: list[Problem]) -> str:
    return _template().render(problems=problems)
