"""`casebook new`: a file whose only problems are the fields the answers did not cover; never overwrites."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from casebook.cli import main
from casefixtures import copy_project

ANSWERS = ["--title", "佳木斯市实施“361”党员名师工作室工程二期", "--province", "黑龙江省", "--city", "佳木斯市",
           "--scope", "市级", "--stage", "小学", "--stage", "初中", "--topic", "师资队伍", "--tag", "名师工作室"]
FILLED = {
    "summary:": 'summary: "黑龙江省佳木斯市在前期党员名师工作室建设的基础上启动二期工程，扩大名师工作室覆盖面，带动更多青年教师成长。"',
    "organization:": "organization: 中共佳木斯市委组织部",
    "date:": "date: 2024-03-01",
    "sources:": "sources: [{title: 佳木斯市党员名师工作室二期工程启动, publisher: 佳木斯日报, date: 2024-03-01}]",
}


def new(project, *args):
    return main(["new", "--root", str(project), *args])


def problems(project, path, capsys):
    capsys.readouterr()
    main(["validate", "--root", str(project), str(path), "--format", "json"])
    import json

    return json.loads(capsys.readouterr().out)


def created(project, capsys):
    out = capsys.readouterr().out
    rel = out.split("已创建 ", 1)[1].split("\n", 1)[0]
    return project / rel


def test_new_writes_a_case_whose_only_problems_are_the_unanswered_fields(tmp_path, capsys):
    project = copy_project(tmp_path)
    assert new(project, *ANSWERS, "--yes") == 0
    path = created(project, capsys)
    assert path.parent.name == "jiamusi" and path.name == "jiamusi-361-dangyuan-mingshi.md"
    text = path.read_text(encoding="utf-8")
    for section in ("## 背景", "## 主要做法", "## 工作成效", "## 经验启示"):
        assert section in text
    found = problems(project, path, capsys)
    assert {p["field"] for p in found} == {"summary", "organization", "date", "sources", "body"}
    lines = text.split("\n")
    # the four sections hold only their hints: each is named, at its heading, as still to be written
    assert [(p["line"], p["message"]) for p in found if p["field"] == "body"] == [
        (lines.index(f"## {name}") + 1, f"小节“{name}”下面没有正文：请写上内容，或删掉这个小标题")
        for name in ("背景", "主要做法", "工作成效", "经验启示")]
    for key, line in FILLED.items():
        text = "\n".join(line if l.startswith(key) else l for l in text.split("\n"))
    text = re.sub(r"<!-- .*? -->", "佳木斯市在全市中小学建立党员名师工作室。", text)
    path.write_text(text, encoding="utf-8")
    assert problems(project, path, capsys) == []
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                           cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-2000:]
    assert (tmp_path / "site" / "cases" / path.stem / "index.html").is_file()


def test_new_never_overwrites_and_never_reuses_a_slug(tmp_path, capsys):
    project = copy_project(tmp_path)
    assert new(project, *ANSWERS, "--yes") == 0
    first = created(project, capsys)
    before = first.read_bytes()
    assert new(project, *ANSWERS, "--yes") == 0
    second = created(project, capsys)
    assert second.name == "jiamusi-361-dangyuan-mingshi-2.md" and first.read_bytes() == before


def test_yes_with_missing_or_wrong_answers_writes_nothing(tmp_path, capsys):
    project = copy_project(tmp_path)
    before = sorted(p for p in (project / "cases").rglob("*"))
    assert new(project, "--title", "某县案例标题示例", "--yes") == 2
    err = capsys.readouterr().err
    assert "缺少 --province、--scope、--stage、--topic" in err and "没有写任何文件" in err
    assert new(project, *[a.replace("佳木斯市", "佳木寺市") for a in ANSWERS], "--scope", "国家级", "--yes") == 2
    err = capsys.readouterr().err
    assert "佳木寺市 不是" in err and "是不是 佳木斯市" in err
    assert sorted(p for p in (project / "cases").rglob("*")) == before


def test_questions_offer_choices_and_ask_again_until_valid(tmp_path):
    project = copy_project(tmp_path)
    answers = "\n".join(["短", "东安县推进党组织领导的校长负责制", "湖南", "湖南省", "永州市", "东安县",
                         "9", "县级", "1 2", "校长负责制", ""]) + "\n"
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "new", "--root", str(project), "--ask"],
                            input=answers, capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "标题须为 4–60 个字" in result.stdout and "是不是 湖南省" in result.stdout and "不在可选范围内" in result.stdout
    path = project / result.stdout.split("已创建 ", 1)[1].split("\n", 1)[0]
    text = path.read_text(encoding="utf-8")
    assert "region: {province: 湖南省, city: 永州市, county: 东安县}" in text and "scope: 县级" in text
    assert "stages: [小学, 初中]" in text and "topics: [校长负责制]" in text
    assert path.parent.name == "dongan"


def test_the_slug_does_not_depend_on_words_added_to_jieba(tmp_path, capsys):
    import jieba

    from casebook.authoring.newcase import make_slug

    title, place = "佳木斯市实施“361”党员名师工作室工程二期", ["黑龙江省", "佳木斯市", None]
    before = make_slug(title, place, set())
    jieba.add_word("党员名师工作室")  # as the search index does
    assert make_slug(title, place, set()) == before == "jiamusi-361-dangyuan-mingshi"
