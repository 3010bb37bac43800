"""MkDocs hooks: thin adapters from MkDocs events to the casebook pipeline.

on_startup → note whether this is a `mkdocs serve --dirty` preview (preview.py).
on_config  → load and validate the library (abort on any problem, before anything is written; under
             `mkdocs serve`, build the valid cases and list the problems on every page instead, so the
             preview never hangs), keep only a bundle's chosen cases, add casebook's theme (templates,
             styles and scripts, below the library's own custom_dir), feed the vocabulary of the tag
             field to the tags plugin and, in a Chinese library, the domain terms to jieba.
on_env     → compiled templates kept from one build to the next (templating.py's TEMPLATES).
on_files   → add every generated page (cases, listings, home) as a virtual file.
on_page_markdown / on_page_content → finished HTML blocks skip Markdown (rawhtml.py); a case page's
             body sections, as rendered, go to the search index.
on_post_build → before Material's search plugin writes its index, give it casebook's (search_index.py)
             and write the index's shards and texts beside it; keep the segmentation and template caches.

Under `mkdocs serve --dirty`, generated pages whose text did not change are not rebuilt.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from casebook.adapters.preview import PREVIEW, site_salt
from casebook.check.library import load_library
from casebook.i18n import t, tn
from casebook.model.edition import edition_from_env
from casebook.outputs.site import generated_pages, media_files
from casebook.render import rawhtml, segments, templating
from casebook.render.templating import TEMPLATES
from casebook.render.problems import problems_block
from casebook.render.search_index import build_index, index_json, page_sections
from casebook.render.search_terms import register_search_terms
from casebook.render.urls import Urls

log = logging.getLogger("mkdocs.hooks.casebook")
_state: dict = {}
THEME = Path(__file__).with_name("theme")  # casebook's Material overrides, styles and scripts
STYLES = ["assets/casebook.css"]
SCRIPTS = ["assets/casebook/highlight.js"]
# Material's offline plugin would load this from a CDN; shipped (npm iframe-worker 1.0.4, MIT). It only
# takes effect on file://, where it lets search run without a web worker URL.
POLYFILLS = ["assets/vendor/iframe-worker/shim.js"]


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; a preview with unchanged pages skipped
    is what was asked for, and under --strict that warning would abort every preview build."""

    def filter(self, record):
        return "'dirty' build" not in record.getMessage()


def on_startup(command, dirty):
    PREVIEW.start(command, dirty)
    if PREVIEW.on:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def _add_theme(config) -> None:
    """casebook's templates and assets below the library's custom_dir (which may override any of them)
    and above Material's; its styles, scripts and polyfills listed once."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and Path(dirs[0]) == Path(custom) else 0, str(THEME))
    for setting, wanted in ((config.extra_css, STYLES), (config.extra_javascript, SCRIPTS)):
        listed = [str(x) for x in setting]
        setting[:0] = [w for w in wanted if w not in listed]
    polyfills = config.extra.setdefault("polyfills", [])
    polyfills[:0] = [p for p in POLYFILLS if p not in polyfills]


def _tags_property(config) -> str:
    """The page meta Material's tags plugin reads, or "" without the plugin."""
    tags = config.plugins.get("material/tags")
    return tags.config.tags_name_property if tags is not None and tags.config.enabled else ""


@event_priority(100)  # before the tags and search plugins read their settings
def on_config(config):
    root = Path(config.config_file_path).parent
    if gc.get_freeze_count():  # a rebuild of mkdocs serve: what the last build froze (on_files) is garbage now
        gc.unfreeze()
        gc.collect()
    templating.reload()
    TEMPLATES.attach(root)
    library = load_library(root)
    _state["problems"] = []
    _add_theme(config)
    if library.problems and PREVIEW.serving:
        # a preview keeps answering: the valid cases are built, every page lists the problems, and
        # livereload shows the fixed site on the next save (logged at info: --strict would abort)
        for problem in library.problems:
            log.info(t("adapter.problem", problem=problem.format()))
        _state["problems"] = library.problems
    elif library.problems:
        for problem in library.problems:
            log.error(problem.format())
        raise PluginError(tn("adapter.problems", len(library.problems)))
    if not PREVIEW.serving:  # drafts are previewed (with a badge), never built
        library = library.published()
    edition = None
    if library.ready:
        # extra.repo_edit, not repo_url: Material's repository widget would ask the code host's API from every page
        edition = edition_from_env(os.environ, library.declaration, config.site_url, config.extra.get("repo_edit"),
                                   config.site_name)
        if edition.bundle:  # a trainer's bundle: a site of the chosen cases only, under the bundle's title
            library = library.subset(edition.selection)
            if not library.cases:
                raise PluginError(t("adapter.bundle.empty", selection=edition.selection.describe()))
            config.site_name = edition.bundle.title
    _state["library"], _state["edition"] = library, edition
    _state["tags_property"] = _tags_property(config)
    tags = config.plugins.get("material/tags")
    tag_field = library.declaration.tag_field if library.ready else None
    if tags is not None and tag_field is not None:
        from material.plugins.tags.structure.tag import Tag

        vocabulary = library.vocabularies.section(tag_field.kind.vocabulary)
        tags.config.tags_allowed = {Tag(name) for name in vocabulary}
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        # nothing serves a 404 page from file://, and MkDocs writes it with root-absolute asset paths
        config.theme.static_templates.discard("404.html")
    if library.ready and library.declaration.language == "zh":
        terms = register_search_terms(library)
        segments.install(root, library, terms)
    gc.freeze()  # the library lives as long as the build (see on_files)
    return config


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATES  # Material's templates compiled once, not at every build (templating.py)
    return env


def on_page_markdown(markdown, page, config, files):
    markdown, _state.setdefault("raw", {})[page.file.src_uri] = rawhtml.stash(markdown)
    return markdown


def on_page_content(html, page, config, files):
    html = rawhtml.restore(html, _state.get("raw", {}).pop(page.file.src_uri, []))
    if page.file.src_uri in _state.get("docs", {}):  # (kept across preview rebuilds: unchanged pages are not rendered)
        _state.setdefault("sections", {})[page.file.src_uri] = page_sections(html)
    if _state.get("problems"):
        html = problems_block(_state["problems"]) + html
    return html


@event_priority(100)  # before Material's search plugin writes search/search_index.json
def on_post_build(config):
    search = config.plugins.get("material/search")
    library = _state["library"]
    if search is not None and search.config.enabled and library.ready:  # Material writes our index instead of its own
        urls, sections = Urls(directory=config.use_directory_urls), _state.get("sections", {})
        index = build_index(library.cases, lambda case: urls.page(case.url), library.declaration,
                            {doc: sections[src] for src, doc in _state["docs"].items() if src in sections})
        settings = {key: search.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        search.search_index = _CaseIndex(index_json(index.main, settings))
        folder, made = Path(config.site_dir) / "search", set()
        for path, text in index.files().items():
            target = folder / path
            if target.parent not in made:  # (a thousand texts share one folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(text, encoding="utf-8")
    segments.save()
    TEMPLATES.save()
    PREVIEW.built_ok()


def _unchanged() -> bool:
    return False


def on_files(files, config):
    urls = Urls(directory=config.use_directory_urls)
    library = _state["library"]
    # no declaration, vocabularies or places: a preview then shows the problems on the home page alone
    pages = generated_pages(library, urls, _state["edition"], _state["tags_property"]) if library.ready \
        else {"index.md": "# " + t("adapter.unavailable") + "\n"}
    # Long-lived from here to the end of the build (the library, its pages): gc.freeze() spares every
    # full collection of the rest of the build from scanning them again, a second of a 1,000-case build
    gc.freeze()
    config_file = Path(config.config_file_path)
    template_dirs = [THEME, library.root / "templates", *([config.theme.custom_dir] if config.theme.custom_dir else [])]
    unchanged = PREVIEW.unchanged(pages, lambda: site_salt(config_file, [d for d in map(Path, template_dirs) if d.is_dir()])
                                  + "".join(p.format() for p in _state["problems"]))
    for path, content in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:  # a generated page wins over a stray file of the same name
            files.remove(existing)
        file = File.generated(config, path, content=content)
        if path in unchanged:  # a dirty preview rebuild leaves this page's output as it is
            file.is_modified = _unchanged
        files.append(file)
    if PREVIEW.on:
        log.info(tn("adapter.preview.changed", len(pages) - len(unchanged)))
    if library.ready:
        for path, source in media_files(library).items():
            files.append(File.generated(config, path, abs_src_path=source))
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled and library.ready:  # pages are not read into Material's index
        search.search_index = _CaseIndex("")
        _state["docs"] = {case.url: doc for doc, case in enumerate(library.cases)}
    return files


class _CaseIndex:
    """Stands in for Material's SearchIndex: pages are not parsed (the index is built from the cases),
    and what Material writes to search/search_index.json is casebook's index."""

    def __init__(self, text: str):
        self.text = text
        self.entries: list = []

    def add_entry_from_context(self, page):
        pass

    def generate_search_index(self, prev):
        return self.text
