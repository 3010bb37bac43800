"""The Jinja2 environment every page, block and document is rendered with: autoescaped, the catalog's
``t`` and ``tn`` at hand, and a library's own templates first.

A library overrides any template by putting a file of the same name in its ``templates`` folder
(``templates:`` in casebook.yml; ``templates/`` beside it by default), as Material's ``custom_dir``
overrides the theme's. Pages are Markdown for MkDocs: their finished HTML blocks go through the ``raw``
filter, which sets them aside from Markdown (rawhtml.py).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from casebook.cache import ResultCache
from casebook.i18n import language, t, template, tn
from casebook.render import rawhtml


class TemplateCode(jinja2.BytecodeCache):
    """Compiled Jinja templates (Material's theme, casebook's pages), kept from one build to the next:
    compiling them took a third of a second of every build. Jinja checks each template's source
    checksum, so an edited template is compiled afresh. In memory for the process (MkDocs makes a new
    environment per rebuild of ``mkdocs serve``), and in .cache/casebook/ once ``attach`` names the
    library: signed like every cache file there (cache.py), since compiled code read back runs."""

    def __init__(self):
        self.store: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.root: Path | None = None
        self.cache: ResultCache | None = None

    def attach(self, root: Path) -> None:
        """Read the compiled templates a build of the library at ``root`` kept (once per process and library)."""
        if self.root != Path(root):
            self.root, self.cache = Path(root), ResultCache(root, "templates", jinja2.__version__)
            self.store.update(self.cache.entries)
        self.used = set()

    def load_bytecode(self, bucket) -> None:  # (Jinja asks before it compiles, so used holds both)
        self.used.add(bucket.key)
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def save(self) -> None:
        """After a build: keep the templates it used (those that compiled), for the next one."""
        if self.cache is None:
            return
        for key in self.used & self.store.keys():
            if self.cache.entries.get(key) != self.store[key]:  # new, compiled afresh, or from before attach
                self.cache.put(key, self.store[key])
        self.cache.keep_only(self.used)
        self.cache.save()


TEMPLATES = TemplateCode()


def long_date(date: dt.date) -> str:
    """A date as readers of the interface language write it (CLDR via Babel): 2023年12月5日, December 5, 2023."""
    return _long_date(date, language())


@lru_cache(maxsize=4096)
def _long_date(date: dt.date, locale: str) -> str:
    from babel.dates import format_date

    return format_date(date, "long", locale=locale)


def front_matter(**meta) -> Markup:
    """Front matter for a generated page, written as JSON, which YAML reads as a flow mapping:
    it quotes whatever needs it, as yaml.safe_dump did at a twentieth of the time."""
    clean = {k: v for k, v in meta.items() if v not in (None, [], ())}
    text = json.dumps(clean, ensure_ascii=False).translate(_YAML_BREAKS)  # YAML folds these inside quotes
    return Markup("---\n" + text + "\n---\n\n")


_YAML_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def css_string(value: str) -> Markup:
    """A CSS string literal: every character but ASCII letters and digits as a hex escape (safe in <style>)."""
    out = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{out}"')


def _raw(html) -> Markup:
    """A block of finished HTML (autoescaped already) that Markdown must not touch."""
    return Markup(rawhtml.raw(str(html)))


def _json_script(data) -> Markup:
    """JSON for a <script>: "<" escaped, so no "</script>" or "<!--" can appear in it."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


@lru_cache(maxsize=8)
def environment(overrides: str | None = None) -> Environment:
    """The environment for a library whose own templates (if any) are in ``overrides``."""
    loaders = [FileSystemLoader(overrides)] if overrides and Path(overrides).is_dir() else []
    env = Environment(loader=ChoiceLoader([*loaders, PackageLoader("casebook.render", "templates")]),
                      autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      # no stat of every template at every include; reload() starts over on each build
                      undefined=StrictUndefined, auto_reload=False, bytecode_cache=TEMPLATES)
    env.globals.update(t=t, tn=tn, message_template=template, front_matter=front_matter)
    env.filters.update(raw=_raw, long_date=long_date, json_script=_json_script, css_string=css_string)
    return env


def reload() -> None:
    """Templates read afresh (a library's own ones may have changed: mkdocs serve rebuilds in one process)."""
    environment.cache_clear()


def macro(overrides: str | None, name: str):
    """A macro of partials/macros.html.j2 (the library's own file when it has one), callable from Python."""
    return getattr(environment(overrides).get_template("partials/macros.html.j2").module, name)


def render(name: str, overrides: str | None = None, **context) -> str:
    return environment(overrides).get_template(name).render(**context)
