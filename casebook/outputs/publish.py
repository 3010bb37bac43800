"""Build the site into a staging folder and replace the published one only when the build succeeded.

MkDocs writes straight into site_dir and, in strict mode, aborts only after
writing; building elsewhere and swapping keeps a failed build from touching
the previous site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from casebook.i18n import t
from casebook.outputs.files import readable


def git(root: Path, *args: str) -> str | None:
    """A git command's output in ``root``, or None when git is missing, fails or hangs (not a repository)."""
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def source_date_epoch(root: Path) -> str | None:
    """SOURCE_DATE_EPOCH as set, else the last commit's time, so two builds of one commit match."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    value = git(root, "log", "-1", "--format=%ct")
    return value if value and value.isdigit() else None


def replace_dir(staging: Path, target: Path) -> None:
    """Put ``staging`` in place of ``target``; the old one is removed only after the swap."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rename(target, old / target.name)
    try:
        os.rename(staging, target)
    except OSError:
        if old is not None:  # put the previous site back, and leave no empty hiding place behind
            os.rename(old / target.name, target)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# The site generator: MkDocs 1.x (unmaintained, its 2.0 drops plugins and themes) or ProperDocs, the
# continuation of MkDocs 1.x by its former maintainers, which builds this project unchanged.
ENGINE_ENV = "CASEBOOK_ENGINE"
ENGINES = ("mkdocs", "properdocs")


class EngineError(ValueError):
    pass


def engine(env: dict[str, str]) -> str:
    name = env.get(ENGINE_ENV) or "mkdocs"
    if name not in ENGINES:
        raise EngineError(t("publish.engine", variable=ENGINE_ENV, name=name, options=t("list.separator").join(ENGINES)))
    return name


def run_mkdocs(root: Path, out: Path, env: dict[str, str] | None = None, quiet: bool = False,
               extra_args: list[str] = ()) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` (or ProperDocs', by CASEBOOK_ENGINE) of the project at ``root`` into ``out``,
    SOURCE_DATE_EPOCH fixed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    epoch = source_date_epoch(root) if "SOURCE_DATE_EPOCH" not in env else env["SOURCE_DATE_EPOCH"]
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    cmd = [sys.executable, "-m", engine(env), "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml"),
           "-d", str(out), *extra_args]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=quiet, text=True)


def build_site(root: Path, site_dir: Path, extra_args: list[str] = ()) -> int:
    """Run ``mkdocs build --strict`` into a staging folder beside ``site_dir``; swap in on success."""
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine(dict(os.environ))
    except EngineError as err:
        print(f"casebook: {err}", file=sys.stderr)
        return 2
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-staging-", dir=site_dir.parent))
    result = run_mkdocs(root, staging, extra_args=extra_args)
    if result.returncode != 0 or not (staging / "index.html").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        print(t("publish.failed", path=site_dir), file=sys.stderr)
        return 1
    readable(staging)  # mkdtemp's 0700 would keep the web server out of the site
    replace_dir(staging, site_dir)
    print(t("publish.done", path=site_dir), file=sys.stderr)
    return 0
