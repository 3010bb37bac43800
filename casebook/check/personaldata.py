"""Personal data in what a reader will see: phone numbers, ID numbers and e-mail addresses.

Each kind has a name a library's declaration can list (``personal_data:`` in casebook.yml): mobile-cn and
landline-cn (Chinese phone numbers), id-cn (resident ID numbers, 18 and 15 digits), email; all four
unless the library says otherwise. What a message calls each kind is in the catalog (pd.<name>).

Minors and staff must not be reachable through the site. The raw text is not what is published:
a browser decodes entities (``&#49;`` is 1), draws full-width and mathematical digits as digits,
draws zero-width and other format characters as nothing, and joins the lines of a paragraph. So
every check here runs on the text as a reader sees it (entities decoded, NFKC, invisible characters
removed, digits of any script as ASCII), in several readings: with the markup (comments and
attribute values are published in the page source too), with less and less of it
(``138**1234**5678`` reads as one number), and with Chinese numerals read as digits (一三八…, 幺三八…).

It runs on every line of every case, so the costly steps are skipped where they cannot find
anything: NFKC one rare character at a time, each pattern only after a cheap search for what it
needs (seven digits, an @), each reading only when its markup is there.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

# Between the digits of a number: spaces and line breaks (a browser shows a run of them as one space)
# around at most one hyphen, dot or dash. Atomic: nothing here is a digit, so once it has matched
# there is nothing to try again (a digit and a million spaces cost one pass, not a million).
_SEP = r"(?>\s*[\-.\u2010-\u2015_]?\s*)"
# how the dodging forms write @ and the dot: zhangsan(at)example.com, zhangsan#example点com
# (a bare @ with spaces around it, or followed by a dodged dot, too: zhangsan @ example.com, zhangsan@qq点com)
_AT = r"(?:\s*[(\[（【<]\s*(?:at|@|艾特)\s*[)\]）】>]\s*|\s*艾特\s*|\s*@\s*|#)"
_DOT = r"\s*(?:\.|。|[(\[（【]\s*dot\s*[)\]）】]|点)\s*"
_TLD = r"(?:com|cn|net|org|edu|gov|info|top|xyz|vip|cc|io|me|hk|tw|mo)(?![A-Za-z0-9])"
_BRACKET_AT = re.compile(r"[(\[（【<]\s*at\s*[)\]）】>]", re.I)
_SEVEN_DIGITS = re.compile(r"\d(?:" + _SEP + r"\d){6}")  # no phone or ID number has fewer
PATTERNS = {
    # not inside a longer number or a decimal (0.13812345678, 13812345678.5); a full stop after it ends
    # the sentence ("Call 13812345678.")
    "mobile-cn": re.compile(r"(?<!\d)(?<!\d\.)(?:(?:\+|00)?86[\s\-]?)?1" + _SEP + r"[3-9](?:" + _SEP + r"\d){9}(?!\.?\d)"),
    "landline-cn": re.compile(r"(?<!\d)(?<!\d\.)(?:\(0\d{2,3}\)\s?|0\d{2,3}[\s\-]\s?)\d{3,4}" + _SEP + r"\d{4}(?!\.?\d)"),
    # 18 digits (or 17 and X) with a birth date that could be real; 15 digits for the old cards
    "id-cn": re.compile(r"(?<![\dA-Za-z])[1-9]\d{5}" + _SEP + r"(?:(?:19|20)\d{2}" + _SEP
                        + r"(?:0[1-9]|1[0-2])" + _SEP + r"(?:0[1-9]|[12]\d|3[01])" + _SEP + r"\d{3}[\dXx]"
                        + r"|\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![\dA-Za-z])"),
    # anchored at the start of a run, so a long line is scanned once, not once per character
    "email": re.compile(r"(?<![\w.%+-])[\w.%+-]+(?:@[\w-]+(?:\.[\w-]+)+"
                          r"|(?<=[\w.%+-]{2})" + _AT + r"[\w-]+?(?:" + _DOT + r"[\w-]+?)*" + _DOT + _TLD + ")", re.I),
}
# What a text must hold for a pattern to have a chance: a cheap search that spares the full one on
# almost every line (the e-mail pattern walks every run of Chinese characters, which \w matches).
def _maybe_email(text: str) -> bool:
    return "@" in text or "艾特" in text or _hash_between(text) or _BRACKET_AT.search(text) is not None


def _hash_between(text: str) -> bool:
    """A # with a word on both sides (zhangsan#example.com), not the #s of a heading."""
    at = text.find("#")
    while at != -1:
        before, after = text[at - 1:at], text[at + 1:at + 2]
        if (before.isalnum() or before in "._%+-") and before and (after.isalnum() or after in "_-") and after:
            return True
        at = text.find("#", at + 1)
    return False


_HINTS = {"mobile-cn": _SEVEN_DIGITS.search, "landline-cn": _SEVEN_DIGITS.search, "id-cn": _SEVEN_DIGITS.search,
          "email": _maybe_email}
DEFAULT = tuple(PATTERNS)

# Characters outside ASCII, the middle dot, the visible general punctuation (dashes, “quotes”, …),
# CJK punctuation and the CJK ideographs: the only ones that can be invisible, a digit of another
# script or a full-width letter, looked at one by one (a cached answer per character).
_UNCOMMON = re.compile(r"[^\x00-\x7f\u00b7\u2010-\u2027\u2030-\u205e\u3001-\u303f\u4e00-\u9fff]")
_HIDDEN = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}  # Hangul fillers and the Braille blank: drawn as nothing
# Markup a reader never sees drawn, removed a layer at a time: inside an attribute value the outer
# layers are text, so each reading keeps what the next one removes.
# None crosses a line break, so a whole text keeps its lines.
_LAYERS = [re.compile(r"[*_`~\\\[\]]"),  # emphasis, code and link brackets
           re.compile(r"<!--.*?-->"),  # comments
           re.compile(r"<[^<>\n]*>|\{:?[^{}\n]*\}"),  # tags (with their attributes), attribute lists
           re.compile(r"\]\([^()\n]*\)")]  # link targets (removed before the brackets)
_MARKUP_CHARS = re.compile(r"[<>\[\]{}*_`~\\]")
_COMMENT_MARKS = re.compile(r"<!--|-->")
_NUMERALS = str.maketrans("〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖", "001234567891123456789")
_NUMERAL_RUN = re.compile("[〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖](?:" + _SEP + "[〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]){6}")


@lru_cache(maxsize=8192)
def _uncommon(ch: str) -> str:
    """One rare character as a reader sees it: its compatibility form (NFKC: ① → 1, 𝟏 → 1, ¹ → 1),
    with invisible characters dropped and digits of any script written as ASCII digits."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if unicodedata.category(c) in ("Cf", "Mn", "Me", "Cc", "Zl", "Zp") or c in _HIDDEN:
            out.append(" " if c in "\u2028\u2029" else "")
        else:
            digit = unicodedata.decimal(c, None)
            out.append(str(digit) if digit is not None else c)
    return "".join(out)


def _readable(text: str) -> str:
    """Every rare character as ``_uncommon`` says, one at a time: NFKC of a whole Chinese text costs
    more than all the checks on it."""
    return _UNCOMMON.sub(lambda m: _uncommon(m.group()), text)


def reader_text(text: str) -> str:
    """``text`` as a browser shows it: entities decoded once (as the browser does), percent-escapes
    decoded (a mailto: address), NFKC (full-width, circled, mathematical digits), invisible characters
    removed and digits of any script written as ASCII digits. Line breaks are kept."""
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    return text if text.isascii() else _readable(text)


def _reader_lines(lines: list[str]) -> list[str]:
    """``reader_text`` of every line, with the same number of lines (an entity for a line break, &#10;,
    is a space on the page). NFKC runs once over the whole text, not once per line."""
    lines = [reader_text(line).replace("\n", " ") if "&" in line or "%" in line else line for line in lines]
    text = "\n".join(lines)
    return (text if text.isascii() else _readable(text)).split("\n")


def views(text: str) -> list[str]:
    """Readings of already normalised text, each one layer of markup barer: as written (comments,
    attribute values and addresses are published too); without emphasis and code marks
    (``138**1234**5678``); also without comments; also without tags; also without link targets
    (``[138](…)12345678`` reads as one number)."""
    if not _MARKUP_CHARS.search(text):
        return [text] * 6
    marks, comments, tags, targets = _LAYERS
    no_comments = comments.sub("", text) if "<!--" in text else text
    no_tags = tags.sub("", no_comments) if "<" in no_comments or "{" in no_comments else no_comments
    bare = targets.sub("", no_tags) if "](" in no_tags else no_tags
    # a comment's own text is in the published page too: read it with its markup gone as well
    opened = targets.sub("", tags.sub("", _COMMENT_MARKS.sub("", text))) if "<!--" in text else bare
    out, unmarked = [text], {}  # a layer that removed nothing gives the same text: its marks go once
    for layer in (text, no_comments, no_tags, opened, bare):
        if layer not in unmarked:
            unmarked[layer] = marks.sub("", layer)
        out.append(unmarked[layer])
    return out


def _readings(columns: list[str]) -> list[str]:
    """The distinct readings, plus the barest one with Chinese numerals read as digits (一三八…,
    幺三八…) when it has a run of them long enough to be a number."""
    out = list(dict.fromkeys(columns))
    if _NUMERAL_RUN.search(columns[-1]):
        out.append(columns[-1].translate(_NUMERALS))
    return out


def _matches(text: str, names):
    for name in names:
        if _HINTS[name](text):
            yield from ((m.start(), name) for m in PATTERNS[name].finditer(text))


def found(text: str, names=DEFAULT) -> list[str]:
    """The kinds of personal data in ``text`` (one string, any number of lines)."""
    if len(text) < 6:  # the shortest is an address like a@b.cn; entities only make a text longer
        return []
    kinds = {name for reading in _readings(views(reader_text(text))) for _, name in _matches(reading, names)}
    return [name for name in names if name in kinds]


def found_in_lines(lines: list[str], names=DEFAULT) -> list[tuple[int, str]]:
    """(index of the line where it starts, kind) for every piece of personal data in ``lines`` read as
    one text: a number broken over two lines of a paragraph is one number on the page."""
    if not lines:
        return []
    # every reading keeps the text's lines, so an offset in it maps back to a line
    columns = views("\n".join(_reader_lines(lines)))
    out = set()
    for reading in _readings(columns):
        offsets, at = [], 0
        for part in reading.split("\n"):
            offsets.append(at)
            at += len(part) + 1
        out.update((bisect.bisect_right(offsets, start) - 1, name) for start, name in _matches(reading, names))
    return sorted(out)
