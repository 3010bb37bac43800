"""Shared fixtures (helpers live in casefixtures.py so test modules can import them).

The training bundles are built once per session from the real library, for the bundle and browser tests.
"""

from __future__ import annotations

import shutil

import pytest

from casebook.check.library import load_library
from casefixtures import REPO, Built, Repo, run_cli


@pytest.fixture(autouse=True)
def first_library_language():
    """Messages in the first library's language unless a test loads another library: the interface
    language is the process's, and a session fixture may have loaded the English library before."""
    from casebook.i18n import use

    use("zh")
    yield
    use("zh")


@pytest.fixture
def repo(tmp_path) -> Repo:
    (tmp_path / "cases").mkdir()
    for name in ("_taxonomy.yml", "_search_terms.txt", "_template.md"):
        shutil.copy(REPO / "cases" / name, tmp_path / "cases" / name)
    shutil.copy(REPO / "casebook.yml", tmp_path / "casebook.yml")
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


EXAMPLE = REPO / "examples" / "community-health"


@pytest.fixture(scope="session")
def english_library():
    return load_library(EXAMPLE)


@pytest.fixture(scope="session")
def english_site(tmp_path_factory):
    """The English sample library (examples/community-health) built once with ``mkdocs build --strict``."""
    from test_build import build

    out = tmp_path_factory.mktemp("english-site")
    result = build(EXAMPLE, out)
    assert result.returncode == 0, result.stderr
    return out
