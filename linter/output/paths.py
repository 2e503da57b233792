"""How machine-readable formats show a file's path: relative to the working directory (`base_dir`), so
CI logs, SARIF uploads and baselines never carry a machine's absolute paths."""
from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str, base_dir: str | None, force_relative: bool = False) -> str:
    """`path` relative to `base_dir` when it lies inside it (always, with `force_relative`), in '/' form.

    A path outside `base_dir` is kept as given unless `force_relative` (SARIF needs relative URIs).
    """
    if path == "-" or not base_dir:
        return Path(path).as_posix() if path != "-" else path
    absolute = os.path.abspath(path)
    base = os.path.abspath(base_dir)
    try:
        inside = os.path.commonpath([absolute, base]) == base
    except ValueError:  # another drive
        return Path(path).as_posix()
    if inside or force_relative:
        return Path(os.path.relpath(absolute, base)).as_posix()
    return Path(path).as_posix()
