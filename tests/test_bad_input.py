"""The bad-input catalogue (tests/fixtures/bad/): one small file per class of broken input, run through
the real CLI.  Each ends in findings or one `input` finding with exit code 1, or — for a broken rule
file — a `path:line:` message and exit code 2 (DESIGN.md), never a traceback or a hang.

The two big inputs (100 000 lines, a 1 MB line) are generated here rather than committed.
"""
from __future__ import annotations

import json
import os
import time

import pytest

from conftest import EXAMPLE, FIXTURES

BAD = FIXTURES / "bad"

# file -> the reason the JSON output gives in `error` (None: the file is read and linted)
UNREADABLE = {
    "empty.txt": "the file is empty",
    "empty.docx": "the file is empty",
    "binary.txt": "not a text file (binary content)",
    "wrong-extension.txt": "not a text file (binary content)",  # a zip archive named .txt
    "wrong-extension.docx": "not a DOCX file",                   # plain text named .docx
    "wrong-extension.pdf": "not a PDF file",                     # an HTML page named .pdf
    "wrong-encoding.txt": "mixed or unknown encoding",           # Big5: GB18030 reads it as mojibake
    "bom-gbk.txt": "invalid utf-8-sig after its byte-order mark",
    "no-text.pdf": "no text layer",  # a scan: the PDF reader asks for OCR
}


def _check_json(run_cli, *args):
    code, out, err = run_cli("check", "--format", "json", "--lang", "en", *args)
    assert "Traceback" not in out + err
    return code, json.loads(out)


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_file_is_one_input_finding_with_exit_1(run_cli, name):
    code, data = _check_json(run_cli, BAD / name)
    entry = data["files"][0]
    assert code == 1
    assert UNREADABLE[name] in entry["error"]
    assert [(f["rule"], f["category"], f["line"], f["column"]) for f in entry["findings"]] == [
        ("INPUT-UNREADABLE", "input", 1, 1)]


def test_truncated_utf8_is_read_up_to_the_cut(run_cli):
    """Cut inside its last character: read as UTF-8 (not as GB18030 mojibake) and linted."""
    code, data = _check_json(run_cli, BAD / "truncated.txt")
    entry = data["files"][0]
    assert code == 1
    assert entry["error"] is None
    rules = {f["rule"] for f in entry["findings"]}
    assert "STRUCT-SECTION-MISSING" in rules  # the sections after the cut are missing
    assert "STRUCT-TITLE-LINE" not in rules   # the title, before the cut, was read correctly


def test_html_without_body_is_read_and_reported_as_missing_everything(run_cli):
    """Only a <title>: readable, so findings (every section missing), not an input finding."""
    code, data = _check_json(run_cli, BAD / "no-body.html")
    entry = data["files"][0]
    assert code == 1 and entry["error"] is None and entry["format"] == "html"
    assert "STRUCT-SECTION-MISSING" in {f["rule"] for f in entry["findings"]}


def _timed_check(run_cli, path, limit_s):
    start = time.monotonic()
    code, data = _check_json(run_cli, path)
    assert time.monotonic() - start < limit_s
    return code, data["files"][0]


def test_hundred_thousand_lines(run_cli, tmp_path):
    f = tmp_path / "lines.txt"
    f.write_text("".join(f"第{i}行，本行没有标题。\n" for i in range(100_000)), encoding="utf-8")
    code, entry = _timed_check(run_cli, f, 60)
    assert code == 1 and entry["error"] is None
    assert "STRUCT-SECTION-MISSING" in {x["rule"] for x in entry["findings"]}


def test_a_line_of_one_megabyte(run_cli, tmp_path):
    f = tmp_path / "long-line.txt"
    page = EXAMPLE.read_text(encoding="utf-8").replace("\n", " ")  # a crawled page: the report on one line
    f.write_text(page * (1024 * 1024 // len(page.encode("utf-8")) + 1) + "\n", encoding="utf-8")
    assert f.stat().st_size > 1024 * 1024
    code, entry = _timed_check(run_cli, f, 60)
    assert code == 1 and entry["error"] is None
    for finding in entry["findings"]:
        assert finding["line"] == 1
        assert len(finding["context"]) <= 250  # a window of the line, not a copy of it


# ── broken rule files: exit 2 with `path:line:` ─────────────────────────────────────────────────────

RULE_FILES = {
    "rules-syntax": (4, "YAML syntax error"),
    "rules-duplicate-id": (11, "duplicate rule id BAD-TWICE"),
    "rules-unknown-kind": (6, "unknown check kind 'telepathy'"),
    "rules-lookbehind": (7, "look-around assertions"),
    "rules-python-tag": (1, "could not determine a constructor"),
}


@pytest.mark.parametrize("directory", sorted(RULE_FILES))
def test_broken_rule_file_exits_2_naming_file_and_line(run_cli, directory):
    line, reason = RULE_FILES[directory]
    d = BAD / directory
    code, out, err = run_cli("check", "--lang", "en", "--rules", d, EXAMPLE)
    assert code == 2
    assert f"{d / 'rules.yaml'}:{line}:" in err
    assert reason in err
    assert "Traceback" not in out + err


def test_rule_file_cannot_run_code(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, _ = run_cli("check", "--rules", BAD / "rules-python-tag", EXAMPLE)
    assert code == 2
    assert not os.path.exists(tmp_path / "pwned.txt")


def test_pathological_regex_is_bounded_not_a_hang(run_cli, tmp_path):
    """`(a+)+$` backtracks exponentially in Python's re; from a rule file it runs in linear time."""
    f = tmp_path / "aaaa.txt"
    f.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + "a" * 50_000 + "!\n", encoding="utf-8")
    start = time.monotonic()
    code, out, err = run_cli("check", "--format", "json", "--rules", BAD / "rules-pathological-regex", f)
    assert time.monotonic() - start < 10
    findings = json.loads(out)["files"][0]["findings"]
    assert "BAD-REDOS" in {x["rule"] for x in findings}  # the pattern never matches "a…a!": reported missing


def test_html_colspan_bomb_is_bounded(run_cli, tmp_path):
    rows = "".join("<tr>" + "<td colspan=100000>1</td>" * 100 + "</tr>" for _ in range(100))
    f = tmp_path / "colspan.html"
    f.write_text(f"<html><body><p>某县2023年政府信息公开工作年度报告</p><table>{rows}</table></body></html>",
                 encoding="utf-8")
    code, entry = _timed_check(run_cli, f, 20)
    assert code == 1


def test_docx_zip_bomb_is_refused_before_expansion(run_cli, tmp_path):
    import zipfile

    f = tmp_path / "bomb.docx"
    with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (64 * 1024 * 1024))  # 64 MB of spaces, ~64 KB zipped
    assert f.stat().st_size < 1024 * 1024
    code, entry = _timed_check(run_cli, f, 10)
    assert code == 1
    assert [x["category"] for x in entry["findings"]] == ["input"]


def test_a_long_line_of_repeated_words_is_linear(run_cli, tmp_path):
    """Every repetition is a doubled-word candidate; each used to re-walk the whole line (quadratic)."""
    f = tmp_path / "repeated.txt"
    f.write_text("政府信息公开" * 12_000 + "\n", encoding="utf-8")
    code, entry = _timed_check(run_cli, f, 20)
    assert code == 1 and entry["error"] is None
