"""The English sample library in Chromium: its own filters, English search (word forms and beginnings)
in the gallery and the site search, and its bundle from file://, with no request to another host."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from casebook.render.search_index import SearchIndex, matching
from pageactions import search, show_all, shown_slugs, wait_until


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def english_server(english_site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(english_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def gallery(p, cases: int):
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    show_all(p, cases)
    return shown_slugs(p)


def test_the_gallery_filters_by_its_own_facets_in_english(page, english_server, english_library, english_site):
    p = page.page
    n = len(english_library.cases)
    p.goto(english_server + "cases/")
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    assert p.locator("fieldset legend").all_inner_texts() == [
        "Country", "Setting", "Themes", "Audiences", "Approaches", "Evidence", "Year", "Phase"]
    assert p.inner_text("#cb-count") == f"All cases: {n}"
    p.check('fieldset[data-facet="country"] input[value="Northmarch"]')
    northmarch = [c.slug for c in english_library.cases if c.place.top == "Northmarch"]
    assert sorted(gallery(p, n)) == sorted(northmarch) and "country=Northmarch" in p.url
    assert p.inner_text("#cb-count") == f"Matching cases: {len(northmarch)} of {n}"
    p.click("#cb-clear")
    p.fill("#cb-q", "vacc")  # the beginning of a word finds its forms
    wait_until(p, "document.querySelector('#cb-count').textContent.startsWith('Matching')")
    shown = set(gallery(p, n))
    assert "obanhe-highlands-mobile-vaccination-days" in shown
    assert shown == {url.split("/")[1] for url in matching(SearchIndex.from_site(english_site), "vacc")}


def test_site_search_finds_english_word_forms(page, english_server):
    p = page.page
    p.goto(english_server)
    hrefs = search(p, "Vaccinations")
    assert hrefs and any("obanhe-highlands-mobile-vaccination-days" in h for h in hrefs), hrefs
    assert all("/cases/" in h for h in hrefs)
    marks = p.locator(".md-search-result__item mark").all_text_contents()  # (passages under "more" too)
    assert marks and all(m.lower().startswith("vaccin") for m in marks), marks


def test_the_bundle_opens_from_file_and_finds_english_words(file_page, tmp_path, english_library):
    from casefixtures import REPO, run_cli

    built = run_cli(tmp_path, "--theme", "Immunisation outreach", root=REPO / "examples" / "community-health")
    assert built.code == 0, built.err
    site = built.unzip()
    p = file_page.page
    p.goto((site / "index.html").as_uri())
    assert p.inner_text("h1") == "Community health practice (sample): Immunisation outreach"
    hrefs = search(p, "reminders")
    assert any("pelanti-sms-immunisation-reminders.html" in h for h in hrefs), hrefs
