"""`mkdocs serve` (as scripts/serve runs it) with an invalid case: it keeps answering, every page lists
the problems, and once the file is fixed the pages come back clean by themselves."""

from __future__ import annotations

import os
import subprocess
import sys

from casefixtures import copy_project, fetch, mkdocs_serve, wait_for


def test_an_invalid_case_is_listed_on_every_page_and_the_fix_reloads(tmp_path):
    project = copy_project(tmp_path)
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("scope: ", "scope: 国家级 #", 1), encoding="utf-8")
    rel = case.relative_to(project).as_posix()
    with mkdocs_serve(project) as base:
        assert wait_for(lambda: fetch(base)[0] == 200, 180), "the preview never answered"
        for page in ("", "cases/", "about/"):
            status, html = fetch(base + page)
            assert status == 200 and 'id="cb-build-problems"' in html, page
            assert rel in html and "scope" in html and "不是允许的层级" in html
        assert fetch(base + f"cases/{case.stem}/")[0] == 404  # the invalid case has no page yet
        case.write_text(good, encoding="utf-8")
        assert wait_for(lambda: 'id="cb-build-problems"' not in fetch(base)[1] and fetch(base)[0] == 200, 120)
        status, html = fetch(base + f"cases/{case.stem}/")
        assert status == 200 and 'id="cb-build-problems"' not in html


def test_a_build_still_refuses_an_invalid_library(tmp_path):
    project = copy_project(tmp_path)
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    case.write_text(case.read_text(encoding="utf-8").replace("scope: ", "scope: 国家级 #", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0 and "案例校验未通过" in result.stderr
