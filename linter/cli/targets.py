"""Files a command writes because the user named them (`check -o`, `--write-baseline`, `extract --output`,
`check --fix`): checked before anything is linted, written to a temporary file beside the target and
renamed into place only when complete.

A target is refused (exit code 2, one line) when it is one of the inputs — `check -o r.txt r.txt` used to
truncate the report before reading it — when its directory does not exist, or when it is a directory.
A character device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is written in place and never replaced;
the SQLite file of `extract` replaces only an empty file or a database this tool wrote (it carries an
application id), never whatever else happens to be at that path.  A write that fails (a full disk,
`/dev/full`) is one line and exit code 2; no half-written file is left behind.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from linter.cli.common import fail
from linter.messages import msg
from linter.output.cells import SQLITE_APPLICATION_ID

_SQLITE_MAGIC = b"SQLite format 3\x00"


class Inputs:
    """The files a run reads, by identity (device, inode), so an output can be told apart from them
    whatever path names it (a symbolic link, `./r.txt`, `../x/r.txt`)."""

    def __init__(self, paths: Iterable[str | os.PathLike]) -> None:
        self.ids: set[tuple[int, int]] = set()
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                self.ids.add((info.st_dev, info.st_ino))

    def __contains__(self, info: os.stat_result) -> bool:
        return (info.st_dev, info.st_ino) in self.ids


class OutputTarget:
    """One file to write.  `check()` refuses a bad target up front; `open()` gives the stream to write;
    `commit()` renames the finished file into place (`abort()` removes it)."""

    def __init__(self, path: str, option: str, lang: str, sqlite: bool = False) -> None:
        self.path, self.option, self.lang, self.sqlite = path, option, lang, sqlite
        self.real = Path(os.path.realpath(path))
        self.in_place = False      # a device or a pipe: written directly, never replaced
        self.temp: str | None = None
        self.mode: int | None = None

    def check(self, inputs: Inputs) -> "OutputTarget":
        try:
            info = os.stat(self.real)
        except FileNotFoundError:
            if not self.real.parent.is_dir():
                self._refuse(msg("target_no_directory", self.lang, directory=self.real.parent))
            return self
        except OSError as exc:
            self._refuse(exc.strerror or str(exc))
        if info in inputs:
            self._refuse(msg("target_is_input", self.lang))
        if stat.S_ISDIR(info.st_mode):
            self._refuse(msg("target_is_directory", self.lang))
        if not stat.S_ISREG(info.st_mode):
            if self.sqlite:
                self._refuse(msg("target_not_regular", self.lang))
            self.in_place = True
        elif self.sqlite and info.st_size and not _is_own_database(self.real):
            self._refuse(msg("target_not_own", self.lang))
        else:
            self.mode = stat.S_IMODE(info.st_mode)
        return self

    def temp_path(self) -> str:
        """A new, empty file beside the target to write to (or the target itself when written in place)."""
        import tempfile  # only when a file is written: it brings shutil, bz2 and lzma (a few ms of a cold check)

        if self.in_place:
            return str(self.real)
        try:
            fd, self.temp = tempfile.mkstemp(dir=self.real.parent, prefix=f".{self.real.name}.", suffix=".tmp")
        except OSError as exc:
            self._refuse(exc.strerror or str(exc))
        os.close(fd)
        return self.temp

    def open(self, binary: bool):
        path = self.temp_path()
        try:
            if binary:
                return open(path, "wb")
            return open(path, "w", encoding="utf-8")
        except OSError as exc:
            self.abort()
            self._refuse(exc.strerror or str(exc))

    def commit(self) -> None:
        if self.in_place or self.temp is None:
            return
        try:
            os.chmod(self.temp, self.mode if self.mode is not None else 0o666 & ~_umask())
            os.replace(self.temp, self.real)
        except OSError as exc:
            self.abort()
            self._refuse(exc.strerror or str(exc))
        self.temp = None

    def abort(self) -> None:
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
            self.temp = None

    def failed(self, exc: OSError) -> None:
        """A write failed (a full disk): remove what was written, one line, exit code 2."""
        self.abort()
        self._refuse(exc.strerror or str(exc))

    def _refuse(self, reason: str) -> None:
        fail(msg("output_refused", self.lang, option=self.option, path=self.path, reason=reason))


def write_whole(target: OutputTarget, data: str | bytes) -> None:
    """Write a whole text (or bytes) to a checked target and put it in place."""
    try:
        with target.open(binary=isinstance(data, bytes)) as fh:
            fh.write(data)
    except OSError as exc:
        target.failed(exc)
    target.commit()


def replace_file(path: str, data: bytes, lang: str) -> None:
    """Rewrite an input in place (`check --fix`) through a temporary file beside it, keeping its mode;
    a symbolic link keeps pointing at the rewritten file."""
    target = OutputTarget(path, "--fix", lang)
    target.mode = stat.S_IMODE(os.stat(target.real).st_mode)
    write_whole(target, data)


def _is_own_database(path: Path) -> bool:
    """Is `path` an SQLite database whose application id says report-lint wrote it?"""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return header.startswith(_SQLITE_MAGIC) and len(header) >= 72 and \
        int.from_bytes(header[68:72], "big") == SQLITE_APPLICATION_ID


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
