"""Personal data in what a reader will see: phone numbers, ID numbers and e-mail addresses.

Minors and staff must not be reachable through the site. The raw text is not what is published:
a browser decodes entities (``&#49;`` is 1), draws full-width and mathematical digits as digits,
draws zero-width and other format characters as nothing, and joins the lines of a paragraph. So
every check here runs on the text as a reader sees it (entities decoded, NFKC, invisible characters
removed, digits of any script as ASCII), in three views: with the markup (comments and attribute
values are published in the page source too), without it (``138**1234**5678`` reads as one number),
and with Chinese numerals read as digits (一三八…, 幺三八…).
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

# A single space, line break, hyphen, dot or dash may sit between the digits of a number.
_SEP = r"[\s\-.\u2010-\u2015_]?"
# how the dodging forms write @ and the dot: zhangsan(at)example.com, zhangsan#example点com
_AT = r"(?:\s*[(\[（【<]\s*(?:at|@|艾特)\s*[)\]）】>]\s*|\s*艾特\s*|#)"
_DOT = r"\s*(?:\.|[(\[（【]\s*dot\s*[)\]）】]|点)\s*"
_TLD = r"(?:com|cn|net|org|edu|gov|info|top|xyz|vip|cc|io|me|hk|tw|mo)(?![A-Za-z0-9])"
PATTERNS = {
    "手机号码": re.compile(r"(?<![\d.])(?:(?:\+|00)?86[\s\-]?)?1" + _SEP + r"[3-9](?:" + _SEP + r"\d){9}(?![\d.])"),
    "固定电话号码": re.compile(r"(?<![\d.])(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s\-]\s?)\d{3,4}" + _SEP + r"\d{4}(?![\d.])"),
    # 18 digits (or 17 and X) with a birth date that could be real; 15 digits for the old cards
    "身份证号码": re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}" + _SEP + r"(?:(?:19|20)\d{2}" + _SEP
                        + r"(?:0[1-9]|1[0-2])" + _SEP + r"(?:0[1-9]|[12]\d|3[01])" + _SEP + r"\d{3}[\dXx]"
                        + r"|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![\dA-Za-z])"),
    # anchored at the start of a run, so a long line is scanned once, not once per character
    "电子邮箱地址": re.compile(r"(?<![\w.%+-])[\w.%+-]+(?:@[\w-]+(?:\.[\w-]+)+"
                          r"|(?<=[\w.%+-]{2})" + _AT + r"[\w-]+?(?:" + _DOT + r"[\w-]+?)*" + _DOT + _TLD + ")", re.I),
}
DEFAULT = tuple(PATTERNS)

# Characters outside ASCII, CJK punctuation, the CJK ideographs and the full-width forms: the only ones
# that can be invisible or a digit of another script, looked at one by one (rare in real text).
_UNCOMMON = re.compile(r"[^\x00-\x7f\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e]")
_HIDDEN = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # Hangul fillers and the Braille blank: drawn as nothing
# Markup a reader never sees drawn, removed a layer at a time: inside an attribute value the outer
# layers are text, so each reading keeps what the next one removes.
_LAYERS = [re.compile(r"[*_`~\\\[\]]"),  # emphasis, code and link brackets
           re.compile(r"<!--.*?-->"),  # comments
           re.compile(r"<[^<>]*>|\{:?[^{}]*\}"),  # tags (with their attributes), attribute lists
           re.compile(r"\]\([^()]*\)")]  # link targets (removed before the brackets)
_NUMERALS = str.maketrans("〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖", "001234567891123456789")


@lru_cache(maxsize=4096)
def _uncommon(ch: str) -> str:
    if unicodedata.category(ch) in ("Cf", "Mn", "Me", "Cc", "Zl", "Zp") or ch in _HIDDEN:
        return "" if ch not in "\u2028\u2029" else " "
    digit = unicodedata.decimal(ch, None)
    return str(digit) if digit is not None else ch


def reader_text(text: str) -> str:
    """``text`` as a browser shows it: entities decoded once (as the browser does), percent-escapes
    decoded (a mailto: address), NFKC (full-width, circled, mathematical digits), invisible characters
    removed and digits of any script written as ASCII digits. Line breaks are kept."""
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    if not text.isascii():
        text = _UNCOMMON.sub(lambda m: _uncommon(m.group()), unicodedata.normalize("NFKC", text))
    return text


def views(text: str) -> tuple[str, ...]:
    """Readings of already normalised text, each one layer of markup barer: as written (comments,
    attribute values and addresses are published too); without emphasis and code marks
    (``138**1234**5678``); also without comments; also without tags; also without link targets
    (``[138](…)12345678`` reads as one number); and that last one with Chinese numerals read as digits."""
    out = [text]
    if any(c in text for c in "<>[]{}*_`~\\"):
        marks, comments, tags, targets = _LAYERS
        out += [marks.sub("", text), marks.sub("", comments.sub("", text)),
                marks.sub("", tags.sub("", comments.sub("", text))),
                marks.sub("", tags.sub("", comments.sub("", targets.sub("", text))))]
    else:
        out += [text] * 4
    return (*out, out[-1].translate(_NUMERALS))


def found(text: str, names=DEFAULT) -> list[str]:
    """The kinds of personal data in ``text`` (one string, any number of lines)."""
    seen = dict.fromkeys(views(reader_text(text)))  # most text has no markup: one reading, not six
    return [name for name in names if any(PATTERNS[name].search(v) for v in seen)]


def found_in_lines(lines: list[str], names=DEFAULT) -> list[tuple[int, str]]:
    """(index of the line where it starts, kind) for every piece of personal data in ``lines`` read as
    one text: a number broken over two lines of a paragraph is one number on the page."""
    columns = list(zip(*(views(reader_text(line)) for line in lines))) if lines else []
    out = []
    for column in dict.fromkeys(columns):  # a reading the same as an earlier one finds nothing new
        # the views keep lines apart (markup never spans a line here), so offsets map back to lines
        text = "\n".join(column)
        offsets, at = [], 0
        for part in column:
            offsets.append(at)
            at += len(part) + 1
        for name in names:
            for match in PATTERNS[name].finditer(text):
                out.append((bisect.bisect_right(offsets, match.start()) - 1, name))
    return sorted(set(out))
