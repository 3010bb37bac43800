"""The search index: what readers search in each case, cut into words the way the browser cuts a query.

Material's search plugin indexes every page's HTML with lunr; in the browser it cannot split a
Chinese query into the words jieba made at build time, so 清廉学校 matched lone 学 and 校, and
pages about the site crowded out cases. This index holds cases only: the fields the declaration's
``search.fields`` names, each with its weight, and the body section by section (``headings``: each
section's heading, ``body``: its text), read from the case page as rendered.

Words depend on the library's language. Chinese: jieba with the domain dictionary (search_terms.py)
plus the dictionary words inside longer ones (as jieba's cut_for_search), and ASCII runs such as
btx, 361 and 5+n; lone Han characters and lone letters or digits are not words. English: words
lowercased and reduced to their Snowball stem (schools, school → school), function words left out;
the index keeps each surface form's stem, so the browser finds a typed word, its other forms and
the words it begins (vacc → vaccination).

Layout (so that a reader downloads a small part of it): search_index.json (what Material loads: the
cases' addresses, titles and facts lines, the sorted vocabulary, where each shard starts),
shards/N.js (the postings of a run of the vocabulary, about SHARD_BYTES each: words that begin
alike sit together, so a word being typed and the words it begins need one or two), texts/N.js (the
summary and body sections of a run of cases, about TEXT_BYTES each, for the snippets and passage
links of the results shown).

The browser side (assets/casebook/search-engine.js) cuts a query with the index's own vocabulary,
so a query word is found exactly when the build produced it; a word that is part of longer index
words finds them too, ranked after whole words. Material's search UI stays: the hook gives Material's
search plugin this index to write, and Material's page loads our worker.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from casebook.declare import fields as kinds
from casebook.i18n import stopwords
from casebook.model.case import Case

# A shard's postings, in bytes: a query loads the shards of its words, so a shard is
# small against the vocabulary every first query loads, and large enough that one query needs few.
SHARD_BYTES = 24_000
# A file of case texts, in bytes: a reader loads the files of the first results' texts; a file per case
# made 1,008 more files at 1,000 cases, whose creation cost a build 0.8–1.1 s of system time here.
TEXT_BYTES = 24_000
PARTIAL = 0.5  # a word found as part of a longer index word counts half (and ranks after whole words)
MAX_EXPANSIONS = 16  # longer index words one query word finds
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


def case_fields(case: Case, declaration, names=None) -> dict[str, str]:
    """The text of each searched field (declaration's ``search.fields``, or those of them in ``names``), by name."""
    out = {}
    for name in declaration.search if names is None else names:
        if name == "headings":
            out[name] = " ".join(_HEADING.findall(case.body))
        elif name == "body":
            out[name] = body_text(case.body)
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
    out = [m.lower() for m in _ASCII.findall(text) if len(m) > 1]
    for run in _HAN.findall(text):
        out += _run_words(run)
    return out


def forget_word_parts() -> None:
    """After the dictionary changed (jieba.add_word)."""
    _run_words.cache_clear()
    _with_parts.cache_clear()


@lru_cache(maxsize=1 << 17)
def _run_words(run: str) -> tuple[str, ...]:
    """A Han run's index words, once per distinct run: a library's titles, headings and sentences
    repeat across fields and pages."""
    import jieba

    out: list[str] = []
    for word in jieba.cut(run):
        if len(word) > 1:
            out += _with_parts(word, jieba.dt)
    return tuple(out)


@lru_cache(maxsize=65536)
def _with_parts(word: str, dictionary) -> tuple[str, ...]:
    """A word and the dictionary words inside it: once per distinct word, not per occurrence (a
    library's text repeats its words; this was a third of the index's time)."""
    if len(word) < 3:
        return (word,)
    freq = dictionary.FREQ
    return (word, *(word[i:i + n] for n in range(2, len(word)) for i in range(len(word) - n + 1)
                    if freq.get(word[i:i + n])))


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


# The body's sections on a case page: the case template marks where the contributor's body starts and ends
BODY_START, BODY_END = "<!-- cb-body -->", "<!-- /cb-body -->"
_PAGE_HEADING = re.compile(r"<h([2-6])\b([^>]*)>(.*?)</h\1>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|tr|td|th|table|div|dd|dt|dl|blockquote|br|hr|h[1-6]|pre)\b[^>]*>", re.I)
MASK_BITS = 31  # sections a posting can name; later ones count as the last


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's id on the page ("" for text before the first heading)
    heading: str
    text: str


def _plain(html_text: str) -> str:
    text = _BLOCK.sub("\n", html_text)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\s*\n\s*", "\n", text)).strip()


def page_sections(page_html: str) -> list[Section]:
    """The sections of a case's body as its page shows them: each heading's id and text, and the text
    under it. Only what lies between the template's body marks (the whole page where they are missing)."""
    start, end = page_html.find(BODY_START), page_html.rfind(BODY_END)
    if start >= 0 and end > start:
        page_html = page_html[start + len(BODY_START):end]
    out, at, anchor, heading = [], 0, "", ""
    for m in _PAGE_HEADING.finditer(page_html):
        text = _plain(page_html[at:m.start()])
        if text or heading:
            out.append(Section(anchor, heading, text))
        found = re.search(r"""\bid\s*=\s*["']([^"']*)["']""", m[2])
        anchor, heading, at = found[1] if found else "", _plain(m[3]), m.end()
    text = _plain(page_html[at:])
    if text or heading:
        out.append(Section(anchor, heading, text))
    return out


def body_sections(case: Case) -> list[Section]:
    """Sections of a body rendered on its own (tools and tests; the build reads the pages themselves)."""
    from casebook.model.markdown import render_body

    return page_sections(render_body(case.body))


def body_text(markdown: str) -> str:
    """A body's words without Markdown's marks, near enough to the page's text to cut its Han runs ahead
    of the build (segments.py); the index itself reads the rendered page."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return html.unescape(re.sub(r"<[^>]*>|[*_`#>|]", "", text))


class SearchIndex:
    """The whole index: ``main`` (search_index.json's docs: cases, the vocabulary, where each shard
    starts), ``shards`` (word → [doc deltas, scores, section masks]) and ``texts`` (per case: the
    summary and each body section, for snippets and links to passages)."""

    def __init__(self, main: dict, shards: list[dict], texts: list[dict], scripts: list[list[str]] | None = None):
        self.main, self.shards, self.texts = main, shards, texts
        self._starts = main["shards"]
        self._scripts = scripts  # each shard's entries as JSON, when build_index made them already

    def shard_of(self, word: str) -> int | None:
        vocab = self.main["vocab"]
        i = bisect.bisect_left(vocab, word)
        if i == len(vocab) or vocab[i] != word:
            return None
        return bisect.bisect_right(self._starts, i) - 1

    def postings(self, word: str) -> list[tuple[int, int, int]]:
        """[(doc, score, section mask)] of an index word."""
        shard = self.shard_of(word)
        if shard is None:
            return []
        deltas, scores, masks = self.shards[shard][word]
        out, doc = [], 0
        for d, score, mask in zip(deltas, scores, masks):
            doc += d
            out.append((doc, score, mask))
        return out

    def files(self) -> dict[str, str]:
        """The shard and text scripts, by path under search/: each calls a function the loader defines,
        so a worker (importScripts), an iframe from file:// and a page (<script>) all load them alike."""
        out = {}
        for i, shard in enumerate(self.shards):
            body = "{" + ",".join(self._scripts[i]) + "}" if self._scripts is not None else _json(shard)
            out[f"shards/{i}.js"] = f"__cbShard({i},{body});\n"
        starts = self.main["texts"]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(self.texts)
            out[f"texts/{i}.js"] = "".join(_text_script(doc, self.texts[doc]) for doc in range(start, end))
        return out

    @classmethod
    def from_site(cls, site) -> "SearchIndex":
        """The index a built site holds (search/ in the site folder)."""
        from pathlib import Path

        folder = Path(site) / "search"
        main = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))["docs"]

        def read(kind, i):
            return (folder / kind / f"{i}.js").read_text(encoding="utf-8")

        shards = [_script_data(read("shards", i)) for i in range(len(main["shards"]))]
        # a line a case: JSON escapes \n (not U+2028 and the other breaks str.splitlines() knows)
        texts = [_script_data(line) for i in range(len(main["texts"]))
                 for line in read("texts", i).split("\n") if line]
        return cls(main, shards, texts)


def _script_data(script: str):
    """The data of a script that calls __cbShard(n, data) or __cbText(n, data)."""
    return json.loads(script[script.index(",") + 1:script.rindex(")")])


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text_script(doc: int, text: dict) -> str:
    return f"__cbText({doc},{_json(text)});\n"


def text_starts(texts: list[dict]) -> list[int]:
    """The first case of each texts file: consecutive cases, about TEXT_BYTES a file (a longer text alone)."""
    starts, size = [], TEXT_BYTES
    for doc, text in enumerate(texts):
        cost = len(_text_script(doc, text).encode())
        if size + cost > TEXT_BYTES:
            starts.append(doc)
            size = 0
        size += cost
    return starts


def build_index(cases: list[Case], page_url, declaration, sections: dict[int, list[Section]] | None = None) -> SearchIndex:
    """The index of ``cases``. ``page_url(case)``: the case page's address relative to the site root;
    ``sections``: each case's body sections as its page shows them (by position in ``cases``), else
    read from the body rendered on its own.

    A word's score in a case is the sum of the weights of the fields it is in (declaration's
    ``search.fields``): a heading counts ``headings``, the text under it ``body``, once per case
    however often. Its section mask says which of the body's sections hold it, for links to them."""
    language = declaration.language
    weights = declaration.search
    postings: dict[str, dict[int, list[int]]] = defaultdict(dict)
    forms: dict[str, str] = {}
    texts = []

    fields = [name for name in weights if name not in ("headings", "body")]  # (those two: from the page's sections)
    for doc, case in enumerate(cases):
        found: dict[str, list[int]] = {}  # this case's words: [score, section mask]
        for field, text in case_fields(case, declaration, fields).items():
            weight = weights[field]
            for word in set(words(text, language, forms)):
                if word in found:
                    found[word][0] += weight
                else:
                    found[word] = [weight, 0]
        parts = sections[doc] if sections is not None and doc in sections else body_sections(case)
        heading_words, body_words = {}, {}
        for i, part in enumerate(parts):
            bit = 1 << min(i, MASK_BITS - 1)
            if "headings" in weights:
                for word in set(words(part.heading, language, forms)):
                    heading_words[word] = heading_words.get(word, 0) | bit
            if "body" in weights:  # (a section's words once each: its text repeats them)
                for word in set(words(part.text, language, forms)):
                    body_words[word] = body_words.get(word, 0) | bit
        for field, masks in (("headings", heading_words), ("body", body_words)):
            weight = weights.get(field, 0)
            for word, mask in masks.items():
                entry = found.get(word)
                if entry is None:
                    found[word] = [weight, mask]
                else:
                    entry[0] += weight
                    entry[1] |= mask
        for word, entry in found.items():
            postings[word][doc] = entry
        texts.append({"s": case.summary, "p": [[p.anchor, p.heading, p.text] for p in parts]})
    vocab = sorted(postings)
    shards, starts, size = [], [], SHARD_BYTES
    scripts: list[list[str]] = []  # each shard's entries as JSON, made once: sized here, written by files()
    for i, word in enumerate(vocab):
        found_in = postings[word]
        docs = list(found_in)  # in case order: cases are indexed in order
        entry = [[d - p for d, p in zip(docs, [0, *docs[:-1]])], [found_in[d][0] for d in docs],
                 [found_in[d][1] for d in docs]]
        entry_json = _json(entry)
        cost = len(entry_json) + len(word.encode()) + 4  # its bytes in the shard's script
        if size + cost > SHARD_BYTES and (not shards or shards[-1]):
            shards.append({})
            scripts.append([])
            starts.append(i)
            size = 0
        shards[-1][word] = entry
        scripts[-1].append(f"{_json(word)}:{entry_json}")
        size += cost
    main = {
        "version": 4,
        "language": language,
        "cases": [[page_url(c), c.title, facts_line(c, declaration)] for c in cases],
        "vocab": vocab,
        "shards": starts,
        "texts": text_starts(texts),
    }
    if language == "en":
        main["forms"] = dict(sorted(forms.items()))
        main["stop"] = sorted(stopwords("en"))
    return SearchIndex(main, shards, texts, scripts)


def index_json(payload: dict, material_config: dict) -> str:
    """What Material's search plugin writes to search/search_index.json: its own settings (the page
    reads them) and our payload where its list of documents was. UTF-8, written once."""
    return json.dumps({"config": material_config, "docs": payload}, ensure_ascii=False, separators=(",", ":"))


def expansions(word: str, vocab: list[str], exact: bool) -> list[str]:
    """Longer index words a query word finds as their part: those it begins first, then (for a word
    the index lacks) those it is inside; shorter ones first, at most MAX_EXPANSIONS."""
    found, i = [], bisect.bisect_left(vocab, word)
    while i < len(vocab) and vocab[i].startswith(word):
        if vocab[i] != word:
            found.append(vocab[i])
        i += 1
    inside = [] if exact else [w for w in vocab if word in w and not w.startswith(word)]
    return (sorted(found, key=lambda w: (len(w), w)) + sorted(inside, key=lambda w: (len(w), w)))[:MAX_EXPANSIONS]


def _latin_group(token: str, main: dict) -> list[tuple[str, float]]:
    """The index words an English query word finds: its own stem (whole), else the words and forms it
    begins, else the longest stem it begins with (both as parts)."""
    vocab, forms = main["vocab"], main.get("forms", {})
    if token in forms:
        return [(forms[token], 1)]
    if _known(vocab, token):
        return [(token, 1)]
    found = []
    if len(token) >= PREFIX_MIN:
        for pool, target in ((vocab, None), (sorted(forms), forms)):
            i = bisect.bisect_left(pool, token)
            while i < len(pool) and pool[i].startswith(token):
                found.append(target[pool[i]] if target else pool[i])
                i += 1
    if found:
        return [(w, PARTIAL) for w in sorted(set(found))]
    for k in range(len(token) - 1, STEM_MIN - 1, -1):
        if _known(vocab, token[:k]):
            return [(token[:k], PARTIAL)]
    return []


def _known(vocab: list[str], word: str) -> bool:
    i = bisect.bisect_left(vocab, word)
    return i < len(vocab) and vocab[i] == word


def _group(word: str, vocab: list[str]) -> list[tuple[str, float]]:
    """A query word's index words with what each counts: itself whole, longer words as parts."""
    exact = _known(vocab, word)
    return ([(word, 1)] if exact else []) + [(w, PARTIAL) for w in expansions(word, vocab, exact)]


def query_words(query: str, main: dict) -> tuple[dict[str, list[tuple[str, float]]], list[str]]:
    """({query word: [(index word, weight factor)]}, missing words) of a query: the Python twin of
    search-engine.js's segment(), for tests and tools (a browser test checks that both cut alike)."""
    vocab = main["vocab"]
    english = main.get("language") == "en"
    stop = set(main.get("stop", ()))
    groups: dict[str, list[tuple[str, float]]] = {}
    missing: list[str] = []
    text = query[:200]
    for token in _ASCII.findall(text):
        token = token.lower()
        if len(token) < 2 or token in stop:
            continue
        group = _latin_group(token, main) if english else _group(token, vocab)
        if group:
            groups.setdefault(token, group)
        elif token not in missing:
            missing.append(token)
    words_, gaps = _han_words(text, set(vocab))
    for word in words_ + gaps:
        group = _group(word, vocab)
        if group:
            groups.setdefault(word, group)
        elif word not in missing:
            missing.append(word)
    return groups, missing


def _han_words(text: str, vocab) -> tuple[list[str], list[str]]:
    """Han runs cut with the index's vocabulary: as many characters covered as possible, then as few
    words as possible. (words, runs of 2+ uncovered characters); a lone uncovered character is dropped."""
    words, gaps = [], []
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
                if len(gap) > 1 and gap not in gaps:
                    gaps.append(gap)
                gap = ""
                words.append(piece)
            else:
                gap += piece
        if len(gap) > 1 and gap not in gaps:
            gaps.append(gap)
    return words, gaps


def segment_query(query: str, main: dict) -> tuple[list[str], list[str]]:
    """(query words the index knows, whole or as part of longer words; missing words)."""
    groups, missing = query_words(query, main)
    return list(groups), missing


def matching(index: SearchIndex, query: str) -> set[str]:
    """Addresses of the cases holding every word of the query, a word being found by any index word of
    its group (what the gallery's keyword box keeps)."""
    groups, missing = query_words(query, index.main)
    if missing or not groups:
        return set()
    docs = None
    for group in groups.values():
        found = {doc for word, _ in group for doc, _, _ in index.postings(word)}
        docs = found if docs is None else docs & found
    return {index.main["cases"][d][0] for d in docs}
