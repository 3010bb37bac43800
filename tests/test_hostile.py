"""The hostile-input corpus (tests/hostile/): every attack gets its precise message, nothing crashes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yml").read_text(encoding="utf-8"))


def test_corpus_is_complete():
    assert sorted(EXPECTED) == sorted(p.stem for p in HOSTILE.glob("*.md"))
    assert len(EXPECTED) >= 130


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(repo, name):
    target = repo.cases / "hostile" / f"{name}.md"
    target.parent.mkdir(parents=True)
    shutil.copy(HOSTILE / f"{name}.md", target)
    before = target.read_bytes()
    library = repo.load()
    expectation = EXPECTED[name]
    assert target.read_bytes() == before, "the validator must never change a file"
    if expectation.get("accepted"):
        assert library.problems == [] and len(library.cases) == 1
        return
    found = [{"line": p.line, "field": p.field, "message": p.message} for p in library.problems]
    assert {p.file for p in library.problems} == {f"cases/hostile/{name}.md"}
    assert found == expectation["problems"]  # every message, word for word, at its line and field
    assert library.cases == []


def test_one_bad_file_never_hides_another(repo):
    for name in ("alias-bomb", "invalid-utf8", "body-script", "mobile-number"):
        shutil.copy(HOSTILE / f"{name}.md", repo.write(f"h/{name}.md", "") )
    files = {p.file for p in repo.problems()}
    assert files == {f"cases/h/{n}.md" for n in ("alias-bomb", "invalid-utf8", "body-script", "mobile-number")}


def test_symlinked_case_file_is_refused(repo, tmp_path):
    outside = tmp_path / "outside.md"
    shutil.copy(HOSTILE / "bom-crlf.md", outside)
    (repo.cases / "linked").mkdir()
    os.symlink(outside, repo.cases / "linked" / "linked-case.md")
    [problem] = repo.problems()
    assert (problem.file, problem.field) == ("cases/linked/linked-case.md", "file") and "符号链接" in problem.message


def test_a_symlinked_folder_is_named_not_skipped_in_silence(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(HOSTILE / "bom-crlf.md", outside / "a-case.md")
    repo.case()
    (repo.cases / "linked").symlink_to(outside)
    assert [(p.file, p.line, p.field, p.message) for p in repo.problems()] == [
        ("cases/linked", 1, "file", "这个文件夹是符号链接：里面的案例不会校验，也不会发布；请提交普通文件夹")]


def test_cover_symlink_pointing_outside_is_refused(repo, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    repo.case()  # makes cases/test/
    os.symlink(secret, repo.cases / "test" / "cover.png")
    from casefixtures import VALID_CASE
    repo.case(text=VALID_CASE.replace("---\n\n## 背景", "cover: cover.png\n---\n\n## 背景"))
    [problem] = repo.problems()
    assert problem.field == "cover" and "cases/ 目录之外" in problem.message


def test_body_image_symlink_pointing_outside_is_refused(repo, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    repo.case()
    os.symlink(secret, repo.cases / "test" / "pic.png")
    from casefixtures import VALID_CASE
    repo.case(text=VALID_CASE + "\n![图](pic.png)\n")
    [problem] = repo.problems()
    assert problem.field == "body" and "cases/ 目录之外" in problem.message


def test_local_body_image_is_accepted_and_recorded(repo):
    repo.case()
    (repo.cases / "test" / "img").mkdir()
    (repo.cases / "test" / "img" / "photo.png").write_bytes(b"\x89PNG fake")
    from casefixtures import VALID_CASE
    repo.case(text=VALID_CASE + "\n![活动照片](img/photo.png)\n")
    library = repo.load()
    assert library.problems == []
    assert library.cases[0].images == ("img/photo.png",)
