"""One test per validation rule: a broken case file, and every problem it gets, pinned word for word
with its line and field."""

from __future__ import annotations

import pytest

from casefixtures import REPO, VALID_CASE


def test_valid_case_has_no_problems(repo):
    repo.case()
    library = repo.load()
    assert library.problems == []
    [case] = library.cases
    assert case.slug == "demo-case" and case.value("brand") == "BTX" and case.metrics[0].value == 1798


RICH_CASE = VALID_CASE.replace("  city: 长春市\n", "  city: 长春市\n  county: 南关区\n").replace(
    "brand: BTX", "brand: 333").replace("    url: https://example.org/a\n", "    url: https://example.org/a\n    note: 转载页面\n"
                                         "  - title: 第二个来源\n    publisher: 某某网\n").replace(
    "    unit: 所\n", "    unit: 所\n    source: 2\n  - {label: 计划的学校, value: 2.5, unit: 万所, type: 目标}\n").replace(
    "---\n\n## 背景", "related: [other-case]\nkind: 方案\nstatus: draft\ncover: c.png\n---\n\n## 背景").replace(
    "summary: 这是一个用于", "summary: 这是  一个 用于")


def test_every_value_reads_back_as_written(repo):
    """The validated case holds exactly what the file says, normalised: nothing dropped or swapped."""
    import datetime as dt

    from casebook.model.case import Case, Metric, Place, Source

    repo.case(slug="other-case", text=VALID_CASE.replace("测试案例标题示例", "另一个测试案例"))
    path = repo.case(text=RICH_CASE)
    (path.parent / "c.png").write_bytes(b"\x89PNG")
    library = repo.load()
    assert library.problems == []
    case = next(c for c in library.cases if c.slug == "demo-case")
    body = RICH_CASE.split("\n---\n", 1)[1]
    sources = (Source("来源标题示例", "某某日报", dt.date(2023, 12, 5), "https://example.org/a", "转载页面"),
               Source("第二个来源", "某某网"))
    metrics = (Metric("建立制度的学校", 1798, "所", False, 2), Metric("计划的学校", 2.5, "万所", True))
    place = Place(("吉林省", "长春市", "南关区"), "吉林省长春市南关区", ("province", "city", "county"))
    summary = "这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。"
    values = {"title": "测试案例标题示例", "summary": summary, "region": place, "scope": "省级", "stages": ("小学", "初中"),
              "topics": ("校长负责制",), "tags": ("试点推进",), "brand": "333", "organization": "测试单位",
              "date": dt.date(2023, 12, 5), "sources": sources, "metrics": metrics, "related": ("other-case",),
              "cover": "test/c.png", "status": "draft", "kind": "方案"}
    assert case == Case(
        slug="demo-case", path="cases/test/demo-case.md", values=values, title="测试案例标题示例", summary=summary,
        date=dt.date(2023, 12, 5), place=place, sources=sources, metrics=metrics, related=("other-case",),
        cover="test/c.png", status="draft", images=(), body=body,
        body_line=RICH_CASE[:RICH_CASE.index(body)].count("\n") + 1)
    assert case.lines["title"] == 2 and case.lines["sources.1.title"] == 21 and case.lines["metrics.0.value"] == 25


# A case at every limit, on the side that is allowed.
EDGES = [
    ("title: 测试案例标题示例", "title: " + "题" * 60), ("title: 测试案例标题示例", "title: 四个字的"),
    ("summary: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。", "summary: " + "摘" * 30),
    ("summary: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。", "summary: " + "摘" * 300),
    ("topics: [校长负责制]", "topics: [校长负责制, 组织建设, 师资队伍]"),
    ("tags: [试点推进]", "tags: [三会一课, 主题党日, 组织生活, 理论学习, 党支部标准化, BTX建设, 强基领航, 示范创建, 书记校长配备, 专职副书记]"),
    ("tags: [试点推进]", "tags: []"), ("tags: [试点推进]", "tags:"),
    ("stages: [小学, 初中]", "stages: [小学, 初中, 高中, 中职]"),
    ("metrics:\n", "metrics:\n" + "  - {label: 学校数, value: 1, unit: 所}\n" * 11),
    ("value: 1798", "value: 0"), ("value: 1798", "value: 1000000000000"), ("value: 1798", "value: 0.5"),
    ("date: 2023-12-05\nsources", "date: 2026-11-25\nsources"), ("date: 2023-12-05\nsources", "date: 2000-01-01\nsources"),
    ("date: 2023-12-05\nsources", "date: 2024-02-29\nsources"), ("date: 2023-12-05\nsources", "date: 2023-12-31\nsources"),
    ("date: 2023-12-05\nsources", "date: 2023-01-01 08:30:00\nsources"),
    ("organization: 测试单位", "organization: 测试"), ("brand: BTX", "brand: 3.30"), ("brand: BTX", 'brand: "0333"'),
    ("    url: https://example.org/a", "    url: http://example.org/a?x=1#y"),
    ("city: 长春市", "city: 长春市  "), ("  city: 长春市\n", ""),
]


@pytest.mark.parametrize("old,new", EDGES, ids=[f"edge-{i}" for i in range(len(EDGES))])
def test_the_limits_themselves_are_allowed(repo, old, new):
    assert old in VALID_CASE
    repo.case(text=VALID_CASE.replace(old, new, 1))
    assert repo.problems() == []


# (id, text to replace, replacement, every problem the file then gets: (line, field, message), word for word)
RULES = [
    ("title-missing", "title: 测试案例标题示例\n", "", [(2, 'title', '缺少必填的 title（标题，4–60 个字符）')]),
    ("title-short", "title: 测试案例标题示例", "title: 短", [(2, 'title', '标题长度须为 4–60 个字符，现在是 1 个')]),
    ("title-long", "title: 测试案例标题示例", "title: " + "长" * 61, [(2, 'title', '标题长度须为 4–60 个字符，现在是 61 个')]),
    ("title-not-text", "title: 测试案例标题示例", "title: [a, b]", [(2, 'title', '标题必须是文字，现在是 列表')]),
    ("title-angle-brackets", "title: 测试案例标题示例", "title: 关于<测试>的案例标题", [(2, 'title', '标题中不能出现尖括号 < >，书名请用《》')]),
    ("summary-short", "summary: 这是", "summary: 太短了。\nx_summary: 这是", [
        (3, 'summary', '摘要长度须为 30–300 个字符，现在是 4 个'),
        (4, 'x_summary', '未知的键 x_summary，是不是 summary？（允许的键：title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind）'),
    ]),
    ("summary-long", "summary: 这是", "summary: " + "长" * 301 + "\nx: 这是", [
        (3, 'summary', '摘要长度须为 30–300 个字符，现在是 301 个'),
        (4, 'x', '未知的键 x（允许的键：title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind）'),
    ]),
    ("region-not-mapping", "region:\n  province: 吉林省\n  city: 长春市", "region: 吉林省", [(4, 'region', "region 必须是映射，例如 region: {province: 吉林省, city: 长春市}；现在是 文字 '吉林省'")]),
    ("province-missing", "  province: 吉林省\n", "", [(4, 'region', '缺少必填的 province（省级行政区全称，如 吉林省）')]),
    ("province-short-name", "province: 吉林省", "province: 吉林", [(5, 'region.province', '吉林 不是省级行政区的官方名称，是不是 吉林省？')]),
    ("province-unknown", "province: 吉林省", "province: 火星省", [(5, 'region.province', '火星省 不是省级行政区的官方名称；请填写官方全称（如 北京市、天津市）')]),
    ("city-wrong-province", "city: 长春市", "city: 安康市", [(6, 'region.city', '安康市 不属于 吉林省（属于陕西省）；请检查 province/city 是否填对')]),
    ("city-is-a-district", "province: 吉林省\n  city: 长春市", "province: 北京市\n  city: 海淀区", [(6, 'region.city', '海淀区 是 北京市 直辖的区县，不是市：请写成 county: 海淀区，不写 city')]),
    ("city-short-name", "city: 长春市", "city: 长春", [(6, 'region.city', '长春 不是吉林省 下的市（州、盟）的官方名称，是不是 长春市？')]),
    ("county-short-name", "province: 吉林省\n  city: 长春市", "province: 陕西省\n  city: 安康市\n  county: 石泉",
     [(7, 'region.county', '石泉 不是安康市 下的县（市、区、旗）的官方名称，是不是 石泉县？')]),
    ("county-wrong-city", "city: 长春市", "city: 长春市\n  county: 海淀区", [(7, 'region.county', '海淀区 不属于 长春市（属于北京市）；请检查 province/city 是否填对')]),
    ("county-needs-city", "province: 吉林省\n  city: 长春市", "province: 陕西省\n  county: 石泉县",
     [(6, 'region.county', '石泉县 属于 安康市，请同时填写 city: 安康市')]),
    ("region-unknown-key", "city: 长春市", "city: 长春市\n  cty: 长春市", [(7, 'region.cty', '未知的键 cty，是不是 city？（允许的键：province、city、county）')]),
    ("scope-unknown", "scope: 省级", "scope: 国家级", [(7, 'scope', '国家级 不是允许的层级（取值：省级、市级、县级、校级，见 cases/_taxonomy.yml）')]),
    ("stages-not-list", "stages: [小学, 初中]", "stages: 小学", [(8, 'stages', "学段 stages 必须是列表，例如 stages: [小学]；现在是 文字 '小学'")]),
    ("stages-yaml-bool", "stages: [小学, 初中]", "stages: no", [(8, 'stages', '学段 stages 必须是列表，例如 stages: [小学, 初中]；现在是 真假值 False（YAML 会把 yes/no/on/off 等读成真假值，请加引号）')]),
    ("stages-empty", "stages: [小学, 初中]", "stages: []", [(8, 'stages', '学段 stages 须有 1–4 项，现在有 0 项')]),
    ("stages-unknown", "stages: [小学, 初中]", "stages: [小学, 大学]", [(8, 'stages[2]', '大学 不在词表 cases/_taxonomy.yml 的 stages 中（新增取值请在同一个拉取请求里修改词表）')]),
    ("stages-duplicate", "stages: [小学, 初中]", "stages: [小学, 小学]", [(8, "stages[2]", "小学 重复出现：请删掉一个")]),
    ("topics-too-many", "topics: [校长负责制]", "topics: [校长负责制, 组织建设, 师资队伍, 党建品牌]", [(9, 'topics', '专题 topics 须有 1–3 项，现在有 4 项')]),
    ("topics-unknown", "topics: [校长负责制]", "topics: [校长负责]", [(9, 'topics[1]', '校长负责 不在词表 cases/_taxonomy.yml 的 topics 中，是不是 校长负责制？（新增取值请在同一个拉取请求里修改词表）')]),
    ("tags-too-many", "tags: [试点推进]",
     "tags: [三会一课, 主题党日, 组织生活, 理论学习, 党支部标准化, BTX建设, 强基领航, 示范创建, 书记校长配备, 专职副书记, 议事规则]",
     [(10, 'tags', '标签 tags 须有 0–10 项，现在有 11 项')]),
    ("tags-unknown", "tags: [试点推进]", "tags: [不存在的标签]", [(10, 'tags[1]', '不存在的标签 不在词表 cases/_taxonomy.yml 的 tags 中（新增取值请在同一个拉取请求里修改词表）')]),
    ("brand-octal", "brand: BTX", "brand: 0333", [(11, 'brand', '0333 以 0 开头，YAML 会把它读成八进制数 219；请加引号写成 brand: "0333"')]),
    ("brand-bool", "brand: BTX", "brand: yes", [(11, 'brand', '品牌简称必须是文字，现在是 真假值 True（YAML 会把 yes/no/on/off 等读成真假值，请加引号）：请写成 brand: "yes"')]),
    ("organization-missing", "organization: 测试单位\n", "", [(2, 'organization', '缺少必填的 organization（报送单位）')]),
    ("date-not-iso", "date: 2023-12-05\nsources", "date: 2024-6-1\nsources", [(13, 'date', '日期必须是 YYYY-MM-DD 格式的日期，应写成 2024-06-01')]),
    ("date-impossible-day", "date: 2023-12-05\nsources", "date: 2023-02-30\nsources", [(13, 'date', '日期 2023-02-30 不是真实存在的日期：2023 年 2 月只有 28 天')]),
    ("date-impossible-month", "date: 2023-12-05\nsources", "date: 2024-13-01\nsources", [(13, 'date', '日期 2024-13-01 不是真实存在的日期：月份是 13，只能是 1–12')]),
    ("source-date-impossible", "    date: 2023-12-05\n    url", "    date: 2023-04-31\n    url", [(17, 'sources[1].date', '来源日期 2023-04-31 不是真实存在的日期：2023 年 4 月只有 30 天')]),
    ("date-future", "date: 2023-12-05\nsources", "date: 2999-01-01\nsources", [(13, 'date', '日期 2999-01-01 晚于今天，请填写来源报道的实际日期')]),
    ("date-too-early", "date: 2023-12-05\nsources", "date: 1999-12-31\nsources", [(13, 'date', '日期 1999-12-31 早于 2000 年：请检查是否写错，填写来源报道的实际日期')]),
    ("sources-empty", "sources:\n  - title: 来源标题示例\n    publisher: 某某日报\n    date: 2023-12-05\n    url: https://example.org/a\n",
     "sources: []\n", [(14, 'sources', 'sources 必须是非空列表，每项写明 title 和 publisher')]),
    ("source-title-missing", "  - title: 来源标题示例\n    publisher", "  - publisher", [(15, 'sources[1]', '缺少必填的 title（来源标题）')]),
    ("source-publisher-missing", "    publisher: 某某日报\n", "", [(15, 'sources[1]', '缺少必填的 publisher（发布单位）')]),
    ("source-url-scheme", "url: https://example.org/a", "url: javascript:alert(1)", [(18, 'sources[1].url', '链接必须以 http:// 或 https:// 开头，且不含空格')]),
    ("source-date-bad", "    date: 2023-12-05\n    url", "    date: 昨天\n    url", [(17, 'sources[1].date', '来源日期必须是 YYYY-MM-DD 格式的日期，例如 2024-06-01')]),
    ("source-unknown-key", "    url: https://example.org/a", "    url: https://example.org/a\n    uri: x",
     [(19, 'sources[1].uri', '未知的键 uri，是不是 url？（允许的键：title、publisher、date、url、note）')]),
    ("metrics-value-text", "value: 1798", "value: 1798所", [(21, 'metrics[1].value', "数值必须是数字，现在是 文字 '1798所'；请把数字和单位分开：value: 1798，unit: 所")]),
    ("metrics-unit-missing", "    unit: 所\n", "", [(20, 'metrics[1]', '缺少必填的 unit（单位，如 所、名、个）')]),
    ("metrics-too-many", "metrics:\n", "metrics:\n" + "  - {label: 学校数, value: 1, unit: 所}\n" * 12, [(20, 'metrics', 'metrics 最多 12 项，现在有 13 项')]),
    ("metric-type-unknown", "    unit: 所\n", "    unit: 所\n    type: 计划\n", [(23, 'metrics[1].type', '计划 不是允许的数据类型（取值：成效、目标；目标：计划、目标或争创数；不写就是 成效：已经取得的结果）')]),
    ("metric-source-missing", "    unit: 所\n", "    unit: 所\n    source: 2\n", [(23, 'metrics[1].source', 'source: 2 指向不存在的来源：sources 里有 1 个来源，序号只能是 1–1')]),
    ("metric-source-zero", "    unit: 所\n", "    unit: 所\n    source: 0\n", [(23, 'metrics[1].source', 'source: 0 指向不存在的来源：sources 里有 1 个来源，序号只能是 1–1')]),
    ("metric-source-text", "    unit: 所\n", "    unit: 所\n    source: 第一篇\n", [(23, 'metrics[1].source', "source 必须是 sources 中来源的序号（从 1 开始的整数），现在是 文字 '第一篇'")]),
    ("kind-unknown", "scope: 省级", "scope: 省级\nkind: 计划", [(8, 'kind', '计划 不是允许的案例类型（取值：实践、方案；方案：工作方案、实施方案等计划，尚未报道实施结果；不写就是 实践：已经实施的工作）')]),
    ("source-note-long", "    url: https://example.org/a", "    url: https://example.org/a\n    note: " + "长" * 101,
     [(19, 'sources[1].note', '来源说明长度须为 2–100 个字符，现在是 101 个')]),
    ("related-bad-slug", "---\n\n## 背景", "related: [Not A Slug]\n---\n\n## 背景", [(23, 'related[1]', 'Not A Slug 不是有效的案例 slug（案例文件名去掉 .md）')]),
    ("related-missing", "---\n\n## 背景", "related: [no-such-case]\n---\n\n## 背景", [(23, 'related[1]', '找不到 slug 为 no-such-case 的案例')]),
    ("related-self", "---\n\n## 背景", "related: [demo-case]\n---\n\n## 背景", [(23, 'related[1]', 'related 不能指向案例自己')]),
    ("unknown-key", "scope: 省级", "scope: 省级\ntitel: x", [(8, 'titel', '未知的键 titel，是不是 title？（允许的键：title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind）')]),
    ("duplicate-key", "scope: 省级", "scope: 省级\nscope: 市级", [(8, 'scope', '键 scope 重复出现（第 7 行和第 8 行），请只保留一个')]),
    ("yaml-syntax", "scope: 省级", "scope: [省级", [(7, 'front_matter', 'YAML 语法错误（第 7 行第 8 列）：方括号 [ 没有闭合：列表应写成 [甲, 乙]，以 ] 结束。这一行是：“scope: [省级”')]),
    ("yaml-alias", "scope: 省级", "scope: &s 省级\nx: *s", [(7, 'front_matter', '不允许使用 YAML 锚点（&s），请直接写出取值')]),
    ("yaml-tag", "scope: 省级", "scope: !!python/object:os.system 省级", [(7, 'front_matter', '不允许使用 YAML 标签（tag:yaml.org,2002:python/object:os.system），请去掉它')]),
    ("body-missing-section", "## 主要做法", "## 做法", [(24, 'body', '正文缺少二级标题“## 主要做法”（参见 cases/_template.md）')]),
    ("body-h1", "## 背景", "# 大标题", [(25, 'body', '正文不要用一级标题（# …），页面标题由 title 生成；请改用 ## 二级标题')]),
    ("front-matter-unclosed", "---\n\n## 背景", "\n## 背景", [(1, 'front_matter', '元数据没有结束：请在元数据之后加一行 ---')]),
    ("front-matter-missing", "---\ntitle", "title", [(1, 'front_matter', '文件必须以单独一行 --- 开头，后面是 YAML 元数据，再以 --- 结束')]),
    # every other message of the validator, and the forms YAML turns into something else
    ('source-not-mapping', '  - title: 来源标题示例\n    publisher: 某某日报\n    date: 2023-12-05\n    url: https://example.org/a\n', '  - 某某日报\n', [(15, 'sources[1]', '每个来源必须是映射，含 title、publisher，可选 date、url')]),
    ('metrics-not-list', 'metrics:\n  - label: 建立制度的学校\n    value: 1798\n    unit: 所\n', 'metrics: 1798\n', [(19, 'metrics', 'metrics 必须是列表，每项含 label、value、unit')]),
    ('metric-not-mapping', '  - label: 建立制度的学校\n    value: 1798\n    unit: 所\n', '  - 1798所\n', [(20, 'metrics[1]', '每个指标必须是映射，含 label、value、unit')]),
    ('metric-value-quoted', 'value: 1798', 'value: "1798"', [(21, 'metrics[1].value', '数值 1798 加了引号，会被当成文字：请去掉引号，写成 value: 1798')]),
    ('metric-value-unit-wan', 'value: 1798', 'value: 12万', [(21, 'metrics[1].value', "数值必须是数字，现在是 文字 '12万'；请把数字和单位分开：value: 12，unit: 万")]),
    ('metric-value-text', 'value: 1798', 'value: 很多', [(21, 'metrics[1].value', "数值必须是数字，现在是 文字 '很多'：请写来源中的数字，例如 value: 1798")]),
    ('metric-value-exponent', 'value: 1798', 'value: 2.5e3', [(21, 'metrics[1].value', '数值不要用科学记数法 2.5e3：请直接写出数字，写成 value: 2500')]),
    ('metric-value-too-large', 'value: 1798', 'value: 1000000000001', [(21, 'metrics[1].value', '数值不能大于 1,000,000,000,000，现在是 1000000000001：数很大时请换用更大的单位，如 value: 1.2，unit: 亿人')]),
    ('metric-value-bool', 'value: 1798', 'value: yes', [(21, 'metrics[1].value', '数值必须是数字，现在是 真假值 True（YAML 会把 yes/no/on/off 等读成真假值，请加引号）')]),
    ('metric-label-missing', '  - label: 建立制度的学校\n', '  - lbl: 建立制度的学校\n', [
        (20, 'metrics[1]', '缺少必填的 label（指标名称）'),
        (20, 'metrics[1].lbl', '未知的键 lbl，是不是 label？（允许的键：label、value、unit、type、source）'),
    ]),
    ('status-unknown', 'scope: 省级', 'scope: 省级\nstatus: 草稿', [(8, 'status', '草稿 不是允许的状态（取值：published 发布、draft 草稿；不写就是 published）')]),
    ('related-not-list', '---\n\n## 背景', 'related: some-case\n---\n\n## 背景', [(23, 'related', 'related 必须是其他案例 slug 的列表，例如 related: [jilin-btx-branch]')]),
    ('cover-not-text', '---\n\n## 背景', 'cover: [a.png]\n---\n\n## 背景', [(23, 'cover', 'cover 必须是图片的相对路径，如 cover: images/cover.jpg')]),
    ('city-not-text', 'city: 长春市', 'city: 123', [(6, 'region.city', '请写地名的官方全称（文字），现在是 数字 123')]),
    ('city-empty', 'city: 长春市', 'city: ""', [(6, 'region.city', "请写地名的官方全称（文字），现在是 文字 ''")]),
    ('title-mapping', 'title: 测试案例标题示例', 'title: {a: b}', [(2, 'title', '标题必须是文字，现在是 映射')]),
    ('title-empty', 'title: 测试案例标题示例', 'title:', [(2, 'title', 'title 不能为空（标题，4–60 个字符）')]),
    ('tags-null-item', 'tags: [试点推进]', 'tags: [~]', [(10, 'tags[1]', '取值必须是文字，现在是 空值')]),
    ('title-closing-bracket', 'title: 测试案例标题示例', 'title: 测试案例>标题示例', [(2, 'title', '标题中不能出现尖括号 < >，书名请用《》')]),
    ('unknown-key-block', 'scope: 省级', 'scope: 省级\ntitel:\n  测试', [(8, 'titel', '未知的键 titel，是不是 title？（允许的键：title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind）')]),
    ('brand-list', 'brand: BTX', 'brand: [a, b]', [(11, 'brand', '品牌简称必须是文字，现在是 列表，如 brand: "333"')]),
    ('brand-date', 'brand: BTX', 'brand: 2023-01-01', [(11, 'brand', '品牌简称必须是文字，现在是 日期 2023-01-01：请写成 brand: "2023-01-01"')]),
    ('scope-close', 'scope: 省级', 'scope: 省', [(7, 'scope', '省 不是允许的层级，是不是 省级？（取值：省级、市级、县级、校级，见 cases/_taxonomy.yml）')]),
    ('kind-close', 'scope: 省级', 'scope: 省级\nkind: 实施', [(8, 'kind', '实施 不是允许的案例类型（取值：实践、方案；方案：工作方案、实施方案等计划，尚未报道实施结果；不写就是 实践：已经实施的工作）')]),
    ('metric-type-close', '    unit: 所\n', '    unit: 所\n    type: 目\n', [(23, 'metrics[1].type', '目 不是允许的数据类型，是不是 目标？（取值：成效、目标；目标：计划、目标或争创数；不写就是 成效：已经取得的结果）')]),
    ('date-month-zero', 'date: 2023-12-05\nsources', 'date: 2024-00-10\nsources', [(13, 'date', '日期 2024-00-10 不是真实存在的日期：月份是 0，只能是 1–12')]),
    ('date-day-32', 'date: 2023-12-05\nsources', 'date: 2023-01-32\nsources', [(13, 'date', '日期 2023-01-32 不是真实存在的日期：2023 年 1 月只有 31 天')]),
    ('date-not-leap', 'date: 2023-12-05\nsources', 'date: 2023-02-29\nsources', [(13, 'date', '日期 2023-02-29 不是真实存在的日期：2023 年 2 月只有 28 天')]),
    ('source-url-spaces', 'url: https://example.org/a', 'url: https://example.org/a b', [(18, 'sources[1].url', '链接必须以 http:// 或 https:// 开头，且不含空格')]),
    ('source-url-number', 'url: https://example.org/a', 'url: 123', [(18, 'sources[1].url', '链接必须以 http:// 或 https:// 开头，且不含空格')]),
    ('organization-short', 'organization: 测试单位', 'organization: 单', [(12, 'organization', '报送单位长度须为 2–100 个字符，现在是 1 个')]),
    ('summary-not-text', 'summary: 这是', 'summary: [这是]\nx_old: 这是', [
        (3, 'summary', '摘要必须是文字，现在是 列表'),
        (4, 'x_old', '未知的键 x_old（允许的键：title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind）'),
    ]),
    ('date-as-text-quoted-slash', 'date: 2023-12-05\nsources', 'date: "2023/12/05"\nsources', [(13, 'date', '日期必须是 YYYY-MM-DD 格式的日期，应写成 2023-12-05')]),
    ('source-title-number', '  - title: 来源标题示例', '  - title: 12', [(15, 'sources[1].title', '来源标题必须是文字，现在是 数字 12：请加引号，写成 title: "12"')]),
]


@pytest.mark.parametrize("old,new,expected", [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule(repo, old, new, expected):
    assert old in VALID_CASE, "the test's anchor text must exist in the valid case"
    repo.case(text=VALID_CASE.replace(old, new, 1))
    problems = repo.problems()
    assert {p.file for p in problems} == {"cases/test/demo-case.md"}
    assert [(p.line, p.field, p.message) for p in problems] == expected


def test_brand_number_is_kept_as_written(repo):
    repo.case(text=VALID_CASE.replace("brand: BTX", "brand: 333"))
    [case] = repo.load().cases
    assert case.value("brand") == "333"


def test_summary_folded_block_joins_chinese_lines(repo):
    text = VALID_CASE.replace("summary: 这是一个", "summary: >-\n  这是一个用于测试的折叠摘要，\n  第二行接着写，长度要够三十个字符才行。\nx_old: 这是一个")
    repo.case(text=text.replace("x_old: 这是一个用于测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。\n", ""))
    [case] = repo.load().cases
    assert case.summary == "这是一个用于测试的折叠摘要，第二行接着写，长度要够三十个字符才行。"


def test_municipality_county_without_city(repo):
    repo.case(text=VALID_CASE.replace("province: 吉林省\n  city: 长春市", "province: 北京市\n  county: 海淀区"))
    assert repo.problems() == []


@pytest.mark.parametrize("slug,message", [
    ("Bad_Name", "文件名（slug）Bad_Name 只能由小写英文字母、数字和单个连字符组成，例如 bad-name.md"),
    ("a--b", "文件名（slug）a--b 只能由小写英文字母、数字和单个连字符组成，例如 a-b.md"),
    ("-abc-", "文件名（slug）-abc- 只能由小写英文字母、数字和单个连字符组成，例如 abc.md"),
    ("吉林-btx", "文件名（slug）吉林-btx 只能由小写英文字母、数字和单个连字符组成，例如 btx.md"),
    ("吉林-bt", "文件名（slug）吉林-bt 只能由小写英文字母、数字和单个连字符组成"),  # "bt" is too short to offer
    ("吉林案例", "文件名（slug）吉林案例 只能由小写英文字母、数字和单个连字符组成"),
    ("ab", "文件名（slug）ab 长度须为 3–60 个字符"),
    ("a" * 61, f"文件名（slug）{'a' * 61} 长度须为 3–60 个字符"),
    ("abc", None), ("a" * 60, None), ("a-1", None),
])
def test_slug_rules(repo, slug, message):
    repo.case(slug=slug)
    assert [(p.line, p.field, p.message) for p in repo.problems()] == ([(1, "file", message)] if message else [])


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


def test_a_duplicate_title_is_reported_while_the_file_has_other_problems(repo):
    """Every problem at once: the clash is named in both files, beside the other file's own problem."""
    repo.case(slug="first-case")
    repo.case(slug="second-case", text=VALID_CASE.replace("scope: 省级", "scope: 国家级"))
    assert [(p.file, p.line, p.field, p.message) for p in repo.problems()] == [
        ("cases/test/first-case.md", 2, "title", "标题与 cases/test/second-case.md 重复，请写一个能区分两者的标题"),
        ("cases/test/second-case.md", 2, "title", "标题与 cases/test/first-case.md 重复，请写一个能区分两者的标题"),
        ("cases/test/second-case.md", 7, "scope", "国家级 不是允许的层级（取值：省级、市级、县级、校级，见 cases/_taxonomy.yml）"),
    ]


def test_titles_a_reader_cannot_tell_apart_are_duplicates(repo):
    repo.case(slug="first-case", text=VALID_CASE.replace("测试案例标题示例", "BTX 测试案例"))
    repo.case(slug="second-case", text=VALID_CASE.replace("测试案例标题示例", "ＢＴＸ  测试案例"))
    assert [(p.file, p.field) for p in repo.problems()] == [("cases/test/first-case.md", "title"),
                                                           ("cases/test/second-case.md", "title")]


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
    from casebook.declare.declaration import load_declaration

    declaration, _ = load_declaration(REPO)
    guide = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")
    missing = [key for key in declaration.fields if f"| `{key}` |" not in guide]
    assert missing == [], f"docs/contributing.md 的字段表缺少：{missing}"
