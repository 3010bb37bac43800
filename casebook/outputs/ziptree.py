"""A folder → a reproducible zip: same files, same bytes.

Entries are sorted, carry one fixed timestamp and fixed permissions, and sit
under a single top folder, so two bundles of the same inputs can be compared
by their checksums.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from pathlib import Path

from casebook.outputs.files import readable

ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest time a zip entry can hold


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(max(int(epoch), ZIP_EPOCH_MIN), dt.timezone.utc)
    return moment.timetuple()[:6]


def write_zip(folder: Path, target: Path, top: str, epoch: int) -> int:
    """Zip every file under ``folder`` as ``top/<path>``; write ``target`` atomically. Returns its size."""
    when = zip_time(epoch)
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=when)
                info.create_system = 3  # Unix, so the permissions below are read
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=6)
        readable(Path(tmp))  # mkstemp's 0600 would keep everyone else out of a shared copy
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target.stat().st_size
