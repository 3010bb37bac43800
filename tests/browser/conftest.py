"""Browser fixtures: the real site built once, served on 127.0.0.1, driven by Debian's Chromium.

Every request the page makes is checked: anything not for 127.0.0.1 is aborted
and recorded, and the test fails. Console errors fail the test too.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "screenshots"
CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def _build(out: Path, **env) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=REPO, env=env,
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="session")
def built_site(site) -> Path:
    """The session's one build of the real site (tests/conftest.py), served to the browser."""
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The site as an offline bundle holds it: .html URLs, search index inlined, opened from file://."""
    return _build(tmp_path_factory.mktemp("offline-site") / "site", CASEBOOK_OFFLINE="true")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page plus what it did: console errors, and requests that left 127.0.0.1 (or, for an unzipped
    bundle opened from disk, every request that is not for a file:// address)."""

    def __init__(self, page, files_only: bool = False):
        self.page = page
        self.files_only = files_only
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda err: self.errors.append(str(err)))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname
        local = url.startswith("file://") if self.files_only else host == "127.0.0.1"
        # chrome:// and chrome-extension:// are the browser's own PDF viewer, never the network
        if url.startswith(("data:", "blob:", "about:", "chrome:", "chrome-extension:")) or local:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def _watched(browser, files_only: bool = False, **context_args):
    context = browser.new_context(locale="zh-CN", **context_args)
    watched = Watched(context.new_page(), files_only)
    yield watched
    context.close()
    assert watched.foreign == [], f"requests to other hosts: {watched.foreign}"
    assert watched.errors == [], f"console errors: {watched.errors}"


@pytest.fixture
def page(browser):
    yield from _watched(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def file_page(browser):
    """A desktop page for sites opened from disk: anything but file://, data: and blob: is aborted and fails the test."""
    yield from _watched(browser, files_only=True, viewport={"width": 1280, "height": 900})


@pytest.fixture
def mobile(browser):
    yield from _watched(browser, viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True,
                        has_touch=True)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
