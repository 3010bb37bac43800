"""Shared fixtures (helpers live in casefixtures.py so test modules can import them).

The training bundles are built once per session from the real library, for the bundle and browser tests.
"""

from __future__ import annotations

import shutil

import pytest

from casebook.check.library import load_library
from casefixtures import REPO, Built, Repo, run_cli


@pytest.fixture
def repo(tmp_path) -> Repo:
    (tmp_path / "cases").mkdir()
    shutil.copy(REPO / "cases" / "_taxonomy.yml", tmp_path / "cases" / "_taxonomy.yml")
    return Repo(tmp_path)


@pytest.fixture(scope="session")
def library():
    return load_library(REPO)


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real library built once with ``mkdocs build --strict``, shared by every test that reads it
    (the browser tests serve this same build)."""
    from test_build import build

    out = tmp_path_factory.mktemp("site")
    result = build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def full_bundle(tmp_path_factory) -> Built:
    built = run_cli(tmp_path_factory.mktemp("bundle-full"), "--handout")
    assert built.code == 0, built.err
    return built


@pytest.fixture(scope="session")
def jilin_bundle(tmp_path_factory) -> Built:
    built = run_cli(tmp_path_factory.mktemp("bundle-jilin"), "--province", "吉林省", "--handout")
    assert built.code == 0, built.err
    return built
