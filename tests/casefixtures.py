"""Test helpers: a throw-away repository with the real taxonomy, and one valid case file."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from casebook.library import load_library

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




PROJECT_PARTS = ("mkdocs.yml", "docs", "cases", "hooks", "overrides", "casebook")


def copy_project(tmp_path: Path) -> Path:
    """A copy of the whole project (config, pages, cases, hooks, theme overrides) to break or build."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_PARTS:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, project / name)
    return project
