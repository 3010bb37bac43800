"""Shared fixtures (helpers live in casefixtures.py so test modules can import them)."""

from __future__ import annotations

import shutil

import pytest

from casefixtures import REPO, Repo


@pytest.fixture
def repo(tmp_path) -> Repo:
    (tmp_path / "cases").mkdir()
    shutil.copy(REPO / "cases" / "_taxonomy.yml", tmp_path / "cases" / "_taxonomy.yml")
    return Repo(tmp_path)
