"""Helpers that read a built site the way a browser and Material's search would."""

from __future__ import annotations

import json
from pathlib import Path

from casebook.outputs.sitecheck import external, foreign_references, page_refs  # noqa: F401  (re-exported for tests)

def search_hits(site: Path, query: str) -> set[str]:
    """Case pages holding every word of the query, as the site's search index finds them."""
    from casebook.render.search_index import SearchIndex, matching

    return matching(SearchIndex.from_site(site), query)
