"""`casebook new`: start a case file from a few answers, so a contributor never edits a blank template.

Answers come from options or, when missing and the terminal allows, from questions that offer the
taxonomy's choices and check the region against the division table as they go. The file gets the
answered fields, empty required fields the validator will ask for (never placeholder text that
would pass and be published), and the standard sections with hints as HTML comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from casebook.declare.divisions import load_divisions
from casebook.declare.fields import SECTIONS
from casebook.check.library import CASES_DIR, discover
from casebook.declare.taxonomy import TAXONOMY_FILE, load_taxonomy

SUFFIXES = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|林区|省|市|县|区|盟|旗)$")
FILLER = {"以", "的", "和", "与", "及", "在", "为", "推进", "推动", "实施", "开展", "全面", "中小学", "中小学校", "学校",
          "工作", "建设", "案例", "做法", "经验", "加强", "深化", "探索", "构建", "打造", "建立", "健全", "创新"}
MAX_SLUG = 40



class Refused(Exception):
    """A clear reason, in Chinese, why no file was written."""


@dataclass
class Answers:
    title: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    scope: str | None = None
    stages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def place_slug(name: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(re.findall(r"[a-z0-9]+", "".join(lazy_pinyin(SUFFIXES.sub("", name) or name)).lower()))


def make_slug(answers: Answers, taken: set[str]) -> str:
    """Place in pinyin, then up to three words of the title that are not the place or filler:
    佳木斯市实施“361”党员名师工作室工程 → jiamusi-361-dangyuan-mingshi. Never one that exists."""
    from pypinyin import lazy_pinyin

    place = answers.county or answers.city or answers.province
    words, title = [], answers.title
    for name in (answers.province, answers.city, answers.county):
        if name:
            title = title.replace(name, " ").replace(SUFFIXES.sub("", name), " ")
    for word in _tokenizer().cut(title):
        word = word.strip()
        if len(words) == 3:
            break
        if word in FILLER or not re.search(r"[\w]", word) or (len(word) == 1 and not word.isascii()):
            continue
        words.append("".join(re.findall(r"[a-z0-9]+", "".join(lazy_pinyin(word)).lower())))
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


def check_region(answers: Answers) -> str | None:
    problems = load_divisions().check(answers.province, answers.city, answers.county)
    return "；".join(message for _, message in problems) or None


def render(answers: Answers, known: dict | None = None, body: str | None = None) -> str:
    """The case file: answered fields, required ones left empty for the validator to ask for.
    ``known``: summary, organization or date found elsewhere (an imported document); ``body``: the text
    to use instead of the standard sections with hints."""
    known = known or {}
    region = {k: v for k, v in (("province", answers.province), ("city", answers.city), ("county", answers.county)) if v}
    front = {"title": answers.title, "summary": known.get("summary"), "region": region, "scope": answers.scope,
             "stages": answers.stages or None, "topics": answers.topics or None, "tags": answers.tags,
             "organization": known.get("organization"), "date": known.get("date"), "sources": None,
             "metrics": [], "related": []}
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
    hints = {
        "summary:": "# 必填：30–300 个字，谁、在哪里、做了什么、有什么成效",
        "organization:": "# 必填：报送单位全称",
        "date:": "# 必填：来源报道的日期，如 2024-06-01",
        "sources:": "# 必填：- title: 来源标题 / publisher: 发布单位 / date: 日期 / url: 网址（可选）",
        "metrics:": "# 可选：- label: 数据名称 / value: 数字（与来源一致）/ unit: 单位",
        "tags:": "# 可选：取值见 cases/_taxonomy.yml",
        "related:": "# 可选：相关案例的 slug",
    }
    lines = []
    for line in text.splitlines():
        key = line.split(" ", 1)[0]
        empty = line.endswith((": null", ": []"))  # a hint only where the field still needs filling
        lines.append(f"{line}  {hints[key]}" if key in hints and empty and not line.startswith(" ") else line)
    if body is None:
        body = "\n\n".join(f"## {section.name}\n\n<!-- {section.hint} -->" for section in SECTIONS)
    return "---\n" + "\n".join(lines).replace(": null", ":") + "\n---\n\n" + body.strip("\n") + "\n"


def taxonomy_of(root: Path):
    taxonomy, _ = load_taxonomy(root / CASES_DIR / TAXONOMY_FILE, f"{CASES_DIR}/{TAXONOMY_FILE}")
    if taxonomy is None:
        raise Refused("词表 cases/_taxonomy.yml 有问题，请先运行 casebook validate")
    return taxonomy


def wrong_answers(taxonomy, answers: Answers) -> list[str]:
    """What is wrong with the answers given (missing ones are not wrong here)."""
    wrong = [f"--scope {answers.scope}：可选 {'、'.join(taxonomy.scopes)}"] \
        if answers.scope and answers.scope not in taxonomy.scopes else []
    for option, values, allowed in (("--stage", answers.stages, taxonomy.stages), ("--topic", answers.topics, taxonomy.topics),
                                    ("--tag", answers.tags, taxonomy.tags)):
        wrong += [f"{option} {v}：不在词表里（可选 {'、'.join(list(allowed)[:12])}…）" for v in values if v not in allowed]
    if answers.province or answers.city or answers.county:
        region = check_region(answers)
        if region:
            wrong.append(region)
    return wrong


def new_target(root: Path, answers: Answers) -> Path:
    """cases/<place>/<slug>.md for a new case: a slug no case has; the folder from the most specific place."""
    cases_dir = root / CASES_DIR
    taken = {p.stem for p in discover(cases_dir)}
    slug = make_slug(answers, taken)
    place = answers.province if answers.province and not (answers.city or answers.county) \
        else answers.county or answers.city
    return cases_dir / (place_slug(place) if place else "imported") / f"{slug}.md"


def write_new(root: Path, files: dict[Path, bytes]) -> None:
    """Write every file or none: never over an existing file ("x"), even in a race."""
    for path in files:
        if path.exists():
            raise Refused(f"{path.relative_to(root).as_posix()} 已经存在，不会覆盖")
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
        raise Refused(f"无法写入 {err.filename}：{err.strerror}") from None


def create(root: Path, answers: Answers) -> Path:
    """Write cases/<place>/<slug>.md and return its path; Refused when something is missing or wrong."""
    taxonomy = taxonomy_of(root)
    missing = [name for name, value in (("--title", answers.title), ("--province", answers.province),
                                         ("--scope", answers.scope)) if not value]
    if not answers.stages:
        missing.append("--stage")
    if not answers.topics:
        missing.append("--topic")
    if missing:
        raise Refused(f"缺少 {'、'.join(missing)}")
    wrong = wrong_answers(taxonomy, answers)
    if wrong:
        raise Refused("；".join(wrong))
    target = new_target(root, answers)
    write_new(root, {target: render(answers).encode("utf-8")})
    return target
