"""Domain terms that jieba must keep whole, so the search index finds them.

Material's search plugin segments Chinese with jieba at build time; a query is
matched against those segments, so 校长负责制 must be one segment, not 校长/负责制.
"""

from __future__ import annotations

from pathlib import Path

from casebook.model.library import Library

TERMS_FILE = Path(__file__).parents[1] / "declare" / "data" / "search_terms.txt"


def search_terms(library: Library) -> list[str]:
    """Static domain terms, the taxonomy's values and the library's place names and brands."""
    terms = [line.strip() for line in TERMS_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    tax = library.taxonomy
    terms += [*tax.topics, *tax.tags, *tax.stages, *tax.scopes]
    for case in library.cases:
        terms += [p for p in (case.region.province, case.region.city, case.region.county) if p]
        if case.brand:
            terms.append(case.brand)
    # only words with Han characters matter: jieba segments Han runs only
    return sorted({t for t in terms if any("\u4e00" <= ch <= "\u9fff" for ch in t)})


def register_search_terms(library: Library) -> list[str]:
    import jieba

    terms = search_terms(library)
    for term in terms:
        jieba.add_word(term)
        jieba.suggest_freq(term, tune=True)
    return terms
