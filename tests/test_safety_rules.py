"""safety.py rule by rule, each answer pinned word for word: link schemes however they are disguised,
strings in front matter, invisible characters, local images, and what only the rendered pass sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from casebook.check.safety import (body_problems, hidden_characters, local_image_problem, needs_rendered_check, personal_problems,
                                    text_problems, url_problem)
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
    assert hidden_characters(text, "body") == ["正文" + m for m in messages]
    assert hidden_characters(text) == ["不能" + m for m in messages]


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
    ("img\\p.png", "图片的路径请用 / 分隔目录，不要用 \\：写成 img/p.png"),
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


# --- what mutation testing found untested (each test says which behaviour it pins) ---

REMOTE = "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用"
INDENTED = "这一段以 4 个空格或制表符开头，页面上会显示成代码块：正文段落开头不用缩进，请删掉行首的空格"
HANDLER = "不允许使用 onclick= 事件属性（点击或载入时会执行脚本）：请删掉它"
RAW_IMAGE = "图片请用 Markdown 语法 ![说明](相对路径) 引用，才能随站点一起发布"
FENCE = "正文不能用 ``` 或 ~~~ 代码块：案例页面是写给读者的文字，不展示代码；请改成普通段落或列表"


def test_a_scheme_is_what_comes_before_the_first_colon():
    assert url_problem("javascript:location='http://x.example/'") == SCHEME.format("javascript")


@pytest.mark.parametrize("url", ["///x.example/p.png", "FTP:p.png"])
def test_more_image_addresses_that_name_another_host(images, url):
    # ///host/path is scheme-relative to a browser; an upper-case scheme is a scheme
    assert local_image_problem(url, images / "a", images) == REMOTE


def test_only_address_attributes_are_read_as_addresses():
    assert _body('<abbr title="Data: 教育部 2023 年统计">数据</abbr>') == []


def test_entities_that_spell_a_tag_are_refused_in_the_body():
    assert _body("&lt;script&gt;alert(1)&lt;/script&gt;") == [(3, "不允许使用 <script> 标签（可能执行脚本或改变页面）：请删掉它，正文请用 Markdown")]


# A srcset is a list: every candidate's address (before its descriptor) is checked, once per attribute.
@pytest.mark.parametrize("text,problems", [
    ('<img srcset="a.png 1x, https://t.example/p.png 2x">', [(3, REMOTE)]),
    ('<img srcset="a.png 1x,https://t.example/p.png 2x">', [(3, REMOTE)]),
    ('<img srcset="java\nscript:alert(1) 1x">', [(3, SCHEME.format("javascript"))]),
    # the descriptor is not part of the address: only the attribute itself is refused
    ('<img srcset="a.png 1x,\njava script:alert(1) 2x">',
     [(3, "<img> 不允许使用属性 srcset（<img> 只能用 alt、src、title；{: … } 只能设置小标题的 id）")]),
])
def test_every_srcset_candidate_is_checked(text, problems):
    assert _body(text) == problems


def test_a_raw_img_src_is_one_address_spaces_and_all():
    assert _body('下面是活动图片：\n\n<img src="活动图片 1.png">') == [(5, RAW_IMAGE)]


def test_a_raw_srcset_image_is_named_on_a_line_that_has_another_problem():
    # the allow-list's srcset message gives way to the line's other message; the raw image is still named
    assert _body('<img srcset="wang.jpg 2x"> 王老师，电话 13812345678') == [
        (3, RAW_IMAGE), (3, "正文包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上")]


# What only the rendered pass finds is named at the line that has it, even when part of the address
# is written as entities (a file name as some editors copy it, an obfuscated javascript:).
@pytest.mark.parametrize("text,problems", [
    ('<img src="https://img.example.cn/upload/2023/0901/&#27963;&#21160;.jpg">', [(3, REMOTE)]),
    ("[见 [1] 附件](javascript:alert(doc&#117;ment.cookie))", [(3, SCHEME.format("javascript"))]),
])
def test_an_address_with_an_entity_is_found_at_its_line(text, problems):
    assert _body(text) == problems


# An indented paragraph is named at its own line, whatever came before it or is written in it.
@pytest.mark.parametrize("text", [
    "BTX 模式的要点：\n\n    <b>注意</b>：按时上报",  # escaped in the code block: its text is read decoded
    "2023 年起试点。\n\n    2023 年 9 月，全面推开。",  # the whole first line, not its first word
    "推行 BTX 模式。\n\n    推行BTX\n    模式。",  # only the first line of the block
    "推行BTX模式。\n\n    推行 BTX 模式。",  # an earlier line with the same words, spaced differently
    "文字\n\n    一、\t工作目标",  # a tab (Markdown expands it) inside the line
])
def test_an_indented_paragraph_is_named_at_its_own_line(text):
    assert _body(text) == [(5, INDENTED)]


def test_text_after_a_code_block_is_not_code():
    assert _body("文字\n\n    缩进的一段\n\n- 列表\n\n    列表的第二段") == [(5, INDENTED)]


def test_text_before_any_code_block_is_not_code():
    body = "<details>\n    <summary>联系方式</summary>\n\n王老师负责。\n</details>\n"
    assert body_problems(body, 1, Path("."), Path("."))[0] == []


@pytest.mark.parametrize("link", ["<a href=javascript:alert(1)>点此</a>", "<a href='javascript:alert(1)'>点此</a>"])
def test_the_line_scan_names_an_address_when_the_render_is_skipped(link):
    assert _body(link + "\n" + ">" * 17 + " 引用") == [
        (3, SCHEME.format("javascript")), (4, "列表或引用嵌套过深（超过 16 层），请简化")]


@pytest.mark.parametrize("text,problems", [
    ("[" * 500, []),
    ("[" * 500 + "\n[", [(4, "正文中方括号 [ 过多（501 个，上限 500），请检查格式")]),  # the line where it is crossed
])
def test_the_bracket_limit(text, problems):
    assert _body(text) == problems


NESTING = "列表或引用嵌套过深（超过 16 层），请简化"


# Nesting is counted in every form Python-Markdown recurses on: indents, quotes and list markers,
# on one line as well as over several (a list nested 500 deep on one line overflows Python's stack).
@pytest.mark.parametrize("text,problems", [
    ("- " * 16 + "列表", []), ("- " * 17 + "列表", [(3, NESTING)]), ("- " * 2000 + "[注]", [(3, NESTING)]),
    ("1. " * 17 + "列表", [(3, NESTING)]), ("2) " * 17 + "列表", [(3, NESTING)]), ("+\t" * 17 + "列表", [(3, NESTING)]),
    ("- > " * 9 + "引用", [(3, NESTING)]), ("> " * 17 + "引用", [(3, NESTING)]),
    ("* " * 40, []), ("- " * 40 + "-", []), ("_ " * 40, []),  # a horizontal rule however long
    ("-" * 40 + " 文字", []),  # dashes without spaces are text, not markers
])
def test_the_nesting_limit(text, problems):
    assert _body(text) == problems


def test_a_markdown_crash_is_a_problem_not_a_traceback(monkeypatch):
    def crash(body):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr("casebook.check.safety.render_body", crash)
    assert _body("[注]") == [(1, "正文无法解析为 Markdown（RecursionError），请简化格式")]


# Each element the rendered pass refuses is named at its own line: the same address twice is two
# lines, and a line with the element comes before prose that only mentions its address.
@pytest.mark.parametrize("text,problems", [
    ('见 https://t.example/p.png\n\n<img src="https://t.example/p.png">', [(5, REMOTE)]),
    ('<img src="https://t.example/p.png">\n<img src="https://t.example/q.png">', [(3, REMOTE), (4, REMOTE)]),
    ('<img src="https://t.example/p.png">\n\n文字\n\n<img src="https://t.example/p.png">', [(3, REMOTE), (7, REMOTE)]),
    ('<img srcset="https://t.example/a.png 1x,\nhttps://t.example/b.png 2x">', [(3, REMOTE), (4, REMOTE)]),
    ("<p onclick=x>甲</p>\n<p onclick=y>乙</p>", [(3, HANDLER), (4, HANDLER)]),
])
def test_every_element_is_named_at_its_own_line(text, problems):
    assert _body(text) == problems


def test_an_indented_paragraph_after_the_same_words_in_prose():
    assert _body("文字\n\n缩进的一段\n\n    缩进的一段\n\n文字\n\n    缩进的一段") == [(7, INDENTED), (11, INDENTED)]


# An image path written as Windows writes it: a file on the contributor's computer, or folders
# separated by backslashes, each with what to write instead.
@pytest.mark.parametrize("url,problem", [
    ("C:\\photos\\a.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("d:/photos/a.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("..\\a.png", "图片必须是相对于案例文件的相对路径，不能用绝对路径或 .."),
    ("images\\a.png", "图片的路径请用 / 分隔目录，不要用 \\：写成 images/a.png"),
])
def test_windows_paths(images, url, problem):
    assert local_image_problem(url, images / "a", images) == problem


def test_a_fence_language_is_not_a_second_message_and_hides_nothing_after_it():
    assert _body("```bash\necho hi\n```\n\n<video src=\"a.mp4\"></video>") == [
        (3, FENCE), (5, FENCE), (7, "不能嵌入音视频 <video>（会从其他网站加载内容）：请写明视频的标题和出处，把网址放进 sources")]


# The cases folder is named in messages by its own name (casebook.yml may call it something else),
# and as cases/ when the path has no name (Path(".")).
def test_messages_name_the_cases_folder_by_its_name(tmp_path):
    cases = tmp_path / "anli"
    (cases / "a").mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    (cases / "a" / "link.png").symlink_to(tmp_path / "secret.png")
    remote = "图片不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 anli/ 目录，用相对路径引用"
    assert local_image_problem("https://t.example/p.png", cases / "a", cases) == remote
    assert local_image_problem("link.png", cases / "a", cases) == "图片路径指向了 anli/ 目录之外（可能是符号链接），不允许"
    assert body_problems('<img src="https://t.example/p.png">', 1, cases / "a", cases)[0] == [(1, remote)]


def test_a_cases_folder_without_a_name_is_called_cases(images, monkeypatch):
    monkeypatch.chdir(images)
    assert local_image_problem("https://t.example/p.png", Path("a"), Path(".")) == REMOTE
    assert local_image_problem("link.png", Path("a"), Path(".")) == "图片路径指向了 cases/ 目录之外（可能是符号链接），不允许"


# Only an <img> is an image: the address of a <video> or a <source> is not a raw image to write as
# ![说明](…), even on a line whose other problem stands in for the allow-list's message.
@pytest.mark.parametrize("text", [
    '<video src="huodong.mp4"></video> 联系电话 13812345678',
    '<source srcset="https://t.example/p.png"> 联系电话 13812345678',
])
def test_only_an_img_is_read_as_an_image(text):
    assert _body(text) == [(3, "正文包含手机号码：联系人信息请写在拉取请求里，不要发布到站点上")]


# An indented paragraph is looked for by its whole first line, decoded (<, & are entities in the
# rendered code block): not by its first word, nor by the text before an entity, either of which an
# earlier indented line (a list item's second paragraph, another code block) may also hold.
@pytest.mark.parametrize("text,problems", [
    ("- 第一项\n\n    2023 年 列表的第二段\n\n文字\n\n    2023 年 9 月，全面推开。", [(9, INDENTED)]),
    ("    一、报名工作\n\n文字\n\n    <一、报名>须知", [(3, INDENTED), (7, INDENTED)]),
])
def test_an_indented_paragraph_is_found_by_its_whole_first_line(text, problems):
    assert _body(text) == problems


# The same element twice on one line is that line twice, not prose above that mentions its address;
# an element written over two lines is found at its own address, not at an earlier element's <tag.
@pytest.mark.parametrize("text,problems", [
    ('见 https://t.example/p.png\n\n<img src="https://t.example/p.png"><img src="https://t.example/p.png">', [(5, REMOTE)]),
    ('<img src="https://t.example/p.png">\n\n<img\nsrc="https://t.example/p.png">', [(3, REMOTE), (6, REMOTE)]),
])
def test_a_repeated_element_is_named_at_the_line_that_has_it(text, problems):
    assert _body(text) == problems


def test_an_id_is_named_at_the_element_that_has_it():
    # (a heading's {: #… } later in the body is allowed, and is not where the <p id> is)
    assert _body('<p id="jieshao">学校简介</p>\n\n### 具体做法 {: #zuofa }') == [
        (3, "<p> 不能设置 id：只有小标题（## …）可以用 {: #名称 } 设置锚点")]


def test_an_address_after_a_line_break_is_named_at_its_line():
    # the value starts with a line break: the address is on the next line, and so is the message
    assert _body('<a href="\njavascript:alert(1)">点此</a>') == [(4, SCHEME.format("javascript"))]


# casebook.yml's personal_data chooses the rules for front-matter strings too: with only "email", a
# school's switchboard number in a title or a source's address is allowed, an e-mail address is not.
@pytest.mark.parametrize("check", [text_problems, personal_problems])
def test_front_matter_strings_follow_the_personal_data_setting(check):
    assert check("学校总机 13812345678", ("email",)) == []
    assert check("联系 wang@school.example.cn", ("email",)) == ["不能包含电子邮箱地址：联系人信息请写在拉取请求里，不要发布到站点上"]


# What only the line scan sees (in a code span, or written as entities: the render shows it as text)
# still counts as refused, a tag, a handler or an address alike: a raw <img> elsewhere in the body
# then says no more.
@pytest.mark.parametrize("text,message", [
    ('正文里不能写 `<script>`\n\n<img src="huodong.png">', "不允许使用 <script> 标签（可能执行脚本或改变页面）：请删掉它，正文请用 Markdown"),
    ('&lt;script&gt;alert(1)&lt;/script&gt;\n\n<img src="huodong.png">', "不允许使用 <script> 标签（可能执行脚本或改变页面）：请删掉它，正文请用 Markdown"),
    ('不要写 `<b onclick=x>`\n\n<img src="huodong.png">', HANDLER),
    ('不要写 `[点此](javascript:alert(1))`\n\n<img src="huodong.png">', SCHEME.format("javascript")),
])
def test_what_the_line_scan_refused_silences_a_raw_image(text, message):
    assert _body(text) == [(3, message)]


# casebook.yml's personal_data chooses the rules for the body as well.
def test_the_body_follows_the_personal_data_setting():
    body = "学校总机 13812345678，联系 wang@school.example.cn\n"
    assert body_problems(body, 1, Path("."), Path("."), ("email",))[0] == [
        (1, "正文包含电子邮箱地址：联系人信息请写在拉取请求里，不要发布到站点上")]


# The nesting limit reads every line: a horizontal rule is skipped, not the end of the check; and a
# tab before a line's text is a level of indent as four spaces are.
@pytest.mark.parametrize("text,problems", [
    ("* * *\n\n" + "> " * 17 + "引用", [(5, NESTING)]),
    (" " * 68 + "列表", [(3, NESTING)]), ("\t" * 17 + "列表", [(3, NESTING)]),
])
def test_the_nesting_limit_reads_every_line_and_every_indent(text, problems):
    assert _body(text) == problems


# The body's first line is looked at first, like any other: an element or an indented paragraph there
# is named there (not at prose further down that mentions its address, and not left out).
@pytest.mark.parametrize("body,problems", [
    ('<img src="https://t.example/p.png">\n\n图片来自 https://t.example/p.png\n', [(1, REMOTE)]),
    ("    缩进的第一段\n\n文字\n", [(1, INDENTED)]),
])
def test_the_first_line_of_the_body_is_searched_first(body, problems):
    assert body_problems(body, 1, Path("."), Path("."))[0] == problems


# Finding each element's line goes on past one that cannot be located (an address broken over lines),
# and the same element on the very next line is that line.
@pytest.mark.parametrize("text,problems", [
    ('<a\nhref="java\nscript:alert(1)">x</a>\n\n<img src="https://t.example/p.png">', [(4, SCHEME.format("javascript")), (7, REMOTE)]),
    ('<img src="https://t.example/p.png">\n<img src="https://t.example/p.png">', [(3, REMOTE), (4, REMOTE)]),
])
def test_every_element_after_one_found_across_lines_is_named(text, problems):
    assert _body(text) == problems


# An indented paragraph is named at the line that starts it, even when its first line is also a later
# line of an earlier indented block.
@pytest.mark.parametrize("text,lines", [
    ("    (一) 工作目标\n    加强德育\n\n文字\n\n    加强德育", [3, 8]),
    ("    甲\n    甲\n\n文字\n\n    甲", [3, 8]),
])
def test_each_indented_paragraph_at_its_own_first_line(text, lines):
    assert _body(text) == [(n, INDENTED) for n in lines]


# Tabs count as the columns they stand for: nine levels are nine, however indented.
@pytest.mark.parametrize("text,problems", [
    ("-\t" * 9 + "列表", []), ("-\t" * 17 + "列表", [(3, NESTING)]),
    ("\n".join("\t" * i + "- 项" for i in range(16)), []),
])
def test_tabs_count_once_toward_the_nesting_limit(text, problems):
    assert _body(text) == problems


def test_an_indented_paragraph_inside_a_quote_is_named():
    assert _body("> 引文\n>\n>\t\t缩进的一段") == [(5, INDENTED)]
    assert needs_rendered_check(">     五个空格") and not needs_rendered_check(">    四个空格")
