"""The language server against a client that misbehaves (issue 19, class 6 and 7): malformed frames, a
`didSave` of a file it was never given, a document over the size limit, a request that makes a handler
fail.  The server must stay up, answer without tracebacks and read nothing it was not sent."""
from __future__ import annotations

import json
import os
import time

import pytest
from conftest import EXAMPLE
from lsp_client import LspClient


def _frame(body: bytes, length: str | None = None) -> bytes:
    header = b"" if length == "" else f"Content-Length: {len(body) if length is None else length}\r\n".encode()
    return header + b"\r\n" + body


def _still_answers(client, tmp_path) -> None:
    """A document opened now is linted and its diagnostics published: the server is up and in step."""
    uri = (tmp_path / "alive.txt").as_uri()
    text = EXAMPLE.read_text(encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    diags = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout=60)
    assert "STRUCT-ORDINAL-MISSING" in {d["code"] for d in diags["diagnostics"]}
    assert client.proc.poll() is None


BAD_FRAMES = {
    "negative length": _frame(b'{"jsonrpc":"2.0","method":"x"}', "-5"),
    "length that overflows": _frame(b'{"jsonrpc":"2.0","method":"x"}', "9" * 40),
    "length beyond the stream": _frame(b'{"jsonrpc":"2.0","method":"x"}', "999999999999"),
    "not a number": _frame(b'{"jsonrpc":"2.0","method":"x"}', "0x20"),
    "missing length": _frame(b'{"jsonrpc":"2.0","id":99,"method":"shutdown"}', ""),
    "endless header": b"X-Junk: " + b"a" * 20000 + b"\r\n",
    "body that is not JSON": _frame(b"{not json"),
    "JSON nested too deeply": _frame(b"[" * 100000 + b"]" * 100000),
}


@pytest.mark.parametrize("name", sorted(BAD_FRAMES))
def test_malformed_frames_leave_the_server_up(client, tmp_path, name):
    client.send_raw(BAD_FRAMES[name])
    _still_answers(client, tmp_path)
    assert not any(b"Traceback" in line for line in client.stderr)


def test_a_request_with_unreadable_parameters_gets_a_plain_error(client, tmp_path):
    response = client.request_any("textDocument/hover", {"textDocument": 5, "position": "here"})
    assert "error" in response
    assert "Traceback" not in json.dumps(response) and "traceback" not in json.dumps(response)
    _still_answers(client, tmp_path)


def test_a_handler_that_fails_answers_without_a_traceback(client, tmp_path):
    report = tmp_path / "r.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = report.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    where = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}
    broken = {"range": where, "message": "m", "source": "report-lint", "code": "X", "data": {"fix": {"start": 1}}}
    response = client.request_any("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where,
                                                               "context": {"diagnostics": [broken]}})
    assert "error" in response, response
    assert "data" not in response["error"] or not response["error"]["data"]
    assert "Traceback" not in response["error"]["message"] and "\n" not in response["error"]["message"]
    _still_answers(client, tmp_path)


def test_did_save_of_a_file_never_opened_reads_nothing(client, tmp_path):
    """`didSave` (and hover, code actions) naming a file the client never opened: nothing is read.  The file
    is a named pipe, so a server that opened it would block — and never answer again."""
    secret = tmp_path / "shadow.txt"
    os.mkfifo(secret)
    uri = secret.as_uri()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    where = {"line": 0, "character": 0}
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": where}, timeout=20) is None
    assert client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"start": where, "end": where},
                                                      "context": {"diagnostics": []}}, timeout=20) == []
    _still_answers(client, tmp_path)
    assert not [n for n in client.notifications if n.get("params", {}).get("uri") == uri]


def test_a_document_over_the_size_limit_is_refused_not_linted(tmp_path):
    (tmp_path / ".report-lint.yaml").write_text("max-bytes: 2000\n", encoding="utf-8")
    c = LspClient(tmp_path)
    try:
        c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        c.notify("initialized", {})
        uri = (tmp_path / "big.txt").as_uri()
        text = EXAMPLE.read_text(encoding="utf-8")  # 6.8 KB
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        diags = c.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)["diagnostics"]
        assert [d["code"] for d in diags] == ["INPUT-UNREADABLE"]
        assert "2000" in diags[0]["message"]
    finally:
        c.close()


@pytest.mark.slow
def test_a_19_megabyte_change_keeps_the_server_responsive_and_bounded(client, tmp_path):
    """A 19 MB `didChange` once made the server unresponsive at 4 GB.  Now it is linted in a worker process
    under the memory budget of `check`: the server answers a request at once, its own memory stays far below
    the old peak, and the document is linted or — this text sits at the edge of the budget — gets one
    diagnostic saying it needs more memory than the budget."""
    uri = (tmp_path / "big.txt").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "x"}})
    client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    page = EXAMPLE.read_text(encoding="utf-8").replace("\n", " ")
    text = page * (19 * 1024 * 1024 // len(page.encode("utf-8")))
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]})
    time.sleep(1)  # past the debounce: the lint has started
    start = time.monotonic()
    client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}, timeout=30)
    assert time.monotonic() - start < 10
    done = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2,
                                    timeout=600)
    codes = [d["code"] for d in done["diagnostics"]]
    if "INPUT-UNREADABLE" in codes:
        assert codes == ["INPUT-UNREADABLE"] and "512 MB" in done["diagnostics"][0]["message"]
    else:
        assert "STRUCT-ORDINAL-MISSING" in codes
    peak_kb = int(next(line.split()[1] for line in open(f"/proc/{client.proc.pid}/status") if line.startswith("VmHWM")))
    assert peak_kb < 512 * 1024, peak_kb  # the server's own; the worker's is its budget (README: Performance)
