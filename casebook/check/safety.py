"""Rules for strangers' content: no script, no remote or escaping resources, no personal data.

Case files arrive in pull requests and are published under an education
authority's name. Markdown bodies may contain raw HTML and attribute lists, so
the body is checked twice: line by line (precise line numbers for the usual
cases) and as rendered HTML (whatever the line scan missed, e.g. entity
obfuscation or reference-style links).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from casebook.check import personaldata as personal
from casebook.model.media import IMAGE_RE as _MD_IMAGE_RE
from casebook.model.markdown import render_body
from casebook.model.media import file_part

DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "form", "style", "frame", "frameset", "applet",
                  "base", "meta", "link", "svg", "math", "template", "noscript", "input", "button", "textarea")
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# Python-Markdown is quadratic in unmatched "[" and recursive in nesting: bound both before rendering.
MAX_BRACKETS = 500
MAX_NESTING = 16
MAX_IMAGE_BYTES = 1024 * 1024

_TAG_RE = re.compile(r"<\s*/?\s*(" + "|".join(DANGEROUS_TAGS) + r")\b", re.I)
# Runs stop at the next opener ([^<>], [^{}], [^[\]]) so each regex scans a line in linear time.
_ON_ATTR_RE = re.compile(r"(?:<[^<>]*?[\s\"'/]|\{[^{}]*?[\s{.#])(on[a-z]+)\s*=", re.I)
_MD_LINK_RE = re.compile(r"(?<!!)\[[^\[\]]*\]\(\s*<?([^)\s>]+)")
_REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
_HTML_URL_RE = re.compile(r"\b(?:href|src|srcset|action|formaction|data|poster|background)\s*=\s*"
                          r"(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)

# Characters no text needs that change what is shown: control characters (a terminal obeys them when a
# message echoes the value) and bidirectional overrides (1234 can be drawn as 4321).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def hidden_characters(text: str) -> list[str]:
    """Messages for control characters and direction overrides in ``text`` (each kind once)."""
    out = []
    control = _CONTROL_RE.search(text)
    if control:
        out.append(f"含有控制字符 U+{ord(control.group()):04X}（看不见，但会发布出去），请删除")
    bidi = _BIDI_RE.search(text)
    if bidi:
        out.append(f"含有改变文字方向的字符 U+{ord(bidi.group()):04X}：它会让页面上显示的文字与实际内容不同，请删除")
    return out


def _squash(text: str) -> str:
    """Undo the usual obfuscations: entities, percent-escapes, control and blank characters, case."""
    text = html.unescape(unquote(html.unescape(text)))
    return re.sub(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+", "", text).lower()


def tag_message(tag: str) -> str:
    return f"不允许使用 <{tag}> 标签（可能执行脚本或改变页面）：请删掉它，正文请用 Markdown"


def handler_message(name: str) -> str:
    return f"不允许使用 {name}= 事件属性（点击或载入时会执行脚本）：请删掉它"


def remote_image_message(label: str) -> str:
    return f"{label}不能用网址：不允许引用外部图片（隐私和离线要求），请把图片放进 cases/ 目录，用相对路径引用"


def url_problem(url: str) -> str | None:
    """Why a link target is refused, or None."""
    scheme = _squash(url).split(":", 1)[0] if ":" in _squash(url) else ""
    if scheme in ("javascript", "vbscript", "data", "file", "livescript", "mocha"):
        return f"不允许使用 {scheme}: 链接：链接只能用 http://、https:// 开头的网址或相对路径"
    return None


def text_problems(text: str) -> list[str]:
    """Problems in a front-matter string (rendered escaped, but refused all the same)."""
    out = []
    if _TAG_RE.search(text) or _TAG_RE.search(html.unescape(text)):
        out.append("不能包含可执行的 HTML（如 <script>、<iframe>、<style>）：请删掉它")
    if re.search(r"\bon[a-z]+\s*=", text, re.I) and "<" in text:
        out.append("不能包含 on*= 事件属性：请删掉它")
    if re.search(r"(?:javascript|vbscript)\s*:", _squash(text)):
        out.append("不能包含 javascript:/vbscript: 链接：请删掉它")
    return out + personal_problems(text) + [f"不能{m}" for m in hidden_characters(text)]


def personal_problems(text: str) -> list[str]:
    """Personal data in a front-matter string (a source's address too: it is printed on the page)."""
    return [f"不能包含{name}：联系人信息请写在拉取请求里，不要发布到站点上" for name in personal.found(text)]


class _HtmlScan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (message, evidence to locate the line)
        self.images: list[str] = []  # local <img src> values
        self.code_blocks: list[str] = []  # the first line of each <pre>'s text
        self._in_pre = False

    def handle_data(self, data):
        if self._in_pre and data.strip():
            self.code_blocks.append(data.strip().split("\n")[0])
            self._in_pre = False

    def handle_starttag(self, tag, attrs):
        self._in_pre = self._in_pre or tag == "pre"
        if tag in DANGEROUS_TAGS:
            self.found.append((tag_message(tag), f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((handler_message(name), name))
            if name in URL_ATTRS and value:
                for url in (v.strip().split(" ")[0] for v in value.split(",")) if name == "srcset" else [value]:
                    problem = url_problem(url)
                    if problem:
                        self.found.append((problem, url[:20]))
                    elif tag == "img" and name in ("src", "srcset") and _is_remote(url):
                        self.found.append((remote_image_message("图片"), url[:40]))
                    elif tag == "img" and name in ("src", "srcset"):
                        self.images.append(url)

    handle_startendtag = handle_starttag


def _is_remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or url.strip().startswith("//")


def local_image_problem(url: str, case_dir: Path, cases_dir: Path, label: str = "图片") -> str | None:
    """An image (a cover or one in the body): a .jpg/.png/.webp file of at most 1 MB inside cases/,
    given relative to the case file. ``label`` names it in the message."""
    problem = url_problem(url)
    if problem:
        return problem
    if _is_remote(url) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url.strip()):
        return remote_image_message(label)
    path = file_part(url)
    pure = PurePosixPath(path)
    if pure.is_absolute() or "\\" in path or ".." in pure.parts:
        return f"{label}必须是相对于案例文件的相对路径，不能用绝对路径或 .."
    if pure.suffix.lower() not in IMAGE_SUFFIXES:
        return f"{label}只能是 {'、'.join(IMAGE_SUFFIXES)} 格式"
    target = case_dir / pure
    try:
        target.resolve().relative_to(cases_dir.resolve())
    except (ValueError, OSError):
        return f"{label}路径指向了 cases/ 目录之外（可能是符号链接），不允许"
    if not target.is_file():
        return f"找不到{label} {path}（相对于案例文件所在目录）"
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"{label}超过 1 MB（{size} 字节），请压缩"
    return None


# Without these characters Markdown makes no link, image, raw HTML or attribute list: the
# elements it can make (headings, lists, emphasis, tables, admonitions) carry no URL or handler.
_MARKUP_CHARS = ("<", "[", "{")


def needs_rendered_check(body: str) -> bool:
    """Whether the rendered pass can find anything the line scan did not: plain prose skips a
    Markdown render (half the cost of validating a typical case)."""
    return any(c in body for c in _MARKUP_CHARS) or INDENTED_RE.search(body) is not None


FENCE_RE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
# a line Markdown shows as a code block: four columns of indent (tabs stop every 4), outside a list
INDENTED_RE = re.compile(r"^(?: {4}| {0,3}\t)", re.M)


def body_problems(body: str, first_line: int, case_dir: Path, cases_dir: Path) -> tuple[list[tuple[int, str]], list[str]]:
    """(line, message) pairs for the body, and the local images it references (as written)."""
    found: list[tuple[int, str]] = []
    images: list[str] = []
    lines = body.split("\n")
    hidden = bool(hidden_characters(body))  # a line is looked at only when the body has one
    for i, line in enumerate(lines):
        n = first_line + i
        if FENCE_RE.match(line):
            found.append((n, "正文不能用 ``` 或 ~~~ 代码块：案例页面是写给读者的文字，不展示代码；请改成普通段落或列表"))
        if _TAG_RE.search(line) or _TAG_RE.search(html.unescape(line)):
            tag = (_TAG_RE.search(line) or _TAG_RE.search(html.unescape(line))).group(1).lower()
            found.append((n, tag_message(tag)))
        for handler in dict.fromkeys(name.lower() for name in _ON_ATTR_RE.findall(line)):
            found.append((n, handler_message(handler)))
        for url in _MD_IMAGE_RE.findall(line):
            problem = local_image_problem(url, case_dir, cases_dir)
            if problem:
                found.append((n, problem))
            else:
                images.append(url)
        html_urls = ["".join(groups) for groups in _HTML_URL_RE.findall(line)]
        for url in _MD_LINK_RE.findall(line) + _AUTOLINK_RE.findall(line) + html_urls + _REF_DEF_RE.findall(line):
            problem = url_problem(url)
            if problem:
                found.append((n, problem))
        if hidden:
            found += [(n, f"正文{message}") for message in hidden_characters(line)]
    # what a reader will see: lines of a paragraph read together, entities and look-alike digits undone
    found += [(first_line + i, f"正文包含{name}：联系人信息请写在拉取请求里，不要发布到站点上")
              for i, name in personal.found_in_lines(lines)]
    if body.count("[") > MAX_BRACKETS:
        seen_brackets, at = 0, first_line
        for i, line in enumerate(lines):  # name the line where the limit is crossed
            seen_brackets += line.count("[")
            if seen_brackets > MAX_BRACKETS:
                at = first_line + i
                break
        found.append((at, f"正文中方括号 [ 过多（{body.count('[')} 个，上限 {MAX_BRACKETS}），请检查格式"))
        return sorted(set(found)), images
    for i, line in enumerate(lines):
        depth = max(len(line) - len(line.lstrip(" \t")), 0) // 4 + len(re.match(r"[>\s]*", line).group(0).replace(" ", ""))
        if depth > MAX_NESTING:
            found.append((first_line + i, f"列表或引用嵌套过深（超过 {MAX_NESTING} 层），请简化"))
            return sorted(set(found)), images
    if not needs_rendered_check(body):
        return sorted(set(found)), images
    # Second pass over the rendered HTML catches what the line scan cannot see.
    seen = {msg for _, msg in found}
    scan = _HtmlScan()
    rendered = ""
    try:
        rendered = render_body(body)
        scan.feed(rendered)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError) as err:
        # a Markdown crash is the contributor's problem to see, not a traceback
        found.append((first_line, f"正文无法解析为 Markdown（{type(err).__name__}），请简化格式"))
    for message, evidence in scan.found:
        if message in seen or any(message in m for m in seen):
            continue
        found.append((line_of(lines, first_line, (evidence,)), message))
        seen.add(message)
    for code in scan.code_blocks:  # an indented paragraph, not a fence (refused above)
        at = line_of(lines, first_line, (code,))
        if INDENTED_RE.match(lines[at - first_line]):
            found.append((at, "这一段以 4 个空格或制表符开头，页面上会显示成代码块：正文段落开头不用缩进，请删掉行首的空格"))
    found += _outside_allow_list(rendered, lines, first_line, {line for line, _ in found})
    for url in scan.images:
        if url not in images and not any(m.startswith("不允许") or "图片" in m for _, m in found):
            found.append((line_of(lines, first_line, (url,)), "图片请用 Markdown 语法 ![说明](相对路径) 引用，才能随站点一起发布"))
    return sorted(set(found)), images


def line_of(lines: list[str], first_line: int, clues) -> int:
    """The file line of the first of ``clues`` found in the body (case-insensitive); a clue that runs
    over a line break, as an attribute value may (<a href="java⏎script:…">), is found across lines."""
    lowered = [clue.lower() for clue in clues]
    for i, line in enumerate(lines):
        if any(clue in line.lower() for clue in lowered):
            return first_line + i
    joined = "\n".join(lines).lower()
    for clue in clues:
        letters = re.sub(r"\s+", "", clue.lower())
        match = re.search(r"\s*".join(map(re.escape, letters)), joined) if letters else None
        if match:
            return first_line + joined.count("\n", 0, match.start())
    return first_line


def _outside_allow_list(rendered: str, lines: list[str], first_line: int, reported: set[int]) -> list[tuple[int, str]]:
    """Everything the allow-list (allowlist.py, nh3) would take out of the rendered body, at its line.
    A line the checks above already named (a script, a handler, a javascript: link) keeps their more
    precise message."""
    from casebook.check.allowlist import message, removed

    out, gone = [], removed(rendered)
    dropped_tags = {tag for kind, tag, _, _ in gone if kind == "tag"}
    for kind, tag, name, address in gone:
        if kind != "tag" and tag in dropped_tags or address and url_problem(address):
            continue  # an attribute of an element refused as a whole, or an address named above
        text, evidence = message(kind, tag, name, address)
        if tag == "h1" or kind == "class" and tag == "code" and name.startswith("language-"):
            continue  # a first-level heading and a fence (```bash) have their own rules and messages
        line = line_of(lines, first_line, (evidence,) if isinstance(evidence, str) else evidence)
        if line not in reported:
            out.append((line, text))
    return out
