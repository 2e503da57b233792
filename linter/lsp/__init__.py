"""The language server (`report-lint lsp`, pygls, stdio): findings as diagnostics while a report is written.

* Diagnostics on open, save and change (changes are debounced); rules, grammar and the tokenizer stay
  loaded in the process, so a re-lint costs only the document's own analysis.
* Code actions: the rule's safe replacement (findings with a `fix`), "ignore this finding here", which
  inserts `<!-- report-lint: ignore RULE 理由 -->` before the block (text, Markdown, HTML), and
  `source.fixAll`: every safe fix of a text or Markdown document at once (what `check --fix` applies).
* Documents sync incrementally; a diagnostic's `codeDescription` links to its rule's documentation.
* Hover on a diagnostic: the rule's title, description and legal basis (`ruledocs.rule_markdown`).
* Configuration: the closest `.report-lint.yaml` / `pyproject.toml` above the document, or the
  workspace root for unsaved documents; `initializationOptions.config` names a file explicitly.

A client is not trusted: the server works only on documents the client opened (a `didSave`, hover or code
action for any other URI reads nothing from disk), a document larger than the size limit gets one
diagnostic instead of a lint, messages are framed defensively (`framing.py`), linting runs in a thread so
the server keeps answering, and error responses carry a plain message, never a traceback.

Only the `lsp` command imports this module, so pygls never slows down `check`.
"""
from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from linter import __version__
from linter.settings.config import Config
from linter.engine.findings import FileResult, Finding

log = logging.getLogger("report-lint.lsp")
def _debounce_seconds() -> float:
    """0.3 s after the last change; `REPORT_LINT_LSP_DEBOUNCE` (seconds) overrides it, e.g. 0 for the benchmark."""
    import os

    try:
        return max(float(os.environ.get("REPORT_LINT_LSP_DEBOUNCE", "0.3")), 0.0)
    except ValueError:
        return 0.3


DEBOUNCE_SECONDS = _debounce_seconds()
SOURCE = "report-lint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


class _Protocol(LanguageServerProtocol):
    """pygls' protocol, with error responses cut to a plain message: pygls puts the Python traceback of a
    failed handler into the error's data, which a client shows or logs."""

    def _send_response(self, msg_id, result=None, error=None):
        if isinstance(result, types.InitializeResult):
            _drop_empty_commands(result.capabilities)
        if error is not None:
            first = (str(getattr(error, "message", "") or "").strip().splitlines() or ["internal error"])[0]
            error = types.ResponseError(code=error.code, message=f"report-lint: {first[:300]}")
        return super()._send_response(msg_id, result, error)


def _drop_empty_commands(capabilities: types.ServerCapabilities) -> None:
    """pygls announces `executeCommandProvider` with no commands; the server has none, so it announces none."""
    provider = capabilities.execute_command_provider
    if provider is not None and not provider.commands:
        capabilities.execute_command_provider = None


class ReportLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("report-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.results: dict[str, tuple[FileResult, Config]] = {}
        self.explicit_config: str | None = None
        self.docs_url: str | None = None  # initializationOptions.docsUrl: a template with {rule}
        self.shown_errors: set[str] = set()
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-lint")

    def opened(self, uri: str):
        """The client's copy of a document it opened, or None: nothing is ever read from disk for a URI
        the client did not open (pygls would read the file a URI names, any file)."""
        return self.workspace.text_documents.get(unquote(uri))

    # ── configuration ──────────────────────────────────────────────────────────────
    def config_for(self, uri: str) -> Config:
        from linter.engine.inputs import input_rules
        from linter.engine.run import load_rules
        from linter.settings.files import check_rule_ids, config_for

        path = self.path_of(uri)
        start = Path(path) if path else Path(self.workspace.root_path or ".")
        try:
            cfg = config_for(start, self.explicit_config)
            check_rule_ids(cfg, {r.id for r in load_rules(cfg)} | set(input_rules()))
        except Exception as exc:  # noqa: BLE001 - a broken configuration must not stop the editor
            message = f"report-lint: {exc}"
            if message not in self.shown_errors:  # once, not on every keystroke
                self.shown_errors.add(message)
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
            cfg = Config()
        return cfg

    @staticmethod
    def path_of(uri: str) -> str | None:
        return to_fs_path(uri) if uri.startswith("file:") else None

    # ── linting ─────────────────────────────────────────────────────────────────────
    def lint_and_publish(self, uri: str) -> None:
        """Lint the client's text of an opened document in the lint thread; publish when done (unless the
        document changed meanwhile: a newer lint is coming)."""
        self.pending.pop(uri, None)
        doc = self.opened(uri)
        if doc is None:
            return
        cfg = self.config_for(uri)
        name = self.path_of(uri) or uri.rsplit("/", 1)[-1] or "untitled.txt"
        version, source = doc.version, doc.source
        future = asyncio.get_running_loop().run_in_executor(self.linter, lint_text, source, name, cfg)
        future.add_done_callback(lambda done: self.publish(uri, version, cfg, done))

    def publish(self, uri: str, version, cfg: Config, done: asyncio.Future) -> None:
        doc = self.opened(uri)
        if doc is None or doc.version != version or done.cancelled():
            return
        if done.exception() is not None:
            log.error("linting %s failed: %s", uri, done.exception())
            return
        result = done.result()
        self.results[uri] = (result, cfg)
        diagnostics = [to_diagnostic(f, doc, self.docs_url, cfg.lang) for f in result.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics,
                                                                              version=version))

    def schedule(self, uri: str) -> None:
        """Lint after the user pauses typing: every change restarts the timer."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.lint_and_publish, uri)

    def configure(self, options) -> None:
        """`initializationOptions`: `config` (a configuration file) and `docsUrl` (where rule links point)."""
        options = options or {}
        if isinstance(options, dict) and options.get("config"):
            self.explicit_config = str(options["config"])
        if isinstance(options, dict) and isinstance(options.get("docsUrl"), str):
            self.docs_url = options["docsUrl"]

    def forget(self, uri: str) -> None:
        """A closed document: no pending lint, no kept result, no diagnostics left in the editor."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        """Quick fixes and suppressions for the diagnostics asked about, and the document's fix-all; only the
        fix-all when the client asks for `source` actions."""
        uri = params.text_document.uri
        doc = self.opened(uri)
        if doc is None:
            return []
        lang = self.results[uri][1].lang if uri in self.results else "zh"
        fix_all = fix_all_action(uri, doc, self.results[uri][0], lang) if uri in self.results else None
        only = params.context.only or []
        if any(str(kind).startswith("source") for kind in only):
            return [fix_all] if fix_all is not None else []
        name = self.path_of(uri) or uri.rsplit("/", 1)[-1]
        actions = [action for diag in params.context.diagnostics if diag.source == SOURCE
                   for action in (fix_action(uri, diag, doc, lang), ignore_action(uri, diag, doc, name, lang))
                   if action is not None]
        if fix_all is not None and not only:
            actions.append(fix_all)
        return actions

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        """The documentation of the rules whose findings cover the position."""
        from linter.engine.run import load_rules
        from linter.ruleset.docs import rule_markdown

        uri = params.text_document.uri
        doc = self.opened(uri)
        if uri not in self.results or doc is None:
            return None
        result, cfg = self.results[uri]
        rules = {r.id: r for r in load_rules(cfg)}
        parts, where = [], None
        for f in result.findings:
            rng = _range(doc, f.line, f.column, f.end_line or f.line, f.end_column or f.column)
            if _contains(rng, params.position) and f.rule in rules:
                parts.append(rule_markdown(rules[f.rule], cfg.lang))
                where = where or rng
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=where)


def lint_text(source: str, name: str, cfg: Config) -> FileResult:
    """Lint an editor's text; one that is larger than the size limit is refused unread (its one finding
    says so), as `check` refuses a file."""
    from linter.document.readers import format_for
    from linter.engine.run import lint, oversized

    if len(source) > cfg.max_bytes:  # at least this many bytes: refused without encoding it
        return oversized(name, format_for(name) or "txt", cfg)
    return lint(source.encode("utf-8", "surrogatepass"), name, cfg)


def _range(doc, start_line: int, start_col: int, end_line: int, end_col: int) -> types.Range:
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
        range=_range(doc, f.line, f.column, f.end_line or f.line, f.end_column or f.column),
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
        edits.append(types.TextEdit(_range(doc, a[0], a[1], b[0], b[1]), fx["replacement"]))
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
    edit = types.TextEdit(_range(doc, fix["start"]["line"], fix["start"]["column"], fix["end"]["line"], fix["end"]["column"]),
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
    where = _range(doc, pos.line, pos.column, pos.line, pos.column)
    title = f"忽略此处的 {rule}（请填写理由）" if lang != "en" else f"Ignore {rule} here (give a reason)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(where, text)]}))


def make_server() -> ReportLintServer:
    """The server with its features registered; each handler hands its request to a method of the server."""
    server = ReportLintServer()
    server.feature(types.INITIALIZE)(lambda ls, params: ls.configure(params.initialization_options))
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(lambda ls, params: ls.lint_and_publish(params.text_document.uri))
    # an unopened document is ignored (`opened`)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(lambda ls, params: ls.lint_and_publish(params.text_document.uri))
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(lambda ls, params: ls.schedule(params.text_document.uri))
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(lambda ls, params: ls.forget(params.text_document.uri))
    kinds = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=kinds))(
        lambda ls, params: ls.code_actions(params))
    server.feature(types.TEXT_DOCUMENT_HOVER)(lambda ls, params: ls.hover(params))
    return server


def _contains(rng: types.Range, pos: types.Position) -> bool:
    start = (rng.start.line, rng.start.character)
    end = (rng.end.line, rng.end.character)
    p = (pos.line, pos.character)
    if start == end:
        return p == start
    return start <= p <= end


def serve() -> None:
    """Run the server over stdio until the client says exit."""
    import sys

    from linter.engine.run import load_rules

    load_rules(Config())  # load and validate the built-in rules once, before the first document
    server = make_server()
    server.protocol.set_writer(_StdoutWriter(sys.stdout.buffer))
    code = 0
    try:
        asyncio.run(_read_loop(server, sys.stdin.buffer))
    except SystemExit as exc:  # the client said exit
        code = exc.code if isinstance(exc.code, int) else 0
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    # Leave at once: a lint thread still at work, or a thread waiting on stdin, must not keep the process.
    logging.shutdown()
    os._exit(code)


# A message may carry a whole document: the size limit, JSON-escaped (a CJK character is up to 6 bytes, \uXXXX).
MAX_MESSAGE_BYTES = 6 * Config().max_bytes + (1 << 20)


async def _read_loop(server: ReportLintServer, stdin) -> None:
    """pygls' stdio loop, with our framing: a message that cannot be framed or parsed is logged (and a
    JSON parse error answered as JSON-RPC asks) and the loop goes on."""
    import json

    from linter.lsp.framing import FrameError, FrameReader

    reader = FrameReader(stdin, MAX_MESSAGE_BYTES)
    loop = asyncio.get_running_loop()
    while True:
        try:
            body = await loop.run_in_executor(server.thread_pool, reader.next_frame)
        except FrameError as exc:
            _client_error(server, str(exc))
            continue
        if body is None:
            return
        try:
            message = json.loads(body, object_hook=server.protocol.structure_message)
        except (ValueError, RecursionError) as exc:
            _client_error(server, f"a message that is not JSON ({type(exc).__name__}); ignored")
            server.protocol._send_data({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error"}})
            continue
        except Exception as exc:  # noqa: BLE001 — pygls could not build the message: log it, answer it
            _client_error(server, f"a message that cannot be read ({type(exc).__name__}); ignored")
            _answer_invalid(server, body)
            continue
        try:
            server.protocol.handle_message(message)
        except Exception as exc:  # noqa: BLE001 — one bad message must not stop the server
            log.error("handling a message failed: %s: %s", type(exc).__name__, exc)


def _answer_invalid(server: ReportLintServer, body: bytes) -> None:
    """A request whose parameters pygls cannot read still gets an answer (a client may be waiting for it)."""
    import json

    try:
        raw = json.loads(body)
    except (ValueError, RecursionError):
        return
    if isinstance(raw, dict) and "method" in raw and isinstance(raw.get("id"), (int, str)):
        method = str(raw["method"])[:100]
        server.protocol._send_data({"jsonrpc": "2.0", "id": raw["id"], "error": {
            "code": -32602, "message": f"report-lint: invalid parameters for {method}"}})


def _client_error(server: ReportLintServer, text: str) -> None:
    log.error("report-lint lsp: %s", text)
    try:
        server.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=f"report-lint: {text}"))
    except Exception:  # noqa: BLE001 — before initialisation there may be no one to tell
        pass


class _StdoutWriter:
    """pygls' writer interface over stdout."""

    def __init__(self, stdout) -> None:
        self.stdout = stdout

    def close(self) -> None:
        self.stdout.close()

    def write(self, data: bytes) -> None:
        self.stdout.write(data)
        self.stdout.flush()
