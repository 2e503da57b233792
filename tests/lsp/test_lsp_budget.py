"""The language server under the budgets of `check`, and its stale lints, over stdio (`report-lint lsp`).

A document that runs over its time budget gets one diagnostic saying it was not checked and why, while the
server keeps answering; the edit that fixes it is linted.  An edit that arrives while the text before it is
being linted is linted instead: no diagnostics are published for the old text, and the worker that was
linting it is killed rather than left to finish.  Nothing here measures time: the slow documents take
seconds to lint where the others take milliseconds."""
from __future__ import annotations

import os

import hostile
from conftest import EXAMPLE
from lsp_client import LspClient

from linter.lsp.workers import lint_text
from linter.settings.config import Config


def _open(client: LspClient, uri: str, text: str) -> None:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                            "text": text}})


def _replace(client: LspClient, uri: str, version: int, text: str) -> None:
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": text}]})


def _findings(diagnostics: list[dict]) -> list[tuple[str, int]]:
    return sorted((d["code"], d["range"]["start"]["line"] + 1) for d in diagnostics)


def _expected(text: str, name: str) -> list[tuple[str, int]]:
    """The findings of the text, linted here, as the diagnostics give them."""
    return sorted((f.rule, f.line) for f in lint_text(text, name, Config()).findings)


def test_a_document_over_the_time_budget_is_not_checked_and_the_edit_that_fixes_it_is(tmp_path):
    # ≈ 10 s to lint, stopped at 2 s: the hover below is answered long before, however busy the machine
    page = hostile.one_line_text(tmp_path / "crawled.txt", 8 * hostile.MB).read_text(encoding="utf-8")
    example = EXAMPLE.read_text(encoding="utf-8")
    client = LspClient(tmp_path)
    try:
        client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
                                      "initializationOptions": {"timeout": 2}})
        client.notify("initialized", {})
        uri = (tmp_path / "draft.txt").as_uri()
        _open(client, uri, page)
        # the server answers while the document is being linted
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        assert hover is None
        assert not [n for n in client.notifications if n["method"] == "textDocument/publishDiagnostics"]

        first = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        assert first["version"] == 1
        (only,) = first["diagnostics"]
        assert only["code"] == "INPUT-UNREADABLE" and only["severity"] == 1
        assert only["message"] == "无法读取文件：超出单个文件的时间限制（2 秒）"

        _replace(client, uri, 2, example)
        fixed = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        assert fixed["version"] == 2
        assert _findings(fixed["diagnostics"]) == _expected(example, str(tmp_path / "draft.txt"))
        assert "STRUCT-ORDINAL-MISSING" in {d["code"] for d in fixed["diagnostics"]}
    finally:
        client.close()


def test_an_edit_arriving_during_a_lint_is_linted_and_the_stale_lint_is_cancelled(client, tmp_path):
    slow = hostile.one_line_text(tmp_path / "slow.txt", 8 * hostile.MB).read_text(encoding="utf-8")  # ≈ 10 s
    example = EXAMPLE.read_text(encoding="utf-8")
    draft, other = (tmp_path / "draft.txt").as_uri(), (tmp_path / "other.txt").as_uri()
    _open(client, draft, slow)
    _open(client, other, example)
    # `other` was handed to a worker after `draft`: once its diagnostics are here, `draft` is being linted
    client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == other)
    linting = client.children()

    _replace(client, draft, 2, example)
    published = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == draft)
    assert published["version"] == 2  # the first and only diagnostics of the document: none for the old text
    assert _findings(published["diagnostics"]) == _expected(example, str(tmp_path / "draft.txt"))
    assert linting - client.children(), "the worker linting the old text was not killed"


def test_the_workers_end_with_the_server(tmp_path):
    client = LspClient(tmp_path)
    try:
        client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        uri = (tmp_path / "r.txt").as_uri()
        _open(client, uri, EXAMPLE.read_text(encoding="utf-8"))
        client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        workers = client.children()
        assert workers
    finally:
        client.close()
    assert client.proc.returncode == 0
    assert not [pid for pid in workers if os.path.exists(f"/proc/{pid}")]
