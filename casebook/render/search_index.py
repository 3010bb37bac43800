"""The search index: what readers search in each case, cut into words the way the browser cuts a query.

Material's search plugin indexes every page's HTML with lunr; in the browser it cannot split a
Chinese query into the words jieba made at build time, so 清廉学校 matched lone 学 and 校, and
pages about the site crowded out cases. This index holds cases only, and only what readers search
(title, brand, place, topics, tags, organization, metric labels, headings, summary), each field
with a weight. Words come from jieba with the domain dictionary (search_terms.py) plus the
dictionary words inside longer ones (as jieba's cut_for_search), and ASCII runs such as btx,
361 and 5+n. Lone Han characters and lone letters or digits are not words.

The browser side (assets/casebook/search-engine.js) cuts a query with the index's own vocabulary,
so a query word is found exactly when the build produced it. Material's search UI stays: the hook
gives Material's search plugin this index to write, and Material's page loads our worker.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from casebook.model.case import Case

# What readers search, and how much a word found there counts.
WEIGHTS = {"title": 10, "brand": 10, "place": 6, "topics": 6, "tags": 5, "organization": 4, "metrics": 3,
           "headings": 2, "summary": 2}
SNIPPET_CHARS = 160  # of the summary kept for result snippets

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII = re.compile(r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)*")
_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*#*\s*$", re.M)


def case_fields(case: Case) -> dict[str, str]:
    return {
        "title": case.title,
        "brand": case.brand or "",
        "place": " ".join(p for p in (case.region.province, case.region.city, case.region.county) if p),
        "topics": " ".join(case.topics),
        "tags": " ".join(case.tags),
        "organization": case.organization,
        "metrics": " ".join(m.label for m in case.metrics),
        "headings": " ".join(_HEADING.findall(case.body)),
        "summary": case.summary,
    }


def words(text: str) -> list[str]:
    """The words of a text, in order, repeats kept: ASCII runs of two or more characters lowercased,
    jieba's words of two or more Han characters, and the dictionary words inside longer ones
    (立德树人 in 立德树人示范校, 家校社 in 家校社协同)."""
    import jieba

    freq = jieba.dt.FREQ
    out = [m.lower() for m in _ASCII.findall(text) if len(m) > 1]
    for run in _HAN.findall(text):
        for word in jieba.cut(run):
            if len(word) < 2:
                continue
            out.append(word)
            if len(word) > 2:
                out += [word[i:i + n] for n in range(2, len(word)) for i in range(len(word) - n + 1)
                        if freq.get(word[i:i + n])]
    return out


def facts_line(case: Case) -> str:
    """地区 · 层级 · 学段 · 专题, as result cards show it."""
    return " · ".join([case.region.label, case.scope, "、".join(case.stages), "、".join(case.topics)])


def build_index(cases: list[Case], page_url) -> dict:
    """The index payload. ``page_url(case)`` is the case page's address relative to the site root.

    terms: {word: [doc numbers as deltas, scores]}, scores being the sum of the weights of the
    fields the word is in; cases: [address, title, facts line, start of the summary]."""
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    for doc, case in enumerate(cases):
        for field, text in case_fields(case).items():
            weight = WEIGHTS[field]
            for word in set(words(text)):
                found = postings[word]
                found[doc] = found.get(doc, 0) + weight
    terms = {}
    for word in sorted(postings):
        docs = sorted(postings[word])
        terms[word] = [[d - p for d, p in zip(docs, [0] + docs[:-1])], [postings[word][d] for d in docs]]
    return {
        "version": 1,
        "cases": [[page_url(c), c.title, facts_line(c), _cut(c.summary)] for c in cases],
        "terms": terms,
    }


def _cut(summary: str) -> str:
    return summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS - 1] + "…"


def index_json(payload: dict, material_config: dict) -> str:
    """What Material's search plugin writes to search/search_index.json: its own settings (the page
    reads them) and our payload where its list of documents was. UTF-8, written once."""
    return json.dumps({"config": material_config, "docs": payload}, ensure_ascii=False, separators=(",", ":"))


def segment_query(query: str, vocab) -> tuple[list[str], list[str]]:
    """(words the index knows, missing words) of a query: the Python twin of search-engine.js's
    segment(), for tests and tools (a browser test checks that both cut alike)."""
    words, missing = [], []
    text = query[:200]
    for token in _ASCII.findall(text):
        token = token.lower()
        if len(token) > 1:
            (words if token in vocab else missing).append(token)
    longest = min(max((len(w) for w in vocab), default=2), 12)
    for run in _HAN.findall(text):
        n = len(run)
        best: list = [(0, 0, None)] + [(-1, 0, None)] * n  # (covered, words used, (from, is word))
        for i in range(n):
            if best[i][0] < 0:
                continue
            options = [(i + 1, 0)] + [(i + k, k) for k in range(2, longest + 1) if i + k <= n and run[i:i + k] in vocab]
            for j, k in options:
                got, used = best[i][0] + k, best[i][1] + (1 if k else 0)
                if got > best[j][0] or (got == best[j][0] and used < best[j][1]):
                    best[j] = (got, used, (i, k > 0))
        pieces, at = [], n
        while at > 0:
            start, is_word = best[at][2]
            pieces.append((run[start:at], is_word))
            at = start
        gap = ""
        for piece, is_word in reversed(pieces):
            if is_word:
                if len(gap) > 1:
                    missing.append(gap)
                gap = ""
                words.append(piece)
            else:
                gap += piece
        if len(gap) > 1:
            missing.append(gap)
    return list(dict.fromkeys(words)), list(dict.fromkeys(missing))


def matching(payload: dict, query: str) -> set[str]:
    """Addresses of the cases holding every word of the query (what the gallery's keyword box keeps)."""
    words, missing = segment_query(query, payload["terms"])
    if missing or not words:
        return set()
    docs = None
    for word in words:
        deltas = payload["terms"][word][0]
        found, doc = set(), 0
        for d in deltas:
            doc += d
            found.add(doc)
        docs = found if docs is None else docs & found
    return {payload["cases"][d][0] for d in docs}
