"""Suppressions: comments in text/Markdown/HTML, configuration entries for DOCX/PDF, and the findings
about stale or mistyped suppressions."""
from __future__ import annotations

import json

from conftest import EXAMPLE, lint_text

TEXT = EXAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")
HEADING = 46  # index of line 47: the section 五 heading without its ordinal


def _with(line_index: int, comment: str, text: str = TEXT) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:line_index] + [comment] + lines[line_index:])


def _rules(result):
    return [(f.rule, f.line) for f in result.findings]


def test_baseline_finding_without_suppression():
    assert ("STRUCT-ORDINAL-MISSING", 47) in _rules(lint_text(TEXT))


def test_ignore_comment_before_the_block_silences_that_finding_only():
    result = lint_text(_with(HEADING, "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 标题沿用本机关模板 -->"))
    rules = [r for r, _ in _rules(result)]
    assert "STRUCT-ORDINAL-MISSING" not in rules
    assert "SUPPRESS-UNUSED" not in rules
    # The other findings are still there (the comment line is not prose, the structure is unchanged).
    before = {r for r, _ in _rules(lint_text(TEXT))} - {"STRUCT-ORDINAL-MISSING"}
    assert set(rules) == before


def test_comment_line_is_not_a_paragraph():
    from linter.document.readers.text import parse_text

    blocks = parse_text(_with(HEADING, "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 理由 -->"))
    assert not any("report-lint" in b.text.text for b in blocks if b.kind == "paragraph")


def test_ignore_comment_elsewhere_is_unused_and_reported():
    result = lint_text(_with(3, "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 放错了位置 -->"))
    rules = _rules(result)
    assert ("STRUCT-ORDINAL-MISSING", 48) in rules  # shifted by the comment line, not silenced
    assert ("SUPPRESS-UNUSED", 4) in rules
    unused = next(f for f in result.findings if f.rule == "SUPPRESS-UNUSED")
    assert unused.data["rule"] == "STRUCT-ORDINAL-MISSING" and unused.severity == "warning"
    assert unused.category == "suppression"


def test_unknown_rule_in_a_suppression_is_reported():
    result = lint_text(_with(HEADING, "<!-- report-lint: ignore STRUCT-ORDNAL-MISING 打错了 -->"))
    rules = _rules(result)
    assert ("SUPPRESS-UNKNOWN-RULE", 47) in rules
    assert ("STRUCT-ORDINAL-MISSING", 48) in rules


def test_disable_enable_range_and_prefix():
    text = _with(HEADING + 5, "<!-- report-lint: enable STRUCT -->")
    text = _with(HEADING, "<!-- report-lint: disable STRUCT 历史格式 -->", text)
    rules = _rules(lint_text(text))
    assert not any(r.startswith("STRUCT-ORDINAL") for r, _ in rules)
    assert "SUPPRESS-UNUSED" not in {r for r, _ in rules}


def test_disable_range_ends_at_enable():
    # the range closes before the heading, so the finding is not silenced and the disable is unused
    text = _with(HEADING - 1, "<!-- report-lint: enable STRUCT-ORDINAL-MISSING -->")
    text = _with(HEADING - 3, "<!-- report-lint: disable STRUCT-ORDINAL-MISSING 理由 -->", text)
    rules = {r for r, _ in _rules(lint_text(text))}
    assert {"STRUCT-ORDINAL-MISSING", "SUPPRESS-UNUSED"} <= rules


def test_file_level_suppression():
    text = "<!-- report-lint: ignore-file STRUCT-ORDINAL-MISSING 本机关统一模板 -->\n" + TEXT
    rules = {r for r, _ in _rules(lint_text(text))}
    assert "STRUCT-ORDINAL-MISSING" not in rules and "SUPPRESS-UNUSED" not in rules


def test_markdown_and_html_comments_work_too():
    md = _with(HEADING, "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 理由 -->")
    assert "STRUCT-ORDINAL-MISSING" not in {r for r, _ in _rules(lint_text(md, path="r.md"))}


def test_suppression_of_a_rule_that_did_not_run_is_not_reported_unused():
    text = _with(3, "<!-- report-lint: ignore STRUCT-ORDINAL-MISSING 理由 -->")
    result = lint_text(text, ignore=["STRUCT-ORDINAL-MISSING"])
    assert "SUPPRESS-UNUSED" not in {r for r, _ in _rules(result)}


def _checked_with_ignores(tmp_path, run_cli, entry: str) -> list[dict]:
    """The findings of the report checked with a configuration whose `ignores` holds `entry` (YAML lines)."""
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    (tmp_path / ".report-lint.yaml").write_text("ignores:\n" + entry, encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", report)
    return json.loads(out)["files"][0]["findings"]


def test_configuration_ignore_entry_by_rule_section_and_text(tmp_path, run_cli):
    findings = _checked_with_ignores(tmp_path, run_cli,
                                     "  - rule: STRUCT-ORDINAL-MISSING\n"
                                     "    section: 五\n"
                                     "    text: \"政府信息公开工作存在的主要问题\"\n"
                                     "    reason: 标题沿用上级模板\n")
    assert "STRUCT-ORDINAL-MISSING" not in {f["rule"] for f in findings}


def test_configuration_ignore_entry_with_wrong_text_does_not_match_and_is_reported(tmp_path, run_cli):
    findings = _checked_with_ignores(tmp_path, run_cli,
                                     "  - rule: STRUCT-ORDINAL-MISSING\n"
                                     "    section: 五\n"
                                     "    text: \"这段文字不在报告里\"\n"
                                     "    files: \"report.txt\"\n")
    found = [(f["rule"], f["line"]) for f in findings]
    assert ("STRUCT-ORDINAL-MISSING", 47) in found
    assert ("SUPPRESS-UNUSED", 1) in found


def test_configuration_ignore_entry_with_unknown_rule_is_a_configuration_error(tmp_path, run_cli):
    report = tmp_path / "report.txt"
    report.write_text(TEXT, encoding="utf-8")
    (tmp_path / ".report-lint.yaml").write_text(
        "fail-level: error\nignores:\n  - rule: NO-SUCH-RULE\n    text: x\n", encoding="utf-8")
    code, _, err = run_cli("check", report)
    assert code == 2
    assert f"{tmp_path / '.report-lint.yaml'}:3:" in err and "NO-SUCH-RULE" in err


def test_directive_parsing():
    from linter.engine.suppressions import parse_directives

    (a, b, c) = parse_directives("<!-- report-lint: ignore STRUCT-ORDINAL-MISSING,STRUCT-TITLE 理由：模板 -->\n"
                                 "<!--report-lint:disable WORD-X沿用原文-->\n<!-- report-lint: enable -->")
    assert (a.action, a.rules, a.reason) == ("ignore", ["STRUCT-ORDINAL-MISSING", "STRUCT-TITLE"], "理由：模板")
    assert (b.action, b.rules, b.reason) == ("disable", ["WORD-X"], "沿用原文")
    assert (c.action, c.rules) == ("enable", [])


def test_directive_without_rule_id_is_reported():
    result = lint_text(_with(HEADING, "<!-- report-lint: ignore 标题沿用模板 -->"))
    rules = _rules(result)
    assert ("SUPPRESS-UNKNOWN-RULE", 47) in rules and ("STRUCT-ORDINAL-MISSING", 48) in rules
