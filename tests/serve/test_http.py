"""`report-lint serve` over real HTTP: a server process on a free port, uploads as a browser sends them.

The JSON answer is the CLI's JSON for the same file (its path is the uploaded name, as the CLI shows a file
named in its own folder); bad uploads are 4xx and the server keeps serving; eight uploads at once all answer;
nothing is kept or read outside the server's own temporary directory."""
from __future__ import annotations

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import CORPUS, EXAMPLE, FIXTURES
import hostile
from serving import Server, cli_json

LIMIT = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve"), "--max-bytes", "2M")
    yield running
    assert running.stop() == 0
    assert not list(running.tmp.glob("report-lint-serve-*"))  # the private directory goes with the server


def _docx_report() -> bytes:
    from test_docx_review import drafted_report  # 洪泽区's report drafted in Word (tests/output)

    return drafted_report()


REPORTS = {
    "2023-wendeng-zetou-town.txt": lambda: EXAMPLE.read_bytes(),
    "2023-huaian-hongzequ-qzf.md": lambda: (CORPUS / "2023-huaian-hongzequ-qzf.md").read_bytes(),
    "2023-shuyang-fgj.html": lambda: (CORPUS / "2023-shuyang-fgj.html").read_bytes(),
    "洪泽区2023年报告.docx": _docx_report,
}


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_json_answer_is_the_cli_json(server, tmp_path, name):
    data = REPORTS[name]()
    reply = server.check_json(name, data)
    assert reply.status == 200 and reply.headers["content-type"].startswith("application/json")
    assert reply.body == cli_json(tmp_path, name, data)
    assert reply.json()["files"][0]["findings"]


def test_the_form_choices_are_the_cli_options(server, tmp_path):
    data = EXAMPLE.read_bytes()
    reply = server.check_json(EXAMPLE.name, data, agency_kind="department", lang="en")
    assert reply.status == 200
    assert reply.body == cli_json(tmp_path, EXAMPLE.name, data, "--agency-kind", "department", "--lang", "en")
    assert reply.body != server.check_json(EXAMPLE.name, data).body   # (the choices change the answer)


def test_the_page_shows_every_finding_and_links_the_downloads(server, tmp_path):
    data = EXAMPLE.read_bytes()
    expected = json.loads(cli_json(tmp_path, EXAMPLE.name, data))["files"][0]["findings"]
    page = server.upload(EXAMPLE.name, data)
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    items = page.text.count('<li class="finding')
    assert items == len(expected)
    for finding in expected:
        assert f'data-rule="{finding["rule"]}" data-line="{finding["line"]}"' in page.text
    downloads = _downloads(page.text)
    assert set(downloads) == {"reviewed", "fixed", "json", "csv", "xlsx"}
    # the text with the safe fixes applied, as `check --fix` writes it
    fixed = server.request("GET", downloads["fixed"])
    assert fixed.status == 200 and "扩宽" in EXAMPLE.read_text(encoding="utf-8")
    assert "扩宽" not in fixed.body.decode("utf-8") and "拓宽" in fixed.body.decode("utf-8")
    assert "2023-wendeng-zetou-town.fixed.txt" in fixed.headers["content-disposition"]
    assert json.loads(server.request("GET", downloads["json"]).body)["files"][0]["findings"] == expected
    csv = server.request("GET", downloads["csv"]).body.decode("utf-8")
    assert all(f["rule"] in csv for f in expected)
    xlsx = server.request("GET", downloads["xlsx"]).body
    assert zipfile.ZipFile(io.BytesIO(xlsx)).testzip() is None
    reviewed = server.request("GET", downloads["reviewed"]).body
    import wordcheck

    assert {r for c in wordcheck.comments(reviewed).values() for r in c.rules} == {f["rule"] for f in expected}


def test_a_word_report_comes_back_as_its_reviewed_copy(server):
    import wordcheck

    data = _docx_report()
    page = server.upload("洪泽区2023年报告.docx", data)
    assert page.status == 200
    reply = server.request("GET", _downloads(page.text)["reviewed"])
    assert reply.status == 200 and "filename*=utf-8''" in reply.headers["content-disposition"]
    comments = wordcheck.comments(reply.body)
    rules = {f["rule"] for f in server.check_json("r.docx", data).json()["files"][0]["findings"]}
    assert {r for c in comments.values() for r in c.rules} == rules
    before, after = wordcheck.parts(data), wordcheck.parts(reply.body)
    assert before["word/header1.xml"] == after["word/header1.xml"]   # a copy of the file, not a rendering


def test_bad_uploads_are_refused_with_4xx_and_the_server_keeps_serving(server):
    garbage = server.upload("report.docx", b"PK\x03\x04 these bytes are not a Word document" * 50)
    assert garbage.status == 422 and 'id="unreadable"' in garbage.text
    as_json = server.check_json("report.docx", b"\x00\xffgarbage" * 100).json()
    assert as_json["files"][0]["error"] and as_json["files"][0]["findings"][0]["rule"] == "INPUT-UNREADABLE"
    assert server.alive()
    for name in ("../../etc/passwd", "/etc/passwd", "..", "report.exe", ""):
        reply = server.check_json(name, EXAMPLE.read_bytes())
        assert reply.status in (400, 415) and reply.json()["error"]["message"], name
        assert server.alive()
    too_large = server.check_json("big.txt", b"x" * (LIMIT + 1))
    assert too_large.status == 413 and "2 MB" in too_large.json()["error"]["message"]
    assert server.alive()
    assert server.request("POST", "/check", b"file=x", {"Content-Type": "application/x-www-form-urlencoded"}).status == 400
    part = 'Content-Disposition: form-data; name="file"; filename="{}"\r\n\r\n一、总体情况\r\n'
    two_files = f"--b\r\n{part.format('a.txt')}--b\r\n{part.format('b.txt')}--b--\r\n".encode()
    assert server.request("POST", "/check", two_files, {"Content-Type": "multipart/form-data; boundary=b"}).status == 400
    assert server.request("POST", "/check", b"--x--\r\n", {"Content-Type": "multipart/form-data; boundary=x"}).status == 400
    assert server.alive()


def test_a_huge_declared_upload_is_refused_unread(server):
    import http.client

    conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
    conn.putrequest("POST", "/check")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", str(100 * LIMIT))
    conn.endheaders()
    conn.send(b"--x\r\n")
    response = conn.getresponse()
    assert response.status == 413
    conn.close()
    assert server.alive()


def test_a_path_in_the_filename_is_dropped(server):
    reply = server.check_json("../../evil.txt", EXAMPLE.read_bytes())
    assert reply.status == 200 and reply.json()["files"][0]["path"] == "evil.txt"
    assert not list(server.tmp.parent.rglob("evil.txt"))   # written nowhere, and removed after the answer
    assert not list(server.root.glob("upload-*"))


def test_eight_uploads_at_once_all_answer(server, tmp_path):
    names = sorted(p.name for p in CORPUS.glob("*.md"))[:8]
    assert len(names) == 8
    folder = tmp_path / "eight"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    import os
    import subprocess
    import sys

    from conftest import ROOT

    cli = subprocess.run([sys.executable, "-m", "linter", "check", "--isolated", "--format", "json", *names], cwd=folder,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    expected = {f["path"]: f for f in json.loads(cli.stdout)["files"]}
    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda n: server.check_json(n, (CORPUS / n).read_bytes()), names))
    assert [r.status for r in replies] == [200] * 8
    for name, reply in zip(names, replies):
        assert reply.json()["files"] == [expected[name]]
    assert not list(server.root.glob("upload-*"))


def test_nothing_outside_the_servers_directory_can_be_read(server):
    for path in ("/download/../../etc/passwd", "/download/..%2F..%2Fetc%2Fpasswd/json", "/download/AAAAAAAAAAAAAAAAAAAAAAAA/json",
                 "/download/AAAAAAAAAAAAAAAAAAAAAAAA/..%2F..%2Fetc%2Fpasswd", "/static/..%2F__init__.py", "/static/../app.py",
                 "/etc/passwd"):
        reply = server.request("GET", path)
        assert reply.status == 404, path
        assert b"root:" not in reply.body and b"import" not in reply.body
    assert server.request("GET", "/static/page.css").status == 200


def test_every_response_loads_nothing_from_elsewhere(server):
    import re

    page = server.upload("2023-huaian-hongzequ-qzf.md", (CORPUS / "2023-huaian-hongzequ-qzf.md").read_bytes())
    for reply in (server.request("GET", "/"), page, server.request("GET", "/nowhere")):
        policy = reply.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "http" not in policy
        assert reply.headers["x-content-type-options"] == "nosniff"
        assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:|//)""", reply.text)
    assert 'class="stat"' in page.text and 'class="s-error' in page.text and " part " in page.text


def test_a_file_over_its_time_budget_is_422_and_the_server_goes_on(tmp_path):
    slow = Server(tmp_path / "slow", "--timeout", "2")
    try:
        page = hostile.one_line_text(tmp_path / "one-line.txt")  # 20 MB on one line: many times 2 s to lint
        reply = slow.check_json(page.name, page.read_bytes())
        assert reply.status == 422
        [finding] = reply.json()["files"][0]["findings"]
        assert finding["rule"] == "INPUT-UNREADABLE" and "时间限制（2 秒）" in finding["message"]
        assert slow.check_json(EXAMPLE.name, EXAMPLE.read_bytes()).status == 200
    finally:
        assert slow.stop() == 0


def _downloads(page: str) -> dict[str, str]:
    import re

    return {kind: href for href, kind in re.findall(r'href="(/download/[\w-]+/(\w+))"', page)}


@pytest.mark.slow
def test_the_installed_wheel_serves_its_page(tmp_path):
    """The templates and the page's style and script are in the wheel: a server run from it answers."""
    import subprocess
    import sys

    from conftest import ROOT

    wheels, site = tmp_path / "wheels", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("report_lint-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    installed = Server(tmp_path / "run", pythonpath=site)
    try:
        page = installed.request("GET", "/")
        assert page.status == 200 and 'name="file"' in page.text
        assert "mark.s-error" in installed.request("GET", "/static/page.css").text
        assert installed.request("GET", "/static/page.js").status == 200
        answer = installed.upload(EXAMPLE.name, EXAMPLE.read_bytes())
        assert answer.status == 200 and 'data-rule="WORDING-KUOKUAN"' in answer.text
    finally:
        installed.stop()


def test_downloads_are_kept_for_the_answers_and_the_time_the_office_sets(tmp_path):
    """`--keep-answers` and `--keep-downloads`: an older answer's files go when newer answers take their place,
    and any answer's when its time is over (the link then answers 404)."""
    import time

    kept = Server(tmp_path / "kept", "--keep-answers", "1", "--keep-downloads", "3")
    try:
        first = _downloads(kept.upload(EXAMPLE.name, EXAMPLE.read_bytes()).text)["json"]
        assert kept.request("GET", first).status == 200
        second = _downloads(kept.upload(EXAMPLE.name, EXAMPLE.read_bytes()).text)["json"]
        assert kept.request("GET", first).status == 404  # one answer kept: the newer one
        assert kept.request("GET", second).status == 200
        time.sleep(3.5)
        assert kept.request("GET", second).status == 404
        assert not list(kept.root.glob("answer-*"))  # its files are gone, not only its link
    finally:
        assert kept.stop() == 0


def test_served_beyond_loopback_it_says_who_can_reach_it_and_answers(tmp_path):
    """`--host 0.0.0.0`: bound on every interface, the server warns on standard error, before serving, that
    anyone on the network can reach it, and answers there (here through the loopback interface)."""
    import subprocess

    open_server = Server(tmp_path / "open", "--host", "0.0.0.0", "--lang", "en")
    try:
        assert open_server.url.startswith("http://0.0.0.0:")
        open_server.host = "127.0.0.1"
        assert open_server.check_json(EXAMPLE.name, EXAMPLE.read_bytes()).status == 200
    finally:
        open_server.process.terminate()
        try:
            _, err = open_server.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            open_server.process.kill()
            _, err = open_server.process.communicate()
    assert open_server.process.returncode == 0
    assert "not only on this machine: anyone who can reach this machine on the network" in err
    assert str(open_server.port) in err and "--host 127.0.0.1" in err
