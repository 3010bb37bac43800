"""Test helpers: a throw-away repository with the real taxonomy, and one valid case file."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from casebook.check.library import load_library

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 25)

# Line numbers matter: tests assert them. Line 1 is the opening ---.
VALID_CASE = """\
---
title: 测试案例标题示例
summary: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。
region:
  province: 吉林省
  city: 长春市
scope: 省级
stages: [小学, 初中]
topics: [校长负责制]
tags: [试点推进]
brand: BTX
organization: 测试单位
date: 2023-12-05
sources:
  - title: 来源标题示例
    publisher: 某某日报
    date: 2023-12-05
    url: https://example.org/a
metrics:
  - label: 建立制度的学校
    value: 1798
    unit: 所
---

## 背景

这是背景。

## 主要做法

这是做法。
"""


class Repo:
    def __init__(self, root: Path):
        self.root = root
        self.cases = root / "cases"

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.cases / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def case(self, slug: str = "demo-case", text: str = VALID_CASE, folder: str = "test") -> Path:
        return self.write(f"{folder}/{slug}.md", text)

    def load(self):
        return load_library(self.root, today=TODAY)

    def problems(self):
        return self.load().problems




PROJECT_PARTS = ("mkdocs.yml", "casebook.yml", "docs", "cases", "hooks", "casebook")


def copy_project(tmp_path: Path) -> Path:
    """A copy of the whole project (config, pages, cases, hooks, theme overrides) to break or build."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_PARTS:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    return project


EPOCH = "1764028800"  # 2025-11-25 00:00 UTC: bundles made "on that day", whatever today is


@dataclass
class Built:
    code: int
    out: str  # what the command printed on stdout
    err: str  # progress lines and messages on stderr
    dist: Path

    def only(self, suffix: str) -> Path:
        found = sorted(self.dist.glob(f"*{suffix}"))
        assert len(found) == 1, found
        return found[0]

    @property
    def zip(self) -> Path:
        return self.only(".zip")

    def unzip(self) -> Path:
        """The bundle's one top folder, unpacked beside the zip."""
        target = self.dist / "unpacked"
        if not target.exists():
            with zipfile.ZipFile(self.zip) as zf:
                zf.extractall(target)
        (top,) = list(target.iterdir())
        return top


def run_cli(dist: Path, *args: str, command: str = "bundle", env: dict | None = None, root: Path = REPO) -> Built:
    """``casebook <command> --out-dir dist …`` as a trainer runs it, SOURCE_DATE_EPOCH fixed, no public site_url.

    A child process: the handout's Playwright cannot start inside the browser tests' running one.
    """
    environ = {k: v for k, v in os.environ.items() if k != "CASEBOOK_SITE_URL"}
    environ.update({"SOURCE_DATE_EPOCH": EPOCH, "PYTHONIOENCODING": "utf-8", **(env or {})})
    result = subprocess.run([sys.executable, "-m", "casebook.cli", command, "--root", str(root), "--out-dir", str(dist),
                             *args], env=environ, capture_output=True, text=True, encoding="utf-8", timeout=300)
    return Built(result.returncode, result.stdout, result.stderr, dist)


@contextmanager
def mkdocs_serve(project: Path):
    """`mkdocs serve --strict --dirty` (as scripts/serve runs it) on a free port in ``project``; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_SITE_URL"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**env, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def fetch(url: str) -> tuple[int | None, str]:
    """(HTTP status or None when nothing answers, page text)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return None, ""


def wait_for(check, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.3)
    return False


# the first library's fields that are also a case's attributes (their roles in casebook.yml)
ROLE_ATTRIBUTES = {"title": "title", "summary": "summary", "region": "place", "date": "date", "sources": "sources",
                   "metrics": "metrics", "related": "related", "cover": "cover", "status": "status"}


def place(*names):
    """A place of the first library: 吉林省, 长春市 … (None where a level is skipped), labelled as it reads."""
    from casebook.model.case import Place

    names = tuple(names) + (None,) * (3 - len(names))
    return Place(names, "".join(n for n in names if n), ("province", "city", "county"))


def with_fields(case, **changes):
    """A copy of a validated case with some things changed: slug, path, body …, or fields by name (their
    attributes follow: region moves ``place``)."""
    import dataclasses

    values, attrs = dict(case.values), {}
    for name, value in changes.items():
        if name in values:
            values[name] = value
            if name in ROLE_ATTRIBUTES:
                attrs[ROLE_ATTRIBUTES[name]] = value
        else:
            attrs[name] = value
    return dataclasses.replace(case, values=values, **attrs)


def render_context(library, cases=None, urls=None, edition=None):
    """What the site's pages are rendered with, over ``cases`` (the library's by default)."""
    from casebook.model.edition import Edition
    from casebook.model.facets import build_facets
    from casebook.render.context import Context
    from casebook.render.urls import Urls

    cases = library.cases if cases is None else cases
    return Context(library, build_facets(cases, library), urls or Urls(), edition or Edition(), "tags")
