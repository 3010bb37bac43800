"""``casebook validate``: exit codes, text and JSON output, file and folder arguments."""

from __future__ import annotations

import json
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
    from casebook.frontmatter import FrontMatterError, parse_front_matter
    from casebook.library import peek
    from casebook.problems import Reporter
    from casebook.source import read_source

    files = sorted((REPO / "cases").rglob("*.md")) + sorted((REPO / "tests" / "hostile").glob("*.md"))
    compared = 0
    for path in files:
        source = read_source(path, REPO, Reporter("x"))
        try:
            title = parse_front_matter(source.front_matter, source.front_matter_line).data.get("title") if source else None
        except FrontMatterError:  # refused in full (e.g. an alias elsewhere): peek may still read its title line
            peek(path, REPO)
            continue
        got = peek(path, REPO)
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
    from casebook.library import load_library
    from casefixtures import REPO

    one = REPO / "cases" / "jilin" / "jilin-btx-branch-standard.md"
    assert load_library(REPO, only=[one]).problems == []
