"""What the commands write for others to read: a zip for a shared folder, a site for a web server.

tempfile makes files 0600 and folders 0700, which is right while they are half-written and wrong
once they are published in their place: they get what a plainly created file or folder gets (0644
and 0755 under the usual umask 022).
"""

from __future__ import annotations

import os
from pathlib import Path


def umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def readable(path: Path) -> None:
    """Give a file or folder made by tempfile the permissions of one made by open() or mkdir()."""
    os.chmod(path, (0o777 if Path(path).is_dir() else 0o666) & ~umask())
