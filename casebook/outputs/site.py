"""A validated library → every generated page of the site, as {docs path: Markdown}."""

from __future__ import annotations

from casebook.model.edition import Edition
from casebook.model.facets import build_facets
from casebook.model.library import Library
from casebook.model.related import RelatedIndex
from casebook.render.case_page import render_case_page
from casebook.outputs.export import CSV_FILE, JSON_FILE, to_csv, to_json
from casebook.render.gallery import DATA_FILE, PAGE as GALLERY_PAGE, gallery_data, gallery_page, gallery_pieces, gallery_script
from casebook.render.listings import facet_index, facet_page, home_page, tags_page
from casebook.render.stats import PAGE as STATS_PAGE, stats_page
from casebook.render.urls import PUBLIC, Urls
from casebook.check.schema import SCHEMA_FILE, schema_text
from casebook.declare.divisions import load_divisions
from casebook.model.media import MEDIA_DIR, file_part, media_path

FACET_INTROS = {
    "province": "按案例所在的省级行政区浏览。地区分布只以列表和图表呈现，不使用地图。",
    "topic": "按专题浏览。专题及其说明由词表 `cases/_taxonomy.yml` 统一管理。",
    "stage": "按学段浏览：一个案例可以覆盖多个学段。",
}


def generated_pages(library: Library, urls: Urls, edition: Edition = Edition()) -> dict[str, str]:
    """Every generated file: Markdown pages plus the gallery's data script."""
    cases = library.cases
    facets = build_facets(cases, library.taxonomy)
    by_slug = library.by_slug()
    featured = [by_slug[s] for s in library.featured if s in by_slug]
    pages = {"index.md": home_page(cases, facets, urls, featured, edition.bundle), GALLERY_PAGE: gallery_page(cases, urls),
             DATA_FILE: gallery_script(gallery_data(cases, facets, urls)), "tags/index.md": tags_page(),
             STATS_PAGE: stats_page(cases, facets, urls), **gallery_pieces(cases),
             JSON_FILE: to_json(cases), CSV_FILE: to_csv(cases),
             SCHEMA_FILE: schema_text(library.taxonomy, load_divisions().provinces)}
    related = RelatedIndex(cases)
    for case in cases:
        pages[case.url] = render_case_page(case, facets, related.related(case), urls,
                                             edition.page_url(PUBLIC.page(case.url)), edition.edit_url(case.path),
                                             edition.site_name)
    for key, intro in FACET_INTROS.items():
        facet = facets[key]
        pages[facet.index] = facet_index(facet, urls, intro)
        for value, members in facet.used().items():
            pages[facet.page(value)] = facet_page(facet, value, members, urls)
    return pages


def media_files(library: Library) -> dict[str, str]:
    """Images the pages use: {site path: absolute source path}."""
    out = {}
    for case in library.cases:
        folder = (library.root / case.path).parent
        for url in case.images:
            out[media_path(case.path, url)] = str(folder / file_part(url))
        if case.cover:
            out[f"{MEDIA_DIR}/{case.cover}"] = str(library.cases_dir / case.cover)
    return out
