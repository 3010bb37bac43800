"""MkDocs hooks: thin adapters from MkDocs events to the casebook pipeline.

on_config  → load and validate the library (abort on any problem, before
             anything is written), feed the taxonomy's tags to the tags plugin
             and the domain terms to jieba.
on_files   → add every generated page (cases, listings, home) as a virtual file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from casebook.library import load_library
from casebook.render.urls import Urls
from casebook.search_terms import register_search_terms
from casebook.site import generated_pages, media_files

log = logging.getLogger("mkdocs.hooks.casebook")
_state: dict = {}


@event_priority(100)  # before the tags and search plugins read their settings
def on_config(config):
    root = Path(config.config_file_path).parent
    library = load_library(root)
    if library.problems:
        for problem in library.problems:
            log.error(problem.format())
        raise PluginError(f"案例校验未通过：共 {len(library.problems)} 个问题，站点没有生成。"
                          "可先运行 casebook validate 查看。")
    _state["library"] = library
    tags = config.plugins.get("material/tags")
    if tags is not None:
        from material.plugins.tags.structure.tag import Tag

        tags.config.tags_allowed = {Tag(name) for name in library.taxonomy.tags}
    register_search_terms(library)
    return config


def on_files(files, config):
    urls = Urls(directory=config.use_directory_urls)
    for path, content in generated_pages(_state["library"], urls).items():
        existing = files.get_file_from_path(path)
        if existing is not None:  # a generated page wins over a stray file of the same name
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    for path, source in media_files(_state["library"]).items():
        files.append(File.generated(config, path, abs_src_path=source))
    return files
