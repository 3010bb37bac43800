"""`mkdocs serve` (as scripts/serve runs it) with an invalid case: it keeps answering, every page lists
the problems, and once the file is fixed the pages come back clean by themselves."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from casefixtures import copy_project


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return None, ""


def wait_for(check, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_an_invalid_case_is_listed_on_every_page_and_the_fix_reloads(tmp_path):
    project = copy_project(tmp_path)
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("scope: ", "scope: 国家级 #", 1), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CASEBOOK_SITE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    rel = case.relative_to(project).as_posix()
    try:
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
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_build_still_refuses_an_invalid_library(tmp_path):
    project = copy_project(tmp_path)
    case = next(p for p in sorted((project / "cases").rglob("*.md")) if not p.name.startswith("_"))
    case.write_text(case.read_text(encoding="utf-8").replace("scope: ", "scope: 国家级 #", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0 and "案例校验未通过" in result.stderr
