"""The search index: what readers search in each case, cut into words the way the browser cuts a query.

Material's search plugin indexes every page's HTML with lunr; in the browser it cannot split a
Chinese query into the words jieba made at build time, so 清廉学校 matched lone 学 and 校, and
pages about the site crowded out cases. This index holds cases only, and only the fields the
declaration's ``search.fields`` names (``headings``: the body's headings), each with its weight.

Words depend on the library's language. Chinese: jieba with the domain dictionary (search_terms.py)
plus the dictionary words inside longer ones (as jieba's cut_for_search), and ASCII runs such as
btx, 361 and 5+n; lone Han characters and lone letters or digits are not words. English: words
lowercased and reduced to their Snowball stem (schools, school → school), function words left out;
the index keeps each surface form's stem, so the browser finds a typed word, its other forms and
the words it begins (vacc → vaccination).

The browser side (assets/casebook/search-engine.js) cuts a query with the index's own vocabulary,
so a query word is found exactly when the build produced it. Material's search UI stays: the hook
gives Material's search plugin this index to write, and Material's page loads our worker.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from functools import lru_cache

from casebook.declare import fields as kinds
from casebook.i18n import stopwords
from casebook.model.case import Case

SNIPPET_CHARS = 160  # of the summary kept for result snippets
PREFIX_MIN = 2  # a typed word this long finds the words it begins (English)
STEM_MIN = 4  # an unknown form finds the longest known stem it begins with, this long at least

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII = re.compile(r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)*")
_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*#*\s*$", re.M)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def _field_text(value, kind) -> str:
    if value in (None, "", ()):
        return ""
    if isinstance(kind, kinds.Place):
        return " ".join(n for n in value.names if n)
    if isinstance(kind, kinds.Records):
        if kind.built_in == "metrics":
            return " ".join(m.label for m in value)
        if kind.built_in == "sources":
            return " ".join(s.title for s in value)
        return " ".join(str(v) for item in value for v in item.values() if isinstance(v, str))
    if isinstance(kind, kinds.Record):
        return " ".join(str(v) for v in value.values() if isinstance(v, str))
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return str(value)


def case_fields(case: Case, declaration) -> dict[str, str]:
    """The text of each searched field (declaration's ``search.fields``), by name."""
    out = {}
    for name in declaration.search:
        if name == "headings":
            out[name] = " ".join(_HEADING.findall(case.body))
        else:
            out[name] = _field_text(case.value(name), declaration.fields[name].kind)
    return out


def words(text: str, language: str = "zh", forms: dict | None = None) -> list[str]:
    """The words of a text, in order, repeats kept. Chinese: ASCII runs of two or more characters
    lowercased, jieba's words of two or more Han characters, and the dictionary words inside longer
    ones (立德树人 in 立德树人示范校, 家校社 in 家校社协同). English: stems of the words that are not
    function words; ``forms`` collects each surface form's stem."""
    if language == "en":
        out, stop = [], stopwords("en")
        for token in _ASCII.findall(text):
            token = token.lower()
            if len(token) < 2 or token in stop:
                continue
            root = stem(token) if token.isalpha() else token
            if forms is not None and root != token:
                forms[token] = root
            out.append(root)
        return out
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


def facts_line(case: Case, declaration) -> str:
    """The fields a result card shows under its title (declaration's ``search.facts``): 地区 · 层级 · 学段 · 专题."""
    from casebook.i18n import t

    parts = []
    for name in declaration.search_facts:
        value, kind = case.value(name), declaration.fields[name].kind
        if value in (None, "", ()):
            continue
        if isinstance(kind, kinds.Place):
            parts.append(value.label)
        elif isinstance(value, tuple):
            parts.append(t("list.separator").join(map(str, value)))
        else:
            parts.append(str(value))
    return " · ".join(parts)


def build_index(cases: list[Case], page_url, declaration) -> dict:
    """The index payload. ``page_url(case)`` is the case page's address relative to the site root.

    terms: {word: [doc numbers as deltas, scores]}, scores being the sum of the weights of the
    fields the word is in; cases: [address, title, facts line, start of the summary]. In English,
    forms: {surface form: stem} and stop: the function words a query skips."""
    language = declaration.language
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    forms: dict[str, str] = {}
    for doc, case in enumerate(cases):
        for field, text in case_fields(case, declaration).items():
            weight = declaration.search[field]
            for word in set(words(text, language, forms)):
                found = postings[word]
                found[doc] = found.get(doc, 0) + weight
    terms = {}
    for word in sorted(postings):
        docs = sorted(postings[word])
        terms[word] = [[d - p for d, p in zip(docs, [0] + docs[:-1])], [postings[word][d] for d in docs]]
    payload = {
        "version": 2,
        "language": language,
        "cases": [[page_url(c), c.title, facts_line(c, declaration), _cut(c.summary)] for c in cases],
        "terms": terms,
    }
    if language == "en":
        payload["forms"] = dict(sorted(forms.items()))
        payload["stop"] = sorted(stopwords("en"))
    return payload


def _cut(summary: str) -> str:
    return summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS - 1] + "…"


def index_json(payload: dict, material_config: dict) -> str:
    """What Material's search plugin writes to search/search_index.json: its own settings (the page
    reads them) and our payload where its list of documents was. UTF-8, written once."""
    return json.dumps({"config": material_config, "docs": payload}, ensure_ascii=False, separators=(",", ":"))


def _latin_group(token: str, payload: dict, ordered: list[str]) -> list[str]:
    """The index words an English query word finds: its own stem, else the words and forms it begins,
    else the longest stem it begins with."""
    terms, forms = payload["terms"], payload.get("forms", {})
    if token in forms:
        return [forms[token]]
    if token in terms:
        return [token]
    found = []
    if len(token) >= PREFIX_MIN:
        for pool, target in ((ordered, None), (sorted(forms), forms)):
            i = bisect.bisect_left(pool, token)
            while i < len(pool) and pool[i].startswith(token):
                found.append(target[pool[i]] if target else pool[i])
                i += 1
    if found:
        return sorted(set(found))
    for k in range(len(token) - 1, STEM_MIN - 1, -1):
        if token[:k] in terms:
            return [token[:k]]
    return []


def query_words(query: str, payload: dict) -> tuple[dict[str, list[str]], list[str]]:
    """({query word: the index words it finds}, missing words) of a query: the Python twin of
    search-engine.js's segment(), for tests and tools (a browser test checks that both cut alike)."""
    vocab = payload["terms"]
    english = payload.get("language") == "en"
    stop = set(payload.get("stop", ()))
    ordered = sorted(vocab) if english else []
    groups: dict[str, list[str]] = {}
    missing: list[str] = []
    text = query[:200]
    for token in _ASCII.findall(text):
        token = token.lower()
        if len(token) < 2 or token in stop:
            continue
        group = _latin_group(token, payload, ordered) if english else ([token] if token in vocab else [])
        if group:
            groups.setdefault(token, group)
        elif token not in missing:
            missing.append(token)
    for word in _han_words(text, vocab, missing):
        groups.setdefault(word, [word])
    return groups, missing


def _han_words(text: str, vocab, missing: list[str]) -> list[str]:
    """Han runs cut with the index's vocabulary: as many characters covered as possible, then as few
    words as possible; runs of 2+ uncovered characters go to ``missing``."""
    words = []
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
                if len(gap) > 1 and gap not in missing:
                    missing.append(gap)
                gap = ""
                words.append(piece)
            else:
                gap += piece
        if len(gap) > 1 and gap not in missing:
            missing.append(gap)
    return words


def segment_query(query: str, payload: dict) -> tuple[list[str], list[str]]:
    """(query words the index knows, missing words)."""
    groups, missing = query_words(query, payload)
    return list(groups), missing


def _docs(payload: dict, word: str) -> set[int]:
    found, doc = set(), 0
    for d in payload["terms"][word][0]:
        doc += d
        found.add(doc)
    return found


def matching(payload: dict, query: str) -> set[str]:
    """Addresses of the cases holding every word of the query, a word being found by any index word of
    its group (what the gallery's keyword box keeps)."""
    groups, missing = query_words(query, payload)
    if missing or not groups:
        return set()
    docs = None
    for group in groups.values():
        found = set().union(*(_docs(payload, w) for w in group))
        docs = found if docs is None else docs & found
    return {payload["cases"][d][0] for d in docs}
