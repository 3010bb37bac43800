"""Write the hostile-input corpus: one case file per attack or probe.

Run from anywhere: python tests/hostile/make_corpus.py. Each file starts from a
valid case and changes one thing. What the validator must say about each file is
pinned in expected.yml, word for word with line and field (or `accepted: true`);
that file is kept by hand, reviewed message by message.
`python tests/hostile/make_corpus.py --show NAME…` prints what the validator says
now, in expected.yml's form, to review a new probe or a changed message.
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

# name: content as str or bytes
ATTACKS: dict[str, str | bytes] = {}


def add(name, content):
    assert name not in ATTACKS, name
    ATTACKS[name] = content


n = iter(range(1, 1000))
# --- input limits
add("too-large", case(next(n), body_extra="\n" + ("很长的正文。" * 50 + "\n") * 300))
add("front-matter-large", case(next(n), fm_extra="x_padding: |\n" + ("  填充内容填充内容填充内容\n" * 1000).rstrip()))
add("long-line", case(next(n), body_extra="\n" + "长" * 10_001 + "\n"))
add("invalid-utf8", case(next(n)).encode("utf-8").replace("这是做法".encode(), b"\xff\xfe bad"))
add("bom-crlf", ("\ufeff" + case(next(n))).replace("\n", "\r\n").encode("utf-8"))
add("nul-byte", case(next(n)).encode("utf-8").replace("这是做法".encode(), b"\x00"))
add("empty", "")
add("whitespace-only", "  \n\n\t\n")
add("unclosed-front-matter", case(next(n)).replace("\n---\n\n## 主要做法", "\n\n## 主要做法"))
# --- YAML
add("alias-bomb", case(next(n), fm_extra=BILLION_LAUGHS))
add("alias-only", case(next(n), fm_extra="x: *undefined"))
add("duplicate-keys", case(next(n), fm_extra="scope: 市级"))
add("python-object-tag", case(next(n), fm_extra="x: !!python/object/apply:os.system ['echo pwned']"))
add("local-tag", case(next(n), fm_extra="x: !custom 1"))
add("stages-fou", case(next(n), replace=("stages: [小学]", "stages: 否")))
add("stages-no-bool", case(next(n), replace=("stages: [小学]", "stages: [小学, no]")))
add("brand-octal", case(next(n), fm_extra="brand: 0333"))
add("date-not-padded", case(next(n), replace=("date: 2023-12-05", "date: 2024-6-1")))
add("yaml-tab-indent", case(next(n), replace=("  province: 吉林省", "\tprovince: 吉林省")))
# --- HTML and links in the body
for tag in ("script", "iframe", "object", "embed", "form", "style"):
    snippet = {"script": "<script>alert(1)</script>", "iframe": '<iframe src="https://evil.example/"></iframe>',
               "object": '<object data="x.swf"></object>', "embed": '<embed src="x.swf">',
               "form": '<form action="https://evil.example/"><input name=q></form>',
               "style": "<style>body{display:none}</style>"}[tag]
    add(f"body-{tag}", case(next(n), body_extra="\n" + snippet + "\n"))
add("body-script-uppercase", case(next(n), body_extra="\n<SCRIPT >alert(1)</SCRIPT>\n"))
add("body-onerror", case(next(n), body_extra='\n<img src="a.png" onerror="alert(1)">\n'))
add("body-svg-onload", case(next(n), body_extra="\n<svg onload=alert(1)></svg>\n"))
add("attr-list-onclick", case(next(n), body_extra='\n[点这里](https://example.org/){ onclick="alert(1)" }\n'))
add("attr-list-onclick-nospace", case(next(n), body_extra="\n[点这里](https://example.org/){onclick=alert(1)}\n"))
add("link-javascript", case(next(n), body_extra="\n[点这里](javascript:alert(1))\n"))
add("link-javascript-entity", case(next(n), body_extra="\n[点这里](jav&#x61;script:alert(1))\n"))
add("link-javascript-spaced", case(next(n), body_extra="\n<a href=\" java\tscript:alert(1)\">x</a>\n"))
add("link-vbscript", case(next(n), body_extra="\n[点这里](vbscript:msgbox)\n"))
add("link-data", case(next(n), body_extra="\n[点这里](data:text/html;base64,PHNjcmlwdD4=)\n"))
add("image-data", case(next(n), body_extra="\n![图](data:image/svg+xml;base64,PHN2Zz4=)\n"))
add("autolink-javascript", case(next(n), body_extra="\n<javascript:alert(1)>\n"))
add("reference-link-javascript", case(next(n), body_extra="\n[点这里][a]\n\n[a]: javascript:alert(1)\n"))
add("remote-image", case(next(n), body_extra="\n![图](https://evil.example/track.png)\n"))
add("remote-image-protocol-relative", case(next(n), body_extra="\n![图](//evil.example/track.png)\n"))
add("remote-image-html", case(next(n), body_extra='\n<img src="http://evil.example/t.png">\n'))
# --- front matter values
add("title-script", case(next(n), replace=("title: 恶意输入测试案例", "title: <script>alert(1)</script>恶意")))
add("summary-html", case(next(n), replace=("summary: 这是", 'summary: <img src=x onerror=alert(1)>这是')))
add("source-title-javascript", case(next(n), replace=("  - title: 来源标题示例", "  - title: javascript:alert(1)")))
add("source-url-javascript", case(next(n), fm_extra="", replace=("    publisher: 某某日报", "    publisher: 某某日报\n    url: javascript:alert(1)")))
add("metric-label-html", case(next(n), fm_extra="metrics:\n  - {label: <b onclick=x>学校</b>, value: 1, unit: 所}"))
# --- paths
add("cover-parent", case(next(n), fm_extra="cover: ../../../etc/passwd.png"))
add("cover-absolute", case(next(n), fm_extra="cover: /etc/passwd.png"))
add("cover-url", case(next(n), fm_extra="cover: https://evil.example/a.png"))
add("image-parent", case(next(n), body_extra="\n![图](../../../etc/passwd.png)\n"))
add("image-absolute", case(next(n), body_extra="\n![图](/etc/passwd.png)\n"))
# --- inputs that make Python-Markdown slow (quadratic "[") or recurse (deep nesting)
add("bracket-flood", case(next(n), body_extra="\n" + "[" * 9_000 + "\n"))
add("deep-nesting", case(next(n), body_extra="\n" + "\n".join(" " * (2 * i) + "- 项" for i in range(200)) + "\n"))
add("deep-blockquote", case(next(n), body_extra="\n" + ">" * 5000 + " 引用\n"))
# --- personal data
add("mobile-number", case(next(n), body_extra="\n联系人：王老师，13912345678。\n"))
add("mobile-number-spaced", case(next(n), body_extra="\n电话 139-1234-5678。\n"))
add("landline-number", case(next(n), body_extra="\n办公电话：0915-6321234。\n"))
add("id-number", case(next(n), body_extra="\n身份证 610922199001011234。\n"))
add("email-address", case(next(n), body_extra="\n来信请寄 teacher@example.com。\n"))
add("organization-phone", case(next(n), replace=("organization: 测试单位", "organization: 测试单位（13912345678）")))

# --- containment (issue 13): what a deny-list let through, refused by the allow-list
add("style-url-pixel", case(next(n), body_extra='\n<div style="background:url(https://tracker.example.com/p.gif)">X</div>\n'))
add("style-image-set", case(next(n), body_extra="\n<div style=\"background-image:image-set('https://t.example.com/p.gif' 1x)\">X</div>\n"))
add("video-poster", case(next(n), body_extra='\n<video poster="https://t.example.com/p.gif"></video>\n'))
add("overlay-phishing", case(next(n), body_extra='\n<div style="position:fixed;top:0;left:0;width:100%;height:100%;'
                                                'background:#fff;z-index:9999"><a href="https://phish.example.com">请重新登录</a></div>\n'))
add("attr-list-overlay", case(next(n), body_extra='\n请重新登录\n{: style="position:fixed;top:0;left:0;width:100%;height:100%" }\n'))
add("audio-source", case(next(n), body_extra='\n<audio controls><source src="https://t.example.com/a.mp3"></audio>\n'))
add("picture-srcset", case(next(n), body_extra='\n<picture><source srcset="https://t.example.com/a.webp"></picture>\n'))
add("attr-list-class", case(next(n), body_extra='\n请重新登录\n{: .md-dialog }\n'))
add("link-target", case(next(n), body_extra='\n<a href="https://example.org/" target="_top">x</a>\n'))
add("span-unknown", case(next(n), body_extra='\n<span>文字</span>\n'))
# what case writers may use (the allow-list's own entries, and Markdown's tables and notes): accepted
add("allowed-html", case(next(n), body_extra=(
    "\n面积 100 m<sup>2</sup>，H<sub>2</sub>O，<abbr title=\"党组织领导的校长负责制\">校长负责制</abbr>，<mark>重点</mark>。\n\n"
    "<details><summary>补充材料</summary>\n\n这是可以展开的补充材料。\n\n</details>\n\n"
    "| 项目 | 数量 |\n|:--|--:|\n| 学校<br>（所） | 12 |\n\n"
    "!!! note \"说明\"\n    提示框里的文字。\n\n### 小标题 {: #xiao-biao-ti }\n\n[外部链接](https://example.org/)\n")))


# --- issue 21: what slipped through, and other forms of the same things
# personal data inside code: a fence hides nothing (and is refused: the site does not show code)
add("pd-fence-backtick", case(next(n), body_extra="\n```\n联系电话 13812345678\n```\n"))
add("pd-fence-tilde", case(next(n), body_extra="\n~~~\n来信 zhangsan@example.com\n~~~\n"))
add("pd-fence-one-line", case(next(n), body_extra="\n```bash```\n\n身份证 610922199001011234。\n"))
add("pd-inline-code", case(next(n), body_extra="\n电话 `13812345678`。\n"))
add("pd-indented-code", case(next(n), body_extra="\n    联系电话 13812345678\n"))
# personal data in disguise: what a browser draws as the same characters
add("pd-fullwidth-digits", case(next(n), body_extra="\n联系电话１３８１２３４５６７８。\n"))
add("pd-entity-digit", case(next(n), body_extra="\n联系电话 &#49;3812345678。\n"))
add("pd-entity-hex", case(next(n), body_extra="\n联系电话 &#x31;&#x33;812345678。\n"))
add("pd-entity-email", case(next(n), body_extra="\n来信 zhangsan&#64;example.com。\n"))
add("pd-zero-width", case(next(n), body_extra="\n联系电话 138\u200b1234\u200d5678。\n"))
add("pd-soft-hyphen", case(next(n), body_extra="\n联系电话 138\u00ad1234\u00ad5678。\n"))
add("pd-combining-marks", case(next(n), body_extra="\n联系电话 " + "".join(d + "\u0332" for d in "13812345678") + "。\n"))
add("pd-math-digits", case(next(n), body_extra="\n联系电话 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖。\n"))
add("pd-circled-digits", case(next(n), body_extra="\n联系电话 ①③⑧①②③④⑤⑥⑦⑧。\n"))
add("pd-arabic-indic-digits", case(next(n), body_extra="\n联系电话 ١٣٨١٢٣٤٥٦٧٨。\n"))
add("pd-chinese-numerals", case(next(n), body_extra="\n联系电话 幺三八一二三四五六七八。\n"))
add("pd-country-code", case(next(n), body_extra="\n联系电话 +8613812345678。\n"))
add("pd-spaced-digits", case(next(n), body_extra="\n联系电话 1 3 8 1 2 3 4 5 6 7 8。\n"))
add("pd-dotted", case(next(n), body_extra="\n联系电话 138.1234.5678。\n"))
add("pd-emphasis-split", case(next(n), body_extra="\n联系电话 138**1234**5678。\n"))
add("pd-comment-split", case(next(n), body_extra="\n联系电话 138<!-- 分开 -->12345678。\n"))
add("pd-line-break", case(next(n), body_extra="\n联系电话 138\n12345678。\n"))
add("pd-mailto-percent", case(next(n), body_extra="\n[写信](mailto:zhangsan%40example.com)\n"))
add("pd-email-at-word", case(next(n), body_extra="\n来信 zhangsan(at)example.com。\n"))
add("pd-email-fullwidth-at", case(next(n), body_extra="\n来信 zhangsan＠example.com。\n"))
add("pd-id-spaced", case(next(n), body_extra="\n身份证 610922 19900101 1234。\n"))
add("pd-id-old", case(next(n), body_extra="\n身份证 610922900101123。\n"))
add("pd-abbr-title", case(next(n), body_extra='\n<abbr title="13812345678">王老师</abbr>\n'))
add("pd-title-fullwidth", case(next(n), replace=("title: 恶意输入测试案例", "title: 联系１３８１２３４５６７８案例")))
add("pd-summary-entity", case(next(n), replace=("summary: 这是", "summary: 来信 zhangsan&#64;example.com。这是")))
add("pd-source-url", case(next(n), replace=("    publisher: 某某日报", "    publisher: 某某日报\n    url: https://example.org/?tel=13812345678")))
add("pd-source-note", case(next(n), replace=("    publisher: 某某日报", "    publisher: 某某日报\n    note: 联系 13812345678")))
add("pd-metric-label", case(next(n), fm_extra="metrics:\n  - {label: 13812345678, value: 1, unit: 所}"))
add("pd-yaml-escape", case(next(n), replace=("organization: 测试单位", 'organization: "测试单位\\uff11\\uff13\\uff18\\uff11\\uff12\\uff13\\uff14\\uff15\\uff16\\uff17\\uff18"')))
# characters that change what is shown
add("bidi-override", case(next(n), body_extra="\n联系电话 \u202e87654321831\u202c。\n"))
add("control-in-body", case(next(n), body_extra="\n做法\x1b[2J说明。\n"))
add("control-in-tag", case(next(n), fm_extra='tags: ["\\e[31m红色"]'))
# impossible numbers
add("metric-nan", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: .nan, unit: 所}"))
add("metric-inf", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: .inf, unit: 个}"))
add("metric-overflow", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: 1.0e+400, unit: 个}"))
add("metric-negative", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: -5, unit: 所}"))
add("metric-exponent-text", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: 1e400, unit: 所}"))
add("metric-exponent-small", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: 1e3, unit: 所}"))
add("metric-thousands", case(next(n), fm_extra='metrics:\n  - {label: 学校数, value: "1,798", unit: 所}'))
add("metric-5000-digits", case(next(n), fm_extra="metrics:\n  - {label: 学校数, value: " + "9" * 5000 + ", unit: 所}"))
# boilerplate: the template's body, `casebook new`'s body, and a required section with nothing under it
add("template-body", case(next(n), replace=("## 主要做法\n\n这是做法。\n", "## 背景\n\n用自己的话写清楚这项工作的起因：面对什么问题，依据什么政策。\n\n"
                                                              "## 主要做法\n\n必填。分条写清楚具体做法：谁、做了什么、怎么做的。\n")))
add("new-body", case(next(n), replace=("## 主要做法\n\n这是做法。\n", "## 背景\n\n<!-- 用自己的话写清楚这项工作的起因：面对什么问题，依据什么政策。 -->\n\n"
                                                         "## 主要做法\n\n<!-- 必填。分条写清楚具体做法：谁、做了什么、怎么做的。 -->\n")))
add("empty-required-section", case(next(n), replace=("## 主要做法\n\n这是做法。\n", "## 主要做法\n\n## 工作成效\n\n这是成效。\n")))
add("hint-left-with-text", case(next(n), replace=("这是做法。\n", "这是做法。\n\n<!-- 必填。分条写清楚具体做法：谁、做了什么、怎么做的。 -->\n")))
# a broken sources list says so once, not once more per metric that cites it
_CITED = "metrics:\n  - {label: 学校数, value: 1, unit: 所, source: 1}\n  - {label: 教师数, value: 2, unit: 名, source: 1}"
add("sources-mapping", case(next(n), replace=("sources:\n  - title: 来源标题示例\n    publisher: 某某日报",
                                              "sources:\n  title: 来源标题示例\n  publisher: 某某日报"), fm_extra=_CITED))
add("sources-string", case(next(n), replace=("sources:\n  - title: 来源标题示例\n    publisher: 某某日报", "sources: 某某日报"), fm_extra=_CITED))
add("sources-empty-list", case(next(n), replace=("sources:\n  - title: 来源标题示例\n    publisher: 某某日报", "sources: []"), fm_extra=_CITED))
add("sources-missing", case(next(n), replace=("sources:\n  - title: 来源标题示例\n    publisher: 某某日报\n", ""), fm_extra=_CITED))
# misleading messages
add("date-quoted", case(next(n), replace=("date: 2023-12-05", 'date: "2023-12-05"')))
add("source-date-quoted", case(next(n), replace=("    publisher: 某某日报", "    publisher: 某某日报\n    date: '2023-12-05'")))
add("utf16-bom", case(next(n)).encode("utf-16"))
add("utf16-no-bom", case(next(n)).encode("utf-16-le"))
add("setext-h1", case(next(n), body_extra="\n大标题\n===\n\n正文。\n"))
add("setext-h1-with-link", case(next(n), body_extra="\n大标题\n===\n\n见[来源](https://example.org/)。\n"))
add("raw-h1", case(next(n), body_extra="\n<h1>大标题</h1>\n"))
add("hash-no-space", case(next(n), body_extra="\n#清廉学校#\n"))
add("link-javascript-two-lines", case(next(n), body_extra='\n说明。\n\n<a href="java\nscript:alert(1)">x</a>\n'))
add("city-same-as-municipality", case(next(n), replace=("  province: 吉林省", "  province: 北京市\n  city: 北京市")))
add("city-of-hong-kong", case(next(n), replace=("  province: 吉林省", "  province: 香港特别行政区\n  city: 香港")))
add("county-of-dongguan", case(next(n), replace=("  province: 吉林省", "  province: 广东省\n  city: 东莞市\n  county: 南城区")))
add("county-is-a-city", case(next(n), replace=("  province: 吉林省", "  province: 广东省\n  county: 东莞市")))
# accepted: a heading with no space after its #s is a heading, as Python-Markdown renders it
add("heading-no-space", case(next(n), replace=("## 主要做法", "##主要做法")))


def show(names) -> None:
    """What the validator says now about the named files, in expected.yml's form (to review, then pin)."""
    import shutil
    import sys
    import tempfile

    sys.path.insert(0, str(HERE.parent))
    from casebook.check.library import load_library
    from casefixtures import REPO, TODAY

    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "cases" / "hostile").mkdir(parents=True)
            shutil.copy(REPO / "cases" / "_taxonomy.yml", root / "cases")
            shutil.copy(HERE / f"{name}.md", root / "cases" / "hostile")
            library = load_library(root, today=TODAY)
            found = [{"line": p.line, "field": p.field, "message": p.message} for p in library.problems]
            entry = {"problems": found} if found else {"accepted": True}
            print(yaml.safe_dump({name: entry}, allow_unicode=True, sort_keys=False, width=1000), end="")


def main() -> None:
    for old in HERE.glob("*.md"):
        old.unlink()
    for name, content in ATTACKS.items():
        (HERE / f"{name}.md").write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    print(f"{len(ATTACKS)} hostile files written; their expectations are in expected.yml")


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--show"]:
        show(sys.argv[2:] or list(ATTACKS))
    else:
        main()
