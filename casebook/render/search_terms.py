"""Domain terms that jieba must keep whole, so the search index finds them (Chinese libraries).

The search index segments Chinese with jieba at build time; a query is matched against those
segments, so 校长负责制 must be one segment, not 校长/负责制. The terms are the library's own list
(``search.terms`` in casebook.yml), its vocabularies, its place names and the values of its badge
fields (a brand such as 三进三联).
"""

from __future__ import annotations

from casebook.model.library import Library


def search_terms(library: Library) -> list[str]:
    declaration = library.declaration
    terms = []
    if declaration.search_terms:
        path = declaration.root / declaration.search_terms
        terms += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    for section in library.vocabularies.sections.values():
        terms += list(section)
    badges = [f.name for f in declaration.fields.values() if f.badge]
    place = declaration.role("place")
    for case in library.cases:
        if place and case.value(place.name):
            terms += [n for n in case.value(place.name).names if n]
        terms += [str(case.value(name)) for name in badges if case.value(name) not in (None, "")]
    # only words with Han characters matter: jieba segments Han runs only
    return sorted({t for t in terms if any("\u4e00" <= ch <= "\u9fff" for ch in t)})


def register_search_terms(library: Library) -> list[str]:
    import jieba

    from casebook.render.segments import load_dictionary

    load_dictionary()  # (jieba.add_word would load it the slow way)
    terms = search_terms(library)
    for term in terms:
        jieba.add_word(term)
        jieba.suggest_freq(term, tune=True)
    from casebook.render.search_index import forget_word_parts

    forget_word_parts()  # a new term can be a part of words already seen (mkdocs serve rebuilds in one process)
    return terms
