"""The per-user cache directory and atomic writes into it.

Caches (jieba's dictionary, lark's parse tables) live in `$REPORT_LINT_CACHE_DIR`, else
`$XDG_CACHE_HOME/report-lint`, else `~/.cache/report-lint` — a directory only the user can write, never a
predictable name in the shared temp directory, which another local user could plant a file at.  Files are
written to a temporary name in the same directory and renamed into place, so a reader never sees half a file.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache directory (created with mode 0700), or None when none can be made."""
    base = os.environ.get("REPORT_LINT_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        path = Path(xdg) / "report-lint" if xdg else Path.home() / ".cache" / "report-lint"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def atomic_write(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically; False (and no file) when the directory is not writable."""
    import tempfile  # only when writing: a start-up that reads its caches does not pay for it

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
