"""The CLI's own words, in Chinese and English.  Rule messages live in the rule YAML, not here."""
from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    "summary": ("共 {total} 个问题（错误 {errors}，警告 {warnings}，提示 {infos}），检查文件 {files} 个。",
                "Found {total} problem(s) ({errors} error(s), {warnings} warning(s), {infos} info(s)) in {files} file(s)."),
    "clean": ("未发现问题，检查文件 {files} 个。", "No problems found in {files} file(s)."),
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
    "baseline_written": ("已将 {n} 个问题记入基线文件 {file}。", "Recorded {n} finding(s) in the baseline {file}."),
    "more_findings": ("本文件中另有 {n} 处同类问题未逐一列出（每个文件每条规则最多列出 {cap} 处）。",
                      "Not listed: {n} more finding(s) of this rule in this file (at most {cap} per rule and file)."),
    "baseline_applied": ("基线 {file} 中的 {n} 个已知问题未报告；基线中已修正 {fixed} 个。",
                         "{n} finding(s) recorded in the baseline {file} were not reported; fixed since the baseline: {fixed}."),
    "skipped_not_reports": ("跳过 {n} 个不是年度报告的文件（没有报告标题、格式规定的部分或统计表）。",
                            "skipped {n} file(s) that are not annual reports (no report title, no section of the "
                            "format, no statistics table)."),
    "wrote": ("已写入 {path}", "Wrote {path}"),
    "diff_summary": ("可自动修复 {n} 处（--fix 会写入以上修改）。", "{n} fixable with --fix (the changes above)."),
    "diff_none": ("没有可自动修复的问题。", "Nothing to fix."),
    "fix_summary": ("已修复 {fixed} 处，剩余 {remaining} 个问题。", "Fixed {fixed} problem(s), {remaining} remaining."),
    "noqa_added": ("已在 {files} 个文件中加入 {n} 条忽略标记，请填写理由。",
                   "Added {n} suppression comment(s) in {files} file(s); fill in their reasons."),
    "fixable": ("其中 {n} 个可用 --fix 自动修复。", "{n} fixable with the --fix option."),
    "fix_line": ("修复: 改为“{replacement}”", "fix: replace with \u201c{replacement}\u201d"),
    "fix_none": ("无", "none"),
    "fix_safe": ("安全修复（--fix 自动应用）", "safe (applied by --fix)"),
    "progress_check": ("检查", "check"),
    "progress_cross-year": ("跨年度", "cross-year"),
    "stat_files": ("个文件", "files"),
    "did_you_mean": ("（是否要写 {rule}？）", "; did you mean {rule}?"),
    "explain_what": ("请给出规则编号，或用 --all 说明全部规则。", "Give a rule id, or --all to explain every rule."),
    "previous_other_agency": ("--previous {previous} 是{previous_agency}的报告，而 {path} 是{agency}的报告：不同机关的报告不作跨年度比较。",
                              "--previous {previous} is a report of {previous_agency}, but {path} is one of {agency}: "
                              "reports of different agencies are not compared across years."),
    "previous_other_year": ("--previous {previous} 是 {previous_year} 年度的报告，不是 {path}（{year} 年度）的上一年度报告：不作跨年度比较。",
                            "--previous {previous} is the report for {previous_year}, not the year before {path} "
                            "({year}): they are not compared across years."),
}


# What readers, configuration files and baselines say is written in English where it is raised (it is also
# the `error` of the JSON contract); shown in Chinese, its known forms are translated here, phrase by phrase.
_ZH_PHRASES: tuple[tuple[str, str], ...] = (
    (r"the file is empty", "文件为空"),
    (r"file is larger than the limit of (\d+) bytes", r"文件超过大小上限（\1 字节）"),
    (r"larger than (\d+) bytes", r"超过 \1 字节"),
    (r"not a regular file \((.*?)\)", r"不是普通文件（\1）"),
    (r"time budget of (\S+) s exceeded", r"超出单个文件的时间限制（\1 秒）"),
    (r"reading the file needs more memory than the budget of one file allows", "读取该文件所需内存超出单个文件的内存限制"),
    (r"checking the file needs more memory than the budget of (\d+) MB", r"检查该文件所需内存超出单个文件的内存限制（\1 MB）"),
    (r"the process checking this file (?:was ended|ended)[^;]*", "检查该文件的进程意外终止"),
    (r"damaged or truncated (\S+) file(?: \(incomplete download\?\))?", r"\1 文件已损坏或不完整（可能未下载完整）"),
    (r"damaged (\S+) file", r"\1 文件已损坏"),
    (r"not a (\S+) file", r"不是 \1 文件"),
    (r"not a readable PDF file", "不是可读取的 PDF 文件"),
    (r"the PDF's text layer cannot be decoded[^;]*", "PDF 的文字层无法解码（字体缺少 Unicode 映射），请先进行文字识别"),
    (r"the text has more than (\d+) lines \(limit for this size limit\)",
     r"文本超过 \1 行（按文件大小上限允许的行数），不像一份年度报告；请检查文件内容"),
    (r"the HTML page has more than (\d+) elements and text runs \(limit for this size limit\)",
     r"网页的元素和文字片段超过 \1 个（按文件大小上限允许的数量）；请另存为只含报告正文的文件后再检查"),
    (r"page (\d+) of the PDF draws more than (\d+) characters and shapes \(a report's page draws a few thousand\)",
     r"PDF 第 \1 页绘制的字符和图形超过 \2 个（报告的一页通常只有几千个）；请检查该页或另行导出 PDF"),
    (r"the PDF draws more than (\d+) characters and shapes \(limit for this size limit\)",
     r"PDF 绘制的字符和图形超过 \1 个（按文件大小上限允许的数量）；请检查文件或另行导出 PDF"),
    (r"PDF streams expand beyond (\d+) bytes", r"PDF 数据流解压后超过 \1 字节"),
    (r"refused: ", "拒绝读取："),
    (r" ?(?:\(decompression bomb\?\)|\(zip bomb\?\))", "（疑似压缩炸弹）"),
    (r"the reader failed on this file", "读取程序无法处理该文件"),
    (r"internal error while checking", "检查时发生内部错误"),
    (r"unsupported format: (\S+)", r"不支持的格式：\1"),
    (r"no such file", "文件不存在"),
    (r"cannot read the configuration file", "无法读取配置文件"),
    (r"cannot read the baseline", "无法读取基线文件"),
    (r"not a report-lint baseline", "不是 report-lint 基线文件"),
    (r"configuration file does not exist", "配置文件不存在"),
    (r"YAML syntax error", "YAML 语法错误"),
    (r"TOML syntax error", "TOML 语法错误"),
    (r"unknown key `([^`]*)`; known keys: ", r"未知的配置项 `\1`；可用的配置项："),
    (r"unknown rule id (\S+?); did you mean (\S+?)\?", r"未知的规则编号 \1（是否要写 \2？）"),
    (r"unknown rule id ", "未知的规则编号 "),
    (r"unknown rule set ", "未知的规则集 "),
    (r"`([^`]*)` must be one of ([^,]+(?:, [^,]+)*), not ", r"`\1` 只能是 \2 之一，而不是 "),
    (r"`([^`]*)` must be true or false", r"`\1` 只能是 true 或 false"),
    (r"`([^`]*)` must be a list of texts", r"`\1` 应为文本列表"),
    (r"`([^`]*)` must be a list of rule ids or id prefixes", r"`\1` 应为规则编号或编号前缀的列表"),
    (r"`([^`]*)` must be a date YYYY-MM-DD, not ", r"`\1` 应为 YYYY-MM-DD 格式的日期，而不是 "),
    (r"the extended file (\S+) does not exist", r"extend 指向的文件 \1 不存在"),
    (r"rule directory (\S+) does not exist", r"规则目录 \1 不存在"),
    (r" is not a date YYYY-MM-DD", " 不是 YYYY-MM-DD 格式的日期"),
    (r" is not a size \(like 20000000, 500K, 20M\)", " 不是有效的大小（如 20000000、500K、20M）"),
    (r" needs --output FILE", " 需要 --output FILE"),
)


def localised(text: str, lang: str) -> str:
    """A reason or an error raised in English, in the run's language (the known phrases translated)."""
    if lang == "en" or not isinstance(text, str):
        return text
    import re

    for pattern, replacement in _ZH_PHRASES:
        text = re.sub(pattern, replacement, text)
    return text


_PLURAL_RE = None


def english_plurals(text: str) -> str:
    """'1 file(s)' → '1 file', '3 more file(s)' → '3 more files' (an English message counts correctly)."""
    import re

    global _PLURAL_RE
    if _PLURAL_RE is None:
        _PLURAL_RE = re.compile(r"\b(\d+) ((?:more )?[A-Za-z][A-Za-z-]*)\(s\)")
    return _PLURAL_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}{'' if m.group(1) == '1' else 's'}", text)


def msg(key: str, lang: str = "zh", **values: object) -> str:
    zh, en = _MESSAGES[key]
    if lang == "en":
        return english_plurals(en.format(**values))
    return zh.format(**{k: localised(str(v), lang) if k in ("error", "reason") else v for k, v in values.items()})
