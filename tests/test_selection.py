"""Choosing cases for a bundle: the gallery's rule, checked values with suggestions, names and words."""

from __future__ import annotations

import pytest

from casebook.model.edition import BundleInfo, Edition, edition_from_env
from casebook.model.related import related_cases
from casebook.model.selection import Selection, SelectionError

import datetime as dt


def slugs(cases):
    return {c.slug for c in cases}


def test_or_within_a_kind_and_across_kinds(library):
    cases = library.cases
    jilin = Selection.of(library.declaration, province=["吉林省"]).choose(cases)
    assert slugs(jilin) == {c.slug for c in cases if c.region.province == "吉林省"} and jilin
    two = Selection.of(library.declaration, province=["吉林省", "陕西省"]).choose(cases)
    assert slugs(two) == {c.slug for c in cases if c.region.province in ("吉林省", "陕西省")}
    both = Selection.of(library.declaration, province=["吉林省"], topic=["校长负责制"]).choose(cases)
    assert slugs(both) == {c.slug for c in cases if c.region.province == "吉林省" and "校长负责制" in c.topics}
    assert 0 < len(both) < len(jilin)


@pytest.mark.parametrize("kind,value,of_case", [
    ("tag", None, lambda c: c.tags), ("stage", None, lambda c: c.stages), ("scope", None, lambda c: (c.scope,)),
    ("year", None, lambda c: (str(c.date.year),)), ("case", None, lambda c: (c.slug,)),
])
def test_every_kind_selects_by_its_own_field(library, kind, value, of_case):
    sample = library.cases[3]
    value = of_case(sample)[0]
    chosen = Selection.of(library.declaration, **{kind: [value]}).choose(library.cases)
    assert sample in chosen
    assert all(value in of_case(c) for c in chosen)
    assert slugs(chosen) == {c.slug for c in library.cases if value in of_case(c)}


def test_nothing_chosen_is_every_case(library):
    everything = Selection.of(library.declaration)
    assert everything.empty and everything.choose(library.cases) == library.cases
    assert everything.describe() == "全部案例" and everything.short_name() == "全部"


def test_cases_named_one_by_one_keep_the_trainers_order(library):
    a, b = library.cases[5].slug, library.cases[1].slug
    assert [c.slug for c in Selection.of(library.declaration, case=[a, b]).choose(library.cases)] == [a, b]


def test_duplicates_and_blanks_are_dropped(library):
    assert Selection.of(library.declaration, topic=["校长负责制", " 校长负责制 ", ""]).values == {"topic": ("校长负责制",)}


@pytest.mark.parametrize("kind,value,hint", [
    ("province", "吉林", "是不是 吉林省"),
    ("topic", "校长负责", "是不是 校长负责制"),
    ("stage", "高", "是不是 高中"),
    ("case", "jilin-btx-branch", "是不是 jilin-btx-branch-standard"),
    ("year", "23", "四位数字"),
    ("year", "1999", "可选：2024"),
    ("tag", "不存在的标签名称", "中没有这个标签"),
    ("province", "火星", "官方名称"),
])
def test_unknown_values_are_refused_with_a_suggestion(library, kind, value, hint):
    with pytest.raises(SelectionError) as err:
        Selection.of(library.declaration, **{kind: [value]}).check(library, library.cases)
    (message,) = err.value.messages
    assert message.startswith(f"--{kind} {value}：") and hint in message, message


def test_every_unknown_value_is_named_at_once(library):
    with pytest.raises(SelectionError) as err:
        Selection.of(library.declaration, province=["吉林"], topic=["德育"], tag=["校长负责制"]).check(library, library.cases)
    assert len(err.value.messages) == 3


def test_known_values_pass(library):
    Selection.of(library.declaration, province=["吉林省", "湖南省"], topic=["校长负责制"], year=["2023"]).check(library, library.cases)


def test_words_and_file_name(library):
    s = Selection.of(library.declaration, topic=["校长负责制"], province=["吉林省", "陕西省"])
    assert s.describe() == "专题：校长负责制；地区：吉林省或陕西省"
    assert s.short_name() == "校长负责制-吉林省-陕西省"
    assert Selection.of(library.declaration, case=["a-b-c"]).short_name() == "a-b-c"
    assert Selection.of(library.declaration, case=["a-b-c", "d-e-f"]).short_name() == "2个案例"
    long = Selection.of(library.declaration, tag=[f"标签{i}" for i in range(30)]).short_name()
    assert len(long) == 40 and long.endswith("等")
    assert "/" not in Selection.of(library.declaration, tag=["a/b"]).short_name()


def test_a_subset_is_a_library_of_its_own(library):
    sub = library.subset(Selection.of(library.declaration, province=["吉林省"]))
    chosen = slugs(sub.cases)
    assert chosen and all(c.region.province == "吉林省" for c in sub.cases)
    assert set(sub.featured) <= chosen
    assert [s for s in library.featured if s in chosen] == sub.featured
    by_slug = sub.by_slug()
    for case in sub.cases:
        assert slugs(related_cases(case, by_slug, library.declaration)) <= chosen


def test_bundle_info_travels_through_the_environment(library):
    info = BundleInfo("培训：校长负责制", Selection.of(library.declaration, topic=["校长负责制"], year=["2023"]), dt.date(2025, 11, 25),
                      "casebook 0.1.0 · 提交 abc1234（2025-11-20）", handout=True)
    edition = edition_from_env({"CASEBOOK_BUNDLE": info.to_env()}, library.declaration, "https://cases.example.org/")
    assert edition.bundle == info and edition.selection == info.selection
    assert edition.page_url("cases/x/") == "https://cases.example.org/cases/x/"
    assert edition_from_env({}, library.declaration, None) == Edition()
    assert Edition().page_url("cases/x/") is None
