"""Fast preview: `mkdocs serve --dirty` rebuilds the generated pages whose text changed, and only those."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from casebook.adapters.preview import Preview
from casefixtures import copy_project


def test_nothing_is_skipped_outside_a_dirty_serve():
    for command, dirty in (("build", True), ("serve", False), ("build", False)):
        p = Preview()
        p.start(command, dirty)
        p.unchanged({"a.md": "x"}, lambda: 1 / 0)  # outside a dirty preview the salt is never computed
        p.built_ok()
        assert p.unchanged({"a.md": "x"}, lambda: "s") == set(), (command, dirty)


def test_unchanged_pages_are_those_with_the_same_text_as_the_last_good_build():
    p = Preview()
    p.start("serve", True)
    pages = {"a.md": "x", "b.md": "y", "index.md": "z"}
    assert p.unchanged(pages, lambda: "s") == set()  # first build: everything
    p.built_ok()
    assert p.unchanged(pages, lambda: "s") == set(pages)
    p.built_ok()
    assert p.unchanged({**pages, "a.md": "x2"}, lambda: "s") == {"b.md", "index.md"}
    # that build failed (no built_ok): the next one still compares with the last good one
    assert p.unchanged({**pages, "b.md": "y2"}, lambda: "s") == {"a.md", "index.md"}
    assert p.unchanged({**pages, "new.md": "n"}, lambda: "s") == set()  # a page added or removed: all rebuilt
    assert p.unchanged(pages, lambda: "other config or templates") == set()


# A serve session without the server: the same build calls `mkdocs serve --dirty` makes, one per step.
SESSION = r"""
import json, os, sys, tempfile
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site = Path(tempfile.mkdtemp())
url = "http://127.0.0.1:8000/"

def config():
    c = load_config("mkdocs.yml", site_dir=str(site))
    c.site_url = url
    return c

def snapshot():
    return {p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_text(encoding="utf-8", errors="replace"))
            for p in site.rglob("*") if p.suffix in (".html", ".js") and "assets/javascripts" not in p.as_posix()}

first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, serve_url=url, dirty=True)
steps = []
for path, old, new in json.loads(sys.argv[1]):
    before = snapshot()
    f = Path(path)
    f.write_text(f.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    build(config(), serve_url=url, dirty=True)
    after = snapshot()
    steps.append({"rewritten": sorted(k for k in after if before.get(k, (0,))[0] != after[k][0]),
                  "pages": {k: v[1] for k, v in after.items()}})
print(json.dumps(steps, ensure_ascii=False))
"""


def run_session(project, edits):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_SITE_URL", None)
    out = subprocess.run([sys.executable, "-c", SESSION, json.dumps(edits, ensure_ascii=False)], cwd=project,
                         env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_dirty_serve_rebuilds_the_edited_case_and_the_pages_that_show_it(tmp_path):
    project = copy_project(tmp_path)
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    text = case.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.M).group(1).strip()
    slug = case.stem
    body_line = text.rstrip().splitlines()[-1]
    body_edit, title_edit = f"{body_line}\n\n预览测试新增的一句话。", "预览测试改过的标题"
    cases = len([p for p in (project / "cases").rglob("*.md") if not p.name.startswith("_")])
    body_step, title_step = run_session(project, [[str(case), body_line, body_edit],
                                                  [str(case), f"title: {title}", f"title: {title_edit}"]])

    page = f"cases/{slug}/index.html"
    # a body edit: that case's page only (plus what every build writes: 404 and the sitemap's neighbours)
    assert "预览测试新增的一句话" in body_step["pages"][page]
    case_pages = [p for p in body_step["rewritten"] if re.fullmatch(r"cases/[^/]+/index\.html", p)]
    assert case_pages == [page]
    assert "cases/index.html" not in body_step["rewritten"] and "index.html" not in body_step["rewritten"]
    # a title edit: the page, the gallery's data, and every page that lists or links the case by title
    assert title_edit in title_step["pages"][page]
    rewritten = set(title_step["rewritten"])
    assert page in rewritten and "assets/casebook/cases.js" in rewritten
    showing = {k for k, v in title_step["pages"].items() if title_edit in v and k.endswith(".html")}
    assert len(showing) > 2 and showing <= rewritten
    stale = {k for k, v in title_step["pages"].items() if title in v and k.endswith(".html") and k != "404.html"}
    assert not {k for k in stale if k.startswith("cases/") and k != page}, "a related card kept the old title"
    assert len([p for p in rewritten if re.fullmatch(r"cases/[^/]+/index\.html", p)]) < cases



REBUILDS = r"""
import gc, json, tempfile, weakref
from mkdocs.commands.build import build
from mkdocs.config import load_config
import casebook.adapters.mkdocs as adapter

built = []
for _ in range(3):  # as mkdocs serve rebuilds, in one process
    config = load_config("mkdocs.yml", site_dir=tempfile.mkdtemp())
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    built += [weakref.ref(adapter._state["library"]), weakref.ref(adapter._state["library"].cases[0])]
print(json.dumps({"alive": [ref() is not None for ref in built], "frozen": gc.get_freeze_count()}))
"""


def test_a_serve_session_does_not_keep_the_last_build_frozen(tmp_path):
    """A build freezes its long-lived objects (the library, its pages) so that collections skip them; the
    next build of a serve session unfreezes them first, or every save would pin another library."""
    import shutil

    from casefixtures import REPO

    project = tmp_path / "library"
    shutil.copytree(REPO / "examples" / "community-health", project, ignore=shutil.ignore_patterns(".cache", "site"))
    out = subprocess.run([sys.executable, "-c", REBUILDS], cwd=project, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CASEBOOK_NO_CACHE": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["frozen"] > 10_000  # the build froze what it keeps
    # the first two builds' library and cases were collected; the last build's are what the preview holds
    assert result["alive"] == [False, False, False, False, True, True]
