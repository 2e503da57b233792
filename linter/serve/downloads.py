"""The downloads of the answers given: kept in the server's private directory only as long as a page may
need them — at most `keep_seconds`, and only the newest `keep_answers` answers — then removed.

A download is found by a random token and one of a fixed set of kinds; its file name on disk is fixed by the
kind, and the name the browser saves it under is made from the upload's safe name.  No part of a request
ever becomes a path.
"""
from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

# kind -> (file name on disk, media type)
KINDS = {
    "reviewed": ("reviewed.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "fixed": ("fixed", "application/octet-stream"),   # the text in the encoding it was read in
    "json": ("findings.json", "application/json"),
    "csv": ("findings.csv", "text/csv; charset=utf-8"),
    "xlsx": ("findings.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass
class Answer:
    """The downloads of one answer: its directory, and kind -> the name the browser saves it under."""

    directory: Path
    names: dict[str, str] = field(default_factory=dict)
    made: float = field(default_factory=time.monotonic)


class DownloadStore:
    def __init__(self, root: Path, keep_seconds: float, keep_answers: int) -> None:
        self.root, self.keep_seconds, self.keep_answers = root, keep_seconds, max(1, keep_answers)
        self._answers: "OrderedDict[str, Answer]" = OrderedDict()
        self._lock = threading.Lock()

    def reserve(self) -> tuple[str, Path]:
        """A new token and the (empty, private) directory its files go to."""
        token = secrets.token_urlsafe(24)
        return token, Path(tempfile.mkdtemp(prefix="answer-", dir=self.root))

    def keep(self, token: str, directory: Path, names: dict[str, str]) -> None:
        """Keep the files the answer made (kind -> download name), dropping what is too old or too many."""
        with self._lock:
            self._answers[token] = Answer(directory, dict(names))
            self._expire()

    def find(self, token: str, kind: str) -> tuple[Path, str] | None:
        """(the file, the name to save it under) of a download still kept, or None."""
        if kind not in KINDS or not TOKEN.fullmatch(token):
            return None
        with self._lock:
            self._expire()
            answer = self._answers.get(token)
            if answer is None or kind not in answer.names:
                return None
            path = answer.directory / KINDS[kind][0]
        return (path, answer.names[kind]) if path.is_file() else None

    def discard(self, directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._answers:
            token, oldest = next(iter(self._answers.items()))
            if len(self._answers) <= self.keep_answers and now - oldest.made <= self.keep_seconds:
                break
            del self._answers[token]
            self.discard(oldest.directory)

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._answers)
