"""Baselines: record today's findings, then report only new ones, however the lines shift."""
from __future__ import annotations

import json

from conftest import EXAMPLE
from click.testing import CliRunner

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _run(*args):
    from linter.cli.main import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_baseline_round_trip_reports_only_the_new_finding(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, _, err = _run("check", "--write-baseline", baseline, report)
    assert code == 0 and "基线" in err
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert "report.txt" in recorded["files"]  # relative to the baseline file
    assert str(tmp_path) not in baseline.read_text(encoding="utf-8")

    # Unchanged report: nothing new, exit 0 even though the report has errors.
    code, out, _ = _run("check", "--format", "json", "--baseline", baseline, report)
    assert json.loads(out)["files"][0]["findings"] == [] and code == 0

    # Insert a paragraph in section 一 (every later finding moves down three lines) ...
    lines = TEXT.split("\n")
    shifted = lines[:7] + ["", "（本节补充说明一段文字。）", ""] + lines[7:]
    report.write_text("\n".join(shifted), encoding="utf-8")
    code, out, _ = _run("check", "--format", "json", "--baseline", baseline, report)
    assert json.loads(out)["files"][0]["findings"] == [] and code == 0

    # ... and drop the ordinal of section 三: only that new finding is reported.
    three = next(i for i, line in enumerate(shifted) if line.strip().startswith("三、"))
    shifted[three] = shifted[three].replace("三、", "")
    report.write_text("\n".join(shifted), encoding="utf-8")
    code, out, err = _run("check", "--lang", "en", "--format", "json", "--baseline", baseline, report)
    findings = json.loads(out)["files"][0]["findings"]
    assert [(f["rule"], f["section"], f["line"]) for f in findings] == [("STRUCT-ORDINAL-MISSING", "三", three + 1)]
    assert "; fixed since the baseline: 0." in err
    assert code == 0  # a warning: below the default fail level


def test_baseline_counts_fixed_findings(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    _run("check", "--write-baseline", baseline, report)
    # Correct the title of section 四: its info finding is fixed, nothing else changes.
    report.write_text(TEXT.replace("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况"),
                      encoding="utf-8")
    _, out, err = _run("check", "--lang", "en", "--format", "json", "--baseline", baseline, report)
    assert json.loads(out)["files"][0]["findings"] == []
    assert "fixed since the baseline: 1." in err


def test_fingerprint_keeps_repeated_findings_apart():
    from linter.engine.baseline import fingerprints
    from linter.engine.findings import FileResult, Finding

    f = dict(rule="X-Y", category="wording", severity="info", message="m", line=1, column=1, end_line=1, end_column=3)
    source = "ab\nab\n"
    result = FileResult(path="a.txt", format="txt", source=source,
                        findings=[Finding(**f, start=0, end=2), Finding(**{**f, "line": 2}, start=3, end=5)])
    a, b = fingerprints(result)
    assert a != b


def test_missing_content_keeps_its_fingerprint_when_a_paragraph_is_inserted_above(tmp_path):
    """DISC-CONTACT-ONLINE (no e-mail address) points at the first paragraph of the preamble; a paragraph
    inserted before it changes what it points at, not what is missing."""
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    _run("check", "--write-baseline", baseline, report)
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["files"]["report.txt"]
    assert any(e["rule"] == "DISC-CONTACT-ONLINE" for e in recorded)
    lines = TEXT.split("\n")
    first = next(i for i, line in enumerate(lines) if i > 1 and line.strip())  # the preamble's first paragraph
    report.write_text("\n".join(lines[:first] + ["本报告由本镇党政办公室编制。", ""] + lines[first:]), encoding="utf-8")
    code, out, _ = _run("check", "--format", "json", "--select", "DISC-CONTACT-ONLINE", report)
    (finding,) = json.loads(out)["files"][0]["findings"]
    assert finding["context"] == "本报告由本镇党政办公室编制。"  # it now points at the inserted paragraph
    code, out, err = _run("check", "--format", "json", "--baseline", baseline, report)
    assert json.loads(out)["files"][0]["findings"] == [] and code == 0, out
