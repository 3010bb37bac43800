"""The real cases against their sources (tests/seeds/): every number is in the source, targets are
marked as targets, and no long run of a source is copied. A later edit cannot drift silently."""

from __future__ import annotations

import re
import unicodedata

import pytest

from casebook.check.library import load_library
from casefixtures import REPO

SEEDS = REPO / "tests" / "seeds"
# slug prefix -> the seed files its cases are written from
SEED_OF = {
    "jilin-": ["000_626ccbf0a516a329.txt"],
    "shiquan-": ["001_0935413641ed4887.txt"],
    "dongan-": ["003_6a47493cd0474698.txt"],
    "jiamusi-": ["004_0a3e9fc21b69f66a.txt"],
}
COPY_LIMIT = 25  # characters: a longer run shared with the source is copying, not our own words


def norm(text: str) -> str:
    """Full-width and half-width punctuation alike, no spaces: how numbers and names are found."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def words_only(text: str) -> str:
    """``norm`` without any punctuation or symbol (、，“”《》 **): how a copied run is compared, so an
    inserted or dropped 、 cannot hide one."""
    return "".join(c for c in norm(text) if unicodedata.category(c)[0] not in "PSZ")


@pytest.fixture(scope="module")
def cases():
    library = load_library(REPO)
    assert library.problems == []
    return library.cases


def seed_text(case) -> str:
    [files] = [files for prefix, files in SEED_OF.items() if case.slug.startswith(prefix)]
    return norm("\n".join((SEEDS / name).read_text(encoding="utf-8") for name in files))


def written_forms(value) -> set[str]:
    """How a source may write a number: 1798, 1,798, 2万 (20000), 1.2万 (12000)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    forms = {str(value), f"{value:,}"}
    if isinstance(value, int) and value >= 10000:
        wan = value / 10000
        forms.add(f"{wan:g}万")
    return forms


def test_every_case_has_its_source_text(cases):
    assert all(any(c.slug.startswith(p) for p in SEED_OF) for c in cases), "map the new case to its seed"


def test_every_metric_value_is_written_in_the_source(cases):
    missing = [(c.slug, m.label, m.value) for c in cases for m in c.metrics
               if not any(form in seed_text(c) for form in written_forms(m.value))]
    assert missing == []


def test_every_number_in_a_summary_or_body_is_in_the_source(cases):
    missing = []
    for c in cases:
        seed = seed_text(c)
        text = norm(c.summary + c.body)
        for number in set(re.findall(r"\d+(?:\.\d+)?", text)):
            if number not in seed:
                missing.append((c.slug, number))
    assert missing == []


def test_no_run_of_a_source_is_copied(cases):
    copied = []
    for c in cases:
        seed = words_only(seed_text(c))
        runs = {seed[i:i + COPY_LIMIT] for i in range(len(seed) - COPY_LIMIT + 1)}
        labels = " ".join(f"{m.label}{m.display}{m.unit}" for m in c.metrics)
        for part in (c.summary, c.body, labels):
            # titles of documents quoted in 《》 may be given in full
            text = words_only(re.sub(r"《[^》]*》", "", re.sub(r"<!--.*?-->", "", part, flags=re.S)))
            hit = next((text[i:i + COPY_LIMIT] for i in range(len(text) - COPY_LIMIT + 1)
                        if text[i:i + COPY_LIMIT] in runs), None)
            if hit:
                copied.append((c.slug, hit))
    assert copied == []


# Figures the sources give as plans or goals (争创、培育、计划……), pinned so a later edit cannot turn
# them back into results; and the cases that are plans as a whole.
TARGETS = {"jilin-btx-branch-standard": {12, 300, 1000}, "dongan-principal-responsibility-plan": {50, 2, 5}}
PLANS = {"dongan-principal-responsibility-plan"}


def test_figures_given_as_plans_are_targets(cases):
    by_slug = {c.slug: c for c in cases}
    for slug, values in TARGETS.items():
        marked = {m.value for m in by_slug[slug].metrics if m.target}
        assert values <= marked, (slug, values - marked)
    assert {c.slug for c in cases if c.kind == "方案"} == PLANS


def test_every_metric_names_its_source(cases):
    assert [(c.slug, m.label) for c in cases for m in c.metrics if not m.source] == []


def test_what_the_source_does_not_say_is_marked_as_inferred(cases):
    """A place or organization not written in the source is named in a source's note."""
    from casebook.authoring.newcase import SUFFIXES

    unmarked = []
    for c in cases:
        seed = seed_text(c)
        notes = " ".join(s.note or "" for s in c.sources)
        names = [n for n in (c.region.province, c.region.city, c.region.county) if n]
        for name in names:
            if norm(name) not in seed and norm(SUFFIXES.sub("", name)) not in seed and name not in notes:
                unmarked.append((c.slug, name))
        if norm(c.organization) not in seed and "单位" not in notes:
            unmarked.append((c.slug, c.organization))
    assert unmarked == []


# A case teaches: its 经验启示 say what another county or school can do, not what the report contains;
# and what a source leaves unsaid or what was inferred from it is an editor's note (a note admonition
# titled 编者注, at the end of the section it concerns) or the source's `note:`, never case text.
LESSONS = "经验启示"
EDITOR_NOTE = '!!! note "编者注"'
ABOUT_THE_REPORT = ("报道", "来源", "这一部分", "同一部分")
SOURCE_REMARKS = ("来源没有", "来源只", "来源未")
LESSON_MESSAGE = ("{path}:{line}: 经验启示要写成可以借鉴的做法，不要评论报道（“{word}”）："
                  "关于来源的说明请写进“编者注”或来源的 note")
REMARK_MESSAGE = ("{path}:{line}: 关于来源的说明（“{word}”）不要夹在案例正文里："
                  "请写进所在小节末尾的“编者注”（!!! note \"编者注\"），说的是整个来源时写进来源的 note")
_HEADING = re.compile(r"^(#{1,6})[ \t]*(.*?)[ \t]*#*[ \t]*$")


def _first(words, line: str) -> str | None:
    """The word of ``words`` that comes first in ``line`` (the longer one where two start together)."""
    found = [(line.find(w), -len(w), w) for w in words if w in line]
    return min(found)[2] if found else None


def source_remark_problems(path: str, text: str) -> list[str]:
    """What a case file says about its source where a reader takes it for the case: in a 经验启示 item,
    a word about the report; anywhere in the body, a remark on what the source does or does not say.
    The front matter (a source's note) and the lines of an 编者注 block are where those belong."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # the front matter ends at the next ---
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    problems: list[str] = []
    section, note_indent = None, None
    for i in range(start, len(lines)):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        if note_indent is not None:  # an admonition's text: blank lines and lines indented under it
            if not line.strip() or indent >= note_indent + 4:
                continue
            note_indent = None
        if line.strip() == EDITOR_NOTE:
            note_indent = indent
            continue
        heading = _HEADING.match(line)
        if heading and len(heading[1]) <= 2:
            section = heading[2]
        elif section == LESSONS and (word := _first(ABOUT_THE_REPORT, line)):
            problems.append(LESSON_MESSAGE.format(path=path, line=i + 1, word=word))
        if word := _first(SOURCE_REMARKS, line):
            problems.append(REMARK_MESSAGE.format(path=path, line=i + 1, word=word))
    return problems


def test_source_remarks_are_found_where_a_reader_takes_them_for_the_case():
    sample = "\n".join([
        "---",                                               # 1
        "title: 示例",                                        # 2
        "sources:",                                          # 3
        "  - {title: 某报道, note: 转载页，来源未写明日期}",      # 4 a source's note: its place
        "---",                                               # 5
        "",                                                  # 6
        "## 背景",                                            # 7
        "",                                                  # 8
        "某县局党委（来源只写“局党委”）带头学习。",              # 9
        "",                                                  # 10
        '!!! note "编者注"',                                   # 11
        "",                                                  # 12
        "    来源没有说明“361”的含义。",                        # 13 inside the note
        "",                                                  # 14
        "    来源只有方案文本。",                               # 15 still inside
        "",                                                  # 16
        "据报道，覆盖面扩大了。来源没有给出数量。",               # 17 the note has ended
        "",                                                  # 18
        "## 经验启示",                                         # 19
        "",                                                  # 20
        "- 报道在“突出标准建设”部分把几项做法放在一起写。",       # 21
        "- 同一部分还写到家长学校。",                            # 22
        "- 这一部分的三个载体分属不同学段。",                     # 23
        "- 先摸清底数，再因校设置党组织。",                       # 24 a lesson
        "",                                                  # 25
        "来源把这项工程列为举措之一。",                          # 26 a paragraph under 经验启示
        "",                                                  # 27
        '!!! note "编者注"',                                   # 28
        "",                                                  # 29
        "    报道没有给出这一部分的数量，来源未注明日期。",        # 30 a note at the end of the section
        "",                                                  # 31
        "## 相关材料",                                         # 32
        "",                                                  # 33
        "报道全文见来源链接。",                                  # 34 not a 经验启示 item
    ])
    assert source_remark_problems("cases/x/x.md", sample) == [
        "cases/x/x.md:9: 关于来源的说明（“来源只”）不要夹在案例正文里：请写进所在小节末尾的“编者注”"
        "（!!! note \"编者注\"），说的是整个来源时写进来源的 note",
        "cases/x/x.md:17: 关于来源的说明（“来源没有”）不要夹在案例正文里：请写进所在小节末尾的“编者注”"
        "（!!! note \"编者注\"），说的是整个来源时写进来源的 note",
        "cases/x/x.md:21: 经验启示要写成可以借鉴的做法，不要评论报道（“报道”）：关于来源的说明请写进“编者注”或来源的 note",
        "cases/x/x.md:22: 经验启示要写成可以借鉴的做法，不要评论报道（“同一部分”）：关于来源的说明请写进“编者注”或来源的 note",
        "cases/x/x.md:23: 经验启示要写成可以借鉴的做法，不要评论报道（“这一部分”）：关于来源的说明请写进“编者注”或来源的 note",
        "cases/x/x.md:26: 经验启示要写成可以借鉴的做法，不要评论报道（“来源”）：关于来源的说明请写进“编者注”或来源的 note",
    ]


def case_files():
    return sorted(p for p in (REPO / "cases").rglob("*.md") if not p.name.startswith("_"))


def test_no_case_comments_on_its_source_outside_an_editor_s_note():
    problems = [message for path in case_files()
                for message in source_remark_problems(path.relative_to(REPO).as_posix(),
                                                      path.read_text(encoding="utf-8"))]
    assert problems == []


def test_every_editor_s_note_is_shown_as_a_note(cases):
    """Each 编者注 is a note admonition on the case page and in the handout: the page passes the body to
    Markdown as written (escaped, the title's quotes would leave "!!! note" as text), and a note written
    inside a list item, say, would not make one."""
    from casebook.model.markdown import render_body
    from casebook.outputs.site import generated_pages
    from casebook.render.handout import body_html
    from casebook.render.urls import Urls

    title = '<div class="admonition note">\n<p class="admonition-title">编者注</p>'
    library = load_library(REPO)
    pages = generated_pages(library.published(), Urls(), tags_property="tags")
    written = {c.slug: sum(line.strip() == EDITOR_NOTE for line in c.body.split("\n")) for c in cases}
    assert any(written.values())
    for c in cases:
        page_body = pages[f"cases/{c.slug}.md"].split("<!-- cb-body -->", 1)[1].split("<!-- /cb-body -->", 1)[0]
        assert render_body(page_body).count(title) == written[c.slug], c.slug
        assert str(body_html(c, REPO)).count(title) == written[c.slug], c.slug
