"""The whole library: discover case files, validate each, then check them together."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from casebook.cache import ResultCache, digest
from casebook.check.validate import Context, did_you_mean, validate_source
from casebook.declare import fields as kinds
from casebook.declare.declaration import DECLARATION_FILE, Declaration, load_declaration
from casebook.declare.places import load_places
from casebook.declare.vocabularies import Vocabularies, load_vocabularies
from casebook.i18n import joined, t
from casebook.model.case import Case, Peek
from casebook.model.library import Library
from casebook.problems import Problem, Reporter
from casebook.read.frontmatter import FrontMatterError, parse_front_matter, title_line
from casebook.read.source import MAX_FILE_BYTES, read_source, rel_path, split_front_matter

FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FEATURED = 6


def is_case_file(path: Path) -> bool:
    return path.suffix == ".md" and not path.name.startswith("_")


def discover(cases_dir: Path) -> list[Path]:
    """Every case file under cases/, in a stable order (names starting with _ are not cases)."""
    return sorted(p for p in cases_dir.rglob("*.md") if is_case_file(p) and not p.is_dir())


def linked_folders(cases_dir: Path) -> list[Path]:
    """Folders under cases/ that are symbolic links: their files are neither checked nor published."""
    out = []
    for folder, names, _ in os.walk(cases_dir):
        out += [Path(folder) / name for name in names if (Path(folder) / name).is_symlink()]
    return sorted(out)


def peek(path: Path, root: Path, key: str) -> Peek | None:
    """Slug and title (the field named ``key``) from the front matter alone, no rule checked: a fraction
    of a full validation. The title line is read as YAML on its own; anything unusual goes through the
    full parser."""
    report = Reporter(rel_path(path, root))
    source = read_source(path, root, report)
    if source is None:
        return None
    try:
        match = title_line(key).search(source.front_matter)
        title = yaml.load("title: " + match.group(1), Loader=FAST_LOADER)["title"] if match else None
    except yaml.YAMLError:
        title = None
    if not isinstance(title, str):
        try:
            title = parse_front_matter(source.front_matter, source.front_matter_line).data.get(key)
        except FrontMatterError:
            return None
    return Peek(path.stem, report.file, title.strip()) if isinstance(title, str) else None


def load_library(root: Path, extra: list[Path] = (), today: dt.date | None = None, only: list[Path] | None = None) -> Library:
    """Read and validate every case under ``root/cases`` plus ``extra`` files.

    ``only``: check just these files in full (``casebook validate FILE``). The other files are still
    read for the cross-file rules (slugs, titles, related targets) from the validation cache or, when
    not cached, from their front matter alone; they are not in ``cases`` and their problems are not reported."""
    root = Path(root)
    declaration, problems = load_declaration(root)
    library = Library(root, declaration, problems=list(problems))
    if declaration is None:
        library.problems.sort()
        return library
    cases_dir = declaration.cases_dir
    needed = vocabularies_used(declaration)
    if declaration.vocabularies:
        vocabularies, problems = load_vocabularies(root / declaration.vocabularies, declaration.vocabularies, needed,
                                                   declaration.keep)
    else:
        vocabularies = Vocabularies("", {})
        problems = [Problem(DECLARATION_FILE, declaration.lines.get("fields", 1), "vocabularies",
                            t("declaration.vocabularies.missing", sections=joined(needed)))] if needed else []
    places, more = load_places(root, declaration.places)
    more = more + declared_problems(declaration, places)
    library.vocabularies, library.places = vocabularies, places
    library.problems.extend(problems + more)
    if vocabularies is None or problems or more:  # nothing is checked against a broken declaration
        library.vocabularies = library.places = None
        library.problems.sort()
        return library
    ctx = Context(declaration, vocabularies, places, cases_dir, today or dt.date.today(), template_hints(declaration))
    paths = list(dict.fromkeys([*discover(cases_dir), *(Path(p) for p in extra), *(Path(p) for p in only or ())]))
    focus = None if only is None else {Path(p) for p in only}
    others: list = []
    for path, (problems, case) in zip(paths, validate_files(paths, root, ctx, focus)):
        if (focus is None or path in focus) and isinstance(case, Case):
            library.cases.append(case)
        elif case:  # a file with problems still has a slug and a title for the cross-file rules
            others.append(case)
        if focus is None or path in focus:
            library.problems.extend(problems)
    if focus is None:
        library.problems += [Problem(rel_path(folder, root), 1, "file", t("file.symlink.folder"))
                             for folder in linked_folders(cases_dir)]
    checked = {c.path for c in library.cases} | {p.file for p in library.problems}
    library.problems.extend(p for p in cross_check(library.cases + others, {p.stem for p in paths}, declaration)
                            if focus is None or p.file in checked)
    # with ``only``, the other cases are not in ``cases`` but still count as existing
    existing = {c.slug for c in library.cases + others}
    library.featured, featured_problems = load_featured(root, declaration.featured, existing)
    broken = {c.slug for c in others if isinstance(c, Peek) and not c.valid}
    library.featured = [slug for slug in library.featured if slug not in broken]  # named, but not shown
    library.problems.extend(featured_problems)
    library.problems.sort()
    library.cases.sort(key=lambda c: (-c.date.toordinal(), c.slug))
    return library


def declared_problems(declaration: Declaration, places) -> list[Problem]:
    """What the declaration names that is not there: a file, or the levels of places a field or facet needs."""
    out = []

    def add(key: str, message: str) -> None:
        out.append(Problem(DECLARATION_FILE, declaration.lines.get(key, 1), key, message))

    for key, rel in (("template", declaration.template), ("search.terms", declaration.search_terms)):
        if rel and not (declaration.root / rel).is_file():
            add(key, t("declaration.file.missing", path=rel))
    for name, field in declaration.fields.items():
        if isinstance(field.kind, kinds.Place) and not places.levels:
            add(f"fields.{name}.type", t("declaration.places.none", name=name))
    for i, facet in enumerate(declaration.facets):
        if isinstance(declaration.fields[facet.field].kind, kinds.Place) and places.levels \
                and facet.level > len(places.levels):
            add(f"facets.{i}.level", t("declaration.facet.depth", level=facet.level, depth=len(places.levels)))
    return out


def vocabularies_used(declaration: Declaration) -> list[str]:
    """The vocabulary sections the declared fields (and their records' fields) take values from."""
    out = []

    def walk(fields):
        for field in fields.values():
            kind = field.kind
            if isinstance(kind, (kinds.Terms, kinds.Choice)) and kind.vocabulary:
                out.append(kind.vocabulary)
            elif isinstance(kind, kinds.Record):
                walk(kind.fields)
            elif isinstance(kind, kinds.Records):
                walk(kind.item.fields)

    walk(declaration.fields)
    return list(dict.fromkeys(out))


def template_hints(declaration: Declaration) -> frozenset:
    """What the template and `casebook new` write for a contributor to replace: the sections' hints and
    the template's own placeholder paragraphs. A case still holding one is unfinished."""
    hints = {section.hint for section in declaration.sections if section.hint}
    if not declaration.template:
        return frozenset(hints)
    path = declaration.root / declaration.template
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset(hints)
    source = split_front_matter(path, declaration.template, text, Reporter(declaration.template))
    if source is not None:
        hints |= {" ".join(line.split()) for line in source.body.split("\n")
                  if line.strip() and not line.lstrip().startswith("#")}
    return frozenset(hints)


PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
_JOB: dict = {}  # the context forked workers inherit


def _validate_one(path: Path, root: Path, ctx: Context) -> tuple[list[Problem], Case | None]:
    report = Reporter(rel_path(path, root))
    source = read_source(path, root, report)
    case = validate_source(source, ctx, report) if source else None
    return report.problems, case


def _validate_job(path: Path):
    return _validate_one(path, _JOB["root"], _JOB["ctx"])


def _file_bytes(root: Path, *names: str) -> list[bytes]:
    out = []
    for name in names:
        try:
            out.append((root / name).read_bytes() if name else b"")
        except OSError:
            out.append(b"")
    return out


def _media_fingerprint(cases_dir: Path) -> str:
    """Images and other non-case files under cases/: a case's validity depends on them (size, presence)."""
    entries = []
    for p in sorted(cases_dir.rglob("*")):
        if p.suffix != ".md" and p.is_file():
            st = p.stat()
            entries.append(f"{p.relative_to(cases_dir).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return digest(*entries)


def validate_files(paths: list[Path], root: Path, ctx: Context,
                   focus: set[Path] | None = None) -> list[tuple[list[Problem], Case | Peek | None]]:
    """(problems, case or None) for every file, in order: from the cache when the file is unchanged,
    else validated, on every core when there are many (the results are the same either way).
    Files outside ``focus`` (when given) that are not cached are only peeked at, and not cached."""
    declaration = ctx.declaration
    salt = digest(*_file_bytes(root, DECLARATION_FILE, declaration.vocabularies,
                               declaration.places if declaration.places not in ("cn-divisions", "none") else ""),
                  declaration.language, ctx.today.isoformat(), _media_fingerprint(ctx.cases_dir), *sorted(ctx.boilerplate))
    cache = ResultCache(root, "validation", salt)
    keys = []
    for path in paths:
        try:  # oversized, special or unreadable files are never cached: read_source reports them
            small = path.is_file() and path.stat().st_size <= MAX_FILE_BYTES
            keys.append(digest(rel_path(path, root), os.path.islink(path), path.read_bytes()) if small else None)
        except OSError:
            keys.append(None)
    results: list = [cache.get(k) if k else None for k in keys]
    if focus is not None:
        for i, path in enumerate(paths):
            if results[i] is None and path not in focus:
                results[i] = ([], peek(path, root, declaration.role("title").name))
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_MIN and workers > 1 and threading.active_count() == 1 \
            and "fork" in multiprocessing.get_all_start_methods():
        # fork: workers inherit the loaded declaration and places; only when no other thread could hold a lock
        _JOB.update(root=root, ctx=ctx)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                done = list(pool.map(_validate_job, [paths[i] for i in todo], chunksize=16))
        finally:
            _JOB.clear()
    else:
        done = [_validate_one(paths[i], root, ctx) for i in todo]
    for i, result in zip(todo, done):
        results[i] = result
        if keys[i]:
            cache.put(keys[i], result)
    if focus is None:  # a partial run keeps the other files' entries
        cache.keep_only(k for k in keys if k)
    cache.save()
    return results


def cross_check(cases: list[Case], all_slugs: set[str], declaration: Declaration) -> list[Problem]:
    """Rules that need the whole library: unique slugs and titles, related targets.

    ``all_slugs`` includes files that failed validation, so a link to a broken
    case is not misreported as a link to a missing one.
    """
    problems = []
    title_key = declaration.role("title").name
    related = declaration.role("related")
    by_slug: dict[str, list[Case]] = {}
    by_title: dict[str, list[Case]] = {}
    for case in sorted(cases, key=lambda c: c.path):
        by_slug.setdefault(case.slug, []).append(case)
        # as a reader sees them: full-width and half-width letters, and spacing, alike
        by_title.setdefault(" ".join(unicodedata.normalize("NFKC", case.title).split()), []).append(case)
    # every file in a clash gets the message, so a new file in a pull request is always flagged
    for group in by_slug.values():
        for case in group if len(group) > 1 else ():
            others = joined(o.path for o in group if o is not case)
            problems.append(Problem(case.path, 1, "file", t("library.slug.duplicate", slug=case.slug, others=others,
                                                               folder=declaration.cases)))
    for group in by_title.values():
        for case in group if len(group) > 1 else ():
            others = joined(o.path for o in group if o is not case)
            problems.append(Problem(case.path, case.lines.get(title_key, 1), title_key,
                                    t("library.title.duplicate", others=others)))
    for case in cases if related else ():
        for i, slug in enumerate(case.related):
            line = case.lines.get(f"{related.name}.{i}", 1)
            where = f"{related.name}[{i + 1}]"
            if slug == case.slug:
                problems.append(Problem(case.path, line, where, t("library.related.self", key=related.name)))
            elif slug not in all_slugs:
                problems.append(Problem(case.path, line, where,
                                        t("library.slug.missing", slug=slug, hint=did_you_mean(slug, all_slugs))))
    return problems


def load_featured(root: Path, rel: str, slugs: set[str]) -> tuple[list[str], list[Problem]]:
    """The editors' picks for the home page (optional): ``featured: [slug, …]``."""
    path = root / rel if rel else None
    if path is None or not path.is_file():
        return [], []
    report = Reporter(rel)
    try:
        fm = parse_front_matter(path.read_text(encoding="utf-8"), 1)
    except (FrontMatterError, UnicodeDecodeError) as err:
        report.add(getattr(err, "line", 1), "featured", getattr(err, "message", t("library.featured.encoding")))
        return [], report.problems
    value = fm.data.get("featured")
    if set(fm.data) != {"featured"} or not isinstance(value, list):
        report.add(1, "featured", t("library.featured.format"))
        return [], report.problems
    if len(value) > MAX_FEATURED:
        report.add(fm.lines.value(("featured",)), "featured", t("library.featured.count", most=MAX_FEATURED, count=len(value)))
    for i, slug in enumerate(value):
        if slug not in slugs:
            report.add(fm.lines.value(("featured", i)), f"featured[{i + 1}]",
                       t("library.slug.missing", slug=slug, hint=did_you_mean(slug, slugs)))
    return [s for s in value if s in slugs][:MAX_FEATURED], report.problems
