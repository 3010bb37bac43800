"""Write the hostile-input corpus: one case file per attack, plus expected.yml.

Run from anywhere: python tests/hostile/make_corpus.py. Each file starts from a
valid case and changes one thing; expected.yml names the line, field and words
of the message each must get (or `accepted: true`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).parent

BASE = """\
---
title: 恶意输入测试案例{n}
summary: 这是一个用于安全测试的案例摘要，长度需要超过三十个字符才能通过校验规则的检查，内容是虚构的。
region:
  province: 吉林省
scope: 省级
stages: [小学]
topics: [组织建设]
organization: 测试单位
date: 2023-12-05
sources:
  - title: 来源标题示例
    publisher: 某某日报
---

## 主要做法

这是做法。
"""
FM_END = 14  # line where fm_extra lands (the closing --- of BASE); body_extra's text starts on line 20
BODY = 20


def case(n: int, *, fm_extra: str = "", body_extra: str = "", replace: tuple[str, str] | None = None) -> str:
    text = BASE.format(n=n)
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    if fm_extra:
        text = text.replace("\n---\n\n## 主要做法", "\n" + fm_extra + "\n---\n\n## 主要做法")
    return text + body_extra


BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]"""

# name: (content as str or bytes, expectation)
ATTACKS: dict[str, tuple] = {}


def add(name, content, line=None, field=None, words=None, accepted=False):
    ATTACKS[name] = (content, {"accepted": True} if accepted else {"line": line, "field": field, "words": words})


n = iter(range(1, 1000))
# --- input limits
add("too-large", case(next(n), body_extra="\n" + ("很长的正文。" * 50 + "\n") * 300), 1, "file", "256 KB")
add("front-matter-large", case(next(n), fm_extra="x_padding: |\n" + ("  填充内容填充内容填充内容\n" * 1000).rstrip()),
    1, "front_matter", "32 KB")
add("long-line", case(next(n), body_extra="\n" + "长" * 10_001 + "\n"), BODY, "body", "10000 字符上限")
add("invalid-utf8", case(next(n)).encode("utf-8").replace("这是做法".encode(), b"\xff\xfe bad"), 18, "file", "UTF-8")
add("bom-crlf", ("\ufeff" + case(next(n))).replace("\n", "\r\n").encode("utf-8"), accepted=True)
add("nul-byte", case(next(n)).encode("utf-8").replace("这是做法".encode(), b"\x00"), 18, "file", "NUL")
add("empty", "", 1, "file", "空的")
add("whitespace-only", "  \n\n\t\n", 1, "file", "空的")
add("unclosed-front-matter", case(next(n)).replace("\n---\n\n## 主要做法", "\n\n## 主要做法"), 1, "front_matter", "没有结束")
# --- YAML
add("alias-bomb", case(next(n), fm_extra=BILLION_LAUGHS), FM_END, "front_matter", "锚点")
add("alias-only", case(next(n), fm_extra="x: *undefined"), FM_END, "front_matter", "别名")
add("duplicate-keys", case(next(n), fm_extra="scope: 市级"), FM_END, "scope", "第 6 行和第 14 行")
add("python-object-tag", case(next(n), fm_extra="x: !!python/object/apply:os.system ['echo pwned']"),
    FM_END, "front_matter", "YAML 标签")
add("local-tag", case(next(n), fm_extra="x: !custom 1"), FM_END, "front_matter", "YAML 标签")
add("stages-fou", case(next(n), replace=("stages: [小学]", "stages: 否")), 7, "stages", "必须是列表")
add("stages-no-bool", case(next(n), replace=("stages: [小学]", "stages: [小学, no]")), 7, "stages[2]", "真假值")
add("brand-octal", case(next(n), fm_extra="brand: 0333"), FM_END, "brand", "八进制")
add("date-not-padded", case(next(n), replace=("date: 2023-12-05", "date: 2024-6-1")), 10, "date", "2024-06-01")
add("yaml-tab-indent", case(next(n), replace=("  province: 吉林省", "\tprovince: 吉林省")), 5, "front_matter", "YAML")
# --- HTML and links in the body
for tag in ("script", "iframe", "object", "embed", "form", "style"):
    snippet = {"script": "<script>alert(1)</script>", "iframe": '<iframe src="https://evil.example/"></iframe>',
               "object": '<object data="x.swf"></object>', "embed": '<embed src="x.swf">',
               "form": '<form action="https://evil.example/"><input name=q></form>',
               "style": "<style>body{display:none}</style>"}[tag]
    add(f"body-{tag}", case(next(n), body_extra="\n" + snippet + "\n"), BODY, "body", f"<{tag}>")
add("body-script-uppercase", case(next(n), body_extra="\n<SCRIPT >alert(1)</SCRIPT>\n"), BODY, "body", "<script>")
add("body-onerror", case(next(n), body_extra='\n<img src="a.png" onerror="alert(1)">\n'), BODY, "body", "on*=")
add("body-svg-onload", case(next(n), body_extra="\n<svg onload=alert(1)></svg>\n"), BODY, "body", "<svg>")
add("attr-list-onclick", case(next(n), body_extra='\n[点这里](https://example.org/){ onclick="alert(1)" }\n'),
    BODY, "body", "on*=")
add("attr-list-onclick-nospace", case(next(n), body_extra="\n[点这里](https://example.org/){onclick=alert(1)}\n"),
    BODY, "body", "onclick")
add("link-javascript", case(next(n), body_extra="\n[点这里](javascript:alert(1))\n"), BODY, "body", "javascript:")
add("link-javascript-entity", case(next(n), body_extra="\n[点这里](jav&#x61;script:alert(1))\n"), BODY, "body", "javascript:")
add("link-javascript-spaced", case(next(n), body_extra="\n<a href=\" java\tscript:alert(1)\">x</a>\n"), BODY, "body",
    "javascript:")
add("link-vbscript", case(next(n), body_extra="\n[点这里](vbscript:msgbox)\n"), BODY, "body", "vbscript:")
add("link-data", case(next(n), body_extra="\n[点这里](data:text/html;base64,PHNjcmlwdD4=)\n"), BODY, "body", "data:")
add("image-data", case(next(n), body_extra="\n![图](data:image/svg+xml;base64,PHN2Zz4=)\n"), BODY, "body", "data:")
add("autolink-javascript", case(next(n), body_extra="\n<javascript:alert(1)>\n"), BODY, "body", "javascript:")
add("reference-link-javascript", case(next(n), body_extra="\n[点这里][a]\n\n[a]: javascript:alert(1)\n"), 22, "body",
    "javascript:")
add("remote-image", case(next(n), body_extra="\n![图](https://evil.example/track.png)\n"), BODY, "body", "外部图片")
add("remote-image-protocol-relative", case(next(n), body_extra="\n![图](//evil.example/track.png)\n"), BODY, "body",
    "外部图片")
add("remote-image-html", case(next(n), body_extra='\n<img src="http://evil.example/t.png">\n'), BODY, "body", "外部图片")
# --- front matter values
add("title-script", case(next(n), replace=("title: 恶意输入测试案例", "title: <script>alert(1)</script>恶意")),
    2, "title", "<script>")
add("summary-html", case(next(n), replace=("summary: 这是", 'summary: <img src=x onerror=alert(1)>这是')),
    3, "summary", "尖括号")
add("source-title-javascript", case(next(n), replace=("  - title: 来源标题示例", "  - title: javascript:alert(1)")),
    12, "sources[1].title", "javascript:")
add("source-url-javascript", case(next(n), fm_extra="", replace=("    publisher: 某某日报", "    publisher: 某某日报\n    url: javascript:alert(1)")),
    14, "sources[1].url", "http")
add("metric-label-html", case(next(n), fm_extra="metrics:\n  - {label: <b onclick=x>学校</b>, value: 1, unit: 所}"),
    15, "metrics[1].label", "尖括号")
# --- paths
add("cover-parent", case(next(n), fm_extra="cover: ../../../etc/passwd.png"), FM_END, "cover", "..")
add("cover-absolute", case(next(n), fm_extra="cover: /etc/passwd.png"), FM_END, "cover", "绝对路径")
add("cover-url", case(next(n), fm_extra="cover: https://evil.example/a.png"), FM_END, "cover", "网址")
add("image-parent", case(next(n), body_extra="\n![图](../../../etc/passwd.png)\n"), BODY, "body", "..")
add("image-absolute", case(next(n), body_extra="\n![图](/etc/passwd.png)\n"), BODY, "body", "绝对路径")
# --- inputs that make Python-Markdown slow (quadratic "[") or recurse (deep nesting)
add("bracket-flood", case(next(n), body_extra="\n" + "[" * 9_000 + "\n"), BODY, "body", "方括号 [ 过多")
add("deep-nesting", case(next(n), body_extra="\n" + "\n".join(" " * (2 * i) + "- 项" for i in range(200)) + "\n"),
    BODY + 34, "body", "嵌套过深")
add("deep-blockquote", case(next(n), body_extra="\n" + ">" * 5000 + " 引用\n"), BODY, "body", "嵌套过深")
# --- personal data
add("mobile-number", case(next(n), body_extra="\n联系人：王老师，13912345678。\n"), BODY, "body", "手机号码")
add("mobile-number-spaced", case(next(n), body_extra="\n电话 139-1234-5678。\n"), BODY, "body", "手机号码")
add("landline-number", case(next(n), body_extra="\n办公电话：0915-6321234。\n"), BODY, "body", "固定电话号码")
add("id-number", case(next(n), body_extra="\n身份证 610922199001011234。\n"), BODY, "body", "身份证号码")
add("email-address", case(next(n), body_extra="\n来信请寄 teacher@example.com。\n"), BODY, "body", "电子邮箱地址")
add("organization-phone", case(next(n), replace=("organization: 测试单位", "organization: 测试单位（13912345678）")),
    9, "organization", "手机号码")

# --- containment (issue 13): what a deny-list let through, refused by the allow-list
add("style-url-pixel", case(next(n), body_extra='\n<div style="background:url(https://tracker.example.com/p.gif)">X</div>\n'),
    BODY, "body", "style 属性")
add("style-image-set", case(next(n), body_extra="\n<div style=\"background-image:image-set('https://t.example.com/p.gif' 1x)\">X</div>\n"),
    BODY, "body", "style 属性")
add("video-poster", case(next(n), body_extra='\n<video poster="https://t.example.com/p.gif"></video>\n'), BODY, "body", "<video>")
add("overlay-phishing", case(next(n), body_extra='\n<div style="position:fixed;top:0;left:0;width:100%;height:100%;'
                                                'background:#fff;z-index:9999"><a href="https://phish.example.com">请重新登录</a></div>\n'),
    BODY, "body", "style 属性")
add("attr-list-overlay", case(next(n), body_extra='\n请重新登录\n{: style="position:fixed;top:0;left:0;width:100%;height:100%" }\n'),
    BODY + 1, "body", "style 属性")
add("audio-source", case(next(n), body_extra='\n<audio controls><source src="https://t.example.com/a.mp3"></audio>\n'),
    BODY, "body", "<audio>")
add("picture-srcset", case(next(n), body_extra='\n<picture><source srcset="https://t.example.com/a.webp"></picture>\n'),
    BODY, "body", "<picture>")
add("attr-list-class", case(next(n), body_extra='\n请重新登录\n{: .md-dialog }\n'), BODY + 1, "body", "class “md-dialog”")
add("link-target", case(next(n), body_extra='\n<a href="https://example.org/" target="_top">x</a>\n'), BODY, "body", "target")
add("span-unknown", case(next(n), body_extra='\n<span>文字</span>\n'), BODY, "body", "<span>")
# what case writers may use (the allow-list's own entries, and Markdown's tables and notes): accepted
add("allowed-html", case(next(n), body_extra=(
    "\n面积 100 m<sup>2</sup>，H<sub>2</sub>O，<abbr title=\"党组织领导的校长负责制\">校长负责制</abbr>，<mark>重点</mark>。\n\n"
    "<details><summary>补充材料</summary>\n\n这是可以展开的补充材料。\n\n</details>\n\n"
    "| 项目 | 数量 |\n|:--|--:|\n| 学校<br>（所） | 12 |\n\n"
    "!!! note \"说明\"\n    提示框里的文字。\n\n### 小标题 {: #xiao-biao-ti }\n\n[外部链接](https://example.org/)\n")), accepted=True)


def main() -> None:
    for old in HERE.glob("*.md"):
        old.unlink()
    expected = {}
    for name, (content, expectation) in ATTACKS.items():
        path = HERE / f"{name}.md"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        expected[name] = expectation
    with open(HERE / "expected.yml", "w", encoding="utf-8") as f:
        f.write("# Generated by make_corpus.py: what each hostile file must get from the validator.\n")
        yaml.safe_dump(expected, f, allow_unicode=True, sort_keys=False)
    print(f"{len(ATTACKS)} hostile files written")


if __name__ == "__main__":
    main()
