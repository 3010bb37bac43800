"""The controlled vocabulary (cases/_taxonomy.yml): scopes, stages, topics, tags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.read.frontmatter import FrontMatterError, parse_front_matter
from casebook.problems import Problem, Reporter

TAXONOMY_FILE = "_taxonomy.yml"
SECTIONS = ("scopes", "stages", "topics", "tags")
REQUIRED_TOPICS = ("组织建设", "校长负责制", "德育与思政", "师资队伍", "党建品牌", "清廉学校", "家校社协同", "党建与业务融合")
REQUIRED_SCOPES = ("省级", "市级", "县级", "校级")
REQUIRED_STAGES = ("小学", "初中", "高中", "中职")


@dataclass(frozen=True)
class Taxonomy:
    rel: str  # where it lives, named in messages about unknown values
    scopes: dict  # value -> one-line description, in file order
    stages: dict
    topics: dict
    tags: dict

    def section(self, name: str) -> dict:
        return getattr(self, name)


def load_taxonomy(path: Path, rel: str) -> tuple[Taxonomy | None, list[Problem]]:
    report = Reporter(rel)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        report.add(1, "file", f"无法读取词表文件：{err}")
        return None, report.problems
    try:
        fm = parse_front_matter(text, 1)
    except FrontMatterError as err:
        report.add(err.line, "file", err.message)
        return None, report.problems
    for line, where, message in fm.problems:
        report.add(line, where, message)
    sections = {}
    for name in SECTIONS:
        value = fm.data.get(name)
        if not isinstance(value, dict) or not value:
            report.add(fm.lines.key((name,)), name, f"词表必须有非空的 {name} 段，每个取值写成“取值: 一句说明”")
            sections[name] = {}
            continue
        clean = {}
        for key, desc in value.items():
            if not isinstance(desc, str) or not desc.strip():
                report.add(fm.lines.value((name, key)), f"{name}.{key}", "每个取值都要有一句中文说明")
            clean[str(key)] = str(desc or "").strip()
        sections[name] = clean
    for name, required in (("topics", REQUIRED_TOPICS), ("scopes", REQUIRED_SCOPES), ("stages", REQUIRED_STAGES)):
        for value in required:
            if sections[name] and value not in sections[name]:
                report.add(fm.lines.key((name,)), name, f"词表缺少必备取值 {value}")
    for key in fm.data:
        if key not in SECTIONS:
            report.add(fm.lines.key((key,)), str(key), f"词表中未知的段 {key}，只允许 {'、'.join(SECTIONS)}")
    if report:
        return None, report.problems
    return Taxonomy(rel, **sections), []
