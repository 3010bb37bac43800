"""``casebook`` command line: the contributor's and CI's entry to the pipeline."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .library import CASES_DIR, is_case_file, load_library
from .source import rel_path


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder above ``start`` holding cases/_taxonomy.yml."""
    for folder in [start, *start.parents]:
        if (folder / CASES_DIR / "_taxonomy.yml").is_file():
            return folder
    return start


def cmd_validate(args) -> int:
    root = Path(args.root).resolve() if args.root else find_root(Path.cwd().resolve())
    targets = [Path(p) for p in args.paths] or [root / CASES_DIR]
    files, wanted_dirs = [], []
    for target in targets:
        if not target.exists():
            print(f"casebook: 找不到 {target}", file=sys.stderr)
            return 2
        if target.is_dir():
            wanted_dirs.append(target.resolve())
        elif target.suffix != ".md":
            print(f"casebook: {target} 不是 .md 案例文件", file=sys.stderr)
            return 2
        else:
            files.append(target.resolve())
    library = load_library(root, extra=[f for f in files if is_case_file(f)])
    wanted = {rel_path(f, root) for f in files}
    dirs = [rel_path(d, root).rstrip("/") + "/" for d in wanted_dirs]

    def selected(file: str) -> bool:
        # taxonomy problems always matter: every case is checked against it
        return file in wanted or any(file.startswith(d) or d == "./" for d in dirs) or file.endswith("_taxonomy.yml")

    problems = [p for p in library.problems if selected(p.file)]
    if args.format == "json":
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            print(p.format())
        if problems:
            files_with = len({p.file for p in problems})
            print(f"\n发现 {len(problems)} 个问题，涉及 {files_with} 个文件。", file=sys.stderr)
        else:
            print(f"全部通过：{len(library.cases)} 个案例没有问题。", file=sys.stderr)
    return 1 if problems else 0


def cmd_build(args) -> int:
    from .publish import build_site

    root = Path(args.root).resolve() if args.root else find_root(Path.cwd().resolve())
    return build_site(root, Path(args.site_dir) if args.site_dir else root / "site")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="casebook 案例库工具")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="校验案例文件（默认校验 cases/ 下的全部案例）")
    validate.add_argument("paths", nargs="*", help="要校验的案例文件或目录")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    validate.add_argument("--root", help="仓库根目录（默认自动查找）")
    build = sub.add_parser("build", help="校验并生成站点；失败时保留原来的站点目录")
    build.add_argument("--site-dir", help="输出目录（默认 site/）")
    build.add_argument("--root", help="仓库根目录（默认自动查找）")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    return {"validate": cmd_validate, "build": cmd_build}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
