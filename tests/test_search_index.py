"""The search index: words as the browser will cut them, weights per field, cases only."""

from __future__ import annotations

import json

import pytest

from casebook.render.search_index import (MASK_BITS, PARTIAL, SHARD_BYTES, TEXT_BYTES, Section, SearchIndex, build_index, case_fields,
                                          expansions, index_json, matching, page_sections, query_words, segment_query, words,
                                          _text_script, text_starts)
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
    doc = [row[0] for row in payload.main["cases"]].index(f"cases/{case.slug}/")
    fields = [f for f, text in case_fields(case, library.declaration).items() if "清廉学校" in words(text)]
    score = next(s for d, s, _ in payload.postings("清廉学校") if d == doc)
    assert score == sum(library.declaration.search[f] for f in fields)
    assert "title" not in fields and "topics" in fields and "body" in fields  # its title says 清廉教育


def test_only_cases_are_indexed_with_facts_summary_and_sections(library, payload):
    assert len(payload.main["cases"]) == len(payload.texts) == len(library.cases)
    url, title, facts = payload.main["cases"][0]
    case = library.cases[0]
    assert url == f"cases/{case.slug}/" and title == case.title
    assert facts.count(" · ") == 3 and facts.startswith(case.place.label)
    text = payload.texts[0]
    assert text["s"] == case.summary
    assert [heading for _, heading, _ in text["p"]] == ["背景", "主要做法", "工作成效", "经验启示"][:len(text["p"])] or text["p"]
    assert [anchor for anchor, _, _ in text["p"]] == [f"_{i + 1}" for i in range(len(text["p"]))]  # the page's ids


def test_the_index_is_utf8_json_without_escapes_or_zero_width_spaces(payload):
    text = index_json(payload.main, {"lang": ["zh"]})
    assert "\\u" not in text and "\u200b" not in text
    assert json.loads(text)["docs"] == payload.main
    assert all("\\u" not in script and "\u200b" not in script for script in payload.files().values())


def test_the_vocabulary_is_sorted_and_every_word_is_in_its_shard(payload):
    vocab = payload.main["vocab"]
    assert vocab == sorted(set(vocab))
    starts = payload.main["shards"]
    assert starts[0] == 0 and starts == sorted(starts) and len(starts) == len(payload.shards)
    for i, start in enumerate(starts):  # shard i holds the words from its start to the next one's
        end = starts[i + 1] if i + 1 < len(starts) else len(vocab)
        assert list(payload.shards[i]) == vocab[start:end]


def test_shards_stay_near_their_size(library):
    register_search_terms(library)
    index = build_index(library.cases * 20, lambda c: c.slug, library.declaration)
    sizes = [len(json.dumps(shard, ensure_ascii=False, separators=(",", ":")).encode()) for shard in index.shards]
    assert len(sizes) > 3
    # a shard is cut before the word that would take it over SHARD_BYTES (a single large word stands alone)
    for shard, size in zip(index.shards, sizes):
        assert size <= SHARD_BYTES or len(shard) == 1, size
    assert sum(sizes[:-1]) / (len(sizes) - 1) > SHARD_BYTES * 0.8  # and full before the next begins


def test_texts_files_hold_runs_of_cases_near_their_size(library):
    index = build_index(library.cases * 20, lambda c: c.slug, library.declaration)
    starts, files = index.main["texts"], index.files()
    assert starts[0] == 0 and starts == sorted(set(starts)) and len(starts) > 3
    sizes = []
    for i, start in enumerate(starts):  # file i: a line for each case from its start to the next one's
        end = starts[i + 1] if i + 1 < len(starts) else len(index.texts)
        lines = files[f"texts/{i}.js"].splitlines(keepends=True)
        assert [line[:line.index(",")] for line in lines] == [f"__cbText({doc}" for doc in range(start, end)]
        assert all(line.endswith(");\n") for line in lines)
        sizes.append(len(files[f"texts/{i}.js"].encode()))
        # a file is cut before the case that would take it over TEXT_BYTES (a longer text stands alone)
        assert sizes[-1] <= TEXT_BYTES or len(lines) == 1, sizes[-1]
        if i + 1 < len(starts):  # and full: the next file's first case did not fit
            first = files[f"texts/{i + 1}.js"].splitlines(keepends=True)[0]
            assert sizes[-1] + len(first.encode()) > TEXT_BYTES
    lone = build_index(library.cases[:1], lambda c: c.slug, library.declaration,
                       {0: [Section("", "", "长" * TEXT_BYTES), Section("_1", "二", "短")]})
    assert lone.main["texts"] == [0] and len(lone.files()["texts/0.js"].encode()) > TEXT_BYTES


def test_a_texts_file_takes_a_case_that_fills_it_exactly():
    first = {"s": "甲", "p": []}
    room = TEXT_BYTES - len(_text_script(0, first).encode()) - len(_text_script(1, {"s": "", "p": []}).encode())
    assert text_starts([first, {"s": "a" * room, "p": []}]) == [0]  # TEXT_BYTES to the byte
    assert text_starts([first, {"s": "a" * (room + 1), "p": []}]) == [0, 1]


def test_a_text_with_other_line_breaks_reads_back_whole(library, tmp_path):
    breaks = "甲\u2028乙\u2029丙\x85丁\x1c戊\r己\n庚(辛)"  # JSON escapes only \r and \n of these; ) ends the call too
    index = build_index(library.cases[:2], lambda c: c.slug, library.declaration,
                        {0: [Section("", "", breaks)], 1: [Section("", "", "二")]})
    for path, text in {**index.files(), "search_index.json": index_json(index.main, {})}.items():
        (tmp_path / "search" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "search" / path).write_text(text, encoding="utf-8")
    assert SearchIndex.from_site(tmp_path).texts == index.texts and index.texts[0]["p"] == [["", "", breaks]]


def test_the_files_are_scripts_that_hand_their_part_to_the_loader(payload, tmp_path):
    files = payload.files()
    assert set(files) == {f"shards/{i}.js" for i in range(len(payload.shards))} | \
        {f"texts/{i}.js" for i in range(len(payload.main["texts"]))}
    assert len(payload.main["texts"]) < len(payload.texts)  # cases share a file
    assert files["shards/0.js"].startswith("__cbShard(0,{") and files["texts/0.js"].startswith("__cbText(0,{")
    for path, text in files.items():
        (tmp_path / "search" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "search" / path).write_text(text, encoding="utf-8")
    (tmp_path / "search" / "search_index.json").write_text(index_json(payload.main, {}), encoding="utf-8")
    again = SearchIndex.from_site(tmp_path)
    assert (again.main, again.shards, again.texts) == (payload.main, payload.shards, payload.texts)
    assert again.files() == files  # an index read back writes the same files (its shards' JSON made afresh)


def test_body_words_name_the_sections_they_are_in(library, payload):
    case = next(c for c in library.cases if c.slug == "jiamusi-party-school-red-resources")
    doc = library.cases.index(case)
    sections = payload.texts[doc]["p"]
    (score, mask), = [(s, m) for d, s, m in payload.postings("北大荒") if d == doc]
    assert score == library.declaration.search["body"]  # in the text only
    held = [i for i, (_, heading, text) in enumerate(sections) if "北大荒" in text]
    assert held and mask == sum(1 << i for i in held)


def test_page_sections_read_the_body_between_the_template_marks():
    page = ('<h1>标题</h1><p>摘要</p><!-- cb-body --><p>引言 &amp; 说明</p><h2 id="_1">背景</h2><p>一段</p>'
            '<ul><li>甲</li><li>乙</li></ul><h3 id="x">小节 <em>强调</em></h3><p>二段</p><!-- /cb-body -->'
            '<h2 id="_2">来源</h2><p>不算</p>')
    assert page_sections(page) == [Section("", "", "引言 & 说明"), Section("_1", "背景", "一段\n甲\n乙"),
                                   Section("x", "小节 强调", "二段")]
    # without the marks (a library's own template left them out): the whole page
    assert [s.heading for s in page_sections(page.replace("<!-- cb-body -->", ""))] == ["", "背景", "小节 强调", "来源"]


def test_sections_past_the_mask_share_its_last_bit(library):
    register_search_terms(library)
    case = library.cases[0]
    sections = {0: [Section(f"s{i}", f"小节{i}", "党建" if i == 40 else "文字") for i in range(41)]}
    index = build_index([case], lambda c: "x", library.declaration, sections)
    (_, _, mask), = [p for p in index.postings("党建") if p[0] == 0]
    assert mask & (1 << (MASK_BITS - 1))


@pytest.mark.parametrize("query,expect_words,expect_missing", [
    ("清廉学校", ["清廉学校"], []),
    ("清廉 学校", ["清廉", "学校"], []),
    ("“361”工作室", ["361", "工作室"], []),
    ("BTX建设", ["btx", "建设"], []),
    ("的清廉学校", ["清廉学校"], []),      # a lone uncovered character is dropped, not searched
    ("清廉学校 航天", ["清廉学校"], ["航天"]),
    ("xyz", [], ["xyz"]),
    ("三早", ["三早"], []),  # not an index word, but part of one (三早育苗)
    ("江浙深鲁", ["江浙", "深鲁"], []),  # 深鲁 is inside 深鲁等
])
def test_a_query_is_cut_with_the_index_vocabulary(payload, query, expect_words, expect_missing):
    assert segment_query(query, payload.main) == (expect_words, expect_missing)


def test_a_word_finds_itself_whole_and_longer_words_as_parts(payload):
    groups, _ = query_words("名师 三早 BT", payload.main)
    assert groups["名师"][0] == ("名师", 1) and ("名师工作室", PARTIAL) in groups["名师"]
    assert groups["三早"] == [("三早育苗", PARTIAL)]
    assert groups["bt"] == [("btx", PARTIAL)]  # ASCII in any case, as a prefix
    assert all(f == PARTIAL for _, f in groups["名师"][1:])


def test_expansions_begin_before_inside_shorter_first_and_are_capped():
    vocab = sorted(["ab", "abc", "abcd", "xab", "yyab", "zab", "b"] + [f"ab{i:02d}" for i in range(30)])
    assert expansions("ab", vocab, exact=True)[:3] == ["abc", "ab00", "ab01"]
    assert len(expansions("ab", vocab, exact=True)) == 16 and "xab" not in expansions("ab", vocab, exact=True)
    assert expansions("yab", vocab, exact=False) == ["yyab"]
    assert expansions("ab", vocab[:0], exact=False) == []
    assert expansions("b", ["ab", "b", "bc", "cb"], exact=False) == ["bc", "ab", "cb"]


def test_matching_keeps_cases_with_every_word(payload):
    assert matching(payload, "校长负责制 吉林") == {"cases/jilin-principal-responsibility/"}
    assert matching(payload, "北大荒精神") == {"cases/jiamusi-party-school-red-resources/"}  # body text only
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
    index = build_index([case], lambda c: "x", library.declaration)
    made_up["body"] = "正文"
    assert set(weights) == set(made_up)
    # what a case is named by (title, brand) counts most; running text (summary, headings) least
    assert min(weights.values()) > 0
    assert weights["title"] == weights["brand"] == max(weights.values())
    assert weights["summary"] == weights["headings"] == 2 and weights["body"] == min(weights.values()) == 1
    for field, word in made_up.items():
        assert [(d, s) for d, s, _ in index.postings(word.lower())] == [(0, weights[field])], field


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def test_body_queries_stand_only_in_their_case_s_body_text(library):
    """The judged set's body queries are phrases of one case's text: in no front matter, no heading and
    no other body (so they test full-text search, not the fields)."""
    import re

    import yaml

    from casebook.read.frontmatter import parse_front_matter
    from casebook.read.source import read_source
    from casebook.problems import Reporter
    from casefixtures import REPO

    queries = [q for q in yaml.safe_load((REPO / "tests" / "search" / "queries.yml").read_text(encoding="utf-8"))
               if q["kind"] == "body"]
    texts, fronts = {}, []
    for case in library.cases:
        src = read_source(REPO / case.path, REPO, Reporter(case.path))
        fronts.append(" ".join(_strings(parse_front_matter(src.front_matter, 1).data)))
        lines = [line for line in src.body.replace("**", "").split("\n") if not line.lstrip().startswith("#")]
        texts[case.slug] = "\n".join(lines)
    assert len(queries) >= 25
    for query in queries:
        words_ = str(query["q"]).split()
        holders = [slug for slug, text in texts.items()
                   if any(all(w in line for w in words_) for line in text.split("\n"))]
        assert holders == query["expect"], query
        assert not any(w in front for w in words_ for front in fronts), query
        assert not any(re.search(r"^\s*#.*(" + "|".join(map(re.escape, words_)) + ")", case.body, re.M)
                       for case in library.cases), query
