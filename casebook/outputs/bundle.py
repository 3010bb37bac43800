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

from casebook.i18n import t, tn
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
        print(t("bundle.progress", step=self.step, steps=self.steps, text=text), file=sys.stderr, flush=True)

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
    dirty = t("bundle.version.dirty") if git(root, "status", "--porcelain", "--", "cases") else ""
    return t("bundle.version", tool=tool, commit=short, day=day, dirty=dirty)


def project_name(root: Path) -> str:
    """mkdocs.yml's site_name, read without MkDocs (its !ENV tags are skipped)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    return str(data.get("site_name") or t("bundle.project.default"))


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size / 1024:.0f} KB"


def make(root: Path, request: Request, environ=os.environ) -> int:
    """Run a bundle or handout request. Returns the exit code: 0 done, 1 failed, 2 bad selection."""
    steps = 1 + (3 if request.zip else 0) + (1 if request.handout else 0)
    progress = Progress(steps)
    progress(t("bundle.step.read"))
    library = load_library(root)
    if library.problems:
        for problem in library.problems:
            print(problem.format(), file=sys.stderr)
        print(tn("bundle.problems", len(library.problems)), file=sys.stderr)
        return 1
    library = library.published()  # drafts are never handed out
    selection = request.selection
    try:
        selection.check(library, library.cases)
    except SelectionError as err:
        for message in err.messages:
            print(f"casebook: {message}", file=sys.stderr)
        return 2
    chosen = selection.choose(library.cases)  # the handout's order: cases named with --case keep theirs
    if not chosen:
        print(t("bundle.empty", selection=selection.describe()), file=sys.stderr)
        return 2
    if request.name is not None and not ASCII_NAME.fullmatch(request.name):
        print(t("bundle.name"), file=sys.stderr)
        return 2

    made, epoch = made_at(environ)
    title = request.title or (project_name(root) if selection.empty
                              else t("bundle.title", project=project_name(root), selection=selection.short_name(for_file=False)))
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

            progress(tn("bundle.step.handout", len(chosen)))
            try:
                with Printer(epoch) as printer:
                    html, pdf = print_with_page_numbers(handout_renderer(library, chosen, info, edition),
                                                        {c.slug: c.title for c in chosen}, printer)
            except PdfError as err:
                print(f"casebook: {err}", file=sys.stderr)
                return 1
            pdf_pages = page_count(pdf)
            (site / "handout.html").write_text(html, encoding="utf-8")
            (site / "handout.pdf").write_bytes(pdf)
        if request.zip:
            progress(tn("bundle.step.site", len(chosen)))
            env = {"CASEBOOK_OFFLINE": "true", BUNDLE_ENV: info.to_env(), "SOURCE_DATE_EPOCH": str(epoch)}
            try:
                result = run_mkdocs(root, site / "_site", env=env, quiet=True)
            except EngineError as err:
                print(f"casebook: {err}", file=sys.stderr)
                return 2
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                print(t("bundle.site.failed"), file=sys.stderr)
                return 1
            for item in (site / "_site").iterdir():  # the site's files sit beside the handout
                item.rename(site / item.name)
            (site / "_site").rmdir()
            progress(t("bundle.step.check"))

            foreign = foreign_references(site)
            if foreign:
                for where, url in foreign[:20]:
                    print(t("bundle.foreign.item", where=where, url=url), file=sys.stderr)
                print(t("bundle.foreign"), file=sys.stderr)
                return 1
            progress(t("bundle.step.zip"))
            target = out_dir / f"{stem}.zip"
            write_zip(site, target, stem, epoch)
            outputs.append((t("bundle.output.zip"), target))
        if request.handout:
            for suffix in ("html", "pdf"):
                beside = out_dir / f"{stem}-handout.{suffix}"
                shutil.copyfile(site / f"handout.{suffix}", beside)
                outputs.append((t("bundle.output.handout", format=suffix.upper()), beside))
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    print(t("bundle.done", seconds=f"{progress.seconds:.1f}"), file=sys.stderr)
    print(t("bundle.summary", title=info.title, selection=selection.describe(), cases=tn("bundle.home.cases", len(chosen))))
    for label, path in outputs:
        extra = tn("bundle.output.pages", pdf_pages) if path.suffix == ".pdf" else ""
        print(t("bundle.output", label=label, path=display_path(path), size=human_size(path.stat().st_size), pages=extra))
    if request.zip:
        print(t("bundle.unzip"))
    return 0


def display_path(path: Path) -> str:
    """dist/… when under the working folder, else the absolute path."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
