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
    sight): every run pre-cut on every core as jieba cuts it, the memo saved, read back by the next
    build, and cut again when jieba's version or the domain terms change."""
    import jieba

    from casebook.check.library import load_library
    from casebook.render import segments
    from casebook.render.search_terms import register_search_terms

    monkeypatch.delenv("CASEBOOK_NO_CACHE", raising=False)
    monkeypatch.setattr(jieba, "cut", jieba.cut)  # put back afterwards, as _state is
    monkeypatch.setattr(segments, "_state", {})
    monkeypatch.setattr(segments, "PARALLEL_MIN", 1)  # forked workers, as a large library has
    project = copy_project(tmp_path)
    library = load_library(project)
    terms = register_search_terms(library)
    original = jieba.cut
    plain = {run: list(original(run)) for run in segments.han_runs(segments.case_texts(library))}
    cache = segments.install(project, library, terms)
    memo, state = cache.entries, segments._state
    assert state["original"] is original and jieba.cut is not original and len(plain) > 300
    assert {run: list(memo[run]) for run in plain} == plain and state["used"] == set(plain) and cache.dirty
    assert all(list(jieba.cut(run)) == words for run, words in plain.items())
    # what the memo does not answer goes to jieba as asked: without HMM, cutting all, in bytes, a new run
    hmm = "一是党员名师的引领作用"  # cut otherwise without HMM
    assert list(jieba.cut(hmm, HMM=False)) == list(original(hmm, HMM=False)) != plain[hmm]
    whole = "一头是学校支部书记把党建职责和业务职责对应起来"  # cut otherwise cutting all
    assert list(jieba.cut(whole, cut_all=True, HMM=False)) == list(original(whole, cut_all=True, HMM=False)) \
        != list(original(whole, HMM=False))
    assert list(jieba.cut(hmm.encode("utf-8"))) == plain[hmm] and all(isinstance(r, str) for r in state["used"])
    assert list(jieba.cut("全新的一串汉字")) == list(original("全新的一串汉字")) and "全新的一串汉字" in state["used"]
    segments.save()
    assert (project / ".cache" / "casebook" / "segments.pickle").is_file()

    segments.install(project, library, terms)  # a rebuild in the same process (mkdocs serve)
    assert segments._state["original"] is original and not segments._state["cache"].dirty
    cuts = []

    def counted(sentence, *args):
        cuts.append(sentence)
        return original(sentence, *args)

    monkeypatch.setattr(segments, "PARALLEL_MIN", len(plain) + 1)  # cut here, where cuts are counted
    for version, more, cut_again in ((jieba.__version__, [], False), ("0.0", [], True), (jieba.__version__, ["新词语"], True)):
        monkeypatch.setattr(jieba, "__version__", version)
        monkeypatch.setattr(segments, "_state", {"original": counted})  # a new process, the same cache file
        cuts.clear()
        again = segments.install(project, library, terms + more)
        assert (len(cuts) == len(plain)) == cut_again and bool(cuts) == again.dirty, (version, more)
        assert all(list(jieba.cut(run)) == words for run, words in plain.items())
        assert len(cuts) == (len(plain) if cut_again else 0)  # each answered from the memo
