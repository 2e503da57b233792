"""One language at a time: `--lang en` shows English messages with table, row and column names instead of
internal keys and counts that agree with their nouns; Chinese mode shows no English from readers,
configuration files or baselines; rule texts carry no spaces left by YAML line folding."""
from __future__ import annotations

import json
import re

from conftest import CORPUS, EXAMPLE

CJK = re.compile(r"[\u4e00-\u9fff]")
KEYS = re.compile(r"\b(?:t[234]|R\d{1,2}|RV|LD|LR|NP|BE|RI|SO|LS|OT)\b")
QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"|《[^》]*》")


def _messages(run_cli, lang: str, *paths) -> list[tuple[str, str]]:
    code, out, _ = run_cli("check", "--format", "json", "--lang", lang, *paths)
    return [(f["rule"], f["message"]) for entry in json.loads(out)["files"] for f in entry["findings"]]


def test_english_messages_name_tables_and_cells_and_quote_only_the_report(run_cli):
    reports = [CORPUS / name for name in ("2023-huaian-hongzequ-qzf.md", "2023-shuyang-fgj.md", "2019-pingtan-gwh.md",
                                          "2022-pingtan-gwh.txt")] + [EXAMPLE]
    messages = _messages(run_cli, "en", *reports)
    assert len(messages) > 30
    for rule, message in messages:
        if rule in ("WORDING-NEAR-MISS", "CITE-TRIAL-FORMAT"):  # they quote the report's words
            continue
        bare = QUOTED.sub("", re.sub(r"\([^()]*[\u4e00-\u9fff][^()]*\)", "", message))
        assert not KEYS.search(bare), (rule, message)
        assert not CJK.search(bare), (rule, message)
    t4 = next(m for r, m in messages if r == "T4-SUM")
    assert "Table 4 (administrative review" in t4 and "upheld + corrected + other result + pending = total" in t4


def test_english_counts_agree_with_their_nouns(run_cli, tmp_path):
    code, out, _ = run_cli("check", "--lang", "en", EXAMPLE)
    assert "in 1 file." in out and "(4 errors, 3 warnings, 5 infos)" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    _, out, _ = run_cli("check", "--lang", "en", empty)
    assert "Found 1 problem (1 error, 0 warnings, 0 infos) in 1 file." in out


def test_disc_period_says_the_same_in_english(run_cli):
    _, out, _ = run_cli("explain", "--lang", "en", "DISC-PERIOD")
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    rule = next(r for r in load_rules(Config()) if r.id == "DISC-PERIOD")
    assert "应写明" in rule.message and "should state" in rule.message_en


def test_chinese_mode_translates_reader_configuration_and_baseline_errors(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    _, out, _ = run_cli("check", empty)
    assert "无法读取文件：文件为空" in out and "empty" not in out.split("empty.txt", 1)[1]
    (tmp_path / ".report-lint.yaml").write_text("fail-level: wrong\n", encoding="utf-8")
    code, _, err = run_cli("check", empty)
    assert code == 2 and "`fail-level` 只能是 error, warning, info 之一" in err and "must be" not in err
    (tmp_path / ".report-lint.yaml").write_text("fail-levl: error\n", encoding="utf-8")
    code, _, err = run_cli("check", empty)
    assert code == 2 and "未知的配置项 `fail-levl`" in err
    (tmp_path / ".report-lint.yaml").unlink()
    baseline = tmp_path / "b.json"
    baseline.write_text("[]", encoding="utf-8")
    code, _, err = run_cli("check", "--baseline", baseline, EXAMPLE)
    assert code == 2 and "不是 report-lint 基线文件" in err and "not a" not in err
    code, _, err = run_cli("check", "--lang", "en", "--baseline", baseline, EXAMPLE)
    assert code == 2 and "not a report-lint baseline" in err


def test_no_spaces_from_yaml_folding_in_chinese_rule_texts(run_cli, tmp_path):
    gap = re.compile(r"[\u4e00-\u9fff\uff0c\u3002\uff1a\uff1b] +[\u4e00-\u9fff]")
    _, out, _ = run_cli("explain", "--all")
    prose = "\n".join(line for line in out.splitlines() if not line.lstrip().startswith("|"))  # examples quote reports
    assert "DISC-PERIOD" in out and not gap.search(prose), gap.search(prose)
    code, sarif, _ = run_cli("check", "--format", "sarif", EXAMPLE)
    rules = json.loads(sarif)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any(gap.search(r["fullDescription"]["text"] + r["shortDescription"]["text"]) for r in rules)
    page = tmp_path / "r.html"
    run_cli("check", "--format", "html", "-o", page, EXAMPLE)
    html = page.read_text(encoding="utf-8")
    assert not gap.search(re.sub(r"<[^>]+>", "", html))


def test_every_reason_a_worker_is_stopped_is_said_in_chinese():
    """The pool's reasons for stopping a worker reach the user as INPUT-UNREADABLE; none stays in English."""
    from linter.messages import localised

    for reason, chinese in [("time budget of 60 s exceeded", "超出单个文件的时间限制（60 秒）"),
                            ("checking the file needs more memory than the budget of 512 MB",
                             "检查该文件所需内存超出单个文件的内存限制（512 MB）")]:
        assert localised(reason, "zh") == chinese
        assert localised(reason, "en") == reason


def test_every_bound_a_reader_refuses_a_file_at_is_said_in_chinese():
    """The readers' limits (lines, HTML elements, what a PDF draws, inflated streams) reach the user as
    INPUT-UNREADABLE in Chinese, saying what to do; JSON's `error` keeps them as raised."""
    from linter.messages import localised

    for reason, chinese in [
        ("the text has more than 327680 lines (limit for this size limit)",
         "文本超过 327680 行（按文件大小上限允许的行数），不像一份年度报告；请检查文件内容"),
        ("the HTML page has more than 327680 elements and text runs (limit for this size limit)",
         "网页的元素和文字片段超过 327680 个（按文件大小上限允许的数量）；请另存为只含报告正文的文件后再检查"),
        ("page 1 of the PDF draws more than 30000 characters and shapes (a report's page draws a few thousand)",
         "PDF 第 1 页绘制的字符和图形超过 30000 个（报告的一页通常只有几千个）；请检查该页或另行导出 PDF"),
        ("the PDF draws more than 327680 characters and shapes (limit for this size limit)",
         "PDF 绘制的字符和图形超过 327680 个（按文件大小上限允许的数量）；请检查文件或另行导出 PDF"),
        ("refused: PDF streams expand beyond 83886080 bytes (decompression bomb?)",
         "拒绝读取：PDF 数据流解压后超过 83886080 字节（疑似压缩炸弹）"),
    ]:
        assert localised(reason, "zh") == chinese
        assert localised(reason, "en") == reason
