"""The search index: words as the browser will cut them, weights per field, cases only."""

from __future__ import annotations

import json

import pytest

from casebook.render.search_index import build_index, case_fields, index_json, matching, segment_query, words
from casebook.render.search_terms import register_search_terms


@pytest.fixture(scope="module")
def payload(library):
    register_search_terms(library)
    return build_index(library.cases, lambda c: f"cases/{c.slug}/", library.declaration)


def test_words_are_never_lone_characters(library):
    register_search_terms(library)
    got = words("石泉县以“333”德育机制和5+N模式推进立德树人示范校建设，第7个")
    assert "333" in got and "5+n" in got and "石泉县" in got and "立德树人" in got
    assert all(len(w) > 1 for w in got), got
    assert "7" not in got and "以" not in got


def test_a_word_scores_the_weights_of_the_fields_it_is_in(library, payload):
    case = next(c for c in library.cases if c.slug == "shiquan-clean-school")
    doc = [row[0] for row in payload["cases"]].index(f"cases/{case.slug}/")
    fields = [f for f, text in case_fields(case, library.declaration).items() if "清廉学校" in words(text)]
    deltas, scores = payload["terms"]["清廉学校"]
    docs = [sum(deltas[:i + 1]) for i in range(len(deltas))]
    assert scores[docs.index(doc)] == sum(library.declaration.search[f] for f in fields)
    assert "title" not in fields and "topics" in fields  # its title says 清廉教育; its topic is 清廉学校


def test_only_cases_are_indexed_with_facts_and_snippet(library, payload):
    assert len(payload["cases"]) == len(library.cases)
    url, title, facts, snippet = payload["cases"][0]
    case = library.cases[0]
    assert url == f"cases/{case.slug}/" and title == case.title
    assert case.summary.startswith(snippet.rstrip("…")) and len(snippet) <= 160
    assert snippet.endswith("…") == (len(case.summary) > 160)
    assert facts.count(" · ") == 3 and facts.startswith(case.place.label)


def test_the_index_is_utf8_json_without_escapes_or_zero_width_spaces(payload):
    text = index_json(payload, {"lang": ["zh"]})
    assert "\\u" not in text and "\u200b" not in text
    assert json.loads(text)["docs"] == payload


@pytest.mark.parametrize("query,expect_words,expect_missing", [
    ("清廉学校", ["清廉学校"], []),
    ("清廉 学校", ["清廉", "学校"], []),
    ("“361”工作室", ["361", "工作室"], []),
    ("BTX建设", ["btx", "建设"], []),
    ("的清廉学校", ["清廉学校"], []),      # a lone uncovered character is dropped, not searched
    ("清廉学校 航天", ["清廉学校"], ["航天"]),
    ("xyz", [], ["xyz"]),
])
def test_a_query_is_cut_with_the_index_vocabulary(payload, query, expect_words, expect_missing):
    assert segment_query(query, payload) == (expect_words, expect_missing)


def test_matching_keeps_cases_with_every_word(payload):
    assert matching(payload, "校长负责制 吉林") == {"cases/jilin-principal-responsibility/"}
    assert matching(payload, "清廉学校 航天") == set()
    assert matching(payload, "") == set()


def test_every_field_counts_with_its_own_weight(library):
    """One made-up word per field: its score is that field's weight, so each field is indexed and weighed."""
    from casebook.model.case import Metric
    from casefixtures import place, with_fields

    made_up = {"title": "甲乙标题词", "brand": "QXZB", "region": "丙丁县", "topics": "戊己专题", "tags": "庚辛标签",
               "organization": "壬癸单位", "metrics": "子丑数据", "headings": "寅卯小标题", "summary": "辰巳摘要词"}
    import jieba

    for word in made_up.values():
        jieba.add_word(word)
    case = with_fields(
        library.cases[0], title=made_up["title"], brand=made_up["brand"], region=place("吉林省", None, made_up["region"]),
        topics=(made_up["topics"],), tags=(made_up["tags"],), organization=made_up["organization"],
        metrics=(Metric(made_up["metrics"], 1, "个"),), body=f"## {made_up['headings']}\n\n正文。", summary=made_up["summary"])
    weights = library.declaration.search
    terms = build_index([case], lambda c: "x", library.declaration)["terms"]
    assert set(weights) == set(made_up)
    # what a case is named by (title, brand) counts most; running text (summary, headings) least
    assert min(weights.values()) > 0
    assert weights["title"] == weights["brand"] == max(weights.values())
    assert weights["summary"] == weights["headings"] == min(weights.values())
    for field, word in made_up.items():
        assert terms[word.lower()] == [[0], [weights[field]]], field
