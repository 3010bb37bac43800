"""The validation cache and the parallel path give exactly what a plain sequential run gives."""

from __future__ import annotations

import shutil

import pytest

import casebook.check.library as library_module
from casefixtures import REPO, TODAY, VALID_CASE, Repo


@pytest.fixture
def big_repo(tmp_path) -> Repo:
    """The real cases plus broken ones, so both results and problems are compared."""
    shutil.copytree(REPO / "cases", tmp_path / "cases")
    shutil.copy(REPO / "casebook.yml", tmp_path)
    repo = Repo(tmp_path)
    repo.case("broken-case", VALID_CASE.replace("scope: 省级", "scope: 国家级").replace("province: 吉林省", "province: 吉林")
              .replace("title: 测试案例标题示例", "title: 有问题的测试案例"))
    repo.case("empty-meta", "---\n---\n正文\n")
    return repo


def snapshot(library):
    return [(c, c.lines) for c in library.cases], library.problems, library.featured


def test_cached_equals_uncached(big_repo, monkeypatch):
    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    plain = snapshot(big_repo.load())
    assert not (big_repo.root / ".cache").exists()
    monkeypatch.delenv("CASEBOOK_NO_CACHE")
    first = snapshot(big_repo.load())  # fills the cache
    assert (big_repo.root / ".cache" / "casebook" / "validation.pickle").is_file()
    second = snapshot(big_repo.load())  # served from it
    assert first == plain and second == plain
    assert plain[1]  # the broken files' problems are part of what is compared


PARALLEL_CHILD = """
import pickle, sys, datetime as dt
import casebook.check.library as lib
lib.PARALLEL_MIN = 1
calls = []
real = lib.ProcessPoolExecutor
def counting(*args, **kwargs):
    calls.append(args)
    return real(*args, **kwargs)
lib.ProcessPoolExecutor = counting
library = lib.load_library(sys.argv[1], today=dt.date.fromisoformat(sys.argv[2]))
sys.stdout.buffer.write(pickle.dumps(([(c, c.lines) for c in library.cases], library.problems, library.featured, len(calls))))
"""


def test_parallel_equals_sequential(big_repo, monkeypatch):
    """In a child process: the parallel path forks only when no other thread runs (the browser tests' do)."""
    import os
    import pickle
    import subprocess
    import sys

    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    sequential = snapshot(big_repo.load())
    out = subprocess.run([sys.executable, "-c", PARALLEL_CHILD, str(big_repo.root), TODAY.isoformat()],
                         capture_output=True, check=True, env={**os.environ, "CASEBOOK_NO_CACHE": "1"}).stdout
    *parallel, calls = pickle.loads(out)
    assert calls == 1, "the parallel path was not taken"
    assert tuple(parallel) == sequential


def test_no_fork_while_other_threads_run(big_repo, monkeypatch):
    import threading

    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    monkeypatch.setattr(library_module, "PARALLEL_MIN", 1)
    monkeypatch.setattr(library_module, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("forked beside a thread"))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert big_repo.load().cases
    finally:
        stop.set()
        thread.join()


def test_an_edited_case_is_validated_again(big_repo):
    path = big_repo.case("demo-case")
    assert not [p for p in big_repo.problems() if "demo-case" in p.file]
    path.write_text(VALID_CASE.replace("scope: 省级", "scope: 国家级"), encoding="utf-8")
    assert [p.field for p in big_repo.problems() if "demo-case" in p.file] == ["scope"]


def test_a_taxonomy_change_invalidates_the_cache(big_repo):
    big_repo.case("demo-case")
    big_repo.load()
    taxonomy = big_repo.cases / "_taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("  试点推进:", "  试点推进改名:"), encoding="utf-8")
    assert [p.field for p in big_repo.problems() if "demo-case" in p.file] == ["tags[1]"]


def test_a_deleted_image_invalidates_the_cache(big_repo):
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 20
    big_repo.write("test/pic.png", png)
    big_repo.case("demo-case", VALID_CASE + "\n![照片](pic.png)\n")
    assert not [p for p in big_repo.problems() if "demo-case" in p.file]
    (big_repo.cases / "test" / "pic.png").unlink()
    assert [p.field for p in big_repo.problems() if "demo-case" in p.file] == ["body"]


def test_a_corrupt_cache_file_is_ignored(big_repo):
    first = snapshot(big_repo.load())
    (big_repo.root / ".cache" / "casebook" / "validation.pickle").write_bytes(b"not a pickle")
    assert snapshot(big_repo.load()) == first


def test_tomorrow_is_another_day(big_repo):
    import datetime as dt

    from casebook.check.library import load_library

    future = VALID_CASE.replace("date: 2023-12-05\nsources", f"date: {TODAY + dt.timedelta(days=1)}\nsources")
    big_repo.case("demo-case", future)
    assert [p.field for p in big_repo.problems() if "demo-case" in p.file] == ["date"]
    later = load_library(big_repo.root, today=TODAY + dt.timedelta(days=2))
    assert not [p for p in later.problems if "demo-case" in p.file]


class _Planted:
    """Unpickling this writes a file: proof that a planted cache file was loaded."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_cache_file_is_never_unpickled(big_repo, tmp_path):
    import pickle

    first = snapshot(big_repo.load())
    marker = tmp_path / "pwned"
    planted = pickle.dumps({"salt": "x", "entries": _Planted(str(marker))})
    cache_file = big_repo.root / ".cache" / "casebook" / "validation.pickle"
    for forged in (planted, b"\0" * 32 + planted, cache_file.read_bytes()[:32] + planted):
        cache_file.write_bytes(forged)  # as a pull request could commit it
        assert snapshot(big_repo.load()) == first
        assert not marker.exists()


def test_the_key_lives_outside_the_repository(big_repo):
    from casebook.cache import secret_key

    big_repo.load()
    key_files = list(big_repo.root.rglob("cache-key"))
    assert key_files == [] and len(secret_key()) >= 32


# --- compiled templates (TemplateCode) -----------------------------------------------------------

def _env(folder, code):
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=code)


@pytest.fixture
def compiled(monkeypatch):
    """Names of the templates Jinja compiles from source."""
    import jinja2

    names, compile_ = [], jinja2.Environment.compile

    def spy(self, source, name=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def test_compiled_templates_are_kept_for_the_next_build(tmp_path, compiled):
    from casebook.render.templating import TemplateCode

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    first = TemplateCode()
    first.attach(tmp_path)
    assert _env(tmp_path / "t", first).get_template("page.html").render(name="a") == "Hello a"
    assert compiled == ["page.html"]
    first.save()
    assert (tmp_path / ".cache" / "casebook" / "templates.pickle").is_file()

    later = TemplateCode()  # the next build: another process
    later.attach(tmp_path)
    assert _env(tmp_path / "t", later).get_template("page.html").render(name="b") == "Hello b"
    assert compiled == ["page.html"]  # not compiled again

    (tmp_path / "t" / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")  # an edited template
    assert _env(tmp_path / "t", later).get_template("page.html").render(name="c") == "Goodbye c"
    assert compiled == ["page.html", "page.html"]


def test_compiled_templates_a_build_did_not_use_are_forgotten(tmp_path):
    from casebook.cache import ResultCache
    from casebook.render.templating import TemplateCode

    import jinja2

    (tmp_path / "t").mkdir()
    for name in ("a.html", "b.html"):
        (tmp_path / "t" / name).write_text(name, encoding="utf-8")
    code = TemplateCode()
    code.attach(tmp_path)
    env = _env(tmp_path / "t", code)
    env.get_template("a.html"), env.get_template("b.html")
    code.save()
    code.attach(tmp_path)  # the next build (a preview's rebuild) uses a.html only
    _env(tmp_path / "t", code).get_template("a.html")
    code.save()
    kept = ResultCache(tmp_path, "templates", jinja2.__version__).entries
    assert len(kept) == 1 and code.used == set(kept)


def test_no_cache_keeps_compiled_templates_in_memory_only(tmp_path, monkeypatch, compiled):
    from casebook.render.templating import TemplateCode

    monkeypatch.setenv("CASEBOOK_NO_CACHE", "1")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("x", encoding="utf-8")
    code = TemplateCode()
    code.attach(tmp_path)
    _env(tmp_path / "t", code).get_template("page.html")
    _env(tmp_path / "t", code).get_template("page.html")  # a new environment, as MkDocs makes per rebuild
    code.save()
    assert compiled == ["page.html"] and not (tmp_path / ".cache").exists()


def test_a_planted_template_cache_is_never_loaded(tmp_path):
    import pickle

    from casebook.render.templating import TemplateCode

    marker = tmp_path / "pwned"
    folder = tmp_path / ".cache" / "casebook"
    folder.mkdir(parents=True)
    (folder / "templates.pickle").write_bytes(b"\0" * 32 + pickle.dumps({"salt": "x", "entries": _Planted(str(marker))}))
    code = TemplateCode()
    code.attach(tmp_path)
    assert code.store == {} and not marker.exists()


def test_pages_and_the_theme_use_the_kept_templates(tmp_path):
    """casebook's own environment and MkDocs' (through the hook) share the cache."""
    from casebook.adapters import mkdocs as hooks
    from casebook.render import templating
    from casebook.render.templating import TEMPLATES

    import jinja2

    assert templating.environment(None).bytecode_cache is TEMPLATES
    assert hooks.on_env(jinja2.Environment(), None, None).bytecode_cache is TEMPLATES


def test_a_template_that_does_not_compile_is_not_kept(tmp_path):
    """(A library's own template with a syntax error: the build stops there; the cache keeps the rest.)"""
    import jinja2

    from casebook.render.templating import TemplateCode

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "good.html").write_text("ok", encoding="utf-8")
    (tmp_path / "t" / "bad.html").write_text("{% if %}", encoding="utf-8")
    code = TemplateCode()
    code.attach(tmp_path)
    env = _env(tmp_path / "t", code)
    env.get_template("good.html")
    with pytest.raises(jinja2.TemplateSyntaxError):
        env.get_template("bad.html")
    code.save()
    later = TemplateCode()
    later.attach(tmp_path)
    assert len(later.store) == 1
