"""Training bundles opened the way a trainer opens them: unzipped, index.html double-clicked (file://).

Every request that is not for a file:// address is aborted and fails the test (the file_page fixture).
"""

from __future__ import annotations

import pytest

from pageactions import search, show_all, shown_slugs

def gallery_slugs(p, cases: int):
    p.wait_for_selector("#cb-gallery[data-ready=true]")
    show_all(p, cases)
    return shown_slugs(p)


@pytest.mark.parametrize("which", ["full_bundle", "jilin_bundle"])
def test_bundle_search_gallery_and_navigation_from_file_url(file_page, request, library, which):
    built = request.getfixturevalue(which)
    site = built.unzip()
    chosen = [c for c in library.cases if which == "full_bundle" or c.region.province == "吉林省"]
    p = file_page.page
    p.goto((site / "index.html").as_uri())
    assert p.inner_text("h1").startswith("中小学党建与德育案例库")
    hrefs = search(p, "校长负责制")
    assert any("cases/jilin-principal-responsibility.html" in h for h in hrefs), hrefs
    found = {h.split("cases/")[1].split(".html")[0] for h in hrefs if "cases/" in h}
    assert found <= {c.slug for c in chosen}
    p.keyboard.press("Escape")
    p.click(".md-tabs__link >> text=案例库")
    p.wait_for_load_state()
    assert p.url.endswith("/cases/index.html")
    assert sorted(gallery_slugs(p, len(chosen))) == sorted(c.slug for c in chosen)
    # a facet narrows the bundle's own cases
    p.check('fieldset[data-facet="topic"] input[value="校长负责制"]')
    assert sorted(gallery_slugs(p, len(chosen))) == sorted(c.slug for c in chosen if "校长负责制" in c.topics)
    p.click("#cb-cards a >> nth=0")
    p.wait_for_load_state()
    assert p.url.endswith(".html") and "/cases/" in p.url
    assert p.locator(".cb-facts").count() == 1


def test_every_page_of_a_subset_opens_without_errors_or_links_out(file_page, jilin_bundle, library):
    site = jilin_bundle.unzip()
    left_out = {c.slug for c in library.cases if c.region.province != "吉林省"}
    p = file_page.page
    for page in sorted(site.rglob("*.html")):
        if page.name.startswith("handout"):
            continue
        p.goto(page.as_uri())
        hrefs = p.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert not [h for h in hrefs if any(f"/cases/{s}.html" in h for s in left_out)], page
        assert (page.name, file_page.errors) == (page.name, [])  # names the page that failed to load something


def test_bundle_home_links_the_handout_and_a_case_page_prints_without_extras(file_page, jilin_bundle):
    site = jilin_bundle.unzip()
    p = file_page.page
    p.goto((site / "index.html").as_uri())
    p.click("text=打开讲义")
    p.wait_for_load_state()
    assert p.url.endswith("/handout.pdf")
    p.goto((site / "cases" / "jilin-principal-responsibility.html").as_uri())
    p.emulate_media(media="print")
    assert p.is_hidden(".md-header") and p.is_hidden(".md-search") and p.is_hidden(".md-tags")
    assert p.is_hidden("#related") and p.is_hidden("ul.cb-cards")  # no public address: related cases stay off paper
    assert p.locator(".cb-print-url").count() == 0 and p.is_visible(".cb-sources")
