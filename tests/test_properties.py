"""Property-based tests: whatever a contributor writes, the validator answers with located problems."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.library import load_library
from casefixtures import REPO, VALID_CASE

KEYS = ["title", "summary", "region", "scope", "stages", "topics", "tags", "brand", "organization", "date",
        "sources", "metrics", "related", "cover", "titel", "province", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=80), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
                    st.sampled_from(["吉林省", "小学", "校长负责制", "省级", "333", "0333", "no", "<script>", "javascript:x",
                                     "13912345678", "a@b.cn", "../x.png", "2024-6-1"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS + ["label", "value", "unit",
                                                                                               "publisher", "url", "city"]),
                                                                       inner, max_size=4)), max_leaves=12)
front_matters = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)
bodies = st.one_of(st.text(max_size=400), st.sampled_from([
    "## 主要做法\n\n做法。", "# 标题\n<script>x</script>", "![a](http://x/y.png)", "[a](javascript:1)",
    "```\n<script>\n```\n## 主要做法", "<img src=x onerror=1>", "[a][b]\n\n[b]: vbscript:x"]))

_root = Path(tempfile.mkdtemp(prefix="casebook-prop-"))
(_root / "cases").mkdir()
shutil.copy(REPO / "cases" / "_taxonomy.yml", _root / "cases")
CASE = _root / "cases" / "prop-case.md"


def check(raw: bytes) -> None:
    CASE.write_bytes(raw)
    library = load_library(_root, today=dt.date(2026, 11, 25))  # must not raise
    for p in library.problems:
        assert p.file == "cases/prop-case.md"
        assert isinstance(p.line, int) and 1 <= p.line <= raw.count(b"\n") + 2, p
        assert p.field and isinstance(p.field, str), p
        assert p.message and "Traceback" not in p.message, p
    assert bool(library.problems) != bool(library.cases)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters, bodies)
def test_generated_front_matter_and_body(fm, body):
    text = "---\n" + yaml.safe_dump(fm, allow_unicode=True) + "---\n\n" + body + "\n"
    check(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_arbitrary_text(text):
    check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data):
    check(data)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(VALID_CASE) - 1), st.text(max_size=12))
def test_valid_case_with_random_edit(position, insert):
    check((VALID_CASE[:position] + insert + VALID_CASE[position:]).encode("utf-8", errors="surrogatepass"))


def _parse_both(text: str):
    from casebook.frontmatter import FrontMatterError, parse_front_matter

    out = []
    for fast in (True, False):
        try:
            fm = parse_front_matter(text, 2, fast=fast)
            out.append(("ok", fm.data, fm.lines, fm.problems))
        except FrontMatterError as err:
            out.append(("error", err.line, err.message))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters)
def test_libyaml_and_python_parsers_agree(fm):
    """The fast (libyaml) path gives the same values, lines and problems as the pure-Python path."""
    text = yaml.safe_dump(fm, allow_unicode=True, sort_keys=False)
    fast, slow = _parse_both(text)
    assert fast == slow


def test_parsers_agree_on_every_real_case_and_hostile_file():
    from casebook.library import discover

    files = discover(REPO / "cases") + sorted((REPO / "tests" / "hostile").glob("*.md"))
    for path in files:
        raw = path.read_bytes()
        if len(raw) > 64 * 1024:
            continue
        text = raw.decode("utf-8", errors="replace")
        if not text.startswith("---\n") or "\n---" not in text[4:]:
            continue
        front = text[4:text.index("\n---", 4)]
        fast, slow = _parse_both(front)
        assert fast == slow, path.name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(bodies, min_size=2, max_size=4))
def test_a_reused_markdown_instance_renders_like_a_fresh_one(texts):
    """safety.render_body reuses one Markdown per thread; after reset it must equal a fresh render."""
    import markdown

    from casebook.safety import BODY_EXTENSIONS, render_body

    for text in texts + ["## 背景\n\n## 背景\n\n[a]: http://x\n\n[b][a]"] + texts:
        try:
            fresh = markdown.markdown(text, extensions=BODY_EXTENSIONS)
        except Exception:  # the validator reports Markdown crashes itself; compare only what renders
            continue
        assert render_body(text) == fresh
