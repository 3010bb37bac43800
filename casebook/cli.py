"""``casebook`` command line: the contributor's and CI's entry to the pipeline."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from casebook.check.library import CASES_DIR, is_case_file, load_library
from casebook.problems import printable
from casebook.read.source import rel_path


class NoLibrary(Exception):
    """No case library where the command was pointed: said in Chinese, exit 2."""


def find_root(start: Path) -> Path | None:
    """The library root: the nearest folder at or above ``start`` holding cases/_taxonomy.yml."""
    for folder in [start, *start.parents]:
        if (folder / CASES_DIR / "_taxonomy.yml").is_file():
            return folder
    return None


def project_root(args, near: Path | None = None) -> Path:
    """--root as given, else the library around ``near`` (a file or folder named on the command line)
    or around the working folder."""
    if getattr(args, "root", None):
        return Path(args.root).resolve()
    start = near if near is not None else Path.cwd()
    root = find_root(Path(os.path.abspath(start)))
    if root is None:
        raise NoLibrary(f"找不到案例库：{printable(start)} 及其上层目录里都没有 {CASES_DIR}/_taxonomy.yml；"
                        "请在案例库的目录里运行，或用 --root 指定案例库")
    return root


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder``, as named and once its folders' links are followed (the file
    itself is not followed: a linked case file is refused by name, not read through its link)."""
    def within(p: Path, top: Path) -> bool:
        return p == top or top in p.parents

    real = path.resolve() if path.is_dir() else path.parent.resolve() / path.name
    return within(Path(os.path.abspath(path)), Path(os.path.abspath(folder))) and within(real, folder.resolve())


def cmd_validate(args) -> int:
    given = list(args.paths)
    root = project_root(args, Path(given[0]) if given else None)
    cases_dir = root / CASES_DIR
    files, wanted_dirs = [], []
    for name in given or [cases_dir]:
        target = Path(os.path.abspath(name))  # not resolved: a symlinked file keeps its own name
        shown = printable(name)
        if not target.exists() and not target.is_symlink():
            print(f"casebook: 找不到 {shown}", file=sys.stderr)
            return 2
        if not _inside(target, cases_dir):
            print(f"casebook: {shown} 不在案例库的 {CASES_DIR}/ 目录（{cases_dir}）里：只能校验案例库里的案例文件",
                  file=sys.stderr)
            return 2
        if target.is_dir() and not target.is_symlink():
            wanted_dirs.append(target.resolve())
        elif target.suffix != ".md":
            print(f"casebook: {shown} 不是 .md 案例文件", file=sys.stderr)
            return 2
        elif not is_case_file(target):
            print(f"casebook: {shown} 不是案例文件：文件名以 _ 开头的是模板或说明（如 _template.md），不会发布，"
                  "也不校验；请复制模板、改名后再校验", file=sys.stderr)
            return 2
        else:
            files.append(target.parent.resolve() / target.name)
    # files only: check them in full, and the rest of cases/ only as far as the cross-file rules need
    library = load_library(root, only=files) if files and not wanted_dirs else load_library(root, extra=files)
    wanted = {rel_path(f, root) for f in files}
    dirs = [rel_path(d, root).rstrip("/") + "/" for d in wanted_dirs]

    def selected(file: str) -> bool:
        # taxonomy problems always matter: every case is checked against it
        return file in wanted or any(file.startswith(d) or d == "./" for d in dirs) or file.endswith("_taxonomy.yml")

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
            files_with = len({p.file for p in problems})
            print(f"\n发现 {len(problems)} 个问题，涉及 {files_with} 个文件。", file=sys.stderr)
        else:
            checked = f"{sum(selected(c.path) for c in library.cases)} 个案例" if not files or wanted_dirs else \
                f"{len(files)} 个文件（已与 cases/ 中的其他案例核对 slug、标题和 related）"
            print(f"全部通过：{checked}没有问题。", file=sys.stderr)
    return 1 if problems else 0


def cmd_build(args) -> int:
    from casebook.outputs.publish import build_site

    root = project_root(args)
    return build_site(root, Path(args.site_dir) if args.site_dir else root / "site")


def selection_options() -> argparse.ArgumentParser:
    """The options that choose cases, shared by bundle and handout (same rule as the gallery)."""
    from casebook.model.selection import KINDS

    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("选择案例（同一项可重复，取“或”；不同项之间取“且”；不给任何选项则收录全部案例）")
    examples = {"topic": "校长负责制", "tag": "党员名师工作室", "province": "吉林省", "stage": "初中", "scope": "县级",
                "year": "2023", "case": "jilin-btx-branch-standard"}
    for kind, (name, _) in KINDS.items():
        group.add_argument(f"--{kind}", action="append", metavar="值", help=f"{name}，如 {examples[kind]}")
    parent.add_argument("--title", help="材料包和讲义的标题（默认由所选范围生成）")
    parent.add_argument("--out-dir", help="输出目录（默认 dist/）")
    parent.add_argument("--root", help="仓库根目录（默认自动查找）")
    return parent


def _request(args, handout: bool, zip_: bool):
    from casebook.outputs.bundle import Request
    from casebook.model.selection import KINDS, Selection

    selection = Selection.of(**{kind: getattr(args, kind) for kind in KINDS})
    return Request(selection, title=args.title, name=getattr(args, "name", None),
                   out_dir=Path(args.out_dir) if args.out_dir else None, handout=handout, zip=zip_)


def cmd_bundle(args) -> int:
    from casebook.outputs.bundle import make

    return make(project_root(args), _request(args, handout=args.handout, zip_=True))


def _ask(prompt: str, choices=None, many: bool = False, check=None, optional: bool = False):
    """One question on the terminal: a value, or numbers/names from ``choices``; asked again until valid."""
    if choices:
        print("\n".join(f"  {i}. {c}" for i, c in enumerate(choices, 1)))
    while True:
        try:
            raw = input(prompt).strip()
        except EOFError:
            raise SystemExit("casebook new: 输入已结束，没有写任何文件") from None
        if not raw and optional:
            return [] if many else None
        parts = [p for p in re.split(r"[\s,，、]+", raw) if p] if many else [raw]
        if choices:
            picked = [choices[int(p) - 1] if p.isdigit() and 0 < int(p) <= len(choices) else p for p in parts]
            bad = [p for p in picked if p not in choices]
            if bad or not picked:
                print(f"  不在可选范围内：{'、'.join(bad) or '（空）'}，请输入编号或名称")
                continue
            parts = picked
        problem = check(parts if many else parts[0]) if check and parts else None
        if not parts or problem:
            print(f"  {problem or '这一项必填'}")
            continue
        return parts if many else parts[0]


def cmd_new(args) -> int:
    from casebook.authoring.newcase import Answers, Refused, check_region, create
    from casebook.declare.taxonomy import TAXONOMY_FILE, load_taxonomy

    root = project_root(args)
    answers = answers_from(args)
    taxonomy, _ = load_taxonomy(root / CASES_DIR / TAXONOMY_FILE, f"{CASES_DIR}/{TAXONOMY_FILE}")
    if not args.yes and taxonomy is not None and sys.stdin.isatty() or args.ask:
        from casebook.declare.divisions import load_divisions

        provinces = load_divisions().provinces
        if not answers.title:
            answers.title = _ask("标题（4–60 个字）：", check=lambda t: None if 4 <= len(t) <= 60 else "标题须为 4–60 个字")
        if not answers.province:
            answers.province = _ask("省级行政区全称（如 吉林省）：",
                                    check=lambda p: None if p in provinces else check_region(Answers(province=p)))
            answers.city = answers.city or _ask("市（州、盟）全称，没有就直接回车：", optional=True,
                                                check=lambda c: check_region(Answers(province=answers.province, city=c)))
            answers.county = answers.county or _ask("县（市、区、旗）全称，没有就直接回车：", optional=True,
                                                    check=lambda x: check_region(Answers(province=answers.province,
                                                                                         city=answers.city, county=x)))
        if not answers.scope:
            answers.scope = _ask("层级（编号或名称）：", choices=list(taxonomy.scopes))
        if not answers.stages:
            answers.stages = _ask("学段（可多选，用空格分开）：", choices=list(taxonomy.stages), many=True)
        if not answers.topics:
            answers.topics = _ask("专题（1–3 个，用空格分开）：", choices=list(taxonomy.topics), many=True,
                                  check=lambda t: None if len(t) <= 3 else "最多 3 个专题")
        if not answers.tags:
            answers.tags = _ask("标签（可选，用空格分开，直接回车跳过）：", choices=list(taxonomy.tags), many=True,
                                optional=True)
    try:
        path = create(root, answers)
    except Refused as why:
        print(f"casebook new: {why}；没有写任何文件", file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    print(f"已创建 {rel}")
    print("下一步：\n"
          f"  1. 打开 {rel}，填写 summary、organization、date、sources，需要时补充 metrics、tags；\n"
          "  2. 在四个小节里用自己的话写正文（<!-- --> 里是提示，写好后可以删掉）；\n"
          f"  3. 运行 .venv/bin/casebook validate {rel}，按提示改到“全部通过”；\n"
          "  4. 用 scripts/serve 预览，然后提交拉取请求。")
    return 0


def cmd_import(args) -> int:
    from casebook.authoring.newcase import Refused
    from casebook.authoring.wordimport import import_docx

    root = project_root(args)
    answers = answers_from(args)
    try:
        path, images, notes = import_docx(root, Path(args.document), answers)
    except Refused as why:
        print(f"casebook import: {why}；没有写任何文件", file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    print(f"已导入 {rel}" + (f"，图片 {len(images)} 张放在同一目录" if images else ""))
    for note in notes:
        print(f"  注意：{note}")
    library = load_library(root, only=[path])
    problems = [p for p in library.problems if p.file == rel or p.file.endswith("_taxonomy.yml")]
    if problems:
        print("\n还需要补充或修改（casebook validate 的检查结果）：")
        for p in problems:
            print(f"  {p.format()}")
    print("下一步：\n"
          f"  1. 打开 {rel}，按上面的提示补全元数据，核对正文（表格、图片、小节标题）；\n"
          f"  2. 运行 .venv/bin/casebook validate {rel}，改到“全部通过”；\n"
          "  3. 用 scripts/serve 预览，然后提交拉取请求（连同图片文件）。")
    return 0


def _library_or_problems(root: Path):
    library = load_library(root)
    if library.problems:
        for p in library.problems:
            print(p.format())
        print(f"\n案例校验未通过：共 {len(library.problems)} 个问题。", file=sys.stderr)
        return None
    return library.published()  # what the site publishes: no drafts


def cmd_stats(args) -> int:
    from casebook.outputs.export import stats_text

    library = _library_or_problems(project_root(args))
    if library is None:
        return 1
    print(stats_text(library.cases), end="")
    return 0


def cmd_export(args) -> int:
    from casebook.outputs.export import to_csv, to_json

    library = _library_or_problems(project_root(args))
    if library is None:
        return 1
    text = to_json(library.cases) if args.format == "json" else to_csv(library.cases)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(f"已写出 {args.output}：{len(library.cases)} 个案例", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_schema(args) -> int:
    from casebook.declare.divisions import load_divisions
    from casebook.check.schema import schema_text
    from casebook.declare.taxonomy import TAXONOMY_FILE, load_taxonomy

    root = project_root(args)
    taxonomy, problems = load_taxonomy(root / CASES_DIR / TAXONOMY_FILE, f"{CASES_DIR}/{TAXONOMY_FILE}")
    if taxonomy is None:
        for p in problems:
            print(p.format(), file=sys.stderr)
        print("casebook schema: 词表有问题，没有生成 schema", file=sys.stderr)
        return 1
    sys.stdout.write(schema_text(taxonomy, load_divisions().provinces))
    return 0


def cmd_handout(args) -> int:
    from casebook.outputs.bundle import make

    return make(project_root(args), _request(args, handout=True, zip_=False))


def answers_from(args):
    """The answers `answer_options` collected."""
    from casebook.authoring.newcase import Answers

    return Answers(args.title, args.province, args.city, args.county, args.scope, args.stage or [],
                   args.topic or [], args.tag or [])


def answer_options(parser: argparse.ArgumentParser) -> None:
    """The front-matter answers `new` and `import` both take."""
    parser.add_argument("--title", help="标题（4–60 个字）")
    parser.add_argument("--province", help="省级行政区全称，如 吉林省")
    parser.add_argument("--city", help="市（州、盟）全称，可选")
    parser.add_argument("--county", help="县（市、区、旗）全称，可选")
    parser.add_argument("--scope", help="层级：省级、市级、县级、校级")
    for option, what in (("--stage", "学段"), ("--topic", "专题"), ("--tag", "标签")):
        parser.add_argument(option, action="append", help=f"{what}，可重复")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="casebook 案例库工具")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="校验案例文件（默认校验 cases/ 下的全部案例）")
    validate.add_argument("paths", nargs="*", help="要校验的案例文件或目录")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="输出格式（github：GitHub Actions 的行内注释）")
    validate.add_argument("--root", help="仓库根目录（默认自动查找）")
    build = sub.add_parser("build", help="校验并生成站点；失败时保留原来的站点目录")
    build.add_argument("--site-dir", help="输出目录（默认 site/）")
    build.add_argument("--root", help="仓库根目录（默认自动查找）")
    new = sub.add_parser("new", help="新建一个案例文件：回答几个问题（或用选项），生成带标准小节的文件",
                         description="在 cases/<地区>/ 下新建案例文件，不会覆盖已有文件。")
    answer_options(new)
    new.add_argument("--yes", action="store_true", help="不提问：缺少必填项时报错")
    new.add_argument("--ask", action="store_true", help=argparse.SUPPRESS)  # ask even without a terminal (tests)
    new.add_argument("--root", help="仓库根目录（默认自动查找）")
    word = sub.add_parser("import", help="把 Word 文档（.docx）转换成案例文件，图片放在旁边",
                          description="把 Word 写成的案例材料转换成 cases/<地区>/ 下的案例文件：标题、一二三级标题、表格、图片、脚注都会保留；"
                                      "文档里没有的字段留空，由 casebook validate 提示补全。不会覆盖已有文件。")
    word.add_argument("document", help="Word 文档（.docx）")
    answer_options(word)
    word.add_argument("--root", help="仓库根目录（默认自动查找）")
    stats = sub.add_parser("stats", help="按地区、专题、学段、年份统计案例数")
    stats.add_argument("--root", help="仓库根目录（默认自动查找）")
    export = sub.add_parser("export", help="导出全部案例的元数据（JSON 或 CSV，CSV 可直接用 Excel 打开）")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="导出格式")
    export.add_argument("-o", "--output", help="输出文件（默认打印到屏幕）")
    export.add_argument("--root", help="仓库根目录（默认自动查找）")
    schema = sub.add_parser("schema", help="打印案例 front matter 的 JSON Schema（由校验规则生成，供编辑器使用）")
    schema.add_argument("--root", help="仓库根目录（默认自动查找）")
    shared = selection_options()
    bundle = sub.add_parser("bundle", parents=[shared], help="把选中的案例打包成可离线打开的 zip（培训材料包）",
                            description="把选中的案例生成一个离线站点并打包成 zip，写到 dist/ 下。")
    bundle.add_argument("--name", help="zip 文件名（不含 .zip，只用英文字母、数字、.、_、-），默认由所选范围和日期生成")
    bundle.add_argument("--handout", action="store_true", help="同时生成 A4 讲义 handout.html 和 handout.pdf")
    sub.add_parser("handout", parents=[shared], help="只生成 A4 讲义（HTML 和 PDF），选择方式与 bundle 相同",
                   description="把选中的案例排成 A4 讲义：封面、带页码的目录、每个案例一章，写到 dist/ 下。")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    commands = {"validate": cmd_validate, "build": cmd_build, "bundle": cmd_bundle, "handout": cmd_handout,
                "new": cmd_new, "stats": cmd_stats, "export": cmd_export, "schema": cmd_schema,
                "import": cmd_import}
    try:
        return commands[args.command](args)
    except NoLibrary as why:
        print(f"casebook: {why}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
