"""A content-hash cache in .cache/casebook/ (git-ignored): results that depend only on their inputs.

Each cache file is one pickled dict for a kind of work (validation, segmentation). It is
valid for one *salt*: a hash of casebook's own code and data and whatever else the results
depend on (the taxonomy, the images under cases/, today's date). Any change to those throws
the whole file away; an entry's key is the hash of its own input. CASEBOOK_NO_CACHE=1 turns
it off.

Unpickling runs code, and a pull request could commit a .cache/ file of its own: every file
carries an HMAC made with a key that lives outside the repository (~/.cache/casebook/cache-key,
created on first use, mode 600), and a file whose HMAC does not match is never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(".cache") / "casebook"
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """casebook's source and shipped data, and the Python that runs it."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".txt", ".j2", ".po")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def enabled() -> bool:
    return os.environ.get("CASEBOOK_NO_CACHE", "") in ("", "0")


def secret_key() -> bytes | None:
    """This user's key for signing cache files, outside any repository; None when it cannot be kept."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "casebook"
    path = home / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        key = secrets.token_bytes(32)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        return key
    except OSError:
        return None


def _tag(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


class ResultCache:
    def __init__(self, root: Path, name: str, salt: str):
        self.path = Path(root) / CACHE_DIR / f"{name}.pickle"
        self.salt = digest(code_fingerprint(), salt)
        self.entries: dict = {}
        self.dirty = False
        self.key = secret_key() if enabled() else None
        self.on = self.key is not None
        if self.on and self.path.is_file():
            try:
                data = self.path.read_bytes()
                tag, payload = data[:32], data[32:]
                if hmac.compare_digest(tag, _tag(self.key, payload)):  # ours: only then is it unpickled
                    saved = pickle.loads(payload)
                    if saved.get("salt") == self.salt:
                        self.entries = saved["entries"]
            except Exception:  # a truncated or foreign file is simply not used
                self.entries = {}

    def get(self, key):
        return self.entries.get(key) if self.on else None

    def put(self, key, value) -> None:
        if self.on:
            self.entries[key] = value
            self.dirty = True

    def keep_only(self, keys) -> None:
        """Forget entries not used in this run, so the file does not grow with every edit."""
        keys = set(keys)
        if self.on and set(self.entries) - keys:
            self.entries = {k: v for k, v in self.entries.items() if k in keys}
            self.dirty = True

    def save(self) -> None:
        if not (self.on and self.dirty):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}-", dir=self.path.parent)
            payload = pickle.dumps({"salt": self.salt, "entries": self.entries}, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(fd, "wb") as f:
                f.write(_tag(self.key, payload) + payload)
            os.replace(tmp, self.path)  # another build reading it sees the old file or the new one, whole
        except OSError:
            pass  # a read-only checkout builds without a cache
        self.dirty = False
