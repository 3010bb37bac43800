"""Front-matter YAML → plain values plus the line of every key and value.

PyYAML's composer gives nodes with marks; we refuse what strangers' files must
not use (anchors, aliases, explicit tags, duplicate keys) while composing, so
an alias bomb is rejected before anything is expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from casebook.i18n import N_, t

try:
    from yaml import CSafeLoader  # libyaml: composes about ten times faster than pure Python
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CSafeLoader = None
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple  # a key path such as ("sources", 0, "title")


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and explicit tags as it composes."""

    def compose_node(self, parent, index):
        _check_event(self.peek_event(), 0)
        return super().compose_node(parent, index)


@dataclass
class LineMap:
    """Where each key path sits in the file (1-based file lines)."""

    offset: int  # file line of the first front-matter line, minus one
    keys: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)  # plain-scalar source text, e.g. brand: 0333

    def key(self, path: Path) -> int:
        while path:
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.offset + 1

    def value(self, path: Path) -> int:
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.offset + 1


@dataclass
class FrontMatter:
    data: dict
    lines: LineMap
    problems: list  # (line, field, message) found while reading that did not stop it


def _check_event(event, offset: int) -> None:
    """Refuse aliases, anchors and explicit tags (one rule for both parsers)."""
    line = event.start_mark.line + 1 + offset
    if isinstance(event, AliasEvent):
        raise FrontMatterError(line, t("yaml.alias", name=event.anchor))
    if getattr(event, "anchor", None):
        raise FrontMatterError(line, t("yaml.anchor", name=event.anchor))
    if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.tag not in (None, "!"):
        raise FrontMatterError(line, t("yaml.tag", tag=event.tag))


def _parse_fast(text: str, first_line: int) -> FrontMatter | None:
    """libyaml's C parser for well-formed front matter (most files); None sends the file to the Python parser.

    Events are checked first, so an alias is refused before any node is composed; anything libyaml
    rejects goes to the pure-Python path, whose messages (and Chinese hints) contributors see.
    """
    offset = first_line - 1
    try:
        for event in yaml.parse(text, Loader=CSafeLoader):
            _check_event(event, offset)
        loader = CSafeLoader(text)
        try:
            root = loader.get_single_node()
            if not isinstance(root, MappingNode):
                return None
            lines = LineMap(offset)
            problems: list = []
            data = _convert(loader, root, (), lines, problems)
        finally:
            loader.dispose()
    except FrontMatterError:
        raise
    except Exception:  # any libyaml complaint: the Python parser says it in Chinese
        return None
    return FrontMatter(data, lines, problems)


def parse_front_matter(text: str, first_line: int, fast: bool = True) -> FrontMatter:
    """Parse YAML text whose first line is file line ``first_line`` (``fast=False``: pure Python only)."""
    if fast and CSafeLoader is not None:
        fast = _parse_fast(text, first_line)
        if fast is not None:
            return fast
    offset = first_line - 1
    try:
        loader = _GuardedLoader(text)
    except yaml.reader.ReaderError as err:  # control characters are refused before parsing starts
        raise _control_character(err, text, first_line) from None
    try:
        try:
            root = loader.get_single_node()
        except FrontMatterError as err:
            raise FrontMatterError(err.line + offset, err.message) from None
        except yaml.reader.ReaderError as err:
            raise _control_character(err, text, first_line) from None
        except yaml.MarkedYAMLError as err:
            raise _syntax_error(err, text, first_line) from None
        except yaml.YAMLError:
            raise FrontMatterError(first_line, t("yaml.error")) from None
        if root is None:
            raise FrontMatterError(first_line, t("yaml.empty"))
        if not isinstance(root, MappingNode):
            raise FrontMatterError(root.start_mark.line + 1 + offset, t("yaml.mapping"))
        lines = LineMap(offset)
        problems: list = []
        data = _convert(loader, root, (), lines, problems)
        return FrontMatter(data, lines, problems)
    finally:
        loader.dispose()


def _control_character(err: yaml.reader.ReaderError, text: str, first_line: int) -> FrontMatterError:
    line = first_line + text.count("\n", 0, err.position)
    return FrontMatterError(line, t("yaml.control", code=f"#x{err.character:04x}"))


# PyYAML's complaint (its context or problem) → what to do, in Chinese. First match wins.
_SYNTAX_HINTS = [
    ("flow sequence", N_("yaml.hint.bracket")),
    ("flow mapping", N_("yaml.hint.brace")),
    ("unknown escape character", N_("yaml.hint.escape")),
    ("quoted scalar", N_("yaml.hint.quote")),
    ("'\\t'", N_("yaml.hint.tab")),
    ("mapping values are not allowed", N_("yaml.hint.colon")),
    ("found ']'", N_("yaml.hint.extra_bracket")),
    ("found '}'", N_("yaml.hint.extra_brace")),
    ("expected <block end>", N_("yaml.hint.indent")),
    ("did not find expected '-'", N_("yaml.hint.list_indent")),
    ("did not find expected key", N_("yaml.hint.key_indent")),
    ("could not find expected ':'", N_("yaml.hint.no_colon")),
    ("document", N_("yaml.hint.document")),
]
# A key with no space after its colon is read as text, and YAML fails somewhere below it: name that line.
_NO_SPACE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):(?=\S)(?!//)")


def _syntax_error(err: yaml.MarkedYAMLError, text: str, first_line: int) -> FrontMatterError:
    """A YAML syntax error in Chinese: line and column, what is wrong, and the line itself."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        found = _NO_SPACE.match(line)
        if found:
            return FrontMatterError(first_line + i, t("yaml.no_space", line=first_line + i, key=found.group(1),
                                                      text=_quote(line)))
    said = f"{err.context or ''} {err.problem or ''}"
    other = N_("yaml.hint.other")
    hint = t(next((h for key, h in _SYNTAX_HINTS if key in said), other))
    # an unclosed bracket or quote is found where the text ends: point at where it was opened
    opened = err.context_mark if any(k in said for k in ("flow sequence", "flow mapping", "quoted scalar")) else None
    mark = opened or err.problem_mark or err.context_mark
    row, col = (mark.line, mark.column) if mark else (0, 0)
    if row >= len(lines) or not lines[row].strip():  # past the end: the last line with text
        row = max((i for i, line in enumerate(lines) if line.strip()), default=0)
        col = len(lines[row]) if lines else 0
    line = first_line + row
    return FrontMatterError(line, t("yaml.syntax", line=line, column=col + 1, hint=hint,
                                    text=_quote(lines[row] if lines else "")))


def _quote(line: str) -> str:
    line = line.strip()
    return f"“{line[:60]}{'…' if len(line) > 60 else ''}”"


def _convert(loader: yaml.SafeLoader, node: Node, path: Path, lines: LineMap, problems: list):
    line = node.start_mark.line + 1 + lines.offset
    lines.values.setdefault(path, line)
    if isinstance(node, MappingNode):
        result: dict = {}
        seen: dict = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + lines.offset
            if not isinstance(key_node, ScalarNode):
                raise FrontMatterError(key_line, t("yaml.key"))
            key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else loader.construct_object(key_node)
            if not isinstance(key, str):
                key = key_node.value  # `1: x` or `yes: x`: keep the text so the unknown-key rule names it
            if key in seen:  # YAML would keep the last silently; we keep the first and say so
                where = ".".join(str(p) for p in path + (key,))
                problems.append((key_line, where, t("yaml.duplicate", key=key, first=seen[key], second=key_line)))
                continue
            seen[key] = key_line
            lines.keys[path + (key,)] = key_line
            result[key] = _convert(loader, value_node, path + (key,), lines, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_convert(loader, item, path + (i,), lines, problems) for i, item in enumerate(node.value)]
    if not node.style:  # plain scalar (None from PyYAML, "" from libyaml): keep its text where YAML 1.1 surprises
        lines.raw[path] = node.value
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # 2023-02-30, or more digits than Python reads as an int: the field's own rule says what is wrong
        if node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"):
            return node.value
        raise FrontMatterError(line, t("yaml.value", value=repr(node.value))) from None
    except (yaml.YAMLError, OverflowError) as err:
        raise FrontMatterError(line, t("yaml.value.why", value=repr(node.value), error=err)) from None


def title_line(key: str) -> re.Pattern:
    """A one-line ``title:`` (not a block, alias, anchor or tag, not continued on the next line)."""
    return re.compile(rf"^{re.escape(key)}:[ \t]*([^\s|>&*!].*)(?:\n(?![ \t])|\Z)", re.M)


def loose_title(front_matter: str, key: str) -> tuple[str, int] | None:
    """(title, line within the front matter) read from its line alone, for a front matter YAML cannot
    parse: the title still takes part in the rules that compare files."""
    match = title_line(key).search(front_matter)
    if not match:
        return None
    try:
        title = yaml.safe_load("title: " + match.group(1))["title"]
    except yaml.YAMLError:
        return None
    return (title.strip(), front_matter.count("\n", 0, match.start())) if isinstance(title, str) and title.strip() else None


def read_yaml_file(path, report, unreadable) -> "FrontMatter | None":
    """A library's own YAML file (casebook.yml, a vocabulary) parsed as front matter is, every problem
    added to ``report`` (``unreadable(err)`` words a file that cannot be read); None when it cannot be."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        report.add(1, "file", unreadable(err))
        return None
    try:
        fm = parse_front_matter(text, 1)
    except FrontMatterError as err:
        report.add(err.line, "file", err.message)
        return None
    for line, where, message in fm.problems:
        report.add(line, where, message)
    return fm
