"""Chinese segmentation for the search index: memoized, kept in .cache/, pre-computed on every core.

The search index (search_index.py) cuts every run of Han characters of the fields readers search
with ``jieba.cut``, one run at a time. The runs can be cut before the build, on all cores, and
looked up when the index asks. A run's segments depend only on the run and jieba's dictionary
(its version and our domain terms), which salt the persistent cache.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from casebook.cache import ResultCache, digest
from casebook.model.library import Library

PARALLEL_MIN = 20_000  # runs; fewer are cut faster here than workers start
_state: dict = {}


def han_runs(texts) -> set[str]:
    """The maximal runs of Han characters, as the search index finds them."""
    from casebook.render.search_index import _HAN

    return {run for text in texts for run in _HAN.findall(text)}


def case_texts(library: Library):
    """The texts the search index cuts."""
    from casebook.render.search_index import case_fields

    for case in library.cases:
        yield from case_fields(case, library.declaration).values()


def load_dictionary(tokenizer=None) -> None:
    """jieba's dictionary read from jieba's own cache file in one read. jieba.initialize() hands the
    open file to marshal.load, which reads it piece by piece: 1.0–1.6 s of every Chinese build here,
    against 0.4 s for marshal.loads of the same bytes. A custom dictionary, a missing cache file (jieba
    then makes it) or one marshal cannot read are left to jieba.initialize()."""
    import jieba

    tokenizer = tokenizer or jieba.dt
    if not tokenizer.initialized and tokenizer.dictionary == jieba.DEFAULT_DICT:
        # jieba.initialize()'s own path to its cache of the default dictionary
        path = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), tokenizer.cache_file or "jieba.cache")
        try:
            with open(path, "rb") as file:
                freq, total = marshal.loads(file.read())
        except (OSError, EOFError, ValueError, TypeError):
            freq = None
        if isinstance(freq, dict) and isinstance(total, int):
            with tokenizer.lock:
                if not tokenizer.initialized:
                    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    tokenizer.initialize()


def _cut_many(runs: list[str]) -> list[tuple[str, ...]]:
    cut = _state["original"]
    return [tuple(cut(run)) for run in runs]


def install(root: Path, library: Library, terms: list[str]) -> ResultCache:
    """Route jieba.cut through a memo filled from .cache/ and, for what is missing, cut on every core."""
    import jieba

    if "original" not in _state:  # once per process: mkdocs serve calls on_config on every rebuild
        _state["original"] = jieba.cut
    original = _state["original"]
    load_dictionary()  # before forking, so workers share it
    cache = ResultCache(root, "segments", digest(getattr(jieba, "__version__", ""), *sorted(terms)))
    memo, used = cache.entries, set()

    def cut(sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or not HMM or use_paddle:
            return original(sentence, cut_all, HMM, use_paddle)
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        used.add(text)
        hit = memo.get(text)
        if hit is None:
            hit = memo[text] = tuple(original(text))
            cache.dirty = cache.on
        return iter(hit)

    jieba.cut = cut
    wanted = han_runs(case_texts(library))
    used.update(wanted)  # kept for the next build even if no page shows them (they would be cut again)
    missing = sorted(wanted - memo.keys())
    workers = min(os.cpu_count() or 1, 8)
    if len(missing) >= PARALLEL_MIN and workers > 1 and threading.active_count() == 1 \
            and "fork" in multiprocessing.get_all_start_methods():
        chunks = [missing[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, results in zip(chunks, pool.map(_cut_many, chunks)):
                memo.update(zip(chunk, results))
    else:
        memo.update(zip(missing, _cut_many(missing)))
    cache.dirty = cache.on and bool(missing) or cache.dirty
    _state["cache"], _state["used"] = cache, used
    return cache


def save() -> None:
    """After the build: keep what this build used (the file does not grow with every edit), write it."""
    cache = _state.get("cache")
    if cache is not None:
        cache.keep_only(_state["used"])
        cache.save()
