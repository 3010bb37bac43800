"""``casebook bundle`` and ``casebook handout``: a trainer's chosen cases as an offline zip and a printed handout.

library → selection → (offline site of the chosen cases, via MkDocs) + (handout HTML → PDF) → zip.
Everything is made in a staging folder; dist/ gets finished files only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

import yaml

from casebook.model.edition import ENV as BUNDLE_ENV, BundleInfo, Edition
from casebook.check.library import load_library
from casebook.outputs.publish import EngineError, git, run_mkdocs
from casebook.model.selection import Selection, SelectionError
from casebook.outputs.sitecheck import foreign_references
from casebook.outputs.ziptree import write_zip

ASCII_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class Request:
    selection: Selection
    title: str | None = None
    name: str | None = None  # ASCII file name (without .zip) instead of the one made from the selection
    out_dir: Path | None = None
    handout: bool = False
    zip: bool = True  # False: the handout alone (casebook handout)


class Progress:
    """One line per step on stderr, so a trainer sees it is working."""

    def __init__(self, steps: int):
        self.steps, self.step, self.start = steps, 0, time.perf_counter()

    def __call__(self, text: str) -> None:
        self.step += 1
        print(f"casebook: [{self.step}/{self.steps}] {text}……", file=sys.stderr, flush=True)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


def made_at(environ) -> tuple[dt.date, int]:
    """The bundle's date and the timestamp of its files: SOURCE_DATE_EPOCH if set, else today at 00:00 UTC.

    A whole day maps to one timestamp, so two bundles of the same cases made the same day are identical.
    """
    given = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        epoch = int(given)
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date(), epoch
    today = dt.date.today()
    return today, calendar.timegm(today.timetuple())


def library_version(root: Path) -> str:
    """casebook's version and the cases' commit (with a note when cases/ has uncommitted changes)."""
    try:
        tool = f"casebook {package_version('casebook')}"
    except PackageNotFoundError:
        tool = "casebook"
    commit = git(root, "log", "-1", "--format=%h %cs", "--", "cases")
    if not commit:
        return tool
    short, day = commit.split(" ", 1)
    dirty = "，含未提交的改动" if git(root, "status", "--porcelain", "--", "cases") else ""
    return f"{tool} · 提交 {short}（{day}{dirty}）"


def project_name(root: Path) -> str:
    """mkdocs.yml's site_name, read without MkDocs (its !ENV tags are skipped)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    return str(data.get("site_name") or "案例库")


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.0f} KB"


def make(root: Path, request: Request, environ=os.environ) -> int:
    """Run a bundle or handout request. Returns the exit code: 0 done, 1 failed, 2 bad selection."""
    steps = 1 + (3 if request.zip else 0) + (1 if request.handout else 0)
    progress = Progress(steps)
    progress("读取并校验案例库")
    library = load_library(root)
    if library.problems:
        for problem in library.problems:
            print(problem.format(), file=sys.stderr)
        print(f"casebook: 案例库有 {len(library.problems)} 个问题，没有生成材料包；请先修正（casebook validate 可单独检查）。",
              file=sys.stderr)
        return 1
    library = library.published()  # drafts are never handed out
    selection = request.selection
    try:
        selection.check(library.taxonomy, library.cases)
    except SelectionError as err:
        for message in err.messages:
            print(f"casebook: {message}", file=sys.stderr)
        return 2
    chosen = selection.choose(library.cases)  # the handout's order: cases named with --case keep theirs
    if not chosen:
        print(f"casebook: 所选范围（{selection.describe()}）没有案例，没有生成材料包。各项之间是“并且”，"
              "同一项的多个取值是“或者”：可以减少条件再试。", file=sys.stderr)
        return 2
    if request.name is not None and not ASCII_NAME.fullmatch(request.name):
        print("casebook: --name 只能用英文字母、数字、点、下划线和连字符（1–80 个字符），例如 jilin-training", file=sys.stderr)
        return 2

    made, epoch = made_at(environ)
    title = request.title or (project_name(root) if selection.empty else f"{project_name(root)}：{selection.short_name()}")
    stem = request.name or f"casebook-{selection.short_name()}-{made:%Y%m%d}"
    info = BundleInfo(title.strip(), selection, made, library_version(root), handout=request.handout)
    edition = Edition(environ.get("CASEBOOK_SITE_URL", "").strip(), info)
    out_dir = (request.out_dir or root / "dist").absolute()
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{stem}-staging-", dir=out_dir))
    outputs: list[tuple[str, Path]] = []
    try:
        site = staging / stem
        site.mkdir()
        pdf_pages = None
        if request.handout:
            from casebook.render.handout import handout_renderer
            from casebook.outputs.pdf import PdfError, Printer, page_count, print_with_page_numbers

            progress(f"排版讲义 PDF（{len(chosen)} 个案例）")
            try:
                with Printer(epoch) as printer:
                    html, pdf = print_with_page_numbers(handout_renderer(chosen, info, edition, root),
                                                        {c.slug: c.title for c in chosen}, printer)
            except PdfError as err:
                print(f"casebook: {err}", file=sys.stderr)
                return 1
            pdf_pages = page_count(pdf)
            (site / "handout.html").write_text(html, encoding="utf-8")
            (site / "handout.pdf").write_bytes(pdf)
        if request.zip:
            progress(f"生成离线站点（{len(chosen)} 个案例）")
            env = {"CASEBOOK_OFFLINE": "true", BUNDLE_ENV: info.to_env(), "SOURCE_DATE_EPOCH": str(epoch)}
            try:
                result = run_mkdocs(root, site / "_site", env=env, quiet=True)
            except EngineError as err:
                print(f"casebook: {err}", file=sys.stderr)
                return 2
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                print("casebook: 离线站点生成失败，没有生成材料包。", file=sys.stderr)
                return 1
            for item in (site / "_site").iterdir():  # the site's files sit beside the handout
                item.rename(site / item.name)
            (site / "_site").rmdir()
            progress("检查离线站点")

            foreign = foreign_references(site)
            if foreign:
                for where, url in foreign[:20]:
                    print(f"casebook: {where} 引用了其他主机：{url}", file=sys.stderr)
                print("casebook: 离线站点会向其他主机发请求，没有生成材料包。", file=sys.stderr)
                return 1
            progress("打包 zip")
            target = out_dir / f"{stem}.zip"
            write_zip(site, target, stem, epoch)
            outputs.append(("材料包", target))
        if request.handout:
            for suffix in ("html", "pdf"):
                beside = out_dir / f"{stem}-handout.{suffix}"
                shutil.copyfile(site / f"handout.{suffix}", beside)
                outputs.append((f"讲义 {suffix.upper()}", beside))
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    print(f"casebook: 完成，用时 {progress.seconds:.1f} 秒。", file=sys.stderr)
    print(f"  标题：{info.title}\n  范围：{selection.describe()}\n  案例：{len(chosen)} 个")
    for label, path in outputs:
        extra = f"，{pdf_pages} 页" if path.suffix == ".pdf" else ""
        print(f"  {label}：{display_path(path)}（{human_size(path.stat().st_size)}{extra}）")
    if request.zip:
        print("  解压后双击其中的 index.html，即可离线浏览、检索和筛选。")
    return 0


def display_path(path: Path) -> str:
    """dist/… when under the working folder, else the absolute path."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
