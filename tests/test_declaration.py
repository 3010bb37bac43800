"""casebook.yml: every mistake in a library's declaration is a problem like a case file's (file, line,
key, what to write instead), and nothing is built from a declaration with problems. The reference page
describes every key the declaration may hold."""

from __future__ import annotations

import re
import shutil

import pytest

from casebook.check.library import load_library
from casebook.declare.declaration import KEYS, load_declaration
from casefixtures import REPO

BASE = (REPO / "casebook.yml").read_text(encoding="utf-8")
DECLARED = "language、cases、vocabularies、template、featured、places、personal_data、home、handout、body、fields、facets、gallery、browse、stats、select、facts、card、export、search、related、counts、keep"
FIELD_KEYS = "type、required、role、label、what、hint、help、example、default、min、max、integer、earliest、vocabulary、values、values_help、join_lines、numbers_as_text、fields、import_labels、ask、badge、tag_index"
FIELDS = "title、summary、region、scope、stages、topics、tags、brand、organization、date、sources、metrics、related、cover、status、kind"
FACETS = "kind、province、stage、tag、topic、year"  # scope taken out by the mistake
RESERVED = "q、sort、h、case、title、out-dir、root、name、handout"

# (name, text in casebook.yml, replaced by, the problems: (line, key, message))
MISTAKES = [
    ("unknown-top", "personal_data: [mobile-cn, landline-cn, id-cn, email]\n", "personal_data: [mobile-cn, landline-cn, id-cn, email]\nfacet: []\n",
     [(12, "facet", f"casebook.yml 里没有 facet 这个键，是不是 facets？（这里可以写：{DECLARED}）")]),
    ("unknown-field-key", "    ask: true\n  summary:", "    requird: true\n    ask: true\n  summary:",
     [(50, "fields.title.requird", f"casebook.yml 里没有 fields.title.requird 这个键，是不是 required？（这里可以写：{FIELD_KEYS}）")]),
    ("wrong-type", "cases: cases ", "cases: [cases] ", [(6, "cases", "cases 必须是文字")]),
    ("type-unknown", "  status:\n    type: status", "  status:\n    type: state",
     [(151, "fields.status.type", "未知的字段类型 state（可选：text、number、date、url、image、choice、terms、related、place、record、records、sources、metrics、status）")]),
    ("text-limits", "    type: text\n    min: 4\n    max: 60\n", "    type: text\n    max: 60\n",
     [(43, "fields", "要有一个字段写 role: title"), (44, "fields.title", "文字字段 title 要写明 min 和 max（字数上下限）"),
      (218, "export.1", f"没有叫 title 的字段（已声明：{FIELDS.replace('title、', '')}、slug、page）"),
      (223, "search.fields.title", f"没有叫 title 的字段（已声明：{FIELDS.replace('title、', '')}、headings、body）")]),
    ("choice-default", "    default: 实践\n", "    default: 计划\n", [(157, "fields.kind.default", "默认值 计划 不是这个字段的取值（可选：实践、方案）")]),
    ("role-unknown", "    role: cover\n", "    role: picture\n",
     [(148, "fields.cover.role", "未知的 role picture（可选：title、summary、date、place、sources、metrics、related、cover）")]),
    ("role-type", "    role: cover\n", "    role: summary\n",
     [(148, "fields.cover.role", "role: summary 不适合字段 cover 的类型：title 和 summary 要用 text，date 用 date，place 用 place，"
                                 "sources 用 sources，metrics 用 metrics，related 用 related，cover 用 image")]),
    ("role-missing", "    role: date\n", "", [(43, "fields", "要有一个字段写 role: date")]),
    ("role-required", "    required: true\n    role: summary\n", "    role: summary\n",
     [(52, "fields.summary.required", "字段 summary 有 role: summary，必须写 required: true：每个案例都要有它")]),
    ("tag-index-kind", "  brand:\n    type: text\n", "  brand:\n    type: text\n    tag_index: true\n",
     [(103, "fields.brand.tag_index", "tag_index 只能用在 terms 类型的字段上，brand 不是")]),
    ("tag-index-twice", "    vocabulary: topics\n", "    vocabulary: topics\n    tag_index: true\n",
     [(100, "fields.tags.tag_index", "只能有一个字段写 tag_index: true（已经是 topics），tags 不能再写"),
      # the tag index would be topics/, where the topics' browse pages are
      (187, "browse.1.folder", "浏览页目录 topics 只能用小写英文字母、数字和单个连字符，并且不能是 cases、stats、assets、search、data、topics")]),
    ("personal-data", "personal_data: [mobile-cn, landline-cn, id-cn, email]", "personal_data: [mobile-cn, phone-us]",
     [(11, "personal_data.1", "没有叫 phone-us 的个人信息规则（可选：mobile-cn、landline-cn、id-cn、email）")]),
    ("section-twice", "aliases: [具体做法,", "aliases: [工作背景, 具体做法,",
     [(31, "body.sections.1", "小节名或别名“工作背景”出现了两次：每个名称只能属于一个小节")]),
    ("facet-key", "  - {key: scope, field: scope}", "  - {key: Scope, field: scope}",
     [(170, "facets.1.key", f"筛选项的 key Scope 只能用小写英文字母、数字和连字符，以字母开头，并且不能是 {RESERVED}"),
      (202, "select.4", "没有键为 scope 的筛选项（已声明：kind、province、stage、tag、topic、year）")]),
    ("facet-reserved", "  - {key: scope, field: scope}", "  - {key: sort, field: scope}",
     [(170, "facets.1.key", f"筛选项的 key sort 只能用小写英文字母、数字和连字符，以字母开头，并且不能是 {RESERVED}"),
      (202, "select.4", f"没有键为 scope 的筛选项（已声明：{FACETS}）")]),
    ("facet-twice", "  - {key: scope, field: scope}", "  - {key: stage, field: scope}",
     [(171, "facets.2.key", "筛选项 key stage 重复了"), (202, "select.4", f"没有键为 scope 的筛选项（已声明：{FACETS}）")]),
    ("facet-field", "  - {key: scope, field: scope}", "  - {key: scope, field: scopes}",
     [(170, "facets.1.field", f"没有叫 scopes 的字段（已声明：{FIELDS}）"), (202, "select.4", f"没有键为 scope 的筛选项（已声明：{FACETS}）")]),
    ("facet-kind", "  - {key: scope, field: scope}", "  - {key: scope, field: sources}",
     [(170, "facets.1.field", "字段 sources 不能做筛选项：只有 text、number、date、choice、terms 和 place 类型的字段可以"),
      (202, "select.4", f"没有键为 scope 的筛选项（已声明：{FACETS}）")]),
    ("facet-depth", "  - {key: province, field: region, level: 1}", "  - {key: province, field: region, level: 4}",
     [(169, "facets.0.level", "地区只有 3 级，level 不能是 4")]),
    ("facet-level", "  - {key: province, field: region, level: 1}", "  - {key: province, field: region, level: 0}",
     [(169, "facets.0.level", "level 要从 1 开始（1 是最上一级），不能是 0")]),
    ("browse-folder", "    folder: provinces", "    folder: Provinces",
     [(183, "browse.0.folder", "浏览页目录 Provinces 只能用小写英文字母、数字和单个连字符，并且不能是 cases、stats、assets、search、data、tags")]),
    ("browse-reserved", "    folder: provinces", "    folder: cases",
     [(183, "browse.0.folder", "浏览页目录 cases 只能用小写英文字母、数字和单个连字符，并且不能是 cases、stats、assets、search、data、tags")]),
    ("browse-twice", "    folder: topics", "    folder: provinces", [(185, "browse.1", "筛选项 topic 或目录 provinces 已经有浏览页了")]),
    ("select-unknown", "select: [topic,", "select: [topics,",
     [(202, "select.0", "没有键为 topics 的筛选项（已声明：kind、province、scope、stage、tag、topic、year）")]),
    ("facts-unknown", "facts: [kind,", "facts: [type,", [(205, "facts.0", f"没有叫 type 的字段（已声明：{FIELDS}）")]),
    ("weight", "search:\n  fields: {title: 10,", "search:\n  fields: {title: ten,",
     [(224, "search.fields.title", "search.fields.title 应为正整数（权重）")]),
    ("related-weight", "related: {topic: 3,", "related: {topics: 3,",
     [(229, "related.topics", "没有键为 topics 的筛选项（已声明：kind、province、scope、stage、tag、topic、year、place）")]),
    ("keep-section", "keep:\n", "keep:\n  colours: [红]\n",
     [(236, "keep.colours", "keep 里的 colours 不是任何字段使用的词表段（在用的：scopes、stages、tags、topics）")]),
    ("file-missing", "  terms: cases/_search_terms.txt", "  terms: cases/_terms.txt",
     [(226, "search.terms", "找不到 cases/_terms.txt：请检查路径，或删掉这一项")]),
    ("places-none", "places: cn-divisions", "places: none",
     [(62, "fields.region.type", "字段 region 是 place 类型，但 places 是 none：请写 cn-divisions 或案例库自己的地区表文件")]),
    ("language", "language: zh ", "language: fr ", [(5, "language", "界面语言 fr 不可用（可选：zh、en）")]),
    ("figure-facet", "    - {facet: tag, label: 个标签}", "    - {facet: tags, label: 个标签}",
     [(23, "home.figures.2.facet", "没有键为 tags 的筛选项（已声明：kind、province、scope、stage、tag、topic、year）")]),
    # sources and metrics have blocks of their own: on a facts row or a card's line they would be a repr
    ("facts-sources", "facts: [kind, region,", "facts: [sources, kind, region,",
     [(205, "facts.0", "sources 是 sources 字段，案例页面上有它自己的区块：这里只能列写在一行里的字段")]),
    ("toc-metrics", "  toc: [region, scope]", "  toc: [region, metrics]",
     [(210, "handout.toc.1", "metrics 是 metrics 字段，案例页面上有它自己的区块：这里只能列写在一行里的字段")]),
    ("badge-records", "  badges: [brand, kind]", "  badges: [brand, metrics]",
     [(214, "card.badges.1", "metrics 是 metrics 字段，不能当作徽标：徽标只能是一个简短的取值")]),
    ("limits-field", "  metrics:\n    type: metrics\n", "  metrics:\n    type: metrics\n    fields: {value: {max: 3}}\n",
     [(137, "fields.metrics.fields.value", "这里只能改文字字段的长度：value 不是（可以写：label、unit）")]),
]


def library_with(tmp_path, text: str):
    (tmp_path / "cases").mkdir(exist_ok=True)
    for name in ("_taxonomy.yml", "_search_terms.txt", "_template.md"):
        shutil.copy(REPO / "cases" / name, tmp_path / "cases" / name)
    (tmp_path / "casebook.yml").write_text(text, encoding="utf-8")
    return load_library(tmp_path)


@pytest.mark.parametrize("name,old,new,expected", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_at_its_line(tmp_path, name, old, new, expected):
    assert BASE.count(old) >= 1, name
    library = library_with(tmp_path, BASE.replace(old, new, 1))
    assert [(p.file, p.line, p.field, p.message) for p in library.problems] == [("casebook.yml", *e) for e in expected]
    assert library.cases == [] and not library.ready  # nothing is built from it


def test_a_misnamed_field_is_named_and_so_is_every_use_of_the_old_name(tmp_path):
    text = BASE.replace("  brand:\n    type: text\n", "  Brand:\n    type: text\n", 1)
    problems = [(p.line, p.field, p.message) for p in library_with(tmp_path, text).problems]
    fields = FIELDS.replace("brand、", "")
    assert problems == [
        (102, "fields.Brand", "字段名 Brand 只能用小写英文字母、数字和下划线，并以字母开头（它是每个案例文件里的键）"),
        (205, "facts.8", f"没有叫 brand 的字段（已声明：{fields}）"),
        (214, "card.badges.0", f"没有叫 brand 的字段（已声明：{fields}）"),
        (219, "export.8", f"没有叫 brand 的字段（已声明：{fields}、slug、page）"),
        (224, "search.fields.brand", f"没有叫 brand 的字段（已声明：{fields}、headings、body）")]


def test_a_role_given_twice_is_named(tmp_path):
    text = BASE.replace("  organization:\n    type: text\n", "  organization:\n    type: text\n    role: title\n", 1)
    problems = [(p.line, p.field, p.message) for p in library_with(tmp_path, text).problems]
    assert problems == [(112, "fields.organization.role", "role: title 已经给了字段 title：每个 role 只能给一个字段")]


@pytest.mark.parametrize("text,expected", [
    ("- a\n- b\n", [(1, "file", "元数据必须是“键: 值”形式的映射")]),
    ("language: [zh\n", [(1, "file", "YAML 语法错误（第 1 行第 11 列）：方括号 [ 没有闭合：列表应写成 [甲, 乙]，以 ] 结束。这一行是：“language: [zh”")]),
    ("\ufeff\x00bad", [(1, "file", "元数据含有不允许的控制字符（#x0000），请删除")]),
    ("language: zh\n", [(1, "fields", "缺少 fields"), (1, "fields", "要有一个字段写 role: title"),
                        (1, "fields", "要有一个字段写 role: summary"), (1, "fields", "要有一个字段写 role: date")]),
])
def test_a_declaration_that_cannot_be_read_says_why(tmp_path, text, expected):
    (tmp_path / "casebook.yml").write_text(text, encoding="utf-8")
    declaration, problems = load_declaration(tmp_path)
    assert declaration is None and [(p.line, p.field, p.message) for p in problems] == expected


def test_every_library_casebook_ships_is_declared_without_a_problem():
    from casebook.authoring.scaffold import SCAFFOLD

    for root in (REPO, REPO / "examples" / "community-health", SCAFFOLD / "zh", SCAFFOLD / "en"):
        declaration, problems = load_declaration(root)
        assert problems == [] and declaration is not None, root


def test_the_reference_describes_every_key():
    """docs/reference.md names every key a mapping of the declaration may hold, each as `key` in a table
    or a list, so a library can be written from the page alone."""
    page = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\| `([a-z_]+)` \|", page)) | set(re.findall(r"`([a-z_]+)`", page))
    missing = {key for keys in KEYS.values() for key in keys} - named
    assert not missing, f"docs/reference.md does not describe: {sorted(missing)}"
    from casebook.declare.declaration import PERSONAL_DATA, ROLES, TYPES

    for word in (*TYPES, *ROLES, *PERSONAL_DATA):
        assert f"`{word}`" in page, word
