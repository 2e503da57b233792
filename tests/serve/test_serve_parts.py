"""The server's parts on their own: safe names, the download store's limits, what binding beyond loopback
says, the command's usage errors, and `check` staying free of the web packages."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLE, ROOT
from linter.document.readers import supported_extensions

EXTS = supported_extensions(named=True)


@pytest.mark.parametrize("raw, safe", [
    ("报告.docx", "报告.docx"), ("../../etc/report.txt", "report.txt"), ("C:\\Users\\me\\r.MD", "r.MD"),
    ("..\\..\\x.pdf", "x.pdf"), (".hidden.txt", "hidden.txt"), ("a\x00b\u202e.txt", "ab.txt"), (".txt", "report.txt"),
    ("x" * 300 + ".html", "x" * 115 + ".html"),
])
def test_a_filename_becomes_a_name_never_a_path(raw, safe):
    from linter.serve.uploads import safe_name

    assert safe_name(raw, EXTS) == safe


@pytest.mark.parametrize("raw", ["../../etc/passwd", "..", "", "/", "report.exe", "report.txt/", "a.txt\\.."])
def test_a_filename_of_no_readable_format_is_refused(raw):
    from linter.serve.uploads import UploadError, safe_name

    with pytest.raises(UploadError) as caught:
        safe_name(raw, EXTS)
    assert caught.value.status == 415


def test_downloads_are_kept_for_a_limited_number_of_answers_and_time(tmp_path):
    from linter.serve.downloads import DownloadStore

    store = DownloadStore(tmp_path, keep_seconds=3600, keep_answers=2)
    made = []
    for n in range(3):
        token, directory = store.reserve()
        (directory / "findings.json").write_text(str(n), encoding="utf-8")
        store.keep(token, directory, {"json": f"r{n}.findings.json"})
        made.append((token, directory))
    assert store.find(made[0][0], "json") is None and not made[0][1].exists()   # the oldest went first
    path, name = store.find(made[2][0], "json")
    assert path.read_text(encoding="utf-8") == "2" and name == "r2.findings.json"
    assert store.find(made[2][0], "csv") is None and store.find("../../etc", "json") is None
    assert store.find(made[2][0], "../findings.json") is None
    store.keep_seconds = 0.01
    time.sleep(0.05)
    assert len(store) == 0 and not any(d.exists() for _, d in made)


def test_binding_beyond_loopback_says_who_can_reach_it():
    from linter.serve.options import ServeOptions
    from linter.serve.run import reach_notice

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        assert reach_notice(ServeOptions(host="127.0.0.1"), sock) is None
        assert reach_notice(ServeOptions(host="localhost"), sock) is None
        everywhere = reach_notice(ServeOptions(host="0.0.0.0"), sock)
        assert "anyone who can reach this machine on the network" in everywhere and str(port) in everywhere
        one = reach_notice(ServeOptions(host="10.1.2.3"), sock)
        assert f"http://10.1.2.3:{port}/" in one and "--host 127.0.0.1" in one


def _serve(tmp_path, *args, env=None):
    return subprocess.run([sys.executable, "-m", "linter", "serve", *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env=env or {**os.environ, "PYTHONPATH": str(ROOT)})


def test_without_the_extra_serve_is_one_line_and_exit_2(tmp_path):
    fake = tmp_path / "site" / "starlette"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named starlette')\n", encoding="utf-8")
    proc = _serve(tmp_path, "--lang", "en", env={**os.environ, "PYTHONPATH": f"{fake.parent}{os.pathsep}{ROOT}"})
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == ["report-lint serve needs starlette: pip install 'report-lint[serve]'"]


def test_a_port_taken_is_one_line_and_exit_2(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        proc = _serve(tmp_path, "--port", str(taken.getsockname()[1]))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
    assert "cannot listen on 127.0.0.1" in proc.stderr


def test_a_bad_configuration_stops_the_server_before_it_serves(tmp_path):
    (tmp_path / "bad.yaml").write_text("select: [NO-SUCH-RULE]\n", encoding="utf-8")
    proc = _serve(tmp_path, "--port", "0", "--config", "bad.yaml")
    assert proc.returncode == 2 and "NO-SUCH-RULE" in proc.stderr and "report-lint serve: http" not in proc.stdout


def test_check_imports_no_web_package():
    code = ("import sys\nfrom click.testing import CliRunner\nfrom linter.cli import main\n"
            f"result = CliRunner().invoke(main, ['check', {str(EXAMPLE)!r}])\n"
            "assert result.exit_code == 1, result.output\n"
            "web = ('starlette', 'uvicorn', 'python_multipart', 'multipart', 'jinja2', 'anyio')\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in web or m.startswith('linter.serve'))\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})


def _asgi(app, body_chunks, headers):
    """Drive the ASGI application with one POST /check whose body arrives as `body_chunks` (a chunk of None
    never arrives); the status it answers."""
    import asyncio

    async def run():
        chunks = list(body_chunks)
        sent = []

        async def receive():
            if not chunks:
                return {"type": "http.request", "body": b"", "more_body": False}
            chunk = chunks.pop(0)
            if chunk is None:
                await asyncio.sleep(3600)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
                 "path": "/check", "raw_path": b"/check", "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
                 "server": ("127.0.0.1", 8000), "headers": [(k.encode(), v.encode()) for k, v in headers.items()]}
        await asyncio.wait_for(app(scope, receive, send), 60)
        return next(m["status"] for m in sent if m["type"] == "http.response.start")

    return asyncio.run(run())


def test_a_stalled_upload_is_408(tmp_path):
    from linter.serve.app import create_app
    from linter.serve.options import ServeOptions

    app = create_app(ServeOptions(upload_seconds=0.5), tmp_path)
    headers = {"content-type": "multipart/form-data; boundary=b", "accept": "application/json"}
    start = b'--b\r\nContent-Disposition: form-data; name="file"; filename="r.txt"\r\n\r\n'
    assert _asgi(app, [start, None], headers) == 408
    assert not list(tmp_path.glob("upload-*"))   # the part received is removed


def test_past_the_waiting_limit_the_server_is_busy(tmp_path):
    import threading

    from linter.serve.checking import Busy, Checker
    from linter.serve.configs import Choices, UploadConfigs
    from linter.serve.downloads import DownloadStore
    from linter.serve.options import ServeOptions
    from linter.serve.uploads import Upload

    options = ServeOptions(jobs=1, waiting=1)
    checker = Checker(options, UploadConfigs(options), DownloadStore(tmp_path, 60, 10))
    upload = Upload(tmp_path, EXAMPLE.name)
    (tmp_path / EXAMPLE.name).write_bytes(EXAMPLE.read_bytes())
    results = []
    checker._turns.acquire()          # a check is running: the next ones wait for its turn
    waiting = [threading.Thread(target=lambda: results.append(checker.check(upload, Choices(), downloads=False)))
               for _ in range(2)]
    for thread in waiting:
        thread.start()
    deadline = time.monotonic() + 10
    while checker._waiting < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(Busy):
        checker.check(upload, Choices(), downloads=False)
    checker._turns.release()
    for thread in waiting:
        thread.join(120)
    assert [r.result.error for r in results] == [None, None] and all(r.result.findings for r in results)
