"""Rules of casebook/check/validate.py that its mutation run found unpinned: each a case file a
contributor could write, and every problem it gets (line, field, message) or the value it is read as.

The headings and empty-section rules here take the slow path (the rendered body) as well as the line
scan: an underline, a quote, raw HTML or an HTML comment anywhere in the body sends it there.
"""

from __future__ import annotations

import pytest

from casefixtures import VALID_CASE

FIRST = 25  # the file line of the body's first line (body text put after VALID_CASE's front matter)
FRONT = VALID_CASE.split("---\n\n", 1)[0] + "---\n\n"
H1_ATX = "正文不要用一级标题（# …），页面标题由 title 生成；请改用 ## 二级标题"
H1_SETEXT = "正文不要用一级标题（文字下一行写 ===），页面标题由 title 生成；请删掉 === 这一行，在文字前加 ## 改成二级标题"
H1_HTML = "正文不要用 <h1>：页面标题由 title 生成；小标题请写成 ## 二级标题"
MISSING = "正文缺少二级标题“## 主要做法”（参见 cases/_template.md）"


def empty(name: str) -> str:
    return f"小节“{name}”下面没有正文：请写上内容，或删掉这个小标题"


def found(repo, text: str):
    repo.case(text=text)
    return [(p.line, p.field, p.message) for p in repo.problems()]


# (id, text to replace in VALID_CASE, replacement, every problem the file then gets)
FRONT_RULES = [
    # a single < is refused as well as a single >
    ("title-opening-bracket", "title: 测试案例标题示例", "title: 测试<案例标题示例",
     [(2, "title", "标题中不能出现尖括号 < >，书名请用《》")]),
    # a quoted date on the last day of a month is a real date: only the quotes are wrong
    ("date-quoted-last-day", "date: 2023-12-05\nsources", 'date: "2023-12-31"\nsources',
     [(13, "date", "日期 2023-12-31 加了引号，会被当成文字而不是日期：请去掉引号，写成 date: 2023-12-31")]),
    ("date-quoted-leap-day", "date: 2023-12-05\nsources", 'date: "2024-02-29"\nsources',
     [(13, "date", "日期 2024-02-29 加了引号，会被当成文字而不是日期：请去掉引号，写成 date: 2024-02-29")]),
    # brand: an underscore is a digit separator to YAML, and 0_333 is still the octal 0333
    ("brand-octal-underscore", "brand: BTX", "brand: 0_333",
     [(11, "brand", '0_333 以 0 开头，YAML 会把它读成八进制数 219；请加引号写成 brand: "0_333"')]),
    # a brand too long after being read as a number kept as written
    ("brand-number-too-long", "brand: BTX", "brand: " + "1" * 31,
     [(11, "brand", "品牌简称长度须为 1–30 个字符，现在是 31 个")]),
    # a value 40 characters long is quoted whole; 41 are cut
    ("value-text-40", "value: 1798", "value: " + "覆盖全市" * 10,
     [(21, "metrics[1].value", f"数值必须是数字，现在是 文字 '{'覆盖全市' * 10}'：请写来源中的数字，例如 value: 1798")]),
    ("value-text-41", "value: 1798", "value: " + "覆盖全市" * 10 + "校",
     [(21, "metrics[1].value", f"数值必须是数字，现在是 文字 '{'覆盖全市' * 10}…（共 41 个字符）'：请写来源中的数字，例如 value: 1798")]),
    # a capital E or X is read as the lower-case one: a number in another notation, not a number and a unit
    ("value-capital-exponent-unit", "value: 1798", "value: 1E400个",
     [(21, "metrics[1].value", "数值必须是数字，现在是 文字 '1E400个'：请写来源中的数字，例如 value: 1798")]),
    ("value-capital-hex-unit", "value: 1798", "value: 0X1F个",
     [(21, "metrics[1].value", "数值必须是数字，现在是 文字 '0X1F个'：请写来源中的数字，例如 value: 1798")]),
    ("value-capital-tiny", "value: 1798", "value: 1E-400",
     [(21, "metrics[1].value", "数值必须是一个具体的数，现在是 1E-400（超出了数的范围）：请写来源中的数字，例如 1798")]),
    # a zero with an exponent is zero, not a number too small to write (the capital E read like e)
    ("value-capital-zero-exponent", "value: 1798", "value: 0E-400",
     [(21, "metrics[1].value", "数值不要用科学记数法 0E-400：请直接写出数字，写成 value: 0")]),
    # a list where a name written as a number was meant: its example, not "write it as [333]"
    ("brand-list", "brand: BTX", "brand: [333]", [(11, "brand", '品牌简称必须是文字，现在是 列表，如 brand: "333"')]),
    ("brand-date", "brand: BTX", "brand: 2023-01-01",
     [(11, "brand", '品牌简称必须是文字，现在是 日期 2023-01-01：请写成 brand: "2023-01-01"')]),
    # a tag with a control character is named once, and the tags after it are still checked
    ("tags-after-a-control-character", "tags: [试点推进]", 'tags: ["\\e[31m红色", "未知标签"]',
     [(10, "tags[1]", "不能含有控制字符 U+001B（看不见，但会发布出去），请删除"),
      (10, "tags[2]", "未知标签 不在词表 cases/_taxonomy.yml 的 tags 中（新增取值请在同一个拉取请求里修改词表）")]),
    # optional terms written empty: not written; required ones: named
    ("tags-empty", "tags: [试点推进]", "tags:", []),
    ("topics-empty", "topics: [校长负责制]", "topics:", [(9, "topics", "topics 不能为空（1–3 个专题）")]),
    # a status written empty is read as not written: published
    ("status-empty", "brand: BTX", "brand: BTX\nstatus:", []),
    # an exponent with a capital E (YAML 1.1 reads 2.5E3 as text too)
    ("value-exponent-capital", "value: 1798", "value: 2.5E3",
     [(21, "metrics[1].value", "数值不要用科学记数法 2.5E3：请直接写出数字，写成 value: 2500")]),
    # a number written with underscores and quoted: read, and shown without them
    ("value-quoted-underscores", "value: 1798", 'value: "-1_798"',
     [(21, "metrics[1].value", "数值不能小于 0，现在是 -1798：减少、下降的数量请在 label 里写明，value 写正数")]),
    ("value-quoted-underscore", "value: 1798", 'value: "1_798"',
     [(21, "metrics[1].value", "数值 1_798 加了引号，会被当成文字：请去掉引号，写成 value: 1_798")]),
    # a date where a number was meant: no advice to split a number from a unit
    ("value-date", "value: 1798", "value: 2019-09-01",
     [(21, "metrics[1].value", "数值必须是数字，现在是 日期 2019-09-01")]),
    # a number with thousands separators and a unit: the advice writes the number without them
    ("value-thousands-unit", "value: 1798", "value: 1,798所",
     [(21, "metrics[1].value", "数值必须是数字，现在是 文字 '1,798所'；请把数字和单位分开：value: 1798，unit: 所")]),
    ("metric-unit-long", "    unit: 所\n", "    unit: 所中小学校和幼儿园及教学点\n",
     [(22, "metrics[1].unit", "单位长度须为 1–10 个字符，现在是 13 个")]),
    # a place with no province and a city that is not a name: both said, the hierarchy not asked
    ("region-no-province-city-number", "  province: 吉林省\n  city: 长春市", "  city: 123", [
        (4, "region", "缺少必填的 province（省级行政区全称，如 吉林省）"),
        (5, "region.city", "请写地名的官方全称（文字），现在是 数字 123"),
    ]),
    ("region-no-province-county-empty", "  province: 吉林省\n  city: 长春市", "  city: 长春市\n  county: ''", [
        (4, "region", "缺少必填的 province（省级行政区全称，如 吉林省）"),
        (6, "region.county", "请写地名的官方全称（文字），现在是 文字 ''"),
    ]),
    # an item that is not a mapping does not stop the items after it from being checked
    ("sources-item-then-bad-item",
     "  - title: 来源标题示例\n    publisher: 某某日报\n",
     "  - 某某日报\n  - title: 来源标题示例\n    publisher: 某\n", [
         (15, "sources[1]", "每个来源必须是映射，含 title、publisher，可选 date、url"),
         (17, "sources[2].publisher", "发布单位长度须为 2–200 个字符，现在是 1 个"),
     ]),
    ("metrics-item-then-bad-item", "  - label: 建立制度的学校\n    value: 1798\n",
     "  - 1798所\n  - label: 建立制度的学校\n    value: 1798所\n", [
        (20, "metrics[1]", "每个指标必须是映射，含 label、value、unit"),
        (22, "metrics[2].value", "数值必须是数字，现在是 文字 '1798所'；请把数字和单位分开：value: 1798，unit: 所"),
    ]),
]


@pytest.mark.parametrize("old,new,expected", [r[1:] for r in FRONT_RULES], ids=[r[0] for r in FRONT_RULES])
def test_front_matter_rule(repo, old, new, expected):
    assert old in VALID_CASE
    assert found(repo, VALID_CASE.replace(old, new, 1)) == expected


# A number in a form YAML 1.1 reads as another number is refused, not published changed: 0333 is the
# octal 219, 0x10 is 16, 1:30 is 90 (base 60). A number with its unit attached is split only when what
# follows the digits is a unit, not an exponent or a base mark.
NUMBER_FORMS = [
    ("0333", "数值 0333 以 0 开头，YAML 会把它读成八进制数 219：请去掉开头的 0，写成 value: 333"),
    ("0_333", "数值 0_333 以 0 开头，YAML 会把它读成八进制数 219：请去掉开头的 0，写成 value: 333"),
    ("0x10", "数值 0x10 不是十进制数字的写法，YAML 会把它读成 16：请直接写出来源中的数字"),
    ("0b101", "数值 0b101 不是十进制数字的写法，YAML 会把它读成 5：请直接写出来源中的数字"),
    ("1:30", "数值 1:30 不是十进制数字的写法，YAML 会把它读成 90：请直接写出来源中的数字"),
    ("1:30.5", "数值 1:30.5 不是十进制数字的写法，YAML 会把它读成 90.5：请直接写出来源中的数字"),
    ("1e400个", "数值必须是数字，现在是 文字 '1e400个'：请写来源中的数字，例如 value: 1798"),
    ("0o17", "数值必须是数字，现在是 文字 '0o17'：请写来源中的数字，例如 value: 1798"),
    ('"nan"', "数值必须是数字，现在是 文字 'nan'：请写来源中的数字，例如 value: 1798"),
    ("1e-400", "数值必须是一个具体的数，现在是 1e-400（超出了数的范围）：请写来源中的数字，例如 1798"),
    ("0e5", "数值不要用科学记数法 0e5：请直接写出数字，写成 value: 0"),
    ("1798所", "数值必须是数字，现在是 文字 '1798所'；请把数字和单位分开：value: 1798，unit: 所"),
]


# ASCII ids: pytest run twice in one process (mutmut's fork server) cannot find "1798\u6240" again
@pytest.mark.parametrize("written,message", NUMBER_FORMS,
                         ids=[w if w.isascii() else w.rstrip("个所") + "+unit" for w, _ in NUMBER_FORMS])
def test_a_number_yaml_would_change_is_refused(repo, written, message):
    assert found(repo, VALID_CASE.replace("value: 1798", f"value: {written}")) == [(21, "metrics[1].value", message)]


@pytest.mark.parametrize("written,value", [("1_000", 1000), ("+5", 5), ("0", 0), ("0.5", 0.5), ("12.0", 12.0), (".5", 0.5)])
def test_decimal_numbers_are_read_as_written(repo, written, value):
    repo.case(text=VALID_CASE.replace("value: 1798", f"value: {written}"))
    library = repo.load()
    assert repo.problems() == [] and library.cases[0].metrics[0].value == value


def test_a_phone_number_where_text_was_meant_gets_no_advice_to_quote_it(repo):
    assert found(repo, VALID_CASE.replace("label: 建立制度的学校", "label: 13812345678")) == [
        (20, "metrics[1].label", "不能包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上"),
        (20, "metrics[1].label", "指标名称必须是文字，现在是 数字 13812345678")]


def test_a_control_character_in_a_term_is_named_once_and_not_sent_to_the_vocabulary(repo):
    assert found(repo, VALID_CASE.replace("tags: [试点推进]", 'tags: ["\\e[31m试点推进"]')) == [
        (10, "tags[1]", "不能含有控制字符 U+001B（看不见，但会发布出去），请删除")]


# A key written with nothing after the colon: a required one is named empty, wherever it is (the case
# or one of its records); an optional one is read as not written, with its default.
EMPTY_RULES = [
    ("source-title", "  - title: 来源标题示例", "  - title:",
     [(15, "sources[1].title", "title 不能为空（来源标题）")]),
    ("metric-value", "value: 1798", "value:", [(21, "metrics[1].value", "value 不能为空（数值）")]),
    ("metric-label-and-unit", "  - label: 建立制度的学校\n    value: 1798\n    unit: 所", "  - label:\n    value: 1798\n    unit:",
     [(20, "metrics[1].label", "label 不能为空（指标名称）"),
      (22, "metrics[1].unit", "unit 不能为空（单位，如 所、名、个）")]),
    ("case-title", "title: 测试案例标题示例", "title:", [(2, "title", "title 不能为空（标题，4–60 个字符）")]),
]


@pytest.mark.parametrize("old,new,expected", [r[1:] for r in EMPTY_RULES], ids=[r[0] for r in EMPTY_RULES])
def test_a_required_key_written_empty(repo, old, new, expected):
    assert old in VALID_CASE
    assert found(repo, VALID_CASE.replace(old, new, 1)) == expected


@pytest.mark.parametrize("key", ["brand", "cover", "related", "metrics", "kind", "status", "tags"])
def test_an_optional_key_written_empty_is_not_written(repo, key):
    written = VALID_CASE.replace("brand: BTX\n", "")
    written = written.replace("tags: [试点推进]\n", "").replace(
        "metrics:\n  - label: 建立制度的学校\n    value: 1798\n    unit: 所\n", "")
    repo.case(text=written.replace("date: 2023-12-05\nsources", f"date: 2023-12-05\n{key}:\nsources", 1))
    library = repo.load()
    assert [(p.field, p.message) for p in repo.problems()] == []
    case = library.cases[0]
    assert getattr(case, key) == {"brand": None, "cover": None, "related": (), "metrics": (), "kind": "实践",
                                  "status": "published", "tags": ()}[key]


def test_an_optional_key_of_a_record_written_empty_is_not_written(repo):
    repo.case(text=VALID_CASE.replace("    url: https://example.org/a", "    url:\n    note:")
              .replace("    unit: 所", "    unit: 所\n    type:\n    source:"))
    case = repo.load().cases[0]
    assert repo.problems() == []
    assert (case.sources[0].url, case.sources[0].note) == (None, None)
    assert (case.metrics[0].target, case.metrics[0].source) == (False, None)


def test_a_brand_written_as_a_decimal_keeps_its_digits(repo):
    repo.case(text=VALID_CASE.replace("brand: BTX", "brand: 3.30"))
    library = repo.load()
    assert library.problems == []
    assert library.cases[0].value("brand") == "3.30"


def test_an_amount_with_a_decimal_point_is_not_read_as_a_phone_number(repo):
    """Whole numbers are checked for personal data (value: 13812345678 is published too); a decimal is a
    measurement, however many digits it has."""
    repo.case(text=VALID_CASE.replace("label: 建立制度的学校", "label: 投入资金").replace("value: 1798", "value: 138123456.78")
              .replace("unit: 所", "unit: 元"))
    library = repo.load()
    assert library.problems == []
    assert library.cases[0].metrics[0].value == 138123456.78


def test_a_folded_summary_keeps_one_space_between_latin_words(repo):
    summary = "summary: >-\n  本案例介绍 BTX 2.0 版本的支部建设做法，\n  覆盖全市中小学校，长度要够三十个字符才行。\n"
    old = "summary: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。\n"
    repo.case(text=VALID_CASE.replace(old, summary))
    library = repo.load()
    assert library.problems == []
    assert library.cases[0].summary == "本案例介绍BTX 2.0版本的支部建设做法，覆盖全市中小学校，长度要够三十个字符才行。"


def test_a_yaml_error_does_not_hide_the_body_s_problems(repo):
    text = VALID_CASE.replace("scope: 省级", "scope: [省级").replace("## 主要做法", "# 主要做法")
    assert found(repo, text) == [
        (7, "front_matter", "YAML 语法错误（第 7 行第 8 列）：方括号 [ 没有闭合：列表应写成 [甲, 乙]，以 ] 结束。这一行是：“scope: [省级”"),
        (24, "body", MISSING),
        (29, "body", H1_ATX),
    ]


def test_a_featured_case_with_problems_is_named_but_not_shown(repo):
    repo.case(slug="broken-case", text=VALID_CASE.replace("测试案例标题示例", "另一个测试案例").replace("scope: 省级", "scope: 国家级"))
    repo.case()
    (repo.cases / "_featured.yml").write_text("featured:\n  - broken-case\n  - demo-case\n", encoding="utf-8")
    library = repo.load()
    assert [(p.file, p.line, p.field) for p in library.problems] == [("cases/test/broken-case.md", 7, "scope")]
    assert library.featured == ["demo-case"]


# (id, body after the front matter, every problem: (line, message), all in field "body")
BODY_RULES = [
    # headings in the rendered body, found back at their lines
    ("atx-h2-with-markup-in-rendered-body", "## **主要做法**\n\n这是做法。\n\n<!-- 注释 -->\n", []),
    ("html-h2-section", "## 背景\n\n这是背景。\n\n<h2>主要做法</h2>\n\n这是做法。\n", []),
    ("setext-h2-section", "主要做法\n---\n\n这是做法。\n", []),
    ("uppercase-html-h1", "<H1>大标题</H1>\n\n## 主要做法\n\n这是做法。\n", [(FIRST, H1_HTML)]),
    ("quoted-atx-h1", "## 主要做法\n\n这是做法。\n\n> # 关于开展试点工作的通知\n>\n> 引文。\n", [(FIRST + 4, H1_ATX)]),
    ("quoted-setext-h1", "## 主要做法\n\n这是做法。\n\n> 引文\n> ===\n", [(FIRST + 4, H1_SETEXT)]),
    ("list-setext-h1", "## 主要做法\n\n这是做法。\n\n- 列表项\n===\n", [(FIRST + 4, H1_SETEXT)]),
    ("heading-repeated", "## 主要做法\n\n做法。\n\n<!-- 注释 -->\n\n## 主要做法\n", [(FIRST + 6, empty("主要做法"))]),
    ("heading-right-after-heading", "## 主要做法\n## 工作成效\n\n成效。\n\n<!-- 注释 -->\n", [(FIRST, empty("主要做法"))]),
    ("markup-heading-on-the-last-line",
     "## 主要做法\n\n这是做法。<!-- 注释 -->\n\n## 工作成效\n## **经验启示**",
     [(FIRST + 4, empty("工作成效")), (FIRST + 5, empty("经验启示"))]),
    ("markup-heading-after-a-blank-line", "## 主要做法\n\n这是做法。<!-- 注释 -->\n\n## 工作成效\n\n## **经验启示**",
     [(FIRST + 4, empty("工作成效")), (FIRST + 6, empty("经验启示"))]),
    ("two-html-headings-on-the-last-line", "## 主要做法\n\n这是做法。\n\n<h2>甲</h2><h2>乙</h2>",
     [(FIRST + 4, empty("乙")), (FIRST + 4, empty("甲"))]),
    # markup inside a heading: the section a reader sees, at the heading's own line
    ("markup-inside-a-heading", "## 背景\n\n这是背景。\n\n## 主要**做法**\n\n## 工作成效\n\n成效。\n",
     [(FIRST + 4, empty("主要做法"))]),
    ("entity-in-a-heading", "## 主要&#20570;法\n\n这是做法。\n", []),
    ("escape-in-a-heading", "## 主要做法\n\n这是做法。\n\n## 成效\\*\n", [(FIRST + 4, empty("成效*"))]),
    ("h1-with-markup-after-text", "## 主要做法\n\n这是做法。\n\n# 关于**试点**\n\n文字。\n", [(FIRST + 4, H1_ATX)]),
    # a paragraph with the same words as a later heading is not that heading
    ("heading-words-in-a-paragraph-first", "## 主要做法\n\n这是做法。\n\n工作成效\n\n## 工作*成效*\n",
     [(FIRST + 6, empty("工作成效"))]),
    ("setext-words-in-a-paragraph-first", "## 主要做法\n\n工作成效\n\n这是做法。\n\n**工作成效**\n---\n",
     [(FIRST + 6, empty("工作成效"))]),
    ("h3-under-words-of-an-h2", "## 主要做法\n\n这是做法。\n\n### 成效\n\n## *成效*\n",
     [(FIRST + 4, empty("成效")), (FIRST + 6, empty("成效"))]),
    # empty sections
    ("empty-setext-section", "## 主要做法\n\n这是做法。\n\n工作成效\n--------\n", [(FIRST + 4, empty("工作成效"))]),
    ("empty-section-right-after-text", "## 主要做法\n\n这是做法。\n## 工作成效\n", [(FIRST + 3, empty("工作成效"))]),
    ("text-right-after-heading", "## 主要做法\n这是做法。\n", []),
    ("multi-line-comment-only",
     "## 主要做法\n\n这是做法。\n\n## 工作成效\n\n<!--\n  写清楚取得的成效\n-->\n\n## 经验启示\n\n启示。\n",
     [(FIRST + 4, empty("工作成效"))]),
    ("hint-before-an-empty-section",
     "## 主要做法\n\n这是做法。\n\n必填。分条写清楚具体做法：谁、做了什么、怎么做的。\n\n## 工作成效\n", [
         (FIRST + 4, "这是模板里的提示文字，不是案例内容：请换成这个案例自己的内容"),
         (FIRST + 6, empty("工作成效")),
     ]),
]


@pytest.mark.parametrize("body,expected", [r[1:] for r in BODY_RULES], ids=[r[0] for r in BODY_RULES])
def test_body_rule(repo, body, expected):
    assert found(repo, FRONT + body) == [(line, "body", message) for line, message in expected]


# A body right under the closing --- (no blank line): its first line is a heading.
TOP_RULES = [
    ("atx-h1-then-comment", "# 测试案例标题示例\n\n## 主要做法\n\n这是做法。<!-- 注释 -->\n", [(24, H1_ATX)]),
    ("setext-h1-with-markup", "**总体情况**\n===\n\n## 主要做法\n\n这是做法。\n", [(24, H1_SETEXT)]),
]


@pytest.mark.parametrize("body,expected", [r[1:] for r in TOP_RULES], ids=[r[0] for r in TOP_RULES])
def test_body_right_under_the_front_matter(repo, body, expected):
    assert found(repo, FRONT.rstrip("\n") + "\n" + body) == [(line, "body", message) for line, message in expected]


def test_a_duplicate_title_is_named_beside_a_yaml_error(repo):
    repo.case("first-case")
    repo.case("second-case", VALID_CASE.replace("scope: 省级", "scope: 省级\n\tbad: tab"))
    problems = [(p.file, p.line, p.field) for p in repo.problems()]
    assert ("cases/test/second-case.md", 2, "title") in problems and ("cases/test/first-case.md", 2, "title") in problems
    assert any(f == "cases/test/second-case.md" and field == "front_matter" for f, _, field in problems)


@pytest.mark.parametrize("lo,hi,example,metric,expected", [
    (None, None, None, False, 1798), (0, None, None, False, 1798), (1798, 1798, None, False, 1798),
    (1799, 2000, None, False, 1799), (1990, None, None, False, 1990), (0, 1000, None, False, 0),
    (1, 100_000_000, None, False, 1798), (1990, None, None, True, 1798), (1990, 2030, 2019, False, 2019),
    (1990, 2030, True, False, 1990), (1990, 2030, "2019", False, 1990),
])
def test_a_number_message_suggests_its_example_or_a_number_in_range(lo, hi, example, metric, expected):
    from casebook.check.validate import _number_example
    from casebook.declare import fields as kinds

    assert _number_example(kinds.Field("n", kinds.Number(lo, hi), example=example), metric) == expected


@pytest.mark.parametrize("number,shown", [(10_000, "10,000"), (9_999, "9999"), (2030, "2030"), (1e12, "1,000,000,000,000"),
                                          (0.5, "0.5"), (-10_000, "-10,000"), (0, "0")])
def test_a_range_end_is_written_as_people_read_it(number, shown):
    from casebook.check.validate import _limit

    assert _limit(number) == shown


def test_a_yaml_error_in_a_file_without_a_title_is_named_alone(repo):
    """Without a title line there is no title to compare with the other files: the YAML error is all."""
    text = VALID_CASE.replace("title: 测试案例标题示例\n", "").replace("scope: 省级", "scope: 省级: 市级", 1)
    assert found(repo, text) == [(6, "front_matter", "YAML 语法错误（第 6 行第 10 列）：这里不能出现冒号：值里有冒号时请给整个值加引号；"
                                                     "如果是新的键，请检查缩进。这一行是：“scope: 省级: 市级”")]


def test_a_case_with_a_yaml_error_still_exists_for_the_others(repo):
    """A file whose front matter cannot be read still counts: a case that names it as related is not told
    it is missing, its title (read from its own line) is still compared, and it is not featured."""
    repo.write("_featured.yml", "featured:\n  - second-case\n  - first-case\n")
    repo.case("first-case", VALID_CASE.replace("brand: BTX", "brand: BTX\nrelated: [second-case]"))
    lines = VALID_CASE.replace("scope: 省级", "scope: 省级: 市级").split("\n")
    lines[1], lines[2] = lines[2], lines[1]  # the title on the front matter's second line
    repo.case("second-case", "\n".join(lines))
    library = repo.load()
    assert [(p.file, p.line, p.field) for p in library.problems if p.file.startswith("cases/test/")] == [
        ("cases/test/first-case.md", 2, "title"), ("cases/test/second-case.md", 3, "title"),
        ("cases/test/second-case.md", 7, "front_matter")]
    assert library.featured == ["first-case"]


def test_a_case_with_a_problem_still_has_its_related_list_checked(repo):
    text = VALID_CASE.replace("scope: 省级", "scope: 国家级").replace("brand: BTX", "brand: BTX\nrelated: [no-such-case]")
    assert found(repo, text) == [(7, "scope", "国家级 不是允许的层级（取值：省级、市级、县级、校级，见 cases/_taxonomy.yml）"),
                                 (12, "related[1]", "找不到 slug 为 no-such-case 的案例")]


def test_a_setext_heading_on_the_file_s_last_lines_is_found(repo):
    """The underline on the very last line of a file with no line break after it."""
    text = VALID_CASE.rstrip("\n") + "\n\n总体情况\n==="
    line = text.count("\n")  # the heading's text, the line before the underline
    assert found(repo, text) == [(line, "body", H1_SETEXT)]


@pytest.mark.parametrize("body,expected", [
    ("## \\#\n这一节有内容。\n", []),
    ("## ****\n\n这一节有内容。\n", []),
    ("# \\#\n\n正文。\n", [(0, H1_ATX)]),
    ("## \\#\n", [(0, "小节“#”下面没有正文：请写上内容，或删掉这个小标题")]),
], ids=["escaped-hash", "stars", "h1-escaped-hash", "empty-escaped-hash"])
def test_a_heading_whose_text_reads_differently_rendered_is_found_at_its_line(repo, body, expected):
    """## \\# shows "#", ## **** shows "****": the heading is the # line of its level, not the line after
    the section before it (which then looked empty), and an h1 among them gets the # message."""
    text = VALID_CASE.rstrip("\n") + "\n\n" + body
    line = text.count("\n") - body.count("\n") + 1  # the heading's own line
    assert found(repo, text) == [(line + offset, "body", message) for offset, message in expected]
