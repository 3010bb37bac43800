"""``casebook build``: atomic replacement of site/ and byte-identical rebuilds."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from casebook.cli import main
from casebook.outputs.publish import replace_dir
from casefixtures import copy_project


def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def build(project: Path, site: Path) -> int:
    return main(["build", "--root", str(project), "--site-dir", str(site)])


def test_failed_builds_leave_the_previous_site_untouched(project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = tmp_path / "site"
    assert build(project, site) == 0
    (site / "marker.txt").write_text("previous site", encoding="utf-8")
    before = tree_hash(site)

    # 1. an invalid case: refused before anything is written
    bad = project / "cases" / "bad-case.md"
    bad.write_text("---\ntitle: 坏\n---\n", encoding="utf-8")
    assert build(project, site) == 1
    assert tree_hash(site) == before
    bad.unlink()

    # 2. a strict-mode warning (broken link): MkDocs writes every page, then aborts
    (project / "docs" / "about.md").write_text("# 关于\n\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    capsys.readouterr()
    assert build(project, site) == 1
    assert tree_hash(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []  # no staging left behind
    assert f"casebook: 构建失败，{site} 保持不变。" in capsys.readouterr().err  # and the contributor is told so


def test_successful_build_replaces_the_site_whole(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert build(project, site) == 0
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file() and (site / "cases" / "jilin-principal-responsibility" / "index.html").is_file()
    # a web server reads it: the folder gets what mkdir gives (0755), not the staging folder's 0700
    from casebook.outputs.files import umask

    assert stat.S_IMODE(site.stat().st_mode) == 0o777 & ~umask()


def test_two_builds_of_one_commit_are_byte_identical(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("CASEBOOK_SITE_URL", "https://cases.example.org/")  # so the sitemap lists pages
    assert build(project, tmp_path / "a") == 0
    assert build(project, tmp_path / "b") == 0
    a, b = tree_hash(tmp_path / "a"), tree_hash(tmp_path / "b")
    assert a == b
    assert "sitemap.xml.gz" in a and "search/search_index.json" in a
    sitemap = (tmp_path / "a" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap  # the epoch's date, not today's
    assert "https://cases.example.org/cases/shiquan-333-moral-education/" in sitemap


def test_replace_dir_swaps_and_keeps_nothing_old(tmp_path):
    target, staging = tmp_path / "site", tmp_path / "staging"
    target.mkdir(), staging.mkdir()
    (target / "old.txt").write_text("old"), (staging / "new.txt").write_text("new")
    replace_dir(staging, target)
    assert sorted(os.listdir(target)) == ["new.txt"] and not staging.exists()
    assert sorted(os.listdir(tmp_path)) == ["site"]


def test_a_swap_that_fails_puts_the_previous_site_back(tmp_path, monkeypatch):
    """The new site cannot be moved into place (a full disk, a lock): the old one is put back, whole."""
    import os

    target, staging = tmp_path / "site", tmp_path / "staging"
    (target / "cases").mkdir(parents=True)
    (target / "index.html").write_text("old")
    (target / "cases" / "a.html").write_text("old case")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    real_rename = os.rename

    def rename(src, dst):
        if str(src) == str(staging):  # the step that moves the new site in
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError):
        replace_dir(staging, target)
    assert (target / "index.html").read_text() == "old" and (target / "cases" / "a.html").read_text() == "old case"
    assert (staging / "index.html").read_text() == "new"  # nothing lost either way
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "staging"]  # no half-moved leftovers
