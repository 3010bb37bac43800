"""One test per validation rule: a broken case file, and the field, line and message it gets."""

from __future__ import annotations

import pytest

from casefixtures import REPO, VALID_CASE


def test_valid_case_has_no_problems(repo):
    repo.case()
    library = repo.load()
    assert library.problems == []
    [case] = library.cases
    assert case.slug == "demo-case" and case.brand == "BTX" and case.metrics[0].value == 1798


# (id, text to replace, replacement, expected field, expected line, words the message must contain)
RULES = [
    ("title-missing", "title: 测试案例标题示例\n", "", "title", 2, "缺少必填的 title"),
    ("title-short", "title: 测试案例标题示例", "title: 短", "title", 2, "4–60"),
    ("title-long", "title: 测试案例标题示例", "title: " + "长" * 61, "title", 2, "4–60"),
    ("title-not-text", "title: 测试案例标题示例", "title: [a, b]", "title", 2, "必须是文字"),
    ("title-angle-brackets", "title: 测试案例标题示例", "title: 关于<测试>的案例标题", "title", 2, "尖括号"),
    ("summary-short", "summary: 这是", "summary: 太短了。\nx_summary: 这是", "summary", 3, "30–300"),
    ("summary-long", "summary: 这是", "summary: " + "长" * 301 + "\nx: 这是", "summary", 3, "30–300"),
    ("region-not-mapping", "region:\n  province: 吉林省\n  city: 长春市", "region: 吉林省", "region", 4, "必须是映射"),
    ("province-missing", "  province: 吉林省\n", "", "region", 4, "缺少必填的 province"),
    ("province-short-name", "province: 吉林省", "province: 吉林", "region.province", 5, "是不是 吉林省"),
    ("province-unknown", "province: 吉林省", "province: 火星省", "region.province", 5, "不是省级行政区"),
    ("city-wrong-province", "city: 长春市", "city: 安康市", "region.city", 6, "属于陕西省"),
    ("city-is-a-district", "province: 吉林省\n  city: 长春市", "province: 北京市\n  city: 海淀区", "region.city", 6,
     "海淀区 是 北京市 直辖的区县，不是市：请写成 county: 海淀区"),
    ("city-short-name", "city: 长春市", "city: 长春", "region.city", 6, "是不是 长春市"),
    ("county-short-name", "province: 吉林省\n  city: 长春市", "province: 陕西省\n  city: 安康市\n  county: 石泉",
     "region.county", 7, "是不是 石泉县"),
    ("county-wrong-city", "city: 长春市", "city: 长春市\n  county: 海淀区", "region.county", 7, "不属于 长春市"),
    ("county-needs-city", "province: 吉林省\n  city: 长春市", "province: 陕西省\n  county: 石泉县",
     "region.county", 6, "city: 安康市"),
    ("region-unknown-key", "city: 长春市", "city: 长春市\n  cty: 长春市", "region.cty", 7, "未知的键 cty"),
    ("scope-unknown", "scope: 省级", "scope: 国家级", "scope", 7, "不是允许的层级"),
    ("stages-not-list", "stages: [小学, 初中]", "stages: 小学", "stages", 8, "stages: [小学]"),
    ("stages-yaml-bool", "stages: [小学, 初中]", "stages: no", "stages", 8, "真假值"),
    ("stages-empty", "stages: [小学, 初中]", "stages: []", "stages", 8, "1–4"),
    ("stages-unknown", "stages: [小学, 初中]", "stages: [小学, 大学]", "stages[2]", 8, "不在词表 cases/_taxonomy.yml"),
    ("stages-duplicate", "stages: [小学, 初中]", "stages: [小学, 小学]", "stages[2]", 8, "重复"),
    ("topics-too-many", "topics: [校长负责制]", "topics: [校长负责制, 组织建设, 师资队伍, 党建品牌]", "topics", 9, "1–3"),
    ("topics-unknown", "topics: [校长负责制]", "topics: [校长负责]", "topics[1]", 9, "是不是 校长负责制"),
    ("tags-too-many", "tags: [试点推进]",
     "tags: [三会一课, 主题党日, 组织生活, 理论学习, 党支部标准化, BTX建设, 强基领航, 示范创建, 书记校长配备, 专职副书记, 议事规则]",
     "tags", 10, "0–10"),
    ("tags-unknown", "tags: [试点推进]", "tags: [不存在的标签]", "tags[1]", 10, "_taxonomy.yml"),
    ("brand-octal", "brand: BTX", "brand: 0333", "brand", 11, "八进制"),
    ("brand-bool", "brand: BTX", "brand: yes", "brand", 11, "真假值"),
    ("organization-missing", "organization: 测试单位\n", "", "organization", 2, "缺少必填的 organization"),
    ("date-not-iso", "date: 2023-12-05\nsources", "date: 2024-6-1\nsources", "date", 13, "2024-06-01"),
    ("date-impossible-day", "date: 2023-12-05\nsources", "date: 2023-02-30\nsources", "date", 13, "2023 年 2 月只有 28 天"),
    ("date-impossible-month", "date: 2023-12-05\nsources", "date: 2024-13-01\nsources", "date", 13, "月份是 13，只能是 1–12"),
    ("source-date-impossible", "    date: 2023-12-05\n    url", "    date: 2023-04-31\n    url", "sources[1].date", 17,
     "来源日期 2023-04-31 不是真实存在的日期：2023 年 4 月只有 30 天"),
    ("date-future", "date: 2023-12-05\nsources", "date: 2999-01-01\nsources", "date", 13, "晚于今天"),
    ("date-too-early", "date: 2023-12-05\nsources", "date: 1999-12-31\nsources", "date", 13, "早于 2000"),
    ("sources-empty", "sources:\n  - title: 来源标题示例\n    publisher: 某某日报\n    date: 2023-12-05\n    url: https://example.org/a\n",
     "sources: []\n", "sources", 14, "非空列表"),
    ("source-title-missing", "  - title: 来源标题示例\n    publisher", "  - publisher", "sources[1]", 15, "缺少必填的 title"),
    ("source-publisher-missing", "    publisher: 某某日报\n", "", "sources[1]", 15, "缺少必填的 publisher"),
    ("source-url-scheme", "url: https://example.org/a", "url: javascript:alert(1)", "sources[1].url", 18, "http"),
    ("source-date-bad", "    date: 2023-12-05\n    url", "    date: 昨天\n    url", "sources[1].date", 17, "YYYY-MM-DD"),
    ("source-unknown-key", "    url: https://example.org/a", "    url: https://example.org/a\n    uri: x",
     "sources[1].uri", 19, "是不是 url"),
    ("metrics-value-text", "value: 1798", "value: 1798所", "metrics[1].value", 21, "value: 1798，unit: 所"),
    ("metrics-unit-missing", "    unit: 所\n", "", "metrics[1]", 20, "缺少必填的 unit"),
    ("metrics-too-many", "metrics:\n", "metrics:\n" + "  - {label: 学校数, value: 1, unit: 所}\n" * 12, "metrics", 20, "最多 12 项"),
    ("metric-type-unknown", "    unit: 所\n", "    unit: 所\n    type: 计划\n", "metrics[1].type", 23, "不是允许的数据类型"),
    ("metric-source-missing", "    unit: 所\n", "    unit: 所\n    source: 2\n", "metrics[1].source", 23, "sources 里有 1 个来源"),
    ("metric-source-zero", "    unit: 所\n", "    unit: 所\n    source: 0\n", "metrics[1].source", 23, "序号只能是 1–1"),
    ("metric-source-text", "    unit: 所\n", "    unit: 所\n    source: 第一篇\n", "metrics[1].source", 23, "从 1 开始的整数"),
    ("kind-unknown", "scope: 省级", "scope: 省级\nkind: 计划", "kind", 8, "不是允许的案例类型"),
    ("source-note-long", "    url: https://example.org/a", "    url: https://example.org/a\n    note: " + "长" * 101,
     "sources[1].note", 19, "2–100"),
    ("related-bad-slug", "---\n\n## 背景", "related: [Not A Slug]\n---\n\n## 背景", "related[1]", 23, "slug"),
    ("related-missing", "---\n\n## 背景", "related: [no-such-case]\n---\n\n## 背景", "related[1]", 23, "找不到"),
    ("related-self", "---\n\n## 背景", "related: [demo-case]\n---\n\n## 背景", "related[1]", 23, "自己"),
    ("unknown-key", "scope: 省级", "scope: 省级\ntitel: x", "titel", 8, "是不是 title"),
    ("duplicate-key", "scope: 省级", "scope: 省级\nscope: 市级", "scope", 8, "第 7 行和第 8 行"),
    ("yaml-syntax", "scope: 省级", "scope: [省级", "front_matter", 7, "方括号 [ 没有闭合"),
    ("yaml-alias", "scope: 省级", "scope: &s 省级\nx: *s", "front_matter", 7, "锚点"),
    ("yaml-tag", "scope: 省级", "scope: !!python/object:os.system 省级", "front_matter", 7, "标签"),
    ("body-missing-section", "## 主要做法", "## 做法", "body", 24, "## 主要做法"),
    ("body-h1", "## 背景", "# 大标题", "body", 25, "一级标题"),
    ("front-matter-unclosed", "---\n\n## 背景", "\n## 背景", "front_matter", 1, "没有结束"),
    ("front-matter-missing", "---\ntitle", "title", "front_matter", 1, "必须以单独一行 --- 开头"),
]


@pytest.mark.parametrize("old,new,field,line,words", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule(repo, old, new, field, line, words):
    assert old in VALID_CASE, "the test's anchor text must exist in the valid case"
    repo.case(text=VALID_CASE.replace(old, new, 1))
    problems = repo.problems()
    matching = [p for p in problems if p.field == field and words in p.message]
    assert matching, f"expected {field}: …{words}… in {[p.format() for p in problems]}"
    assert matching[0].line == line, matching[0].format()
    assert matching[0].file == "cases/test/demo-case.md"


def test_brand_number_is_kept_as_written(repo):
    repo.case(text=VALID_CASE.replace("brand: BTX", "brand: 333"))
    [case] = repo.load().cases
    assert case.brand == "333"


def test_summary_folded_block_joins_chinese_lines(repo):
    text = VALID_CASE.replace("summary: 这是一个", "summary: >-\n  这是一个用于测试的折叠摘要，\n  第二行接着写，长度要够三十个字符才行。\nx_old: 这是一个")
    repo.case(text=text.replace("x_old: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。\n", ""))
    [case] = repo.load().cases
    assert case.summary == "这是一个用于测试的折叠摘要，第二行接着写，长度要够三十个字符才行。"


def test_municipality_county_without_city(repo):
    repo.case(text=VALID_CASE.replace("province: 吉林省\n  city: 长春市", "province: 北京市\n  county: 海淀区"))
    assert repo.problems() == []


def test_slug_rules(repo):
    repo.case(slug="Bad_Name")
    repo.case(slug="ab", folder="other")
    problems = repo.problems()
    by_file = {p.file: p for p in problems if p.field == "file"}
    assert "bad-name.md" in by_file["cases/test/Bad_Name.md"].message
    assert "3–60" in by_file["cases/other/ab.md"].message


def test_duplicate_slug_across_folders(repo):
    repo.case(folder="a")
    repo.case(folder="b", text=VALID_CASE.replace("测试案例标题示例", "另一个测试案例标题"))
    problems = [p for p in repo.problems() if "必须唯一" in p.message]
    assert [p.file for p in problems] == ["cases/a/demo-case.md", "cases/b/demo-case.md"]
    assert "cases/b/demo-case.md" in problems[0].message and "cases/a/demo-case.md" in problems[1].message


def test_duplicate_title(repo):
    repo.case(slug="first-case")
    repo.case(slug="second-case")
    first, second = [p for p in repo.problems() if p.field == "title"]
    assert (first.file, second.file) == ("cases/test/first-case.md", "cases/test/second-case.md")
    assert second.line == 2 and "cases/test/first-case.md" in second.message


def test_related_points_to_existing_case(repo):
    repo.case(slug="first-case", text=VALID_CASE.replace("---\n\n## 背景", "related: [second-case]\n---\n\n## 背景"))
    repo.case(slug="second-case", text=VALID_CASE.replace("测试案例标题示例", "第二个测试案例标题"))
    assert repo.problems() == []


def test_files_starting_with_underscore_are_not_cases(repo):
    repo.write("_draft.md", "not a case at all")
    repo.case()
    assert repo.problems() == [] and len(repo.load().cases) == 1


def test_every_problem_in_a_file_is_reported_at_once(repo):
    text = (VALID_CASE.replace("title: 测试案例标题示例", "titel: 测试案例标题示例")
            .replace("province: 吉林省", "province: 吉林")
            .replace("scope: 省级", "scope: 国家级")
            .replace("## 主要做法", "## 做法"))
    repo.case(text=text)
    fields = {p.field for p in repo.problems()}
    assert {"titel", "title", "region.province", "scope", "body"} <= fields


def test_problems_sorted_by_file_and_line(repo):
    repo.case(slug="b-case", text=VALID_CASE.replace("scope: 省级", "scope: x").replace("title: 测试", "title: 乙测试"))
    repo.case(slug="a-case", text=VALID_CASE.replace("date: 2023-12-05\nsources", "date: x\nsources")
              .replace("scope: 省级", "scope: y"))
    problems = repo.problems()
    assert problems == sorted(problems)
    assert [(p.file, p.line) for p in problems] == [("cases/test/a-case.md", 7), ("cases/test/a-case.md", 13),
                                                     ("cases/test/b-case.md", 7)]


def test_broken_taxonomy_is_reported(repo):
    (repo.cases / "_taxonomy.yml").write_text("scopes: {省级: x}\nstages: {小学: x}\ntopics: {组织建设: x}\ntags: {a: b}\n",
                                              encoding="utf-8")
    repo.case()
    problems = repo.problems()
    assert any(p.file == "cases/_taxonomy.yml" and "校长负责制" in p.message for p in problems)


def test_cover_rules(repo):
    (repo.cases / "test").mkdir(parents=True)
    (repo.cases / "test" / "img.png").write_bytes(b"\x89PNG fake")
    (repo.cases / "test" / "big.png").write_bytes(b"0" * (1024 * 1024 + 1))
    cases = {
        "cover-ok": "cover: img.png",
        "cover-parent": "cover: ../../outside.png",
        "cover-absolute": "cover: /etc/passwd.png",
        "cover-type": "cover: img.gif",
        "cover-missing": "cover: nope.png",
        "cover-big": "cover: big.png",
    }
    for i, (slug, line) in enumerate(cases.items()):
        repo.case(slug=slug, text=VALID_CASE.replace("---\n\n## 背景", f"{line}\n---\n\n## 背景")
                  .replace("测试案例标题示例", f"测试案例标题{i}号"))
    problems = {p.file.split("/")[-1][:-3]: p for p in repo.problems()}
    assert "cover-ok" not in problems
    assert "相对路径" in problems["cover-parent"].message and problems["cover-parent"].line == 23
    assert "相对路径" in problems["cover-absolute"].message
    assert ".jpg" in problems["cover-type"].message
    assert "找不到" in problems["cover-missing"].message
    assert "1 MB" in problems["cover-big"].message
    assert {p.field for p in problems.values()} == {"cover"}


def test_featured_list_names_existing_cases(repo):
    repo.case()
    (repo.cases / "_featured.yml").write_text("featured:\n  - demo-case\n  - demo-cas\n", encoding="utf-8")
    library = repo.load()
    [problem] = library.problems
    assert (problem.file, problem.line, problem.field) == ("cases/_featured.yml", 3, "featured[2]")
    assert "是不是 demo-case" in problem.message
    assert library.featured == ["demo-case"]


def test_featured_list_is_capped(repo):
    repo.case()
    (repo.cases / "_featured.yml").write_text("featured: [" + ", ".join(["demo-case"] * 7) + "]\n", encoding="utf-8")
    assert any("最多 6 个" in p.message for p in repo.problems())


def test_the_contributing_guide_lists_every_field_the_validator_knows():
    from casebook.validate import FIELDS

    guide = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    missing = [key for key in FIELDS if f"| `{key}` |" not in guide]
    assert missing == [], f"docs/contributing.md 的字段表缺少：{missing}"
