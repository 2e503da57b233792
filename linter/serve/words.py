"""The page's own words, in Chinese and English (rule messages come from the rule YAML, in the language the
form chose)."""
from __future__ import annotations

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("政府信息公开工作年度报告检查", "Annual report check"),
    "intro": ("选择或拖入一份年度报告，查看问题所在的位置，并下载审阅副本或修正后的文本。文件只在本机处理，检查完毕即删除。",
              "Choose or drop an annual report to see each problem where it is, and download a reviewed copy or "
              "the corrected text. The file is processed on this machine only and deleted once checked."),
    "choose": ("选择报告文件", "Choose a report"),
    "drop": ("或将文件拖到这里", "or drop the file here"),
    "formats": ("支持的格式", "Formats"),
    "max_size": ("最大", "at most"),
    "agency_kind": ("机关类型", "Agency kind"),
    "kind_auto": ("按报告标题判断", "as the title says"),
    "kind_government": ("人民政府", "people's government"),
    "kind_department": ("政府部门", "government department"),
    "kind_other": ("其他机关单位", "other body"),
    "ruleset": ("规则集", "Rule set"),
    "lang": ("提示语言", "Messages in"),
    "check": ("检查", "Check"),
    "checking": ("正在检查…", "Checking…"),
    "again": ("检查另一份报告", "Check another report"),
    "none": ("未发现问题。", "No problems found."),
    "findings": ("问题清单", "Findings"),
    "text": ("报告全文", "Report text"),
    "tables": ("统计表", "Statistics tables"),
    "no_tables": ("没有识别出统计表。", "No statistics table was recognised."),
    "unreadable_tables": ("无法可靠识别的表格：{names}", "Tables that could not be read reliably: {names}"),
    "from_picture": ("数字由文字识别读自图片“{name}”，请对照图片核实", "Numbers read by OCR from the picture \u201c{name}\u201d: check them against it"),
    "cell_unread": ("未能识别", "not read"),
    "cell_derived": ("由表内勾稽关系推得", "derived from the table's identities"),
    "cell_confidence": ("识别置信度 {value}", "OCR confidence {value}"),
    "part": ("涉及的单元格", "a cell of the identity"),
    "downloads": ("下载", "Downloads"),
    "dl_reviewed": ("审阅副本（Word，问题为批注）", "Reviewed copy (Word, findings as comments)"),
    "dl_fixed": ("修正后的文本（已应用安全修复）", "Corrected text (safe fixes applied)"),
    "dl_json": ("问题清单 JSON", "Findings as JSON"),
    "dl_csv": ("问题清单 CSV", "Findings as CSV"),
    "dl_xlsx": ("问题清单 Excel", "Findings as Excel"),
    "no_downloads": ("下载文件未能生成。", "The downloads could not be made."),
    "section": ("第{name}部分", "Section {name}"),
    "section_none": ("标题、前言与其他位置", "Title, preamble and elsewhere"),
    "error": ("错误", "Errors"),
    "warning": ("警告", "Warnings"),
    "info": ("提示", "Infos"),
    "line": ("第{line}行", "line {line}"),
    "in_table": ("表中位置", "in the table"),
    "basis": ("依据", "Basis"),
    "fix": ("修复", "Fix"),
    "fix_replace": ("改为“{replacement}”", "replace with \u201c{replacement}\u201d"),
    "fix_safe": ("（可自动修复，见“修正后的文本”）", " (safe: applied in the corrected text)"),
    "what": ("规则说明", "What it checks"),
    "unreadable": ("无法读取该文件：{reason}", "The file cannot be read: {reason}"),
    # refusals (4xx)
    "refused": ("无法检查", "Cannot check"),
    "not_a_form": ("请通过页面上的表单上传文件（multipart/form-data，字段 file）。",
                   "Upload the file with the page's form (multipart/form-data, field \u201cfile\u201d)."),
    "bad_form": ("上传的表单无法解析。", "The uploaded form cannot be parsed."),
    "no_file": ("没有收到文件：请选择一份报告。", "No file received: choose a report."),
    "one_file": ("一次只能检查一份报告。", "One report at a time."),
    "bad_type": ("不支持文件“{name}”的格式。支持：{exts}", "The format of \u201c{name}\u201d is not supported. Supported: {exts}"),
    "too_large": ("文件太大：最大 {size}。", "The file is too large: at most {size}."),
    "too_slow": ("上传超时。", "The upload took too long."),
    "busy": ("服务器正忙，请稍后再试。", "The server is busy: try again in a moment."),
    "not_found": ("没有这个页面或下载（下载只保留一段时间）。", "No such page or download (downloads are kept for a while only)."),
}


def word(key: str, lang: str, **values) -> str:
    zh, en = _WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def size_text(size: int) -> str:
    """20971520 -> '20 MB' (binary multiples, as --max-bytes reads them)."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} B"
