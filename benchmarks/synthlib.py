"""A deterministic synthetic library of N valid cases, for benchmarks (same seed, same files).

Regions are drawn from the shipped division table: provinces, cities with and
without counties, and 直辖市 districts, at every scope. Bodies (about 2,000 Chinese
characters) are shuffled sentences of the real cases, so segmentation and
Markdown see realistic text. Also writes the same text as plain Material pages
(every case in the nav, stock search and tags), the baseline the benchmark
compares against.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "casebook.yml", "docs", "hooks", "casebook")
BRANDS = ["333", "361", "BTX", "5N", "三双", "强基领航", "红烛", "一校一品", "双培养", "四融合"]
PUBLISHERS = ["中国教育报", "吉林日报", "陕西日报", "黑龙江日报", "湖南日报", "某市教育局网站", "某县融媒体中心"]
UNITS = ["所", "个", "名", "人", "支", "项", "次"]
SKIP_PROVINCES = ("71", "81", "82")  # 台湾省、香港、澳门: no cases of this library come from there


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the validator refuses anchors and aliases
        return True


def _sentences() -> list[str]:
    from casebook.check.library import discover
    from casebook.read.source import read_source
    from casebook.problems import Reporter

    out = []
    for path in discover(REPO / "cases"):
        src = read_source(path, REPO, Reporter(path.name))
        for line in src.body.splitlines():
            line = re.sub(r"^[-*]\s+|^\d+\.\s+|\*\*", "", line.strip())
            if line and not line.startswith("#"):
                out += [s + "。" for s in line.split("。") if len(s) >= 12]
    return out


def _regions(rng: random.Random, n: int) -> list[tuple[str, dict]]:
    """(scope, region) pairs: province-wide, city-wide (some cities have no counties), county, 直辖市 district."""
    from casebook.declare.divisions import load_divisions

    div = load_divisions()
    provinces = [p for p in div.provinces.values() if p.code not in SKIP_PROVINCES]
    out = []
    for i in range(n):
        prov = provinces[i % len(provinces)]
        kids = div.children.get(prov.code, [])
        kind = rng.random()
        if kind < 0.1 or not kids:
            out.append(("省级", {"province": prov.name}))
            continue
        first = rng.choice(kids)
        if first.level == "county":  # 直辖市: districts hang straight under the province
            out.append((rng.choice(["县级", "校级"]), {"province": prov.name, "county": first.name}))
            continue
        counties = div.children.get(first.code, [])
        if kind < 0.35 or not counties:
            out.append(("市级", {"province": prov.name, "city": first.name}))
        else:
            county = rng.choice(counties)
            out.append((rng.choice(["县级", "校级"]), {"province": prov.name, "city": first.name, "county": county.name}))
    return out


def _body(rng: random.Random, pool: list[str]) -> str:
    def take(chars: int) -> list[str]:
        got, size = [], 0
        while size < chars:
            s = rng.choice(pool)
            got.append(s)
            size += len(s)
        return got

    practice = "\n".join(f"- **做法{i + 1}。** {s}" for i, s in enumerate(take(800)))
    return (f"## 背景\n\n{''.join(take(400))}\n\n## 主要做法\n\n{practice}\n\n"
            f"## 工作成效\n\n{''.join(take(450))}\n\n## 经验启示\n\n{''.join(take(350))}\n")


def make_cases(cases_dir: Path, n: int, seed: int = 7) -> list[dict]:
    """Write n case files under cases_dir (taxonomy copied from the repository). Returns their front matter."""
    rng = random.Random(seed)
    cases_dir.mkdir(parents=True, exist_ok=True)
    for name in ("_taxonomy.yml", "_search_terms.txt", "_template.md"):
        shutil.copy(REPO / "cases" / name, cases_dir / name)
    taxonomy = yaml.safe_load((REPO / "cases" / "_taxonomy.yml").read_text(encoding="utf-8"))
    topics, tags, stages = list(taxonomy["topics"]), list(taxonomy["tags"]), list(taxonomy["stages"])
    pool = _sentences()
    labels = [re.sub(r"\d", "", s)[:24] for s in pool if 8 <= len(s) <= 40][:300] or ["示范学校"]
    out = []
    for i, (scope, region) in enumerate(_regions(rng, n)):
        place = region.get("county") or region.get("city") or region["province"]
        topic = rng.sample(topics, rng.randint(1, 3))
        brand = rng.choice(BRANDS) if rng.random() < 0.4 else None
        title = f"{place}以{'“' + brand + '”' if brand else '改革'}推进{topic[0]}的实践（第{i + 1}例）"
        date = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        fm = {
            "title": title,
            "summary": f"{place}围绕{'、'.join(topic)}开展工作，形成了可复制、可推广的做法。{rng.choice(pool)}"[:280],
            "region": region,
            "scope": scope,
            "stages": sorted(rng.sample(stages, rng.randint(1, 3)), key=stages.index),
            "topics": topic,
            "tags": rng.sample(tags, rng.randint(0, 5)),
            "organization": f"{place}教育局",
            "date": date,
            "sources": [{"title": f"{place}推进{topic[0]}工作纪实（{i + 1}）", "publisher": rng.choice(PUBLISHERS),
                         "date": date, "url": f"https://news.example.org/{date.year}/{i + 1}.html"}],
            "metrics": [{"label": rng.choice(labels), "value": rng.randint(2, 5000), "unit": rng.choice(UNITS)}
                        for _ in range(rng.randint(0, 6))],
        }
        if brand:
            fm["brand"] = brand
        if i > 10 and rng.random() < 0.3:
            fm["related"] = [f"synth-{j:05d}" for j in sorted(rng.sample(range(i), rng.randint(1, 2)))]
        slug = f"synth-{i:05d}"
        folder = cases_dir / region["province"]
        folder.mkdir(exist_ok=True)
        text = "---\n" + yaml.dump(fm, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=200) + "---\n\n" + _body(rng, pool)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        out.append({"slug": slug, **fm, "body": text.split("---\n\n", 1)[1]})
    return out


def make_project(target: Path, n: int, seed: int = 7) -> list[dict]:
    """A copy of the project whose cases/ holds n synthetic cases."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    return make_cases(target / "cases", n, seed)


STOCK_CONFIG = """\
site_name: 中小学党建与德育案例库
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\u3000\\-、。，．？！；：“”‘’《》〈〉（）【】「」『』…—·,.:;!?"''()\\[\\]/]+'
  - tags
markdown_extensions: [toc, attr_list, admonition, tables, def_list]
"""


def make_stock_project(target: Path, cases: list[dict]) -> None:
    """The same text as plain Material pages: each case a page in the nav, stock search and tags, no hooks."""
    docs = target / "docs"
    (docs / "cases").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 案例库\n\n全部案例见导航。\n", encoding="utf-8")
    (docs / "tags.md").write_text("# 标签\n\n<!-- material/tags -->\n", encoding="utf-8")
    nav = ["  - 首页: index.md", "  - 标签: tags.md", "  - 案例:"]
    for c in cases:
        region = "".join(v for v in c["region"].values())
        facts = "\n".join(f"- **{k}**：{v}" for k, v in (("地区", region), ("层级", c["scope"]), ("学段", "、".join(c["stages"])),
                                                       ("专题", "、".join(c["topics"])), ("报送单位", c["organization"]),
                                                       ("日期", c["date"].isoformat())))
        metrics = "\n".join(f"- {m['value']}{m['unit']}：{m['label']}" for m in c["metrics"])
        sources = "\n".join(f"1. 《{s['title']}》，{s['publisher']}，{s['url']}" for s in c["sources"])
        meta = yaml.safe_dump({"tags": c["tags"]}, allow_unicode=True) if c["tags"] else ""
        page = (f"---\n{meta}---\n\n# {c['title']}\n\n{c['summary']}\n\n{facts}\n\n{metrics}\n\n"
                f"{c['body']}\n\n## 来源\n\n{sources}\n")
        (docs / "cases" / f"{c['slug']}.md").write_text(page, encoding="utf-8")
        nav.append(f"    - cases/{c['slug']}.md")
    (target / "mkdocs.yml").write_text(STOCK_CONFIG + "nav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
