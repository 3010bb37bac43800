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
from casebook.i18n import N_, joined, t
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


# (control character, direction override) in a front-matter text or in the body
CONTROL_MESSAGES = {"text": (N_("safety.control.text"), N_("safety.bidi.text")),
                    "body": (N_("safety.control.body"), N_("safety.bidi.body"))}
# what each personal-data rule finds, in words
PD_NAMES = {"mobile-cn": N_("pd.mobile-cn"), "landline-cn": N_("pd.landline-cn"), "id-cn": N_("pd.id-cn"),
            "email": N_("pd.email")}


def hidden_characters(text: str, where: str = "text") -> list[str]:
    """Messages for control characters and direction overrides in ``text`` (each kind once); ``where``
    is ``body`` or ``text`` (a front-matter string), whose messages are worded for it."""
    out = []
    control = _CONTROL_RE.search(text)
    if control:
        out.append(t(CONTROL_MESSAGES[where][0], code=f"U+{ord(control.group()):04X}"))
    bidi = _BIDI_RE.search(text)
    if bidi:
        out.append(t(CONTROL_MESSAGES[where][1], code=f"U+{ord(bidi.group()):04X}"))
    return out


def _squash(text: str) -> str:
    """Undo the usual obfuscations: entities, percent-escapes, control and blank characters, case."""
    text = html.unescape(unquote(html.unescape(text)))
    return re.sub(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+", "", text).lower()


def tag_message(tag: str) -> str:
    return t("safety.tag", tag=tag)


def handler_message(name: str) -> str:
    return t("safety.handler", name=name)


def remote_image_message(label: str, folder: str = "cases") -> str:
    return t("safety.image.remote", what=label, folder=folder)


def url_problem(url: str) -> str | None:
    """Why a link target is refused, or None."""
    scheme = _squash(url).split(":", 1)[0] if ":" in _squash(url) else ""
    if scheme in ("javascript", "vbscript", "data", "file", "livescript", "mocha"):
        return t("safety.scheme", scheme=scheme)
    return None


def text_problems(text: str, personal_data=personal.DEFAULT) -> list[str]:
    """Problems in a front-matter string (rendered escaped, but refused all the same)."""
    out = []
    if _TAG_RE.search(text) or _TAG_RE.search(html.unescape(text)):
        out.append(t("safety.text.tag"))
    if re.search(r"\bon[a-z]+\s*=", text, re.I) and "<" in text:
        out.append(t("safety.text.handler"))
    if re.search(r"(?:javascript|vbscript)\s*:", _squash(text)):
        out.append(t("safety.text.scheme"))
    return out + personal_problems(text, personal_data) + hidden_characters(text)


def personal_problems(text: str, personal_data=personal.DEFAULT) -> list[str]:
    """Personal data in a front-matter string (a source's address too: it is printed on the page)."""
    return [t("safety.pd.text", kind=t(PD_NAMES[name])) for name in personal.found(text, personal_data)]


class _HtmlScan(HTMLParser):
    def __init__(self, folder: str = "cases"):
        super().__init__(convert_charrefs=True)
        self.folder = folder  # the cases folder's name, in messages
        self.found: list[tuple[str, str, str]] = []  # (message, evidence to locate the line, its tag)
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
            self.found.append((tag_message(tag), f"<{tag}", tag))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((handler_message(name), name, tag))
            if name in URL_ATTRS and value:
                for url in (v.strip().split(" ")[0] for v in value.split(",")) if name == "srcset" else [value]:
                    problem = url_problem(url)
                    if problem:
                        self.found.append((problem, url[:20], tag))
                    elif tag == "img" and name in ("src", "srcset") and _is_remote(url):
                        self.found.append((remote_image_message(t("safety.image"), self.folder), url[:40], tag))
                    elif tag == "img" and name in ("src", "srcset"):
                        self.images.append(url)

    handle_startendtag = handle_starttag


def _is_remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or url.strip().startswith("//")


def local_image_problem(url: str, case_dir: Path, cases_dir: Path, label: str | None = None) -> str | None:
    """An image (a cover or one in the body): a .jpg/.png/.webp file of at most 1 MB inside cases/,
    given relative to the case file. ``label`` names it in the message."""
    label = label or t("safety.image")
    problem = url_problem(url)
    if problem:
        return problem
    path = file_part(url)
    if re.match(r"^[a-zA-Z]:[\\/]", path):  # C:\photos\a.png: a file on the contributor's computer
        return t("safety.image.relative", what=label)
    if _is_remote(url) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url.strip()):
        return remote_image_message(label, cases_dir.name or "cases")
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or ".." in path.split("\\"):
        return t("safety.image.relative", what=label)
    if "\\" in path:
        return t("safety.image.backslash", what=label, path=path.replace("\\", "/"))
    if pure.suffix.lower() not in IMAGE_SUFFIXES:
        return t("safety.image.format", what=label, formats=joined(IMAGE_SUFFIXES))
    target = case_dir / pure
    try:
        target.resolve().relative_to(cases_dir.resolve())
    except (ValueError, OSError):
        return t("safety.image.outside", what=label, folder=cases_dir.name or "cases")
    if not target.is_file():
        return t("safety.image.missing", what=label, path=path)
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return t("safety.image.size", what=label, size=size)
    return None


# Without these characters Markdown makes no link, image, raw HTML or attribute list: the
# elements it can make (headings, lists, emphasis, tables, admonitions) carry no URL or handler.
_MARKUP_CHARS = ("<", "[", "{")


def needs_rendered_check(body: str) -> bool:
    """Whether the rendered pass can find anything the line scan did not: plain prose skips a
    Markdown render (half the cost of validating a typical case)."""
    return any(c in body for c in _MARKUP_CHARS) or indented(body)


FENCE_RE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
# a line Markdown shows as a code block: four columns of indent outside a list, also inside a quote
# (its > and one space taken off); read with tabs expanded to stops of 4, as Markdown reads them
INDENTED_RE = re.compile(r"^(?: {0,3}>(?> ?))* {4}", re.M)


def indented(text: str) -> bool:
    """Whether a line of ``text`` starts a code block by its indent (a first check; the render decides)."""
    return INDENTED_RE.search(text.expandtabs(4)) is not None
# what nests before a line's text (Python-Markdown recurses once for each): quotes, list markers, tabs
_NESTING_RE = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_MARK_RE = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_RULE_RE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def body_problems(body: str, first_line: int, case_dir: Path, cases_dir: Path,
                  personal_data=personal.DEFAULT) -> tuple[list[tuple[int, str]], list[str]]:
    """(line, message) pairs for the body, and the local images it references (as written)."""
    found: list[tuple[int, str]] = []
    images: list[str] = []
    refused = False  # a tag, a handler, an address or an image already refused: a raw <img> then says no more
    lines = body.split("\n")
    hidden = bool(hidden_characters(body))  # a line is looked at only when the body has one
    for i, line in enumerate(lines):
        n = first_line + i
        if FENCE_RE.match(line):
            found.append((n, t("safety.fence")))
        if _TAG_RE.search(line) or _TAG_RE.search(html.unescape(line)):
            tag = (_TAG_RE.search(line) or _TAG_RE.search(html.unescape(line))).group(1).lower()
            found.append((n, tag_message(tag)))
            refused = True
        for handler in dict.fromkeys(name.lower() for name in _ON_ATTR_RE.findall(line)):
            found.append((n, handler_message(handler)))
            refused = True
        for url in _MD_IMAGE_RE.findall(line):
            problem = local_image_problem(url, case_dir, cases_dir)
            if problem:
                found.append((n, problem))
                refused = True
            else:
                images.append(url)
        html_urls = ["".join(groups) for groups in _HTML_URL_RE.findall(line)]
        for url in _MD_LINK_RE.findall(line) + _AUTOLINK_RE.findall(line) + html_urls + _REF_DEF_RE.findall(line):
            problem = url_problem(url)
            if problem:
                found.append((n, problem))
                refused = True
        if hidden:
            found += [(n, message) for message in hidden_characters(line, "body")]
    # what a reader will see: lines of a paragraph read together, entities and look-alike digits undone
    found += [(first_line + i, t("safety.pd.body", kind=t(PD_NAMES[name])))
              for i, name in personal.found_in_lines(lines, personal_data)]
    if body.count("[") > MAX_BRACKETS:
        seen_brackets, at = 0, first_line
        for i, line in enumerate(lines):  # name the line where the limit is crossed
            seen_brackets += line.count("[")
            if seen_brackets > MAX_BRACKETS:
                at = first_line + i
                break
        found.append((at, t("safety.brackets", count=body.count("["), most=MAX_BRACKETS)))
        return sorted(set(found)), images
    for i, line in enumerate(lines):
        if _RULE_RE.match(line):
            continue  # * * * … is a horizontal rule however long, not a list
        marks = _NESTING_RE.match(line).group(0)  # quotes and list markers before the text
        indent = line[:len(line) - len(line.lstrip(" \t"))].expandtabs(4)  # a tab: to the next multiple of 4
        depth = len(indent) // 4 + len(_MARK_RE.findall(marks))
        if depth > MAX_NESTING:
            found.append((first_line + i, t("safety.nesting", most=MAX_NESTING)))
            return sorted(set(found)), images
    if not needs_rendered_check(body):
        return sorted(set(found)), images
    # Second pass over the rendered HTML catches what the line scan cannot see (what it saw, it named at
    # the line that has it: a message it gave is not given again).
    seen = {msg for _, msg in found}
    scan = _HtmlScan(cases_dir.name or "cases")
    rendered = ""
    try:
        rendered = render_body(body)
        scan.feed(rendered)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError) as err:
        # a Markdown crash is the contributor's problem to see, not a traceback
        found.append((first_line, t("safety.markdown", error=type(err).__name__)))
    after: dict[tuple, int] = {}  # the same evidence twice is two elements: the second is looked for after the first
    for message, evidence, tag in scan.found:
        refused = True
        if message in seen or any(message in m for m in seen):
            continue
        at = _element_line(lines, evidence, tag, after.get((evidence, tag), 0))
        if at is None:  # written across lines, or as entities
            found.append((line_of(lines, first_line, (evidence,)), message))
            continue
        after[(evidence, tag)] = at + 1
        found.append((first_line + at, message))
    cursor = 0  # code blocks come in order: each is looked for after the one before, at a line that starts one
    for code in scan.code_blocks:  # an indented paragraph, not a fence (refused above)
        squashed = re.sub(r"\s+", "", code)  # (Markdown expands a tab inside the line)
        at = next((i for i in range(cursor, len(lines))
                   if indented(lines[i]) and not (i and indented(lines[i - 1]))
                   and squashed in re.sub(r"\s+", "", lines[i])), None)
        if at is not None:
            cursor = at + 1
            found.append((first_line + at, t("safety.indented")))
    outside = _outside_allow_list(rendered, lines, first_line, {line for line, _ in found})
    refused = refused or bool(outside)
    found += outside
    for url in scan.images:
        if url not in images and not refused:
            found.append((line_of(lines, first_line, (url,)), t("safety.image.markdown")))
    return sorted(set(found)), images


def _element_line(lines: list[str], evidence: str, tag: str, start: int) -> int | None:
    """The body line (index) of an element's finding, at or after ``start`` if there is one: a line with
    the evidence and the element's <tag before one with the evidence only (an address also in prose)."""
    clue, opener = evidence.lower(), f"<{tag}"
    for order in (range(start, len(lines)), range(0, start)):
        for want_tag in (True, False):
            for i in order:
                low = lines[i].lower()
                if clue in low and (not want_tag or opener in low):
                    return i
    return None


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
