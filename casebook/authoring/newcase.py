"""`casebook new`: start a case file from a few answers, so a contributor never edits a blank template.

The questions are the declared fields marked ``ask`` (casebook.yml), in order: a text, a place level
by level (checked against the library's places as they go), a choice or a list of terms from the
vocabularies. Answers come from options or, when missing and the terminal allows, from questions.
The file gets the answered fields, the required fields and list fields left empty for the validator
to ask for (never placeholder text that would pass and be published), each with its help as a
comment, and the declared body sections with their hints as HTML comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from casebook.check.library import discover
from casebook.declare import fields as kinds
from casebook.declare.declaration import Declaration, load_declaration
from casebook.declare.places import load_places
from casebook.declare.vocabularies import load_vocabularies
from casebook.i18n import joined, stopwords, t

# a Chinese place name's suffix, left out of its slug (石泉县 → shiquan)
SUFFIXES = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|林区|省|市|县|区|盟|旗)$")
# words of a Chinese title that say nothing about the case, left out of its slug
FILLER = {"以", "的", "和", "与", "及", "在", "为", "推进", "推动", "实施", "开展", "全面", "中小学", "中小学校", "学校",
          "工作", "建设", "案例", "做法", "经验", "加强", "深化", "探索", "构建", "打造", "建立", "健全", "创新"}
MAX_SLUG = 40
UNPLACED = "imported"  # the folder of a new case whose place is not known


class Refused(Exception):
    """A clear reason, in the interface language, why no file was written."""


@dataclass
class Answers:
    """Field name → answer: a text, a list of terms, or for a place {level key: name}."""
    values: dict = field(default_factory=dict)

    def get(self, name: str):
        return self.values.get(name)

    @property
    def empty(self) -> bool:
        return not any(self.values.values())


@dataclass(frozen=True)
class Setup:
    """What `new` and `import` need of a library: its declaration, vocabularies and places."""
    declaration: Declaration
    vocabularies: object
    places: object

    @property
    def asked(self) -> list:
        return [f for f in self.declaration.fields.values() if f.ask]

    def option(self, f: kinds.Field) -> str:
        """The command-line option of an asked field (a list of terms: the facet key, stage for stages)."""
        facet = next((x for x in self.declaration.facets if x.field == f.name), None)
        return facet.key if isinstance(f.kind, kinds.Terms) and facet else f.name

    def choices(self, f: kinds.Field) -> list[str]:
        kind = f.kind
        if getattr(kind, "vocabulary", None):
            return list(self.vocabularies.section(kind.vocabulary))
        return list(getattr(kind, "values", ()))


def setup(root: Path) -> Setup:
    declaration, problems = load_declaration(root)
    vocabularies = places = None
    if declaration is not None:
        from casebook.check.library import vocabularies_used

        vocabularies, problems = load_vocabularies(root / declaration.vocabularies, declaration.vocabularies,
                                                   vocabularies_used(declaration), declaration.keep) \
            if declaration.vocabularies else (None, [])
        places, more = load_places(root, declaration.places)
        problems = [*problems, *more]
    if declaration is None or problems or (vocabularies is None and declaration.vocabularies):
        raise Refused(t("new.library.broken"))
    return Setup(declaration, vocabularies, places)


def _pinyin_slug(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(re.findall(r"[a-z0-9]+", "".join(lazy_pinyin(text)).lower()))


def place_slug(name: str) -> str:
    return _pinyin_slug(SUFFIXES.sub("", name) or name)


def _title_words(title: str, language: str) -> list[str]:
    if language == "zh":
        return [w.strip() for w in _tokenizer().cut(title)]
    return [w for w in re.findall(r"[A-Za-z0-9]+", title) if w.lower() not in stopwords(language)]


def make_slug(title: str, place_names: list[str], taken: set[str], language: str = "zh") -> str:
    """The most specific place, then up to three words of the title that are not the place or filler:
    佳木斯市实施“361”党员名师工作室工程 → jiamusi-361-dangyuan-mingshi. Never one that exists."""
    names = [n for n in place_names if n]
    place = names[-1] if names else None
    words = []
    for name in names:
        title = title.replace(name, " ").replace(SUFFIXES.sub("", name), " ")
    for word in _title_words(title, language):
        if len(words) == 3:
            break
        if word in FILLER or not re.search(r"[\w]", word) or (len(word) == 1 and not word.isascii()):
            continue
        words.append(_pinyin_slug(word))
    base = "-".join([*([place_slug(place)] if place else []), *[w for w in words if w]])[:MAX_SLUG].strip("-")
    base = re.sub(r"-+", "-", base) if len(base) >= 3 else f"case-{base}".strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba with its own default dictionary: the same title always gives the same slug, whatever
    words the search index has added to the shared one."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading notes are not for contributors
    return jieba.Tokenizer()


def place_problem(s: Setup, names: dict) -> str | None:
    """What is wrong with a place answered so far, in one line."""
    return t("new.separator").join(message for _, message in s.places.check(names)) or None


def _hint(f: kinds.Field) -> str:
    if not (f.help or f.hint) and isinstance(f.kind, kinds.Choice) and f.kind.values:
        return t("new.hint.choice", what=f.what, values=joined(f.kind.values))
    return f.help or f.hint or f.what


def render(s: Setup, answers: Answers, known: dict | None = None, body: str | None = None) -> str:
    """The case file: answered fields; required fields and list fields left empty for the validator to
    ask for, each with its help as a comment. ``known``: fields found elsewhere (an imported document);
    ``body``: the text to use instead of the declared sections with their hints."""
    known = known or {}
    front, comments = {}, {}
    for name, f in s.declaration.fields.items():
        value = answers.get(name) or known.get(name)
        listed = isinstance(f.kind, (kinds.Terms, kinds.Records, kinds.Slugs))
        if value:
            front[name] = value
        elif f.required:
            front[name] = None
            comments[name] = t("new.comment.required", help=_hint(f))
        elif listed:
            front[name] = []
            comments[name] = t("new.comment.optional", help=_hint(f))
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        empty = line.endswith((": null", ": []"))  # a comment only where the field still needs filling
        lines.append(f"{line}  {comments[key]}" if key in comments and empty and not line.startswith(" ") else line)
    if body is None:
        body = "\n\n".join(f"## {section.name}\n\n<!-- {section.hint} -->" for section in s.declaration.sections)
    return "---\n" + "\n".join(lines).replace(": null", ":") + "\n---\n\n" + body.strip("\n") + "\n"


def wrong_answers(s: Setup, answers: Answers) -> list[str]:
    """What is wrong with the answers given (missing ones are not wrong here)."""
    wrong = []
    for f in s.asked:
        value, option = answers.get(f.name), s.option(f)
        if not value:
            continue
        if isinstance(f.kind, kinds.Choice):
            if value not in s.choices(f):
                wrong.append(t("new.wrong.choice", option=option, value=value,
                               options=t("list.separator").join(s.choices(f))))
        elif isinstance(f.kind, kinds.Terms):
            allowed = s.choices(f)
            wrong += [t("new.wrong.term", option=option, value=v, options=t("list.separator").join(allowed[:12]))
                      for v in value if v not in allowed]
        elif isinstance(f.kind, kinds.Place):
            problem = place_problem(s, value)
            if problem:
                wrong.append(problem)
    return wrong


def missing_answers(s: Setup, answers: Answers) -> list[str]:
    """The options of the required asked fields with no answer (a place: its top level)."""
    out = []
    for f in s.asked:
        value = answers.get(f.name)
        if isinstance(f.kind, kinds.Place):
            top = s.places.levels[0].key if s.places.levels else None
            if f.required and top and not (value or {}).get(top):
                out.append(f"--{top}")
        elif f.required and not value:
            out.append(f"--{s.option(f)}")
    return out


def place_names(s: Setup, answers: Answers) -> list[str]:
    """The answered place's names, top level first."""
    place = s.declaration.role("place")
    value = answers.get(place.name) if place else None
    return [value.get(level.key) for level in s.places.levels] if value else []


def new_target(root: Path, s: Setup, answers: Answers) -> Path:
    """<cases>/<place>/<slug>.md for a new case: a slug no case has; the folder from the most specific place."""
    cases_dir = s.declaration.cases_dir
    taken = {p.stem for p in discover(cases_dir)}
    names = place_names(s, answers)
    title = answers.get(s.declaration.role("title").name) or ""
    slug = make_slug(title, names, taken, s.declaration.language)
    given = [n for n in names if n]
    return cases_dir / (place_slug(given[-1]) if given else UNPLACED) / f"{slug}.md"


def write_new(root: Path, files: dict[Path, bytes]) -> None:
    """Write every file or none: never over an existing file ("x"), even in a race."""
    for path in files:
        if path.exists():
            raise Refused(t("new.exists", path=path.relative_to(root).as_posix()))
    written = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as f:
                written.append(path)
                f.write(data)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        raise Refused(t("new.unwritable", path=err.filename, error=err.strerror)) from None


def create(root: Path, answers: Answers, s: Setup | None = None) -> Path:
    """Write <cases>/<place>/<slug>.md and return its path; Refused when something is missing or wrong."""
    s = s or setup(root)
    missing = missing_answers(s, answers)
    if missing:
        raise Refused(t("new.missing", options=t("list.separator").join(missing)))
    wrong = wrong_answers(s, answers)
    if wrong:
        raise Refused(t("new.separator").join(wrong))
    target = new_target(root, s, answers)
    write_new(root, {target: render(s, answers).encode("utf-8")})
    return target
