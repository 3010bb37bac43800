"""``casebook`` command line: the contributor's and CI's entry to the pipeline.

The library is found first (``--root``, or the folder holding casebook.yml at or above the file or
folder named, or the working folder): its declaration sets the interface language of every message and
of the help, and gives `new` and `import` their questions and options and `bundle` and `handout` their
selection options. Outside a library the language follows the environment (LANG), Chinese by default.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from casebook.check.library import is_case_file, load_library
from casebook.declare import fields as kinds
from casebook.declare.declaration import DECLARATION_FILE, find_root, load_declaration
from casebook.i18n import LANGUAGES, t, tn, use
from casebook.problems import printable
from casebook.read.source import rel_path

LIBRARY_COMMANDS = ("validate", "build", "new", "import", "stats", "export", "schema", "bundle", "handout")


class NoLibrary(Exception):
    """No case library where the command was pointed: said in the interface language, exit 2."""


def environment_language(environ=os.environ) -> str:
    """The interface language outside a library: the environment's, if casebook speaks it; else Chinese."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):  # C names no language: look further
            code = value.split(":")[0][:2].lower()
            return code if code in LANGUAGES else LANGUAGES[0]
    return LANGUAGES[0]


def project_root(args, near: Path | None = None) -> Path:
    """--root as given, else the library around ``near`` (a file or folder named on the command line)
    or around the working folder."""
    if getattr(args, "root", None):
        return Path(args.root).resolve()
    start = near if near is not None else Path.cwd()
    root = find_root(Path(os.path.abspath(start)))
    if root is None and near is not None:  # a path outside any library, named from inside one: that one says so
        root = find_root(Path.cwd())
    if root is None:
        raise NoLibrary(t("cli.no_library", start=printable(start), file=DECLARATION_FILE))
    return root


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder``, as named and once its folders' links are followed (the file
    itself is not followed: a linked case file is refused by name, not read through its link)."""
    def within(p: Path, top: Path) -> bool:
        return p == top or top in p.parents

    real = path.resolve() if path.is_dir() else path.parent.resolve() / path.name
    return within(Path(os.path.abspath(path)), Path(os.path.abspath(folder))) and within(real, folder.resolve())


def _cases_dir(root: Path) -> tuple[Path, str]:
    declaration, _ = load_declaration(root)
    rel = declaration.cases if declaration else "cases"
    return root / rel, rel


def cmd_validate(args) -> int:
    given = list(args.paths)
    root = project_root(args, Path(given[0]) if given else None)
    cases_dir, cases_rel = _cases_dir(root)
    files, wanted_dirs = [], []
    for name in given or [cases_dir]:
        target = Path(os.path.abspath(name))  # not resolved: a symlinked file keeps its own name
        shown = printable(name)
        if not target.exists() and not target.is_symlink():
            print(t("cli.validate.missing", path=shown), file=sys.stderr)
            return 2
        if not _inside(target, cases_dir):
            print(t("cli.validate.outside", path=shown, cases=cases_rel, folder=cases_dir), file=sys.stderr)
            return 2
        if target.is_dir() and not target.is_symlink():
            wanted_dirs.append(target.resolve())
        elif target.suffix != ".md":
            print(t("cli.validate.not_md", path=shown), file=sys.stderr)
            return 2
        elif not is_case_file(target):
            print(t("cli.validate.underscore", path=shown), file=sys.stderr)
            return 2
        else:
            files.append(target.parent.resolve() / target.name)
    # files only: check them in full, and the rest of the cases only as far as the cross-file rules need
    library = load_library(root, only=files) if files and not wanted_dirs else load_library(root, extra=files)
    wanted = {rel_path(f, root) for f in files}
    dirs = [rel_path(d, root).rstrip("/") + "/" for d in wanted_dirs]
    cases_prefix = cases_rel.rstrip("/") + "/"

    def selected(file: str) -> bool:
        # problems of the library's own files (declaration, vocabularies, places) always matter: every
        # case is checked against them
        return file in wanted or any(file.startswith(d) or d == "./" for d in dirs) \
            or not file.startswith(cases_prefix) or file.startswith(cases_prefix + "_")

    problems = [p for p in library.problems if selected(p.file)]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    elif args.format == "github":  # pull-request checks: each problem annotates its line
        for p in problems:
            print(p.github())
    else:
        for p in problems:
            print(p.format())
        if problems:
            print("\n" + tn("cli.validate.found", len(problems), files=len({p.file for p in problems})), file=sys.stderr)
        elif not files or wanted_dirs:
            print(tn("cli.validate.passed.cases", sum(selected(c.path) for c in library.cases)), file=sys.stderr)
        else:
            print(tn("cli.validate.passed.files", len(files), cases=cases_rel), file=sys.stderr)
    return 1 if problems else 0


def cmd_build(args) -> int:
    from casebook.outputs.publish import build_site

    root = project_root(args)
    return build_site(root, Path(args.site_dir) if args.site_dir else root / "site")


def _examples(root: Path | None, declaration) -> dict[str, str]:
    """An example value for each selection option, from the library itself."""
    from casebook.check.library import discover
    from casebook.declare.places import load_places
    from casebook.declare.vocabularies import load_vocabularies
    from casebook.check.library import vocabularies_used

    out = {}
    vocabularies = load_vocabularies(root / declaration.vocabularies, declaration.vocabularies,
                                     vocabularies_used(declaration), declaration.keep)[0] if declaration.vocabularies else None
    places = load_places(root, declaration.places)[0]
    for key in declaration.select:
        facet = declaration.facet(key)
        kind = declaration.fields[facet.field].kind
        if getattr(kind, "vocabulary", None) and vocabularies:
            out[key] = next(iter(vocabularies.section(kind.vocabulary)), "")
        elif isinstance(kind, kinds.Choice):
            out[key] = next(iter(kind.values), "")
        elif isinstance(kind, kinds.Place):
            out[key] = next(iter(places.top()), "")
        elif isinstance(kind, kinds.Date):
            out[key] = "2024"
    cases = discover(declaration.cases_dir)
    out["case"] = cases[0].stem if cases else ""
    return out


def selection_options(root: Path | None, declaration) -> argparse.ArgumentParser:
    """The options that choose cases, shared by bundle and handout (same rule as the gallery)."""
    parent = argparse.ArgumentParser(add_help=False)
    if declaration is not None:
        from casebook.model.selection import kinds_of

        group = parent.add_argument_group(t("cli.select.group"))
        examples = _examples(root, declaration)
        for kind, (name, _) in kinds_of(declaration).items():
            example = examples.get(kind)
            group.add_argument(f"--{kind}", action="append", metavar=t("cli.select.metavar"),
                               help=t("cli.select.help", what=name, example=example) if example else name)
    parent.add_argument("--title", help=t("cli.select.title"))
    parent.add_argument("--out-dir", help=t("cli.select.out_dir"))
    parent.add_argument("--root", help=t("cli.root"))
    return parent


def _request(args, declaration, handout: bool, zip_: bool):
    from casebook.model.selection import Selection, kinds_of
    from casebook.outputs.bundle import Request

    selection = Selection.of(declaration, **{kind: getattr(args, kind, None) for kind in kinds_of(declaration)})
    return Request(selection, title=args.title, name=getattr(args, "name", None),
                   out_dir=Path(args.out_dir) if args.out_dir else None, handout=handout, zip=zip_)


def _declaration(root: Path):
    declaration, problems = load_declaration(root)
    if declaration is None:
        for p in problems:
            print(p.format(), file=sys.stderr)
        raise NoLibrary(t("cli.declaration.broken", file=DECLARATION_FILE))
    return declaration


def cmd_bundle(args) -> int:
    from casebook.outputs.bundle import make

    root = project_root(args)
    return make(root, _request(args, _declaration(root), handout=args.handout, zip_=True))


def cmd_handout(args) -> int:
    from casebook.outputs.bundle import make

    root = project_root(args)
    return make(root, _request(args, _declaration(root), handout=True, zip_=False))


def _ask(prompt: str, choices=None, many: bool = False, check=None, optional: bool = False):
    """One question on the terminal: a value, or numbers/names from ``choices``; asked again until valid."""
    if choices:
        print("\n".join(f"  {i}. {c}" for i, c in enumerate(choices, 1)))
    while True:
        try:
            raw = input(prompt).strip()
        except EOFError:
            raise SystemExit(t("cli.new.eof")) from None
        if not raw and optional:
            return [] if many else None
        parts = [p for p in re.split(r"[\s,，、]+", raw) if p] if many else [raw]
        if choices:
            picked = [choices[int(p) - 1] if p.isdigit() and 0 < int(p) <= len(choices) else p for p in parts]
            bad = [p for p in picked if p not in choices]
            if bad or not picked:
                print("  " + t("cli.new.not_a_choice", values=t("list.separator").join(bad) or t("cli.new.empty")))
                continue
            parts = picked
        problem = check(parts if many else parts[0]) if check and parts else None
        if not parts or problem:
            print("  " + (problem or t("cli.new.required")))
            continue
        return parts if many else parts[0]


def _ask_missing(s, answers) -> None:
    """Ask for every asked field that has no answer yet, in the declaration's order."""
    from casebook.authoring.newcase import place_problem

    for f in s.asked:
        kind = f.kind
        if answers.get(f.name):
            continue
        if isinstance(kind, kinds.Text):
            answers.values[f.name] = _ask(t("cli.new.ask.text", what=f.label, lo=kind.lo, hi=kind.hi),
                                          check=lambda x, k=kind, w=f.label: None if k.lo <= len(x) <= k.hi
                                          else t("cli.new.ask.text.length", what=w, lo=k.lo, hi=k.hi))
        elif isinstance(kind, kinds.Place):
            place = {}
            for depth, level in enumerate(s.places.levels):
                def check(name, level=level, place=place):
                    return place_problem(s, {**place, level.key: name})
                default = t("cli.new.ask.place.optional", what=level.what) if depth else t("cli.new.ask.place", what=level.what)
                got = _ask(level.ask or default, check=check, optional=depth > 0)
                if got:
                    place[level.key] = got
            answers.values[f.name] = place
        elif isinstance(kind, kinds.Choice):
            answers.values[f.name] = _ask(t("cli.new.ask.choice", what=f.label), choices=s.choices(f),
                                          optional=not f.required)
        elif isinstance(kind, kinds.Terms):
            if kind.lo == 0:
                prompt = t("cli.new.ask.terms.optional", what=f.label)
            elif kind.hi is not None:
                prompt = t("cli.new.ask.terms.range", what=f.label, lo=kind.lo, hi=kind.hi)
            else:
                prompt = t("cli.new.ask.terms", what=f.label)
            answers.values[f.name] = _ask(
                prompt, choices=s.choices(f), many=True, optional=kind.lo == 0,
                check=lambda x, k=kind, w=f.label: None if k.hi is None or len(x) <= k.hi
                else t("cli.new.ask.terms.max", what=w, hi=k.hi))


def cmd_new(args) -> int:
    from casebook.authoring.newcase import Refused, create, setup

    root = project_root(args)
    try:
        s = setup(root)
    except Refused as why:
        print(t("cli.new.refused", command="new", why=why), file=sys.stderr)
        return 2
    answers = answers_from(args, s)
    if not args.yes and sys.stdin.isatty() or args.ask:
        _ask_missing(s, answers)
    try:
        path = create(root, answers, s)
    except Refused as why:
        print(t("cli.new.refused", command="new", why=why), file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    fields = s.declaration.fields.values()
    unanswered = [f.name for f in fields if f.required and not f.ask]
    optional = [f.name for f in fields if not f.required and isinstance(f.kind, (kinds.Terms, kinds.Records))]
    print(t("cli.new.created", path=rel))
    print(t("cli.new.next", path=rel, fields=t("list.separator").join(unanswered),
            optional=t("list.separator").join(optional)))
    return 0


def cmd_import(args) -> int:
    from casebook.authoring.newcase import Refused, setup
    from casebook.authoring.wordimport import import_docx

    root = project_root(args)
    try:
        answers = answers_from(args, setup(root))
        path, images, notes = import_docx(root, Path(args.document), answers)
    except Refused as why:
        print(t("cli.new.refused", command="import", why=why), file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    print(t("cli.import.done", path=rel) + (tn("cli.import.images", len(images)) if images else ""))
    for note in notes:
        print("  " + t("cli.import.note", note=note))
    library = load_library(root, only=[path])
    problems = [p for p in library.problems if p.file == rel or not p.file.startswith(library.declaration.cases + "/")]
    if problems:
        print("\n" + t("cli.import.problems"))
        for p in problems:
            print(f"  {p.format()}")
    print(t("cli.import.next", path=rel))
    return 0


def _library_or_problems(root: Path):
    library = load_library(root)
    if library.problems:
        for p in library.problems:
            print(p.format())
        print("\n" + tn("cli.library.problems", len(library.problems)), file=sys.stderr)
        return None
    return library.published()  # what the site publishes: no drafts


def cmd_stats(args) -> int:
    from casebook.outputs.export import stats_text

    library = _library_or_problems(project_root(args))
    if library is None:
        return 1
    print(stats_text(library, library.cases), end="")
    return 0


def cmd_export(args) -> int:
    from casebook.outputs.export import to_csv, to_json

    library = _library_or_problems(project_root(args))
    if library is None:
        return 1
    text = to_json(library, library.cases) if args.format == "json" else to_csv(library, library.cases)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(tn("cli.export.done", len(library.cases), path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_schema(args) -> int:
    from casebook.check.schema import schema_text

    root = project_root(args)
    library = load_library(root)
    if not library.ready:
        for p in library.problems:
            print(p.format(), file=sys.stderr)
        print(t("cli.schema.broken"), file=sys.stderr)
        return 1
    sys.stdout.write(schema_text(library.declaration, library.vocabularies, library.places))
    return 0


def cmd_init(args) -> int:
    from casebook.authoring.scaffold import Refused, init

    try:
        written = init(Path(args.directory), args.lang)
    except Refused as why:
        print(t("cli.init.refused", why=why), file=sys.stderr)
        return 2
    folder = Path(args.directory)
    print(tn("cli.init.done", len(written), path=folder))
    print(t("cli.init.next", path=folder))
    return 0


def answers_from(args, s):
    """The answers the options `answer_options` made collected."""
    from casebook.authoring.newcase import Answers

    answers = Answers()
    for f in s.asked:
        if isinstance(f.kind, kinds.Place):
            place = {level.key: getattr(args, level.key, None) for level in s.places.levels}
            answers.values[f.name] = {k: v for k, v in place.items() if v}
        else:
            answers.values[f.name] = getattr(args, s.option(f), None) or ([] if isinstance(f.kind, kinds.Terms) else None)
    return answers


def answer_options(parser: argparse.ArgumentParser, s) -> None:
    """The front-matter answers `new` and `import` both take: one option per asked field (a place: one
    per level; a list of terms: repeated)."""
    if s is None:
        return
    for f in s.asked:
        kind = f.kind
        if isinstance(kind, kinds.Place):
            for depth, level in enumerate(s.places.levels):
                parser.add_argument(f"--{level.key}", help=level.help or (
                    t("cli.option.place", what=level.what) if depth == 0 else t("cli.option.place.optional", what=level.what)))
        elif isinstance(kind, kinds.Text):
            parser.add_argument(f"--{s.option(f)}", help=t("cli.option.text", what=f.label, lo=kind.lo, hi=kind.hi))
        elif isinstance(kind, kinds.Choice):
            parser.add_argument(f"--{s.option(f)}", help=t("cli.option.choice", what=f.label,
                                                            options=t("list.separator").join(s.choices(f))))
        elif isinstance(kind, kinds.Terms):
            parser.add_argument(f"--{s.option(f)}", action="append", help=t("cli.option.terms", what=f.label))


def _library_setup(root: Path | None):
    """The library's Setup for `new`/`import` options, or None when it cannot be read."""
    if root is None:
        return None
    from casebook.authoring.newcase import Refused, setup

    try:
        return setup(root)
    except Refused:
        return None


def _where(argv: list[str]) -> tuple[str | None, Path | None]:
    """(command, library root or None) from the arguments, before the full parser exists."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("command", nargs="?")
    pre.add_argument("paths", nargs="*")
    pre.add_argument("--root")
    known, _ = pre.parse_known_args(argv)
    if known.root:
        root = Path(known.root).resolve()
        return known.command, root if (root / DECLARATION_FILE).is_file() else None
    near = Path(known.paths[0]) if known.command == "validate" and known.paths else Path.cwd()
    return known.command, find_root(Path(os.path.abspath(near)))


def build_parser(root: Path | None, declaration) -> argparse.ArgumentParser:
    s = _library_setup(root) if declaration is not None else None
    parser = argparse.ArgumentParser(prog="casebook", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help=t("cli.validate.help"))
    validate.add_argument("paths", nargs="*", help=t("cli.validate.paths"))
    validate.add_argument("--format", choices=("text", "json", "github"), default="text", help=t("cli.validate.format"))
    validate.add_argument("--root", help=t("cli.root"))
    build = sub.add_parser("build", help=t("cli.build.help"))
    build.add_argument("--site-dir", help=t("cli.build.site_dir"))
    build.add_argument("--root", help=t("cli.root"))
    new = sub.add_parser("new", help=t("cli.new.help"), description=t("cli.new.description"))
    answer_options(new, s)
    new.add_argument("--yes", action="store_true", help=t("cli.new.yes"))
    new.add_argument("--ask", action="store_true", help=argparse.SUPPRESS)  # ask even without a terminal (tests)
    new.add_argument("--root", help=t("cli.root"))
    word = sub.add_parser("import", help=t("cli.import.help"), description=t("cli.import.description"))
    word.add_argument("document", help=t("cli.import.document"))
    answer_options(word, s)
    word.add_argument("--root", help=t("cli.root"))
    stats = sub.add_parser("stats", help=t("cli.stats.help"))
    stats.add_argument("--root", help=t("cli.root"))
    export = sub.add_parser("export", help=t("cli.export.help"))
    export.add_argument("--format", choices=("json", "csv"), default="json", help=t("cli.export.format"))
    export.add_argument("-o", "--output", help=t("cli.export.output"))
    export.add_argument("--root", help=t("cli.root"))
    schema = sub.add_parser("schema", help=t("cli.schema.help"))
    schema.add_argument("--root", help=t("cli.root"))
    shared = selection_options(root, declaration)
    bundle = sub.add_parser("bundle", parents=[shared], help=t("cli.bundle.help"), description=t("cli.bundle.description"))
    bundle.add_argument("--name", help=t("cli.bundle.name"))
    bundle.add_argument("--handout", action="store_true", help=t("cli.bundle.handout"))
    sub.add_parser("handout", parents=[shared], help=t("cli.handout.help"), description=t("cli.handout.description"))
    init = sub.add_parser("init", help=t("cli.init.help"), description=t("cli.init.description"))
    init.add_argument("directory", help=t("cli.init.directory"))
    init.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0], help=t("cli.init.lang"))
    return parser


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command, root = _where(argv)
    declaration = None
    use(environment_language())
    if command == "init":  # a new library: the language asked for, not the one of a library around it
        root = None
    if root is not None:
        declaration, _ = load_declaration(root)  # its language, from now on (its problems: said by the command)
    parser = build_parser(root, declaration)
    try:
        if declaration is None and command in LIBRARY_COMMANDS:
            args, _ = parser.parse_known_args(argv)  # no library: say so, whatever its options were
        else:
            args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    if args.command == "init":
        use(args.lang)
    commands = {"validate": cmd_validate, "build": cmd_build, "bundle": cmd_bundle, "handout": cmd_handout,
                "new": cmd_new, "stats": cmd_stats, "export": cmd_export, "schema": cmd_schema,
                "import": cmd_import, "init": cmd_init}
    try:
        return commands[args.command](args)
    except NoLibrary as why:
        print(t("cli.error", why=why), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
