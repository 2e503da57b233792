"""The CLI's own words, in Chinese and English.  Rule messages live in the rule YAML, not here."""
from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    "summary": ("共 {total} 个问题（错误 {errors}，警告 {warnings}，提示 {infos}），检查文件 {files} 个。",
                "Found {total} problems ({errors} errors, {warnings} warnings, {infos} infos) in {files} files."),
    "clean": ("未发现问题，检查文件 {files} 个。", "No problems found in {files} files."),
    "basis": ("依据", "basis"),
    "severity_error": ("错误", "error"),
    "severity_warning": ("警告", "warning"),
    "severity_info": ("提示", "info"),
    "one_file_format": ("--format {fmt} 只能写一份文档：请一次检查一份报告（找到 {n} 份）。",
                        "--format {fmt} writes one document: check one report at a time ({n} found)."),
    "no_files": ("在 {path} 中没有找到可检查的报告文件（支持 {exts}）。", "No report files found in {path} (supported: {exts})."),
    "no_path": ("路径不存在：{path}", "No such file or directory: {path}"),
    "link_loop": ("符号链接形成循环：{path}", "Symbolic link loop: {path}"),
    "output_refused": ("不能写入 {option} {path}：{reason}", "Cannot write {option} {path}: {reason}"),
    "target_is_input": ("它是本次要读取的文件之一", "it is one of the files being read"),
    "target_no_directory": ("目录 {directory} 不存在", "the directory {directory} does not exist"),
    "target_is_directory": ("它是一个目录", "it is a directory"),
    "target_not_regular": ("它不是普通文件", "it is not a regular file"),
    "target_not_own": ("它既不是空文件，也不是 report-lint 写入的数据库", "it is neither empty nor a database written by report-lint"),
    "missing_extra": ("--format {fmt} 需要安装 {package}：pip install 'report-lint[{extra}]'",
                      "--format {fmt} needs {package}: pip install 'report-lint[{extra}]'"),
    "rule_error": ("规则文件错误：{error}", "Invalid rule file: {error}"),
    "config_error": ("配置错误：{error}", "Configuration error: {error}"),
    "unknown_rule": ("未知的规则编号：{rule}", "Unknown rule id: {rule}"),
    "test_pass": ("通过", "pass"),
    "test_fail": ("失败", "FAIL"),
    "test_bad_missed": ("反例 {n} 未触发规则", "bad example {n} did not fire"),
    "test_good_fired": ("正例 {n} 误触发规则：{message}", "good example {n} fired: {message}"),
    "description": ("规则说明", "What it does"),
    "examples_bad": ("反例", "Bad"),
    "examples_good": ("正例", "Good"),
    "fix": ("修复", "Fix"),
    "applies": ("适用条件", "Applies when"),
    "unreadable": ("无法读取", "cannot read"),
    "baseline_written": ("已将 {n} 个问题记入基线文件 {file}。", "Recorded {n} findings in the baseline {file}."),
    "more_findings": ("本文件中另有 {n} 处同类问题未逐一列出（每个文件每条规则最多列出 {cap} 处）。",
                      "{n} more findings of this rule in this file are not listed (at most {cap} per rule and file)."),
    "baseline_applied": ("基线 {file} 中的 {n} 个已知问题未报告；基线中已修正 {fixed} 个。",
                         "{n} findings recorded in the baseline {file} were not reported; {fixed} baselined findings are fixed."),
    "skipped_not_reports": ("跳过 {n} 个不是年度报告的文件（没有报告标题、格式规定的部分或统计表）。",
                            "skipped {n} files that are not annual reports (no report title, no section of the "
                            "format, no statistics table)."),
    "wrote": ("已写入 {path}", "Wrote {path}"),
}


def msg(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = _MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)
