"""Helpers that read a built site the way a browser and Material's search would."""

from __future__ import annotations

import json
import re
from pathlib import Path

from casebook.sitecheck import external, foreign_references, page_refs  # noqa: F401  (re-exported for tests)

def search_hits(site: Path, query: str) -> set[str]:
    """Pages whose index entries contain a token starting with each query term.

    This mirrors Material's search: the index text is split with the configured
    separator, and every query term is matched as a prefix (it appends a wildcard).
    """
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    terms = [t.lower() for t in separator.split(query) if t]
    hits = set()
    for doc in index["docs"]:
        tokens = {t.lower() for t in separator.split(doc["title"] + " " + doc["text"]) if t}
        if all(any(tok.startswith(term) for tok in tokens) for term in terms):
            hits.add(doc["location"].split("#")[0])
    return hits
