"""Segmentation for the search index: memoized, cached and pre-cut on every core, the same as jieba alone."""

from __future__ import annotations

import os
import subprocess
import sys

from casefixtures import REPO, copy_project

CHILD = """
import sys
from pathlib import Path
import jieba
from casebook.render import segments
from casebook.check.library import load_library
from casebook.render.search_terms import register_search_terms
segments.PARALLEL_MIN = 1
library = load_library(Path(sys.argv[1]))
terms = register_search_terms(library)
jieba.initialize()
plain = {run: list(jieba.cut(run)) for run in segments.han_runs(segments.case_texts(library))}
segments.install(Path(sys.argv[1]), library, terms)
assert jieba.cut is not segments._state["original"]
memo = segments._state["cache"].entries
assert set(plain) <= set(memo), "every run pre-cut"
bad = [run for run, words in plain.items() if list(jieba.cut(run.encode("utf-8"))) != words or list(memo[run]) != words]
print(len(plain), len(bad))
"""


def test_pre_cut_on_every_core_equals_jieba(tmp_path):
    project = copy_project(tmp_path)
    out = subprocess.run([sys.executable, "-c", CHILD, str(project)], capture_output=True, text=True, check=True,
                         env={**os.environ, "CASEBOOK_NO_CACHE": "1"}).stdout.split()
    runs, bad = int(out[0]), int(out[1])
    assert runs > 300 and bad == 0  # the searched fields of the real cases


def test_han_runs_are_the_ones_the_index_cuts():
    from casebook.render.segments import han_runs

    assert han_runs(["吉林省以BTX建设和“强基领航”工程推进", "333 德育"]) == {"吉林省以", "建设和", "强基领航", "工程推进", "德育"}


def build(project, site, **env):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **env})
    assert result.returncode == 0, result.stderr
    return (site / "search" / "search_index.json").read_bytes()


def test_cached_build_equals_uncached_build(tmp_path):
    project = copy_project(tmp_path)
    plain = build(project, tmp_path / "plain", CASEBOOK_NO_CACHE="1")
    assert not (project / ".cache").exists()
    cold = build(project, tmp_path / "cold")
    assert (project / ".cache" / "casebook" / "segments.pickle").is_file()
    warm = build(project, tmp_path / "warm")
    assert plain == cold == warm
    assert REPO.name  # the real repository is not touched: the copy holds its own .cache


def _tokenizer(tmp_path, **kwargs):
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer(**kwargs)
    tokenizer.tmp_dir = str(tmp_path)  # where jieba keeps (and load_dictionary reads) its cache file
    return tokenizer


def test_the_dictionary_read_in_one_piece_is_the_one_jieba_reads(tmp_path, monkeypatch):
    import marshal

    from casebook.render.segments import load_dictionary

    made = _tokenizer(tmp_path)
    made.initialize()  # jieba builds its dictionary and writes its cache file into tmp_path
    assert (tmp_path / "jieba.cache").is_file()
    fresh = _tokenizer(tmp_path)

    def refused(*args, **kwargs):
        raise AssertionError("jieba's own loading was used")

    monkeypatch.setattr(marshal, "load", refused)  # jieba.initialize() reads its cache with marshal.load
    monkeypatch.setattr(type(fresh), "gen_pfdict", refused)  # and rebuilds from dict.txt without it
    load_dictionary(fresh)
    assert fresh.initialized and fresh.total == made.total and fresh.FREQ == made.FREQ
    assert fresh.lcut("校长负责制落实立德树人") == made.lcut("校长负责制落实立德树人")


def test_a_dictionary_load_dictionary_cannot_read_is_left_to_jieba(tmp_path, monkeypatch):
    import marshal

    from casebook.render.segments import load_dictionary

    for content in (b"not marshal", marshal.dumps([1, 2, 3]), marshal.dumps(("freq", 1)), marshal.dumps(({}, "total")),
                    None):  # unreadable, not a pair, not a dictionary, no count, no file at all
        cache = tmp_path / "jieba.cache"
        cache.unlink(missing_ok=True)
        if content is not None:
            cache.write_bytes(content)
        tokenizer, called = _tokenizer(tmp_path), []
        monkeypatch.setattr(tokenizer, "initialize", lambda: called.append(1))
        load_dictionary(tokenizer)
        assert called == [1] and not tokenizer.initialized, content
    custom = tmp_path / "words.txt"  # a dictionary of one's own: jieba's cache is not of it
    custom.write_text("德育 5\n", encoding="utf-8")
    cache.write_bytes(marshal.dumps(({"德育": 5}, 5)))
    tokenizer, called = _tokenizer(tmp_path, dictionary=str(custom)), []
    monkeypatch.setattr(tokenizer, "initialize", lambda: called.append(1))
    load_dictionary(tokenizer)
    assert called == [1] and not tokenizer.initialized


def test_install_routes_cut_through_a_memo_kept_for_the_next_build(tmp_path, monkeypatch):
    """In this process (the child of test_pre_cut_on_every_core_equals_jieba is out of a mutation run's
    sight): every run pre-cut as jieba cuts it, the memo saved, and read back whole by the next build."""
    import jieba

    from casebook.check.library import load_library
    from casebook.render import segments
    from casebook.render.search_terms import register_search_terms

    monkeypatch.delenv("CASEBOOK_NO_CACHE", raising=False)
    monkeypatch.setattr(jieba, "cut", jieba.cut)  # put back afterwards, as _state is
    monkeypatch.setattr(segments, "_state", {})
    project = copy_project(tmp_path)
    library = load_library(project)
    terms = register_search_terms(library)
    plain = {run: list(jieba.cut(run)) for run in segments.han_runs(segments.case_texts(library))}
    memo = segments.install(project, library, terms).entries
    original = segments._state["original"]
    assert jieba.cut is not original and len(plain) > 300
    assert {run: list(memo[run]) for run in plain} == plain and segments._state["used"] == set(plain)
    assert all(list(jieba.cut(run)) == words for run, words in plain.items())
    assert list(jieba.cut("德育".encode("utf-8"))) == list(original("德育"))
    assert list(jieba.cut("立德树人", cut_all=True)) == list(original("立德树人", cut_all=True))  # not memoized
    segments.save()
    assert (project / ".cache" / "casebook" / "segments.pickle").is_file()

    def never(*args, **kwargs):
        raise AssertionError("cut again")

    monkeypatch.setattr(segments, "_state", {"original": never})  # a second build in the same process
    again = segments.install(project, library, terms)
    assert again.entries.keys() >= plain.keys() and not again.dirty
    assert all(list(jieba.cut(run)) == words for run, words in plain.items())
