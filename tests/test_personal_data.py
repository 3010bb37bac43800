"""Personal data is refused in every form a reader would still read as a phone number, an ID number or
an e-mail address: other widths and scripts, entities, invisible characters, markup around or inside it,
code of every kind, a line break in the middle, and every front-matter field that is published."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casebook.check.personaldata import found, found_in_lines
from casebook.check.safety import body_problems, text_problems
from casefixtures import REPO, VALID_CASE

SECRETS = {"手机号码": "13812345678", "身份证号码": "610922199001011234", "电子邮箱地址": "zhangsan@example.com",
           "固定电话号码": "0915-6321234"}
# drawn as nothing by a browser: zero-width space, joiners, word joiner, soft hyphen, BOM, direction
# marks, the Mongolian vowel separator, a variation selector, the combining grapheme joiner
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u180e", "\ufe0f", "\u034f"]
# digit forms a browser draws as digits: full-width, mathematical bold, double-struck and monospace,
# Arabic-Indic, Devanagari, superscript (ASCII digits are the identity)
DIGIT_SETS = ["0123456789", "０１２３４５６７８９", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "𝟘𝟙𝟚𝟛𝟜𝟝𝟞𝟟𝟠𝟡", "𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿",
              "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "⁰¹²³⁴⁵⁶⁷⁸⁹"]
WIDE = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@.-"}


@st.composite
def disguised(draw, kind: str) -> list[str]:
    """One secret of ``kind``, written the way a hostile contributor might, one piece per character:
    each in a form a browser draws as itself, some followed by an invisible character."""
    digits = draw(st.sampled_from(DIGIT_SETS))
    out = []
    for ch in SECRETS[kind]:
        form = draw(st.sampled_from(["plain", "wide", "decimal", "hex", "digit-set"]))
        if form == "wide" and ch in WIDE:
            ch = WIDE[ch]
        elif form == "digit-set" and ch.isdigit():
            ch = digits[int(ch)]
        elif form == "decimal":
            ch = f"&#{ord(ch)};"
        elif form == "hex":
            ch = f"&#x{ord(ch):x};"
        out.append(ch + (draw(st.sampled_from(INVISIBLE)) if draw(st.integers(0, 4)) == 0 else ""))
    return out


# Where the secret sits in a body: every kind of code, markup around it, a line break inside it.
CONTEXTS = [
    "联系电话 {}。", "`{}`", "```\n{}\n```", "~~~\n{}\n~~~", "```text\n{}\n```", "    {}", "\t{}", "> {}", "- {}",
    "1. {}", "| 联系 | {} |\n|---|---|", "### 联系{}", "**{}**", "*{}*", "<mark>{}</mark>", "<sup>{}</sup>",
    "[联系](https://example.org/ \"{}\")", "<abbr title=\"{}\">王老师</abbr>", "![{}](a.png)", "<!-- {} -->",
    "!!! note\n    {}", "<details><summary>联系</summary>\n\n{}\n\n</details>", "联系\n: {}",
]


# Markup a reader does not see, put between two characters of the secret (a phone number's digits).
SPLITS = ["{}**{}**", "{}<!-- x -->{}", "{}\n{}", "{}`{}`", "{}<mark>{}</mark>", "{}*{}*"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_disguise_in_every_body_context_is_refused(data):
    kind = data.draw(st.sampled_from(list(SECRETS)))
    pieces = data.draw(disguised(kind))
    secret = "".join(pieces)
    context = data.draw(st.sampled_from(CONTEXTS))
    if kind == "手机号码" and data.draw(st.booleans()):
        at = data.draw(st.integers(1, len(pieces) - 1))
        # (not a comment inside a comment: comments do not nest, the number is then cut for the reader too)
        split = data.draw(st.sampled_from([s for s in SPLITS if "<!--" not in s or "<!--" not in context]))
        secret = split.format("".join(pieces[:at]), "".join(pieces[at:]))
    body = "## 主要做法\n\n" + context.format(secret) + "\n"
    problems, _ = body_problems(body, 20, Path("."), Path("."))
    said = [m for _, m in problems if m.startswith("正文包含") and "联系人信息请写在拉取请求里" in m]
    assert said, (body, problems)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_disguise_in_a_front_matter_string_is_refused(data):
    kind = data.draw(st.sampled_from(list(SECRETS)))
    text = "联系 " + "".join(data.draw(disguised(kind)))
    assert f"不能包含{kind}：联系人信息请写在拉取请求里，不要发布到站点上" in text_problems(text) or \
        any(m.startswith("不能包含") and "联系人信息" in m for m in text_problems(text)), text


@pytest.mark.parametrize("field,write", [
    ("title", lambda v: VALID_CASE.replace("title: 测试案例标题示例", f'title: "测试{v}"')),
    ("summary", lambda v: VALID_CASE.replace("summary: 这是", f'summary: "{v}"\nx_old: 这是').replace(
        "x_old: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。\n", "")),
    ("organization", lambda v: VALID_CASE.replace("organization: 测试单位", f'organization: "测试单位{v}"')),
    ("sources[1].title", lambda v: VALID_CASE.replace("  - title: 来源标题示例", f'  - title: "来源{v}"')),
    ("sources[1].note", lambda v: VALID_CASE.replace("    url: https://example.org/a", f'    url: https://example.org/a\n    note: "转载{v}"')),
    ("sources[1].url", lambda v: VALID_CASE.replace("url: https://example.org/a", "url: https://example.org/a?tel=13812345678")),
    ("metrics[1].label", lambda v: VALID_CASE.replace("label: 建立制度的学校", f'label: "学校{v}"')),
    ("metrics[1].unit", lambda v: VALID_CASE.replace("unit: 所", f'unit: "{v}"')),
    ("brand", lambda v: VALID_CASE.replace("brand: BTX", f'brand: "{v}"')),
])
def test_every_published_front_matter_field_is_checked(repo, field, write):
    """Full-width digits with a zero-width space inside: every field that reaches a page is read as a
    reader reads it."""
    repo.case(text=write("１３８\u200b１２３４５６７８"))
    assert (field, "不能包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上") in \
        [(p.field, p.message) for p in repo.problems()]


# Text with numbers that is not personal data: years, counts, decimals, dates, percentages, ranges,
# a real source's address. None may be refused.
ORDINARY = [
    "2023年共有1798所学校", "2019 2020 2021 2022 四年", "共培训13.8万人次", "2023.12.05", "增长 50%以上",
    "投入1,200万元", "第 1 3 期", "第13期、第14期", "编号 1380 号文件", "11 个县的 670 所学校",
    "http://dangjian.people.com.cn/n1/2022/0216/c117092-32353415.html", "C# example.com", "2023-12-05 至 2024-06-11",
    "1:3:8 的比例", "电话会议 13 次", "邮箱 信箱", "占比 13.81%、12.34%", "139 所学校 1234 名教师 5678 名学生",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_are_not_personal_data(text):
    assert found(text) == []


def test_no_real_case_seed_or_page_of_ours_looks_like_personal_data():
    files = sorted((REPO / "cases").rglob("*.md")) + sorted((REPO / "tests" / "seeds").glob("*.txt")) \
        + sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]
    hits = [(f.name, i + 1, name) for f in files
            for i, name in found_in_lines(f.read_text(encoding="utf-8").split("\n"))]
    assert hits == []


# --- e-mail addresses with a dodged @ -------------------------------------------------------------------

# how a contributor hides the @ (the bare @ is the secret of the property tests above) and the dot
DODGED_AT = ["(at)", "（at）", "[at]", "【AT】", "<at>", " (at) ", "(@)", "【@】", "(艾特)", "艾特", " 艾特 ", "#"]
DODGED_DOT = [".", "点", " 点 ", "(dot)", "（dot）", "[dot]"]
TLDS = ["com", "cn", "net", "org", "edu", "gov", "info", "top", "xyz", "vip", "cc", "io", "me", "hk", "tw", "mo"]
# what may sit around the address: other #s (a heading, C#, a note) that are not between two words
AROUND = ["{}", "邮箱：{}", "## 联系 {}", "C# 课程咨询：{}（发信时把 # 改掉）", "{}（# 号要换掉）", "联系\n{}"]


@settings(max_examples=150, deadline=None)
@given(local=st.from_regex(r"[a-z]{2,8}(?:[._-][a-z0-9]{1,3})?", fullmatch=True), at=st.sampled_from(DODGED_AT),
       labels=st.lists(st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?", fullmatch=True), min_size=1, max_size=2),
       dot=st.sampled_from(DODGED_DOT), tld=st.sampled_from(TLDS), around=st.sampled_from(AROUND))
@example(local="zhangsan", at="艾特", labels=["example"], dot=".", tld="com", around="{}")
@example(local="zhangsan", at="#", labels=["example"], dot=".", tld="com", around="邮箱：{}（发信时把 # 改掉）")
@example(local="zhangsan", at="#", labels=["example"], dot=".", tld="com", around="C# 课程咨询：{}（发信时把 # 改掉）")
@example(local="wang.l", at="#", labels=["example"], dot=".", tld="com", around="{}")
@example(local="zhangsan", at="#", labels=["x"], dot=".", tld="cn", around="{}")
def test_an_address_with_a_dodged_at_is_email(local, at, labels, dot, tld, around):
    """zhangsan(at)example.com, zhangsan艾特example点com, zhangsan#example.com: a reader still reads an
    address, wherever the # sits among others that are not one (a heading, C#, a note after it)."""
    text = around.format(local + at + dot.join(labels) + dot + tld)
    assert found(text) == ["email"], text


@pytest.mark.parametrize("text", ["C# 和 F# 课程", "## 第三节 #标签 #话题", "编号#1", "#1 号楼"])
def test_a_hash_that_is_not_between_two_words_is_not_an_address(text):
    assert found(text) == []


def test_the_shortest_address_is_found():
    """a@b.cn has six characters: the length guard must not drop it."""
    assert found("a@b.cn") == ["email"]
    assert text_problems("a@b.cn") == ["不能包含电子邮箱地址：联系人信息请写在拉取请求里，不要发布到站点上"]


# --- markup between the digits of a number --------------------------------------------------------------

# every layer views() removes, put in a number where only that layer's removal joins it: a comment that
# holds a tag or an arrow (the tag pattern alone would not remove it), an attribute list, a link target
LAYER_SPLITS = ["{}<!-- 核实 -> 删除 -->{}", "{}<!-- 旧号码<br>已停用 -->{}", "{}{{: .hide }}{}", "[{}](https://example.org/){}"]


@settings(max_examples=100, deadline=None)
@given(digits=st.sampled_from(DIGIT_SETS[:2]), at=st.integers(1, 10), split=st.sampled_from(LAYER_SPLITS))
@example(digits="0123456789", at=3, split="{}<!-- 核实 -> 删除 -->{}")
@example(digits="0123456789", at=3, split="{}<!-- 旧号码<br>已停用 -->{}")
@example(digits="0123456789", at=3, split="{}{{: .hide }}{}")
@example(digits="0123456789", at=3, split="[{}](https://example.org/){}")
def test_markup_of_every_layer_inside_a_number_is_read_through(digits, at, split):
    number = "13812345678".translate(str.maketrans("0123456789", digits))
    text = "手机 " + split.format(number[:at], number[at:])
    assert found(text) == ["mobile-cn"], text
    assert found_in_lines(["联系", text]) == [(1, "mobile-cn")], text


NUMERAL_FORMS = {"0": "〇零", "1": "一幺壹", "2": "二贰", "3": "三叁", "4": "四肆", "5": "五伍", "6": "六陆",
                 "7": "七柒", "8": "八捌", "9": "九玖"}


@settings(max_examples=150, deadline=None)
@given(numerals=st.tuples(*[st.sampled_from(NUMERAL_FORMS[d]) for d in "13812345678"]).map("".join),
       at=st.integers(1, 10), split=st.sampled_from(SPLITS + LAYER_SPLITS))
@example(numerals="一三八一二三四五六七八", at=5, split="{}<mark>{}</mark>")
@example(numerals="幺三八幺二三四五六七八", at=5, split="[{}](https://example.org/){}")
def test_chinese_numerals_split_by_markup_are_one_number(numerals, at, split):
    """一三八一二<mark>三四五六七八</mark>: neither piece is long enough to be a number, the barest reading is."""
    text = "电话 " + split.format(numerals[:at], numerals[at:])
    assert found(text) == ["mobile-cn"], text
    assert found_in_lines([text]) == [(0, "mobile-cn")], text


# --- line numbers ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lines,expected", [
    (["13812345678"], [(0, "mobile-cn")]),  # at the very start of the text
    (["联系方式：", "13812345678"], [(1, "mobile-cn")]),  # at the start of a later line
    (["第一段&#10;还是第一段", "电话 13812345678"], [(1, "mobile-cn")]),  # &#10; is a space: no extra line
    (["电话 138&#10;12345678"], [(0, "mobile-cn")]),  # ... and a space may sit inside a number
])
def test_found_in_lines_names_the_line_where_it_starts(lines, expected):
    assert found_in_lines(lines) == expected


@pytest.mark.parametrize("body,line", [
    ("## 主要做法\n\n13812345678\n", 22),
    ("## 主要做法\n\n第一段&#10;还是第一段\n\n13812345678\n", 24),
    ("## 主要做法\n\n电话 138&#10;12345678\n", 22),
])
def test_the_body_message_names_the_line(body, line):
    problems, _ = body_problems(body, 20, Path("."), Path("."))
    assert problems == [(line, "正文包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上")]


@pytest.mark.parametrize("text,kinds", [
    # markup inside a comment: the comment's text is in the published page, read without its markup too
    ("<!-- 1<mark>3812345678</mark> -->", ["mobile-cn"]),
    ("<!-- 138<b>1234</b>5678 -->", ["mobile-cn"]),
    ("<!-- [138](x)12345678 -->", ["mobile-cn"]),
    # a bare @ with spaces around it, or with a dodged dot; the Chinese full stop as the dot
    ("zhangsan@example(dot)com", ["email"]),
    ("zhangsan@qq点com", ["email"]),
    ("zhangsan @ example.com", ["email"]),
    ("zhangsan（at）example。com", ["email"]),
    # a run of spaces is one space on the page; a separator may have spaces around it
    ("电话 138  1234 5678", ["mobile-cn"]),
    ("电话 138 - 1234 - 5678", ["mobile-cn"]),
    ("身份证 110101  19900307  2345", ["id-cn"]),
    # a full stop after a number ends the sentence; a digit after the point makes it a decimal
    ("Call 13812345678.", ["mobile-cn"]),
    ("电话：13812345678.", ["mobile-cn"]),
    ("办公室 010-12345678.", ["landline-cn"]),
    ("a.13812345678", ["mobile-cn"]),
    ("比值 13812345678.5", []),
    ("比值 0.13812345678", []),
    # and what is not personal data stays allowed
    ("2019年、2020年和2021年", []),
    ("共 1999 2000 2001 所", []),
    ("价格 12.5 元，数量 3 - 4 个", []),
])
def test_disguises_found_by_the_mutation_review(text, kinds):
    assert found(text) == kinds


@pytest.mark.parametrize("lines", [["电话 138 ", "12345678"], ["电话 138", "  12345678"], ["电话 138&#10;", "12345678"]])
def test_a_number_broken_with_spaces_around_the_line_break_is_one_number(lines):
    assert found_in_lines(lines) == [(0, "mobile-cn")]


def test_a_digit_before_a_huge_run_of_spaces_is_read_once():
    """The separator is atomic, so this takes one pass (about 0.1 s; benchmarks/bench_hostile.py times
    the hostile files); were it tried every way, this test would not finish."""
    assert found("1" + " " * 300_000 + "x") == [] and found("1" + " -" * 100_000 + "x") == []


# A # standing for @ is found wherever the address pattern accepts what is around it: after a dot of
# the name, before a _ or - of the host (the cheap pre-check must not skip these).
@pytest.mark.parametrize("text", ["zhang.#example.com", "zhangsan#_example.com", "zhangsan#-x.com"])
def test_a_hash_for_an_at_next_to_a_dot_or_a_dash(text):
    assert found(text) == ["email"]


def test_a_number_split_by_a_comment_is_read_as_the_page_source_has_it():
    # the comment's own text is published in the page's HTML: 138 + 1234 + 5678 is one number there
    assert found("联系 138<!--1234-->5678") == ["mobile-cn"]
    assert found_in_lines(["联系 138<!--1234-->5678"]) == [(0, "mobile-cn")]
