"""Property-based tests: whatever a contributor writes, the validator answers with located problems."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casebook.check.library import load_library
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
for _name in ("_taxonomy.yml", "_search_terms.txt", "_template.md"):
    shutil.copy(REPO / "cases" / _name, _root / "cases")
shutil.copy(REPO / "casebook.yml", _root)
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
    from casebook.read.frontmatter import FrontMatterError, parse_front_matter

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
    from casebook.check.library import discover

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

    from casebook.model.markdown import BODY_EXTENSIONS, render_body

    for text in texts + ["## 背景\n\n## 背景\n\n[a]: http://x\n\n[b][a]"] + texts:
        try:
            fresh = markdown.markdown(text, extensions=BODY_EXTENSIONS)
        except Exception:  # the validator reports Markdown crashes itself; compare only what renders
            continue
        assert render_body(text) == fresh


# Text built from every character Markdown gives meaning to, except the three that open markup.
_PLAIN_MARKDOWN = st.lists(st.sampled_from(list("#*-_`~>!()]}:|=+.&;\\/\"' \n\t1aj学校") +
                                                   ["javascript:", "&#60;", "&lt;script", "onclick=", "!!! note", "***",
                                                    "http://x.cn", "\n\n", "    ", "|---|", ": "]),
                           max_size=120).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PLAIN_MARKDOWN)
@example(">\t\t#")  # a code block inside a quote (found by this test)
def test_a_body_without_markup_characters_renders_no_url_or_handler(text):
    """safety skips the rendered pass for bodies without < [ { — only sound if Markdown then makes
    no element that could carry a URL, a handler or raw HTML."""
    from html.parser import HTMLParser

    from casebook.check.safety import FENCE_RE, indented, needs_rendered_check
    from casebook.model.markdown import render_body

    # only an indented line (a code block the rendered pass names) sends such a body to be rendered
    assert needs_rendered_check(text) == indented(text)
    seen = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, [name for name, _ in attrs]))

    Collect().feed(render_body(text))
    for tag, names in seen:
        assert tag in {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code", "pre",
                       "blockquote", "hr", "div", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
                       "br"}, tag
        assert set(names) <= {"id", "class", "style"}, (tag, names)
    if any(tag == "pre" for tag, _ in seen):  # a code block comes from a fence (refused) or an indent
        assert indented(text) or any(FENCE_RE.match(line) for line in text.split("\n")), text


def test_skipping_the_rendered_pass_changes_no_verdict(monkeypatch):
    """Every hostile and real body gets the same problems with the rendered pass forced on."""
    from casebook.check import safety

    bodies = []
    for path in sorted((REPO / "tests" / "hostile").glob("*.md")) + sorted((REPO / "cases").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        bodies.append((path, text.split("\n---", 2)[-1] if text.startswith("---") else text))
    bodies.append((None, "## 背景\n\n纯文本 javascript:alert(1) &lt;script&gt; onclick=x"))
    skipped = [b for _, b in bodies if not safety.needs_rendered_check(b)]
    assert len(skipped) >= 3  # the comparison below must cover the fast path, not only the slow one
    for path, body in bodies:
        fast = safety.body_problems(body, 1, REPO / "cases", REPO / "cases")
        monkeypatch.setattr(safety, "needs_rendered_check", lambda _b: True)
        slow = safety.body_problems(body, 1, REPO / "cases", REPO / "cases")
        monkeypatch.undo()
        assert fast == slow, path


def test_markup_characters_force_the_rendered_pass():
    from casebook.check.safety import needs_rendered_check

    for body in ["见[来源][1]", "<b>x</b>", "段落\n{: .note }", "a [b", "x<y"]:
        assert needs_rendered_check(body), body
    assert not needs_rendered_check("## 背景\n\n- **做法。** 全文没有标记。")


_segment = st.sampled_from(["cases", "topics", "x", "synth-00001", "吉林省", "index.html", "a.html", "stats"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_segment, min_size=1, max_size=4), st.lists(_segment, max_size=3), st.booleans())
def test_relative_site_paths_match_posixpath_relpath(target, base, folder_target):
    """urls.relative replaces posixpath.relpath for the clean paths generated pages use."""
    import posixpath

    from casebook.render.urls import relative

    path = "/".join(target) + ("/" if folder_target else "")
    base_dir = "/".join(base) + "/" if base else ""
    assert relative(path, base_dir) == posixpath.relpath("/" + path, "/" + base_dir)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.lists(st.text(max_size=12), max_size=4))
def test_generated_front_matter_reads_back_as_written(text, tags):
    """front_matter() writes JSON; MkDocs reads it with PyYAML: every string must come back unchanged."""
    import re

    from casebook.render.templating import front_matter

    written = front_matter(title=text or "x", description=text, tags=tags)
    match = re.match(r"^---\n(.*?\n)---\n\n$", written, re.S)  # the shape MkDocs' front-matter regex expects
    assert match
    try:
        read = yaml.safe_load(match.group(1))
    except yaml.reader.ReaderError:  # characters YAML refuses anywhere; validation refuses them in case files
        assert any(ord(c) < 32 and c not in "\t\n\r" or 0x7f <= ord(c) <= 0x9f or c in "\ufffe\uffff"
                   or 0xd800 <= ord(c) <= 0xdfff for c in text + "".join(tags))
        return
    expected = {"title": text or "x", "description": text, "tags": tags}
    assert read == {k: v for k, v in expected.items() if v not in (None, [], ())}
