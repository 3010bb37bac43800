"""The gallery at a size where its card text comes in several pieces (cases-K.js), opened from file://.

The page is the generated gallery with the real gallery.js and 250 cases made from the real ones
(three pieces of 100): a first view loads the index and piece 0 only; other views load the pieces
they show; the keyword box loads them all before it answers.
"""

from __future__ import annotations

import re
import shutil

import pytest

from casebook.adapters.mkdocs import THEME
from casebook.check.library import load_library
from casebook.render.gallery import (DATA_FILE, PIECE_SIZE, gallery_data, gallery_page, gallery_pieces,
                                     gallery_script, title_key)
from casebook.render.urls import Urls
from casebook.render.search_index import build_index, index_json, matching, query_words
from casebook.render.search_terms import register_search_terms
from casefixtures import REPO, render_context, with_fields
from pageactions import shown_slugs, wait_until

N = 250


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    library = load_library(REPO)
    base = library.cases
    cases = [with_fields(base[i % len(base)], slug=f"{base[i % len(base)].slug}-{i}",
                         title=f"{base[i % len(base)].title}（{i}）" + (" &lt;i&gt;x&lt;/i&gt; &amp;" if i < 3 else ""),
                         related=()) for i in range(N)]
    urls = Urls(directory=False)
    ctx = render_context(library, cases, urls)
    root = tmp_path_factory.mktemp("pieces")
    (root / "cases").mkdir()
    (root / "assets" / "casebook").mkdir(parents=True)
    (root / DATA_FILE).write_text(gallery_script(gallery_data(ctx, cases)), encoding="utf-8")
    for path, script in gallery_pieces(ctx, cases).items():
        (root / path).write_text(script, encoding="utf-8")
    for script in ("gallery.js", "search-engine.js"):
        shutil.copy(THEME / "assets" / "casebook" / script, root / "assets" / "casebook")
    register_search_terms(library)
    payload = build_index(cases, lambda c: urls.page(c.url), library.declaration)
    (root / "search").mkdir()
    (root / "search" / "search_index.js").write_text("var __index = " + index_json(payload.main, {}), encoding="utf-8")
    for path, script in payload.files().items():
        (root / "search" / path).parent.mkdir(exist_ok=True)
        (root / "search" / path).write_text(script, encoding="utf-8")
    page = gallery_page(ctx, cases).split("---\n", 2)[2]
    (root / "cases" / "index.html").write_text(f'<!doctype html><meta charset="utf-8">{page}', encoding="utf-8")
    return root, cases, payload


def open_many(file_page, many, query=""):
    root = many[0]
    requested = []
    file_page.page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    file_page.page.goto((root / "cases" / "index.html").as_uri() + query)
    file_page.page.wait_for_selector("#cb-gallery[data-ready=true]")
    return file_page.page, requested


def pieces(requested):
    return sorted(name for name in requested if re.fullmatch(r"cases-\d+\.js", name))


def test_the_data_comes_in_pieces_of_100(many):
    root, cases, _ = many
    assert PIECE_SIZE == 100
    assert sorted(p.name for p in (root / "assets" / "casebook").glob("cases-*.js")) == \
        ["cases-0.js", "cases-1.js", "cases-2.js"]


def test_a_first_view_loads_the_index_and_the_first_piece_only(file_page, many):
    p, requested = open_many(file_page, many)
    _, cases, _ = many
    assert pieces(requested) == ["cases-0.js"]
    assert shown_slugs(p) == [c.slug for c in cases[:30]]
    assert p.inner_text("#cb-count") == f"共 {N} 个案例"


def test_sorting_by_title_loads_the_pieces_that_page_shows(file_page, many):
    p, requested = open_many(file_page, many, "?sort=title")
    _, cases, _ = many
    expected = [c.slug for c in sorted(cases, key=lambda c: (title_key(c.title, "zh"), c.slug))[:30]]
    assert shown_slugs(p) == expected
    index = {c.slug: i for i, c in enumerate(cases)}
    assert pieces(requested) == sorted({f"cases-{index[s] // PIECE_SIZE}.js" for s in expected})


def test_the_keyword_box_loads_the_search_index_and_the_pieces_it_shows(file_page, many):
    p, requested = open_many(file_page, many)
    _, cases, payload = many
    word = "校长负责制"
    found = matching(payload, word)
    expected = [c.slug for c in cases if f"cases/{c.slug}.html" in found]
    assert 30 < len(expected) < N
    p.fill("#cb-q", word)
    p.press("#cb-q", "End")
    wait_until(p, f"document.querySelector('#cb-count').textContent.includes('筛选出 {len(expected)} 个')")
    assert "search_index.js" in requested
    groups, _ = query_words(word, payload.main)  # the shards of the keyword's words, and no other
    shards = {f"{payload.shard_of(w)}.js" for group in groups.values() for w, _ in group}
    assert {name for name in requested if re.fullmatch(r"\d+\.js", name)} == shards
    index = {c.slug: i for i, c in enumerate(cases)}
    assert pieces(requested) == sorted({f"cases-{index[s] // PIECE_SIZE}.js" for s in expected[:30]} | {"cases-0.js"})
    assert shown_slugs(p) == expected[:30]


def test_show_more_across_a_piece_boundary_moves_focus_to_the_first_new_card(file_page, many):
    p, requested = open_many(file_page, many, "?sort=title")
    _, cases, _ = many
    for _ in range(3):  # 30 → 120 cards: past the first piece's 100 in date order
        p.click("#cb-more")
        wait_until(p, "document.querySelectorAll('#cb-cards li').length >= 60")
    wait_until(p, "document.querySelectorAll('#cb-cards li').length === 120")
    focused = p.evaluate("document.activeElement.closest('li') && document.activeElement.closest('li').dataset.slug")
    ordered = [c.slug for c in sorted(cases, key=lambda c: (title_key(c.title, "zh"), c.slug))]
    assert focused == ordered[90]
    assert shown_slugs(p) == ordered[:120]


def test_without_javascript_the_newest_50_are_listed_with_ways_to_the_rest(browser, many):
    root, cases, _ = many
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto((root / "cases" / "index.html").as_uri())
    assert p.locator("#cb-plain li").count() == 50
    more = p.inner_text("#cb-plain-more")
    assert f"另有 {N - 50} 个" in more and "专题" in more and "地区" in more and "学段" in more
    context.close()


def test_card_text_is_text_never_markup(file_page, many):
    """Titles may hold & and entity-like text (only < is refused): a card shows it as written."""
    p, _ = open_many(file_page, many)
    first = sorted(many[1], key=lambda c: (-c.date.toordinal(), c.slug))[0]
    shown = p.locator(f'#cb-cards li[data-slug="{first.slug}"] .cb-card__title').inner_text()
    assert shown == first.title and "&lt;i&gt;" in shown
    assert p.locator("#cb-cards i").count() == 0
