"""Resource limits (linter/limits.py): input size, time per file, table size, archives; and output that
never leaks the machine's absolute paths."""
from __future__ import annotations

import json
import os

import hostile
import pytest

from conftest import EXAMPLE, ROOT
from linter.cli.common import parse_size
from linter.settings.config import Config
from linter.engine.run import READER_FAILURE, lint
from linter.document.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, LimitExceeded

MB = 1024 * 1024


def test_a_20_mb_report_is_refused_quickly_without_being_read(run_cli, tmp_path):
    f = tmp_path / "huge.txt"
    line = "本机关主动公开政府信息，依申请公开政府信息。\n".encode()
    with f.open("wb") as fh:
        fh.write(line * (20 * MB // len(line) + 1))
    assert f.stat().st_size > 20 * MB
    (code, out, _), seconds, stretch = hostile.wall_clock(lambda: run_cli("check", "--format", "json", f))
    assert seconds < 2 * stretch, (seconds, stretch)
    entry = json.loads(out)["files"][0]
    assert code == 1
    assert entry["error"] == f"file is larger than the limit of {20 * MB} bytes"
    assert [x["category"] for x in entry["findings"]] == ["input"]


def test_engine_refuses_bytes_over_the_limit():
    result = lint(b"x" * 101, "r.txt", Config(max_bytes=100))
    assert result.error == "file is larger than the limit of 100 bytes"


def test_max_bytes_option(run_cli, tmp_path):
    code, out, _ = run_cli("check", "--format", "json", "--max-bytes", "2K", EXAMPLE)
    assert code == 1 and "limit of 2048 bytes" in json.loads(out)["files"][0]["error"]
    code, _, err = run_cli("check", "--max-bytes", "lots", EXAMPLE)
    assert code == 2 and "--max-bytes" in err


@pytest.mark.parametrize("text,size", [("20000000", 20_000_000), ("500K", 500 * 1024), ("20M", 20 * MB),
                                       ("1g", 1 << 30), ("3MB", 3 * MB), ("-1", None), ("2X", None), ("", None)])
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("exc,reason", [
    (LimitExceeded("table larger than 2000 rows"), "table larger than 2000 rows"),
    (RecursionError("maximum recursion depth exceeded"), READER_FAILURE + " (RecursionError"),
    (KeyError("w:body"), READER_FAILURE + " (KeyError"),
])
def test_whatever_a_reader_raises_is_one_input_finding(monkeypatch, exc, reason):
    import linter.engine.run as engine

    def broken(data, path, fmt=None, limits=None, ocr=False):
        raise exc

    monkeypatch.setattr(engine, "read_document", broken)
    result = lint("某县2023年政府信息公开工作年度报告".encode(), "r.txt", Config())
    assert result.error.startswith(reason)
    assert [f.rule for f in result.findings] == ["INPUT-UNREADABLE"]


def test_text_reader_caps_pipe_tables():
    from linter.document.model import Table
    from linter.document.readers import read_document

    wide = "|" + "|".join(["1"] * (MAX_TABLE_COLUMNS + 50)) + "|\n"
    source = wide + "|1|2|\n" * (MAX_TABLE_ROWS + 9)
    tables = [b for b in read_document(source.encode(), "t.md").blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [MAX_TABLE_ROWS, 10]
    assert max(len(r) for t in tables for r in t.rows) == MAX_TABLE_COLUMNS


# ── output safety ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "github", "junit"])
@pytest.mark.parametrize("absolute", [False, True])
def test_machine_outputs_never_leak_the_absolute_path(run_cli, monkeypatch, fmt, absolute):
    monkeypatch.chdir(ROOT)
    arg = str(EXAMPLE) if absolute else os.path.relpath(EXAMPLE, ROOT)
    code, out, _ = run_cli("check", "--format", fmt, arg, "examples")
    assert code == 1 and out
    assert str(ROOT) not in out
    if fmt == "json":
        paths = [f["path"] for f in json.loads(out)["files"]]
        assert paths and all(not os.path.isabs(p) for p in paths)


def test_stdin_is_read_no_further_than_the_limit():
    from click.testing import CliRunner

    from linter.cli.main import main

    result = CliRunner().invoke(main, ["check", "--format", "json", "--max-bytes", "1K", "-"],
                                input=EXAMPLE.read_bytes())
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["error"] == "file is larger than the limit of 1024 bytes"


def _wide_docx(rows: int, cols: int) -> bytes:
    import io
    import zipfile

    from test_fuzz_readers import docx_sample

    source = zipfile.ZipFile(io.BytesIO(docx_sample()))
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell.format(r * cols + c) for c in range(cols)) + "</w:tr>"
                                for r in range(rows)) + "</w:tbl>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", table.encode() + b"</w:body>")
            out.writestr(info.filename, data)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_html_and_docx_tables_are_capped(fmt):
    from linter.document.model import Table
    from linter.document.readers import read_document

    cols = MAX_TABLE_COLUMNS + 50
    if fmt == "html":
        row = "<tr>" + "<td>1</td>" * (cols - 1) + "<td colspan=100000>2</td></tr>"
        data = f"<html><body><table>{row * 5}</table></body></html>".encode()
    else:
        data = _wide_docx(5, cols)
    tables = [b for b in read_document(data, f"t.{fmt}").blocks if isinstance(b, Table)]
    widest = max(tables, key=lambda t: max(len(r) for r in t.rows))
    assert max(len(r) for r in widest.rows) == MAX_TABLE_COLUMNS


def test_expand_grid_caps_rows_and_spans():
    from linter.document.model import normalize
    from linter.document.readers.synthetic import expand_grid

    rows = [[(normalize("x", 0), 10**6, 10**6)]] + [[(normalize("y", 0), 1, 1)]] * (MAX_TABLE_ROWS + 5)
    table = expand_grid(rows)
    assert len(table.rows) == MAX_TABLE_ROWS
    assert max(len(r) for r in table.rows) == MAX_TABLE_COLUMNS


def test_html_output_escapes_text_taken_from_the_report(run_cli, tmp_path):
    report = tmp_path / "xss.txt"
    report.write_text("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况<script>alert(1)</script>\n", encoding="utf-8")
    out = tmp_path / "out.html"
    run_cli("check", "--format", "html", "-o", out, report)
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
