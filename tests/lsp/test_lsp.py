"""The language server end to end: the real `report-lint lsp` process, spoken to over stdio."""
from __future__ import annotations

import shutil

from conftest import EXAMPLE
from lsp_client import LspClient



def _apply(text: str, edits: list[dict]) -> str:
    """Apply LSP text edits (line/character, no astral characters in our documents) to a text."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(pos: dict) -> int:
        return offsets[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: at(e["range"]["start"]), reverse=True):
        text = text[: at(edit["range"]["start"])] + edit["newText"] + text[at(edit["range"]["end"]):]
    return text




def test_diagnostic_code_action_and_cleared_diagnostic(client, tmp_path):
    report = tmp_path / "report.txt"
    shutil.copy(EXAMPLE, report)
    text = report.read_text(encoding="utf-8")
    uri = report.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    params = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    (diag,) = [d for d in params["diagnostics"] if d["code"] == "STRUCT-ORDINAL-MISSING"]
    # line 47 of the file, column 2: "政府信息公开工作存在的主要问题及改进情况" without its ordinal 五、
    assert diag["range"]["start"] == {"line": 46, "character": 1}
    assert diag["range"]["end"]["line"] == 46 and diag["range"]["end"]["character"] > 1
    assert diag["source"] == "report-lint" and diag["severity"] == 2

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 46, "character": 5}})
    assert "STRUCT-ORDINAL-MISSING" in hover["contents"]["value"]
    assert "依据" in hover["contents"]["value"]

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}})
    (ignore,) = [a for a in actions if "STRUCT-ORDINAL-MISSING" in a["title"]]
    edits = ignore["edit"]["changes"][uri]
    assert edits[0]["range"]["start"] == {"line": 46, "character": 0}
    new_text = _apply(text, edits)
    assert "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING" in new_text.split("\n")[46]

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": new_text}]})
    after = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2)
    codes = {d["code"] for d in after["diagnostics"]}
    assert "STRUCT-ORDINAL-MISSING" not in codes
    assert "SUPPRESS-UNUSED" not in codes  # the suppression is used
    # everything else is unchanged
    assert codes == {d["code"] for d in params["diagnostics"]} - {"STRUCT-ORDINAL-MISSING"}


def test_missing_section_is_diagnosed_on_open_and_cleared_when_written(client, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if "六、" in line)
    uri = (tmp_path / "draft.txt").as_uri()
    broken = "\n".join(lines[:46] + lines[heading:])  # drop section 五 entirely
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": broken}})
    first = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    (missing,) = [d for d in first["diagnostics"] if d["code"] == "STRUCT-SECTION-MISSING"]
    assert missing["severity"] == 1
    assert missing["range"]["start"]["line"] == 46  # reported at the next section present, 六
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]})
    fixed = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2)
    assert "STRUCT-SECTION-MISSING" not in {d["code"] for d in fixed["diagnostics"]}


# Libraries a `check` of a text report must not import: the language server's, and the readers' of other formats.
NOT_FOR_TEXT = ("pygls", "lsprotocol", "docx", "pdfplumber", "pdfminer", "bs4", "lxml", "html5lib", "rich",
                "rapidocr", "onnxruntime", "cv2")


def test_check_does_not_import_pygls(tmp_path):
    """Start-up stays lean: only the `lsp` command imports the language server, and checking a .txt report
    imports no DOCX/PDF/HTML library."""
    import subprocess
    import sys

    from lsp_client import ROOT

    code = ("import sys\nfrom click.testing import CliRunner\nfrom linter.cli import main\n"
            f"result = CliRunner().invoke(main, ['check', {str(EXAMPLE)!r}])\n"
            "assert result.exit_code == 1, result.output\n"
            f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({NOT_FOR_TEXT!r}))\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})


def test_substitution_fix_becomes_a_preferred_quick_fix():
    from lsprotocol import types
    from pygls.workspace import TextDocument

    from linter.engine.findings import Finding
    from linter.lsp.actions import fix_action, to_diagnostic

    doc = TextDocument("file:///r.txt", "第一行\n本机关依申请公开政府信息\n")
    f = Finding(rule="WORD-X", category="wording", severity="warning", message="m", line=2, column=4, end_line=2,
                end_column=7, start=7, end=10,
                fix={"replacement": "依申请", "start": {"line": 2, "column": 4}, "end": {"line": 2, "column": 7}})
    diag = to_diagnostic(f, doc)
    assert diag.range == types.Range(types.Position(1, 3), types.Position(1, 6))
    action = fix_action("file:///r.txt", diag, doc, "zh")
    (edit,) = action.edit.changes["file:///r.txt"]
    assert action.is_preferred and edit.new_text == "依申请" and edit.range == diag.range


def test_broken_configuration_is_shown_once_and_defaults_apply(client, tmp_path):
    (tmp_path / ".report-lint.yaml").write_text("selct: [STRUCT]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    text = EXAMPLE.read_text(encoding="utf-8")
    uri = report.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    message = client.wait_notification("window/showMessage")
    assert message["type"] == 1 and "selct" in message["message"] and ".report-lint.yaml:1" in message["message"]
    diags = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert "STRUCT-ORDINAL-MISSING" in {d["code"] for d in diags["diagnostics"]}


def test_initialize_announces_incremental_sync_fix_all_and_no_empty_commands(tmp_path):
    c = LspClient(tmp_path)
    try:
        result = c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}})
        caps = result["capabilities"]
        sync = caps["textDocumentSync"]
        assert (sync["change"] if isinstance(sync, dict) else sync) == 2  # incremental
        assert "executeCommandProvider" not in caps
        assert "source.fixAll" in caps["codeActionProvider"]["codeActionKinds"]
        c.notify("initialized", {})
    finally:
        c.close()


def test_incremental_changes_fix_all_and_rule_links(client, tmp_path):
    report = tmp_path / "report.txt"
    text = EXAMPLE.read_text(encoding="utf-8") + "我们将继续扩宽公开渠道。\n"
    uri = report.as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    first = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    slips = [d for d in first["diagnostics"] if d["code"] == "WORDING-KUOKUAN"]
    assert len(slips) == 2
    # codeDescription: a link to the rule's documentation, which names the rule and its basis
    href = slips[0]["codeDescription"]["href"]
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    page = url2pathname(urlparse(href).path)
    with open(page, encoding="utf-8") as f:
        assert "WORDING-KUOKUAN" in f.read()
    # an incremental change: only the range sent, the slip of the last line corrected
    last = len(text.split("\n")) - 2
    column = text.split("\n")[last].index("扩宽")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{
        "range": {"start": {"line": last, "character": column}, "end": {"line": last, "character": column + 2}},
        "text": "拓宽"}]})
    second = client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2)
    assert [d["range"]["start"]["line"] for d in second["diagnostics"] if d["code"] == "WORDING-KUOKUAN"] == \
        [slips[0]["range"]["start"]["line"]]
    # source.fixAll: every safe fix at once
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    (fix_all,) = actions
    assert fix_all["kind"] == "source.fixAll"
    fixed = _apply(text.replace("继续扩宽", "继续拓宽"), fix_all["edit"]["changes"][uri])
    assert "扩宽" not in fixed and fixed.count("拓宽") == 2


def test_initialization_options_and_closing_a_document(tmp_path):
    """`initializationOptions`: a configuration file and a documentation address for the rule links; closing a
    document clears its diagnostics in the editor."""
    config = tmp_path / "team.yaml"
    config.write_text("ignore: [STRUCT-ORDINAL-MISSING]\n", encoding="utf-8")
    c = LspClient(tmp_path)
    try:
        c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {},
                                 "initializationOptions": {"config": str(config),
                                                           "docsUrl": "https://docs.example.org/rules/{rule}.html"}})
        c.notify("initialized", {})
        report = tmp_path / "report.txt"
        text = EXAMPLE.read_text(encoding="utf-8") + "我们将继续扩宽公开渠道。\n"
        uri = report.as_uri()
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        opened = c.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
        codes = {d["code"] for d in opened["diagnostics"]}
        assert "WORDING-KUOKUAN" in codes and "STRUCT-ORDINAL-MISSING" not in codes
        slip = next(d for d in opened["diagnostics"] if d["code"] == "WORDING-KUOKUAN")
        assert slip["codeDescription"]["href"] == "https://docs.example.org/rules/WORDING-KUOKUAN.html"
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        closed = c.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and not p["diagnostics"])
        assert closed["diagnostics"] == []
    finally:
        c.close()
