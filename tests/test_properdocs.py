"""ProperDocs (the maintained continuation of MkDocs 1.x) builds the same site as MkDocs: every page and
file is identical except the generator meta tag. CASEBOOK_ENGINE switches `casebook build` and bundles."""

from __future__ import annotations

import gzip
import re

import pytest

from casebook.cli import main
from casebook.outputs.publish import run_mkdocs
from casefixtures import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files(site):
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return out


def test_properdocs_builds_the_same_pages_as_mkdocs(tmp_path):
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        out = tmp_path / engine
        result = run_mkdocs(REPO, out, env={"CASEBOOK_ENGINE": engine, "SOURCE_DATE_EPOCH": "1764000000"}, quiet=True)
        assert result.returncode == 0, result.stderr[-2000:]
        sites[engine] = files(out)
    mk, pd = sites["mkdocs"], sites["properdocs"]
    assert sorted(mk) == sorted(pd) and len(mk) > 50
    assert GENERATOR.search(mk["index.html"])[1].startswith(b"mkdocs-1.")
    assert b"ProperDocs" in GENERATOR.search(pd["index.html"])[1]
    differ = [name for name in mk if GENERATOR.sub(b"", mk[name]) != GENERATOR.sub(b"", pd[name])]
    assert differ == []


@pytest.mark.parametrize("command", [["build", "--site-dir", "{tmp}/site"], ["bundle", "--topic", "清廉学校"]])
def test_an_unknown_engine_is_refused_clearly(tmp_path, capsys, monkeypatch, command):
    monkeypatch.setenv("CASEBOOK_ENGINE", "hugo")
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert main([*args, "--root", str(REPO)] if command[0] == "build" else [*args, "--root", str(REPO),
                                                                             "--out-dir", str(tmp_path)]) == 2
    assert "CASEBOOK_ENGINE=hugo 不是可用的生成器" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()
