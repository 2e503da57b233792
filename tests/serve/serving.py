"""A real `report-lint serve` process on a free port, and a small HTTP client for it (multipart uploads built
here, sent with http.client), for the server's HTTP and browser tests."""
from __future__ import annotations

import http.client
import json
import os
import select
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from conftest import ROOT

START_SECONDS = 120   # the engine is warmed up before the port is announced


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Server:
    """`python -m linter serve --port 0 ARGS…` with its temporary directory under `tmp` (TMPDIR)."""

    def __init__(self, tmp: Path, *args: str, pythonpath: Path = ROOT) -> None:
        self.tmp = tmp
        tmp.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(pythonpath), "TMPDIR": str(tmp)}
        self.process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0", *args], cwd=tmp,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self._first_line()
        self.url = line.split()[2]
        parts = urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port

    def _first_line(self) -> str:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                if line.startswith("report-lint serve: http"):
                    return line
            if self.process.poll() is not None:
                raise RuntimeError(f"the server did not start: {self.process.stderr.read()}")
        self.process.kill()
        raise RuntimeError("the server did not announce its address in time")

    @property
    def root(self) -> Path:
        """The server's private temporary directory."""
        [root] = self.tmp.glob("report-lint-serve-*")
        return root

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 120) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            conn.close()

    def upload(self, name: str, data: bytes, accept: str = "text/html", **fields: str) -> Reply:
        body, content_type = multipart(name, data, fields)
        return self.request("POST", "/check", body, {"Content-Type": content_type, "Accept": accept})

    def check_json(self, name: str, data: bytes, **fields: str) -> Reply:
        return self.upload(name, data, accept="application/json", **fields)

    def alive(self) -> bool:
        return self.process.poll() is None and self.request("GET", "/", timeout=30).status == 200

    def stop(self) -> int:
        self.process.terminate()
        try:
            return self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(30)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()


def multipart(name: str, data: bytes, fields: dict[str, str]) -> tuple[bytes, str]:
    """A multipart/form-data body with the file as field `file` (named as a browser names it) and the fields."""
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    quoted = name.replace('"', "%22")
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
                 f'Content-Type: application/octet-stream\r\n\r\n'.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def cli_json(tmp: Path, name: str, data: bytes, *options: str) -> bytes:
    """What `report-lint check --isolated --format json NAME` prints in a folder holding the file."""
    folder = tmp / f"cli-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    (folder / name).write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "--isolated", "--format", "json", *options, name],
                          cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout
