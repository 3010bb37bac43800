"""A validated library → every generated page of the site, as {docs path: Markdown}."""

from __future__ import annotations

from casebook.check.schema import SCHEMA_FILE, schema_text
from casebook.model.edition import Edition
from casebook.model.facets import build_facets
from casebook.model.library import Library
from casebook.model.media import MEDIA_DIR, file_part, media_path
from casebook.model.related import RelatedIndex
from casebook.outputs.export import CSV_FILE, JSON_FILE, to_csv, to_json
from casebook.render.case_page import render_case_page
from casebook.render.context import Context
from casebook.render.gallery import DATA_FILE, PAGE as GALLERY_PAGE, gallery_data, gallery_page, gallery_pieces, gallery_script
from casebook.render.listings import facet_index, facet_page, home_page, tags_page
from casebook.render.stats import PAGE as STATS_PAGE, stats_page
from casebook.render.urls import Urls

def generated_pages(library: Library, urls: Urls, edition: Edition = Edition(), tags_property: str = "") -> dict[str, str]:
    """Every generated file: Markdown pages plus the gallery's data script. ``tags_property``: the page
    meta Material's tags plugin reads (its setting), when the plugin is on."""
    cases = library.cases
    ctx = Context(library, build_facets(cases, library), urls, edition, tags_property)
    by_slug = library.by_slug()
    featured = [by_slug[s] for s in library.featured if s in by_slug]
    pages = {"index.md": home_page(ctx, cases, featured, edition.bundle), GALLERY_PAGE: gallery_page(ctx, cases),
             DATA_FILE: gallery_script(gallery_data(ctx, cases)), STATS_PAGE: stats_page(ctx, cases),
             **gallery_pieces(ctx, cases), JSON_FILE: to_json(library, cases), CSV_FILE: to_csv(library, cases),
             SCHEMA_FILE: schema_text(library.declaration, library.vocabularies, library.places)}
    if tags_property and library.declaration.tag_field:
        pages[f"{library.declaration.tag_folder}/index.md"] = tags_page(ctx)
    related = RelatedIndex(cases, library.declaration)
    for case in cases:
        pages[case.url] = render_case_page(ctx, case, related.related(case))
    for browse in library.declaration.browse:
        facet = ctx.facets[browse.facet]
        pages[facet.index] = facet_index(ctx, facet, browse.intro)
        for value, members in facet.used().items():
            pages[facet.page(value)] = facet_page(ctx, facet, value, members)
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
