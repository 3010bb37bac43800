"""``casebook validate``: exit codes, text and JSON output, file and folder arguments."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from casebook.cli import main
from casefixtures import REPO, VALID_CASE


def run(repo, *args):
    return main(["validate", "--root", str(repo.root), *args])


def test_clean_library_exits_0(repo, capsys):
    repo.case()
    assert run(repo) == 0
    assert "全部通过" in capsys.readouterr().err


def test_problems_exit_1_with_path_line_field(repo, capsys):
    repo.case(text=VALID_CASE.replace("scope: 省级", "scope: 国家级"))
    assert run(repo) == 1
    out = capsys.readouterr().out
    assert "cases/test/demo-case.md:7: scope: 国家级 不是允许的层级" in out


def test_json_format(repo, capsys):
    repo.case(text=VALID_CASE.replace("province: 吉林省", "province: 吉林").replace("scope: 省级", "scope: x"))
    assert run(repo, "--format", "json") == 1
    data = json.loads(capsys.readouterr().out)
    assert [set(d) for d in data] == [{"file", "line", "field", "message"}] * 2
    assert [(d["line"], d["field"]) for d in data] == [(5, "region.province"), (7, "scope")]
    assert "吉林省" in data[0]["message"]


def test_json_clean_is_empty_array(repo, capsys):
    repo.case()
    assert run(repo, "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_only_named_files_are_reported_but_checked_against_library(repo, capsys):
    good = repo.case(slug="good-case")
    repo.case(slug="bad-case", text=VALID_CASE.replace("scope: 省级", "scope: x").replace("测试案例标题示例", "坏的测试案例标题"))
    assert run(repo, str(good)) == 0
    # the named file is checked against the whole library: duplicate titles are still found
    dup = repo.case(slug="dup-case", folder="new")
    assert run(repo, str(dup)) == 1
    out = capsys.readouterr().out
    assert "cases/new/dup-case.md:2: title: 标题与 cases/test/good-case.md 重复" in out
    assert "bad-case" not in out


# (how another file writes its title, the title a full parse reads there)
TITLE_FORMS = [("title: 测试案例标题示例", "测试案例标题示例"), ('title: "测试案例标题示例"', "测试案例标题示例"),
               ("title: '测试案例标题示例'", "测试案例标题示例"), ("title:   测试案例标题示例   ", "测试案例标题示例"),
               ("title: 测试案例\n  标题示例", "测试案例 标题示例"), ('title: "测试案例\\\n  标题示例"', "测试案例标题示例"),
               ("title: >-\n  测试案例标题示例", "测试案例标题示例"), ("title: 测试案例标题示例 # 注释", "测试案例标题示例")]


def test_one_file_is_checked_against_every_way_another_file_writes_its_title(repo, capsys, monkeypatch):
    """Files not named are only peeked at (no cache here): their titles must read as a full parse reads them."""
    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    for i, (form, title) in enumerate(TITLE_FORMS):
        named = repo.case(slug="named-case", folder="new", text=VALID_CASE.replace("测试案例标题示例", title))
        other = repo.case(slug=f"other-{i}", text=VALID_CASE.replace("title: 测试案例标题示例", form))
        assert run(repo, str(named)) == 1, form
        assert f"cases/new/named-case.md:2: title: 标题与 cases/test/other-{i}.md 重复" in capsys.readouterr().out, form
        repo.case(slug=f"other-{i}", text=VALID_CASE.replace("title: 测试案例标题示例", form.replace("示例", "示范")))
        assert run(repo, str(named)) == 0, form
        other.unlink()


def test_peeked_title_equals_the_parsed_title():
    from casebook.read.frontmatter import FrontMatterError, parse_front_matter
    from casebook.check.library import peek
    from casebook.problems import Reporter
    from casebook.read.source import read_source

    files = sorted((REPO / "cases").rglob("*.md")) + sorted((REPO / "tests" / "hostile").glob("*.md"))
    compared = 0
    for path in files:
        source = read_source(path, REPO, Reporter("x"))
        try:
            title = parse_front_matter(source.front_matter, source.front_matter_line).data.get("title") if source else None
        except FrontMatterError:  # refused in full (e.g. an alias elsewhere): peek may still read its title line
            peek(path, REPO, "title")
            continue
        got = peek(path, REPO, "title")
        assert (got.title if got else None) == (title.strip() if isinstance(title, str) else None), path
        compared += isinstance(title, str)
    assert compared >= 10


def test_one_file_reports_related_to_a_missing_case_but_not_the_library(repo, capsys, monkeypatch):
    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    repo.case(slug="broken", text=VALID_CASE.replace("scope: 省级", "scope: x").replace("测试案例标题示例", "坏的测试案例标题"))
    named = repo.case(slug="named", text=VALID_CASE.replace("sources:", "related: [broken, missing-case]\nsources:"))
    assert run(repo, str(named)) == 1
    out = capsys.readouterr().out
    assert "找不到 slug 为 missing-case 的案例" in out
    assert "broken" not in out.replace("related: [broken", "")
    assert out.count("\n") == 1, out


def test_folder_argument(repo, capsys):
    repo.case(folder="a", slug="a-case", text=VALID_CASE.replace("scope: 省级", "scope: x"))
    repo.case(folder="b", slug="b-case", text=VALID_CASE.replace("测试案例标题示例", "乙测试案例标题"))
    assert run(repo, str(repo.cases / "b")) == 0
    assert run(repo, str(repo.cases / "a")) == 1


def test_usage_errors_exit_2(repo, capsys):
    repo.case()
    assert run(repo, str(repo.root / "missing.md")) == 2
    assert "找不到" in capsys.readouterr().err
    assert run(repo, "--format", "xml") == 2
    assert main([]) == 2


def test_console_script_runs_on_real_library():
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "validate"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_validator_never_modifies_files(repo):
    path = repo.case(text=VALID_CASE.replace("scope: 省级", "scope: x"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    run(repo)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_github_format_annotates_each_problem_on_its_line(repo, capsys):
    repo.case(text=VALID_CASE.replace("scope: 省级", "scope: 国家级").replace("province: 吉林省", "province: 吉林"))
    assert run(repo, "--format", "github") == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=cases/test/demo-case.md,line=5,title=region.province::")
    assert lines[1].startswith("::error file=cases/test/demo-case.md,line=7,title=scope::国家级 不是允许的层级")


def test_github_format_escapes_what_would_break_the_command():
    from casebook.problems import Problem

    line = Problem("cases/a,b:c.md", 3, "x:y", "50% 完成\n第二行").github()
    # a line break in a message never reaches the log raw: written out as \\n, so no line looks like another problem
    assert line == "::error file=cases/a%2Cb%3Ac.md,line=3,title=x%3Ay::50%25 完成\\n第二行"


def test_checking_one_file_does_not_report_the_featured_list_against_it():
    """With only= the other cases are not checked in full, but they still exist for _featured.yml."""
    from casebook.check.library import load_library
    from casefixtures import REPO

    one = REPO / "cases" / "jilin" / "jilin-btx-branch-standard.md"
    assert load_library(REPO, only=[one]).problems == []


# --- paths: a named file or folder is checked only when it is a case file of the library ---------------


def test_a_linked_case_file_is_refused_even_when_named(repo, capsys, tmp_path):
    """Named on the command line (as the pre-commit hook does), a link to a file outside is still a link."""
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir()
    secret.write_text(VALID_CASE, encoding="utf-8")
    repo.case()
    (repo.cases / "x.md").symlink_to(secret)
    assert run(repo, str(repo.cases / "x.md")) == 1
    assert capsys.readouterr().out == "cases/x.md:1: file: 案例文件不能是符号链接，请提交普通文件\n"


def test_a_folder_or_file_outside_the_library_is_refused(repo, capsys, tmp_path):
    repo.case()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a-case.md").write_text(VALID_CASE, encoding="utf-8")
    (repo.cases / "linked").symlink_to(outside)  # a folder link leads outside too
    for target in (outside, outside / "a-case.md", repo.cases / "linked", repo.root / "docs"):
        (repo.root / "docs").mkdir(exist_ok=True)
        assert run(repo, str(target)) == 2
        assert capsys.readouterr().err == (f"casebook: {target} 不在案例库的 cases/ 目录（{repo.cases}）里："
                                           "只能校验案例库里的案例文件\n")


def test_a_folder_outside_named_from_inside_the_library_is_said_to_be_outside(repo, capsys, tmp_path, monkeypatch):
    repo.case()
    outside = repo.root.parent / f"{repo.root.name}-elsewhere"
    outside.mkdir()
    monkeypatch.chdir(repo.root)
    assert main(["validate", f"../{outside.name}"]) == 2
    assert capsys.readouterr().err == (f"casebook: ../{outside.name} 不在案例库的 cases/ 目录（{repo.cases}）里："
                                       "只能校验案例库里的案例文件\n")


def test_the_template_is_not_a_case(repo, capsys):
    repo.case()
    template = repo.write("_template.md", VALID_CASE)
    assert run(repo, str(template)) == 2
    assert capsys.readouterr().err == (f"casebook: {template} 不是案例文件：文件名以 _ 开头的是模板或说明（如 _template.md），"
                                       "不会发布，也不校验；请复制模板、改名后再校验\n")


def test_the_library_is_found_from_the_file_not_the_working_folder(repo, capsys, tmp_path_factory, monkeypatch):
    path = repo.case(text=VALID_CASE.replace("scope: 省级", "scope: 国家级"))
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # not inside the library's folder
    monkeypatch.chdir(elsewhere)
    assert main(["validate", str(path)]) == 1  # no --root: the library around the file
    assert capsys.readouterr().out.startswith("cases/test/demo-case.md:7: scope: 国家级 不是允许的层级")
    assert main(["validate"]) == 2  # nothing named, and no library around the working folder
    assert capsys.readouterr().err == (f"casebook: 找不到案例库：{elsewhere} 及其上层目录里都没有 casebook.yml；"
                                       "请在案例库的目录里运行，或用 --root 指定案例库\n")


def test_a_folder_counts_only_its_own_cases(repo, capsys):
    repo.case(folder="a", slug="a-case")
    repo.case(folder="b", slug="b-case", text=VALID_CASE.replace("测试案例标题示例", "乙测试案例标题"))
    assert run(repo, str(repo.cases / "b")) == 0
    assert capsys.readouterr().err == "全部通过：1 个案例没有问题。\n"


def test_no_control_character_from_a_case_reaches_the_terminal(repo):
    """A value holding an ANSI escape (YAML's "\\e") and a direction override is written out, not obeyed."""
    repo.case(text=VALID_CASE.replace("scope: 省级", 'scope: "\\e[2J\\u202e国家级"'))
    out = subprocess.run([sys.executable, "-m", "casebook.cli", "validate", "--root", str(repo.root)],
                         capture_output=True, text=True, env={**__import__("os").environ, "CASEBOOK_NO_CACHE": "1"})
    assert out.returncode == 1
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out.stdout + out.stderr)
    assert out.stdout.splitlines() == [
        "cases/test/demo-case.md:7: scope: \\x1b[2J\\u202e国家级 不是允许的层级（取值：省级、市级、县级、校级，见 cases/_taxonomy.yml）",
        "cases/test/demo-case.md:7: scope: 不能含有控制字符 U+001B（看不见，但会发布出去），请删除",
        "cases/test/demo-case.md:7: scope: 不能含有改变文字方向的字符 U+202E：它会让页面上显示的文字与实际内容不同，请删除",
    ]
