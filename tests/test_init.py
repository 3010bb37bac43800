"""`casebook init DIR`: a minimal library, in Chinese or English, that validates and builds as it is,
and never writes over anything."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from casebook.cli import main
from test_build import build


@pytest.mark.parametrize("lang,built", [("zh", "全部通过：1 个案例没有问题。"), ("en", "All passed: 1 case, no problems.")])
def test_a_new_library_validates_and_builds_as_it_is(tmp_path, capsys, lang, built):
    target = tmp_path / "library"
    assert main(["init", str(target), "--lang", lang]) == 0
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == ["casebook.yml", "cases/_template.md", "cases/_vocabularies.yml", "cases/example/example-case.md",
                       "docs/about.md", "hooks/casebook_hooks.py", "mkdocs.yml"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in target.rglob("*") if p.is_file())
    capsys.readouterr()
    assert main(["validate", "--root", str(target)]) == 0
    assert capsys.readouterr().err.strip() == built
    result = build(target, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "cases" / "example-case" / "index.html").is_file()


def test_a_folder_that_holds_anything_is_refused(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"casebook init: {tmp_path} 已经存在且不是空目录：请换一个新目录；没有写任何文件\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_speaks_the_language_it_is_asked_for(tmp_path):
    (tmp_path / "x").write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "init", str(tmp_path), "--lang", "en"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"casebook init: {tmp_path} already exists and is not an empty folder: choose a new folder; no file was written\n"


def test_outside_a_library_the_environment_chooses_the_language():
    from casebook.cli import environment_language

    assert environment_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert environment_language({"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"}) == "en"  # C names no language
    assert environment_language({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}) == "zh"
    assert environment_language({"LANG": "fr_FR.UTF-8"}) == "zh" and environment_language({}) == "zh"
