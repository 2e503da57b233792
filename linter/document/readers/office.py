"""Old Word, WPS and OpenDocument reports (`.doc`, `.wps`, `.odt`): LibreOffice converts them to DOCX, which the
DOCX reader then reads — many agencies still publish `.doc` attachments.

The conversion runs `soffice --headless` in a private temporary directory (its own user profile, so it
neither meets a running LibreOffice nor writes to the user's), within `CONVERT_SECONDS`; a conversion that
overruns is killed with its whole process group.  Without `soffice` on the PATH the file is unreadable with
a message that says what to install.  Positions are those of the converted DOCX (paragraph and table cell
numbers, which the conversion keeps).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from linter.document.model import Document
from linter.document.readers import ReadError

CONVERT_SECONDS = 60.0
INSTALL_HINT = ("reading .doc, .wps and .odt files needs LibreOffice (`soffice` on the PATH): install it, "
                "e.g. `apt-get install libreoffice-writer`, or save the report as DOCX")
_CACHE_SIZE = 4
_converted: dict[str, bytes] = {}  # the last few conversions, by a digest of the input


def read(data: bytes, path: str, fmt: str = "doc", limits=None, pictures: bool = False) -> Document:
    from linter.document.readers import docx

    return docx.read(convert_to_docx(data, fmt), path, fmt, limits, pictures=pictures)


def convert_to_docx(data: bytes, fmt: str) -> bytes:
    """The DOCX LibreOffice makes of `data` (a `fmt` file); `ReadError` when it cannot.  The last few
    conversions are kept, so that the DOCX output does not convert the file it was linted from again."""
    key = hashlib.sha256(fmt.encode() + b"\0" + data).hexdigest()
    if key not in _converted:
        if len(_converted) >= _CACHE_SIZE:
            _converted.pop(next(iter(_converted)))
        _converted[key] = _convert(data, fmt)
    return _converted[key]


def _convert(data: bytes, fmt: str) -> bytes:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise ReadError(INSTALL_HINT, "missing-tool")
    with tempfile.TemporaryDirectory(prefix="report-lint-office-") as tmp:
        work = Path(tmp)
        source, outdir = work / f"report.{fmt}", work / "out"
        source.write_bytes(data)
        command = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(outdir), str(source)]
        _run(command, work)
        converted = outdir / "report.docx"
        if not converted.is_file():
            raise ReadError(f"LibreOffice could not convert this .{fmt} file (damaged, or not a document)", "format")
        return converted.read_bytes()


def _run(command: list[str], work: Path) -> None:
    """Run `command` in its own process group, killed as a whole when it overruns `CONVERT_SECONDS` (or
    when the run is interrupted, e.g. by the batch's time budget)."""
    env = {**os.environ, "HOME": str(work)}
    proc = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        raise ReadError(f"LibreOffice did not convert the file within {CONVERT_SECONDS:g} s", "limit") from None
    finally:
        _kill_group(proc)


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill whatever of the conversion still runs (soffice starts helper processes in its group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # the group is gone
        pass
    proc.wait()
