"""What the server shows and offers for a lint result: diagnostics (with their rule links), the quick fixes
(a rule's safe replacement, "ignore this finding here"), the document's fix-all and the hover text's place.
Positions are converted to the client's units here (`client_range`)."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from linter import __version__
from linter.settings.config import Config
from linter.engine.findings import FileResult, Finding

SOURCE = "report-lint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def client_range(doc, start_line: int, start_col: int, end_line: int, end_col: int) -> types.Range:
    """A range in the client's units from 1-based line/column (code points, end exclusive)."""
    server = types.Range(types.Position(max(start_line - 1, 0), max(start_col - 1, 0)),
                         types.Position(max(end_line - 1, 0), max(end_col - 1, 0)))
    return doc.position_codec.range_to_client_units(doc.lines, server)


def to_diagnostic(f: Finding, doc, docs_url: str | None = None, lang: str = "zh") -> types.Diagnostic:
    data: dict[str, Any] = {"rule": f.rule, "start": f.start}
    if f.fix:
        data["fix"] = f.fix
    href = rule_doc_uri(f.rule, docs_url, lang)
    return types.Diagnostic(
        range=client_range(doc, f.line, f.column, f.end_line or f.line, f.end_column or f.column),
        message=f.message, severity=SEVERITY[f.severity], code=f.rule, source=SOURCE, data=data,
        code_description=types.CodeDescription(href=href) if href else None,
    )


def rule_doc_uri(rule_id: str, docs_url: str | None, lang: str) -> str | None:
    """Where the rule's documentation is: the client's `docsUrl` template (`…#{rule}`), else a Markdown page
    of the rule written once into the per-user cache (what `report-lint explain` prints)."""
    if docs_url:
        return docs_url.replace("{rule}", rule_id)
    from linter.cache import atomic_write, cache_dir

    base = cache_dir()
    if base is None:
        return None
    page = base / "rule-docs" / __version__ / lang / f"{rule_id}.md"
    if not page.is_file():
        text = _rule_page(rule_id, lang)
        if text is None:
            return None
        page.parent.mkdir(parents=True, exist_ok=True)
        if not atomic_write(page, text.encode("utf-8")):
            return None
    return page.as_uri()


def _rule_page(rule_id: str, lang: str) -> str | None:
    from linter.engine.inputs import input_rules
    from linter.engine.run import load_rules
    from linter.ruleset.docs import rule_markdown

    rules = {**input_rules(), **{r.id: r for r in load_rules(Config())}}
    return rule_markdown(rules[rule_id], lang) if rule_id in rules else None


def fix_all_action(uri: str, doc, result: FileResult, lang: str) -> types.CodeAction | None:
    """`source.fixAll`: every safe fix of the document at once (what `check --fix` applies)."""
    from linter.engine.fixes import safe_fixes
    from linter.engine.run import load_rules

    rules = {r.id: r for r in load_rules(Config())}
    fixes = safe_fixes(result, rules)
    if not fixes:
        return None
    source = result.source or ""
    edits = []
    for fx in fixes:
        a = _offset_position(source, fx["start"])
        b = _offset_position(source, fx["end"])
        edits.append(types.TextEdit(client_range(doc, a[0], a[1], b[0], b[1]), fx["replacement"]))
    title = "修复全部可自动修复的问题" if lang != "en" else "Fix all safe fixes"
    return types.CodeAction(title=title, kind=types.CodeActionKind.SourceFixAll,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _offset_position(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column (code points) of a source offset."""
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column


def fix_action(uri: str, diag: types.Diagnostic, doc, lang: str) -> types.CodeAction | None:
    fix = (diag.data or {}).get("fix") if isinstance(diag.data, dict) else None
    if not fix:
        return None
    edit = types.TextEdit(client_range(doc, fix["start"]["line"], fix["start"]["column"], fix["end"]["line"], fix["end"]["column"]),
                          fix["replacement"])
    title = f"改为“{fix['replacement']}”" if lang != "en" else f"Replace with “{fix['replacement']}”"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=True,
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def ignore_action(uri: str, diag: types.Diagnostic, doc, name: str, lang: str) -> types.CodeAction | None:
    """Insert a suppression comment before the block the finding starts in (text, Markdown, HTML)."""
    from linter.document.readers import ReadError, format_for, read_document
    from linter.engine.suppressions import COMMENT_FORMATS, PLACEHOLDER_REASON, suppression_insertion

    data = diag.data if isinstance(diag.data, dict) else {}
    rule, offset = data.get("rule"), data.get("start")
    fmt = format_for(name) or "txt"
    if not rule or offset is None or fmt not in COMMENT_FORMATS:
        return None
    try:
        document = read_document(doc.source.encode("utf-8"), name, fmt)
    except ReadError:
        return None
    at, text = suppression_insertion(document, offset, [rule], PLACEHOLDER_REASON.get(lang, PLACEHOLDER_REASON["zh"]))
    pos = document.position(at)
    where = client_range(doc, pos.line, pos.column, pos.line, pos.column)
    title = f"忽略此处的 {rule}（请填写理由）" if lang != "en" else f"Ignore {rule} here (give a reason)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, text)]}))


def contains(rng: types.Range, pos: types.Position) -> bool:
    start = (rng.start.line, rng.start.character)
    end = (rng.end.line, rng.end.character)
    p = (pos.line, pos.character)
    if start == end:
        return p == start
    return start <= p <= end

