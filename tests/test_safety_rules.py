"""safety.py rule by rule, each answer pinned word for word: link schemes however they are disguised,
strings in front matter, invisible characters, local images, and what only the rendered pass sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.check.safety import body_problems, hidden_characters, local_image_problem, needs_rendered_check, text_problems, url_problem
from casebook.model.media import file_part, media_path, rewrite_images

SCHEME = "不允许使用 {}: 链接：链接只能用 http://、https:// 开头的网址或相对路径"


@pytest.mark.parametrize("url,scheme", [
    ("javascript:alert(1)", "javascript"), ("JavaScript:alert(1)", "javascript"), ("  javascript:x", "javascript"),
    ("java\tscript:x", "javascript"), ("java\nscript:x", "javascript"), ("jav&#x61;script:x", "javascript"),
    ("jav&amp;#x61;script:x", "javascript"), ("%6aavascript:x", "javascript"), ("java\u200bscript:x", "javascript"),
    ("\ufeffjavascript:x", "javascript"), ("java\x00script:x", "javascript"), ("java\x7fscript:x", "javascript"),
    ("java\u2028script:x", "javascript"), ("vbscript:msgbox", "vbscript"), ("data:text/html;base64,PHA+", "data"),
    ("file:///etc/passwd", "file"), ("livescript:x", "livescript"), ("mocha:x", "mocha"),
])
def test_script_and_local_schemes_are_refused_however_written(url, scheme):
    assert url_problem(url) == SCHEME.format(scheme)


@pytest.mark.parametrize("url", ["https://example.org/a:b", "http://x.cn", "img/a.png", "#source-1", "mailto:x",
                                 "javascript", "java-script:x", "a.png?x=javascript:1", ""])
def test_other_addresses_are_not_a_scheme_problem(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("text,messages", [
    ("<script>alert(1)</script>", ["不能包含可执行的 HTML（如 <script>、<iframe>、<style>）：请删掉它"]),
    ("&lt;iframe src=x&gt;", ["不能包含可执行的 HTML（如 <script>、<iframe>、<style>）：请删掉它"]),
    ("< STYLE >", ["不能包含可执行的 HTML（如 <script>、<iframe>、<style>）：请删掉它"]),
    ("<b onclick=x>", ["不能包含 on*= 事件属性：请删掉它"]),
    ("<b ONMOUSEOVER = x>", ["不能包含 on*= 事件属性：请删掉它"]),
    ("onclick=x 没有尖括号", []),
    ("详见 javascript:void(0)", ["不能包含 javascript:/vbscript: 链接：请删掉它"]),
    ("VBScript :x", ["不能包含 javascript:/vbscript: 链接：请删掉它"]),
    ("java&#115;cript:x", ["不能包含 javascript:/vbscript: 链接：请删掉它"]),
    ("电话 13812345678", ["不能包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上"]),
    ("红色\x1b[31m", ["不能含有控制字符 U+001B（看不见，但会发布出去），请删除"]),
    ("\u202e反向", ["不能含有改变文字方向的字符 U+202E：它会让页面上显示的文字与实际内容不同，请删除"]),
    ("一个普通的标题：党建引领", []),
])
def test_front_matter_strings(text, messages):
    assert text_problems(text) == messages


@pytest.mark.parametrize("text,messages", [
    ("\x00", ["含有控制字符 U+0000（看不见，但会发布出去），请删除"]),
    ("a\x08b", ["含有控制字符 U+0008（看不见，但会发布出去），请删除"]),
    ("a\x0bb", ["含有控制字符 U+000B（看不见，但会发布出去），请删除"]),
    ("a\x1fb", ["含有控制字符 U+001F（看不见，但会发布出去），请删除"]),
    ("a\x7fb", ["含有控制字符 U+007F（看不见，但会发布出去），请删除"]),
    ("a\x9fb", ["含有控制字符 U+009F（看不见，但会发布出去），请删除"]),
    ("\u202a", ["含有改变文字方向的字符 U+202A：它会让页面上显示的文字与实际内容不同，请删除"]),
    ("\u2066\u2069", ["含有改变文字方向的字符 U+2066：它会让页面上显示的文字与实际内容不同，请删除"]),
    ("\x1b\u202e", ["含有控制字符 U+001B（看不见，但会发布出去），请删除",
                    "含有改变文字方向的字符 U+202E：它会让页面上显示的文字与实际内容不同，请删除"]),
    ("tab\tand\nnew line, \u200b zero width, \u200e mark", []),  # allowed: they change nothing that is shown
])
def test_hidden_characters(text, messages):
    assert hidden_characters(text) == messages


@pytest.fixture()
def images(tmp_path):
    cases = tmp_path / "cases"
    (cases / "a" / "img").mkdir(parents=True)
    (cases / "a" / "img" / "p.png").write_bytes(b"\x89PNG")
    (cases / "a" / "big.jpg").write_bytes(b"0" * (1024 * 1024 + 1))
    (cases / "a" / "edge.webp").write_bytes(b"0" * (1024 * 1024))
    (cases / "a" / "UPPER.PNG").write_bytes(b"\x89PNG")
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"\x89PNG")
    (cases / "a" / "link.png").symlink_to(outside)
    return cases


@pytest.mark.parametrize("url,message", [
    ("img/p.png", None), ("img/p.png?v=2#top", None), ("img/p%2Epng", None), ("edge.webp", None), ("UPPER.PNG", None),
    ("https://x.example/p.png", "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用"),
    ("//x.example/p.png", "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用"),
    ("ftp:p.png", "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用"),
    ("javascript:p.png", SCHEME.format("javascript")),
    ("/etc/p.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("../a/img/p.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("img\\p.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("img/p.gif", "图片只能是 .jpg、.jpeg、.png、.webp 格式"),
    ("img/p", "图片只能是 .jpg、.jpeg、.png、.webp 格式"),
    ("link.png", "图片路径指向了 cases/ 目录之外（可能是符号链接），不允许"),
    ("img/q.png", "找不到图片 img/q.png（相对于案例文件所在目录）"),
    ("big.jpg", "图片超过 1 MB（1048577 字节），请压缩"),
])
def test_local_images(images, url, message):
    assert local_image_problem(url, images / "a", images) == message


def test_an_image_label_names_what_it_is(images):
    assert local_image_problem("img/q.png", images / "a", images, "封面图片") == "找不到封面图片 img/q.png（相对于案例文件所在目录）"


def test_file_part_and_media_paths():
    assert file_part("a%20b.png?x=1#y") == "a b.png"
    assert media_path("cases/jilin/x.md", "img/p.png?v=1") == "cases/_media/jilin/img/p.png"
    assert media_path("cases/x.md", "p.png") == "cases/_media/p.png"
    body = "![图](img/p.png) ![外](https://x/p.png) ![图](img/p.png)"
    assert rewrite_images(body, "cases/jilin/x.md", ["img/p.png"]) == \
        "![图](_media/jilin/img/p.png) ![外](https://x/p.png) ![图](_media/jilin/img/p.png)"
    assert rewrite_images(body, "cases/jilin/x.md", []) == body


def _body(text: str) -> list[tuple[int, str]]:
    problems, _ = body_problems("## 主要做法\n\n" + text + "\n", 1, Path("."), Path("."))
    return problems


# What only the pass over the rendered HTML can see: an attribute on a line of its own, a srcset, an
# address broken over two lines. Each is named at its own line, once.
@pytest.mark.parametrize("text,problems", [
    ('<img src="a.png"\nonerror="alert(1)">', [(4, "不允许使用 onerror= 事件属性（点击或载入时会执行脚本）：请删掉它")]),
    ('<p>x</p>\n<p\nonclick="x">y</p>', [(5, "不允许使用 onclick= 事件属性（点击或载入时会执行脚本）：请删掉它")]),
    ('<a\nhref="java\nscript:alert(1)">x</a>', [(4, SCHEME.format("javascript"))]),
    ('<img srcset="https://t.example/p.png 1x">',  # (the allow-list's srcset message is not said twice at one line)
     [(3, "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用")]),
    ('<img src="local.png">', [(3, "图片请用 Markdown 语法 ![说明](相对路径) 引用，才能随站点一起发布")]),
    ("文字\n\n    缩进的一段", [(5, "这一段以 4 个空格或制表符开头，页面上会显示成代码块：正文段落开头不用缩进，请删掉行首的空格")]),
    ("文字\n\n \t缩进的一段", [(5, "这一段以 4 个空格或制表符开头，页面上会显示成代码块：正文段落开头不用缩进，请删掉行首的空格")]),
    ("- 列表\n\n    列表的第二段", []),
])
def test_what_only_the_rendered_pass_sees(text, problems):
    assert _body(text) == problems


@pytest.mark.parametrize("text", ["    代码", "\t代码", "   \t代码", "x<y", "[a]", "{b}"])
def test_the_rendered_pass_runs_for_markup_and_indented_lines(text):
    assert needs_rendered_check(text)


@pytest.mark.parametrize("text", ["   三个空格不是代码", "普通段落 **加粗**", "# 标题\n\n- 列表"])
def test_plain_prose_skips_the_rendered_pass(text):
    assert not needs_rendered_check(text)
