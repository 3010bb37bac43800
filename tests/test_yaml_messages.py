"""Every YAML syntax error reads in Chinese: line and column, what is wrong, and the line quoted."""

from __future__ import annotations

import re

import pytest

from casebook.read.frontmatter import FrontMatterError, parse_front_matter

# (front matter as written, file line of the fault, words the message must hold)
CASES = [
    ("title: x\nstages: [小学, 初中\nscope: 省级", 3, "方括号 [ 没有闭合", "stages: [小学, 初中"),
    ("region: {province: 吉林省\nscope: 省级", 2, "花括号 { 没有闭合", "region: {province: 吉林省"),
    ('title: "abc\nscope: 省级', 2, "引号没有闭合", 'title: "abc'),
    ("title: 'abc", 2, "引号没有闭合", "title: 'abc"),
    ("title: x\n\tscope: 省级", 3, "制表符", "scope: 省级"),
    ("region:\n    province: 吉林省\n  city: 长春市", 4, "缩进不一致", "city: 长春市"),
    ("stages:\n  - 小学\n - 初中", 4, "缩进不一致", "- 初中"),
    ("title:abc\nscope: 省级", 2, "冒号后缺空格", "title:abc"),
    ("region:\n  province:吉林省\n  city: 长春市", 3, "冒号后缺空格，应写成“province: 值”", "province:吉林省"),
    ("title: 标题: 副标题", 2, "不能出现冒号", "title: 标题: 副标题"),
    ('title: "a\\qb"', 2, "反斜杠", 'title: "a\\qb"'),
    ("stages:\n- 小学\n初中", 4, "缺少冒号", "初中"),
    ("stages: [小学]]", 2, "多了一个 ]", "stages: [小学]]"),
]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("text,line,hint,quoted", CASES)
def test_syntax_errors_are_explained_in_chinese(text, line, hint, quoted, fast):
    with pytest.raises(FrontMatterError) as caught:
        parse_front_matter(text, 2, fast=fast)  # the fast path hands every libyaml complaint to the Python parser
    err = caught.value
    assert err.line == line
    assert hint in err.message and f"这一行是：“{quoted}”" in err.message
    assert re.search(rf"第 {line} 行", err.message)
    english = re.sub(r"“.*?”|YAML|Tab|cases/_template\.md", "", err.message)
    assert not re.search(r"[A-Za-z]{3,}", english), err.message
