"""Containment in Chromium: the Content-Security-Policy blocks a remote url() planted straight into a
built page (served and from file://), and a site built from every case the hostile corpus has accepted
reaches no other host, runs no script of a case's and lets nothing cover the page."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from casefixtures import REPO, copy_project

PLANT = ('<div id="planted" style="width:20px;height:20px;background:url(https://tracker.example.com/bg.gif)"></div>'
         '<img src="https://tracker.example.com/img.gif" alt="">'
         '<video poster="https://tracker.example.com/poster.gif"></video>')


def planted_page(site, name: str) -> str:
    """A copy of a real case page with remote url()s, an image and a poster where the case text was."""
    page = next(site.glob("cases/jilin-principal-responsibility/index.html"), None) or \
        next(site.glob("cases/jilin-principal-responsibility.html"))
    html = page.read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in html
    target = page.with_name(name)
    assert '<dl class="cb-facts">' in html
    target.write_text(html.replace('<dl class="cb-facts">', PLANT + '<dl class="cb-facts">', 1), encoding="utf-8")
    return target.relative_to(site).as_posix()


@pytest.mark.parametrize("where", ["served", "file"])
def test_the_policy_blocks_what_a_case_could_not_write(browser, built_site, offline_site, server, where):
    site = built_site if where == "served" else offline_site
    rel = planted_page(site, "planted.html")
    context = browser.new_context()
    page = context.new_page()
    requested, violations = [], []

    def reached(route):  # a request the policy let through reaches the network layer, here
        requested.append(route.request.url)
        route.abort()

    page.route("https://tracker.example.com/**", reached)
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    try:
        page.goto((server if where == "served" else site.as_uri() + "/") + rel)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.locator("#planted").count() == 1  # the planted markup is there
        assert requested == [], requested  # and the browser never asked the other host
        assert len(violations) >= 2, violations  # each was stopped by the policy
    finally:
        context.close()
        (site / rel).unlink()


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory):
    """The real project plus every hostile-corpus case the validator accepts, built and served."""
    import functools
    import http.server
    import threading

    tmp = tmp_path_factory.mktemp("accepted")
    project = copy_project(tmp)
    expected = yaml.safe_load((REPO / "tests" / "hostile" / "expected.yml").read_text(encoding="utf-8"))
    accepted = [name for name, e in expected.items() if e.get("accepted")]
    for name in accepted:
        shutil.copy(REPO / "tests" / "hostile" / f"{name}.md", project / "cases" / "jilin" / f"{name}.md")
    site = tmp / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                   check=True, capture_output=True, env={"NO_MKDOCS_2_WARNING": "1", **__import__("os").environ})
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", accepted
    httpd.shutdown()


def test_accepted_hostile_cases_stay_inside_their_page(page, accepted_site):
    url, accepted = accepted_site
    assert len(accepted) >= 2
    p = page.page
    dialogs = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for name in accepted:
        p.goto(f"{url}cases/{name}/")
        p.wait_for_load_state("load")
        scripts = p.eval_on_selector_all(".md-content script", "els => els.map(e => e.getAttribute('src') || 'inline')")
        assert all(s.endswith("assets/casebook/cite.js") for s in scripts), (name, scripts)  # only the site's own
        placed = p.eval_on_selector_all(".md-content *", """els => els.map(e => getComputedStyle(e).position)
            .filter(v => v === 'fixed' || v === 'absolute' || v === 'sticky')""")
        assert placed == [], (name, placed)  # nothing lifted out of the text to cover the page
        middle = p.evaluate("document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('.md-container') !== null")
        assert middle
    assert dialogs == []
    # the page fixture fails the test on any request to another host or console error
