"""Receiving an upload: the multipart body streamed by python-multipart straight into a fresh directory of the
server's private temporary directory, under a name made safe, and never more than the size limit.

A filename is never a path: only its last component is kept, stripped of control characters and leading dots,
and it must end in a format the CLI reads.  The directory is made here (`mkdtemp`, mode 0700); the caller
removes it once the answer is made.  Form fields other than the file are a few short choices.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FILE_FIELD = "file"
CHOICE_FIELDS = ("agency_kind", "ruleset", "lang")
MAX_FIELD_BYTES = 200
MAX_PARTS = 16
MAX_NAME_CHARS = 120
DRAIN_FACTOR = 2   # an oversized body is read (and dropped) up to this many times the limit, so the browser
                   # gets the 413 page; beyond it the connection is closed


class UploadError(Exception):
    """An upload refused: `status` (4xx) and `key`, the words the page shows (`words.py`)."""

    def __init__(self, status: int, key: str, **values) -> None:
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


@dataclass
class Upload:
    directory: Path                 # the upload's own directory (remove it when done)
    name: str = ""                  # the safe file name
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.directory / self.name

    def remove(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def safe_name(raw: str, extensions: tuple[str, ...]) -> str:
    """The last component of an uploaded filename, safe to create in a directory of our own: no separator,
    no control or format character, no leading dot, at most `MAX_NAME_CHARS`; `UploadError` when nothing is
    left or it does not end in one of `extensions`."""
    name = "".join(ch for ch in re.split(r"[/\\]", raw)[-1] if unicodedata.category(ch)[0] != "C").strip()
    stem, dot, ext = name.rpartition(".")
    if not dot or f".{ext}".lower() not in extensions:
        raise UploadError(415, "bad_type", name=raw[-MAX_NAME_CHARS:], exts=" ".join(extensions))
    stem = stem.lstrip(". ")[: MAX_NAME_CHARS - len(ext) - 1].strip() or "report"
    return f"{stem}.{ext}"


class _Receiver:
    """python-multipart's callbacks: the file part into the upload directory, the choices into `fields`."""

    def __init__(self, upload: Upload, limit: int, extensions: tuple[str, ...]) -> None:
        self.upload, self.limit, self.extensions = upload, limit, extensions
        self.parts = 0
        self.header_field, self.header_value = bytearray(), bytearray()
        self.headers: dict[str, bytes] = {}
        self.target: str | None = None      # the current part: FILE_FIELD, a choice, or None (ignored)
        self.out = None
        self.written = 0
        self.too_large = False
        self.value = bytearray()

    def callbacks(self) -> dict:
        return {"on_part_begin": self.part_begin, "on_header_field": self.on_field, "on_header_value": self.on_value,
                "on_header_end": self.header_end, "on_headers_finished": self.headers_finished,
                "on_part_data": self.data, "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise UploadError(400, "bad_form")
        self.headers, self.target, self.value = {}, None, bytearray()

    def on_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        self.headers[bytes(self.header_field).lower().decode("latin-1")] = bytes(self.header_value)
        self.header_field, self.header_value = bytearray(), bytearray()

    def headers_finished(self) -> None:
        from python_multipart.multipart import parse_options_header

        disposition, params = parse_options_header(self.headers.get("content-disposition", b""))
        name = params.get(b"name", b"").decode("utf-8", "replace")
        if disposition != b"form-data":
            return
        if name == FILE_FIELD and b"filename" in params:
            if self.upload.name:
                raise UploadError(400, "one_file")
            raw = params[b"filename"].decode("utf-8", "replace")
            if not raw:
                raise UploadError(400, "no_file")
            self.upload.name = safe_name(raw, self.extensions)
            target = self.upload.path
            if target.parent != self.upload.directory:  # (cannot happen: the name has no separator)
                raise UploadError(400, "bad_form")
            self.out = open(target, "xb")
            self.target = FILE_FIELD
        elif name in CHOICE_FIELDS:
            self.target = name

    def data(self, data: bytes, start: int, end: int) -> None:
        if self.target == FILE_FIELD:
            self.written += end - start
            if self.written > self.limit:
                self.too_large = True
                self._drop_file()
            elif self.out is not None:
                self.out.write(data[start:end])
        elif self.target is not None and len(self.value) <= MAX_FIELD_BYTES:
            self.value += data[start:end]

    def part_end(self) -> None:
        if self.target == FILE_FIELD and self.out is not None:
            self.out.close()
            self.out = None
        elif self.target is not None and len(self.value) <= MAX_FIELD_BYTES:
            self.upload.fields[self.target] = self.value.decode("utf-8", "replace").strip()

    def _drop_file(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None
            self.upload.path.unlink(missing_ok=True)

    def close(self) -> None:
        if self.out is not None:
            self.out.close()


async def receive(request, root: Path, limit: int, extensions: tuple[str, ...]) -> Upload:
    """The upload of a `multipart/form-data` request, in a new directory under `root`; `UploadError` for a
    request that is not a form, holds no file or more than one, names a file of no format the CLI reads, or
    sends a file larger than `limit` bytes.  (The caller bounds the time it may take.)"""
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise UploadError(400, "not_a_form")
    declared = request.headers.get("content-length", "")
    hard_cap = DRAIN_FACTOR * limit + (1 << 20)
    if declared.isdigit() and int(declared) > hard_cap:
        raise UploadError(413, "too_large", limit=limit)
    upload = Upload(Path(tempfile.mkdtemp(prefix="upload-", dir=root)))
    receiver = _Receiver(upload, limit, extensions)
    try:
        parser = MultipartParser(boundary, receiver.callbacks())
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > hard_cap:
                raise UploadError(413, "too_large", limit=limit)
            parser.write(chunk)
        parser.finalize()
        receiver.close()
        if receiver.too_large:
            raise UploadError(413, "too_large", limit=limit)
        if not upload.name or not upload.path.is_file():
            raise UploadError(400, "no_file")
    except MultipartParseError as exc:
        receiver.close()
        upload.remove()
        raise UploadError(400, "bad_form") from exc
    except BaseException:
        receiver.close()
        upload.remove()
        raise
    return upload
