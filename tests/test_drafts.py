"""status: draft — validated like any case, previewed with a 草稿 badge, left out of builds, bundles and exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from casebook.cli import main
from casefixtures import VALID_CASE, copy_project, fetch, mkdocs_serve, wait_for


def make_draft(project):
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("\ntitle:", "\nstatus: draft\ntitle:", 1), encoding="utf-8")
    return case.stem


def test_status_is_validated(repo):
    repo.case(text=VALID_CASE.replace("\ntitle:", "\nstatus: draft\ntitle:", 1))
    assert repo.problems() == [] and repo.load().cases[0].draft
    repo.case(text=VALID_CASE.replace("\ntitle:", "\nstatus: 发布\ntitle:", 1))
    (problem,) = repo.problems()
    assert problem.field == "status" and "published" in problem.message and "draft" in problem.message
    repo.case(text=VALID_CASE)
    assert repo.load().cases[0].status == "published"


def test_a_build_and_an_export_leave_drafts_out(tmp_path, capsys):
    project = copy_project(tmp_path)
    slug = make_draft(project)
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert not (site / "cases" / slug).exists()
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".js", ".json", ".csv"))
    assert f"cases/{slug}/" not in everything and slug not in json.dumps(json.loads(
        (site / "data" / "cases.json").read_text(encoding="utf-8")))
    assert main(["export", "--root", str(project)]) == 0
    assert slug not in capsys.readouterr().out


def test_a_bundle_leaves_drafts_out(tmp_path):
    project = copy_project(tmp_path)
    slug = make_draft(project)
    dist = tmp_path / "dist"
    assert main(["bundle", "--root", str(project), "--out-dir", str(dist)]) == 0
    (archive,) = dist.glob("*.zip")
    names = zipfile.ZipFile(archive).namelist()
    assert names and not any(f"/cases/{slug}.html" in n for n in names)


def test_the_preview_shows_a_draft_with_its_badge(tmp_path):
    project = copy_project(tmp_path)
    slug = make_draft(project)
    with mkdocs_serve(project) as base:
        assert wait_for(lambda: "cb-title" in fetch(base + f"cases/{slug}/")[1], 180), "the preview never showed the draft"
        html = fetch(base + f"cases/{slug}/")[1]
        assert 'class="cb-draft-badge"' in html and "草稿" in html
