"""The language server (pygls): documents, configuration, lints scheduled and published, hover and code
actions, and the stdio loop with its defensive framing (`framing.py`)."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from linter import __version__
from linter.settings.config import Config
from linter.engine.findings import FileResult
from linter.lsp.actions import (SOURCE, client_range, contains, fix_action, fix_all_action, ignore_action,
                                to_diagnostic)
from linter.lsp.debounce import Debounce, fixed_debounce
from linter.lsp.workers import LintWorkers

log = logging.getLogger("report-lint.lsp")


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
    def __init__(self, workers: LintWorkers) -> None:
        super().__init__("report-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.workers = workers
        self.debounce = Debounce(fixed_debounce())
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.results: dict[str, tuple[FileResult, Config]] = {}
        self.explicit_config: str | None = None
        self.docs_url: str | None = None  # initializationOptions.docsUrl: a template with {rule}
        self.shown_errors: set[str] = set()

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

    def configure(self, options) -> None:
        """`initializationOptions`: `config` (a configuration file), `docsUrl` (where rule links point) and
        `timeout` (seconds a lint may take, as `check --timeout`; 0: no limit)."""
        options = options if isinstance(options, dict) else {}
        if options.get("config"):
            self.explicit_config = str(options["config"])
        if isinstance(options.get("docsUrl"), str):
            self.docs_url = options["docsUrl"]
        timeout = options.get("timeout")
        if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout >= 0:
            self.workers.budget.seconds = float(timeout)

    # ── linting ─────────────────────────────────────────────────────────────────────
    def lint_now(self, uri: str) -> None:
        """Lint the client's text of an opened document in a worker; publish when done, unless the
        document changed meanwhile (the change cancels the lint: a newer one is coming)."""
        self._stop_timer(uri)
        doc = self.opened(uri)
        if doc is None:
            return
        cfg = self.config_for(uri)
        name = self.path_of(uri) or uri.rsplit("/", 1)[-1] or "untitled.txt"
        self.workers.lint(uri, doc.version, (doc.source, name, cfg),
                          lambda version, result, seconds: self.publish(uri, version, cfg, result, seconds))

    def publish(self, uri: str, version, cfg: Config, result: FileResult, seconds: float | None) -> None:
        if seconds is not None:
            self.debounce.record(uri, seconds)
        doc = self.opened(uri)
        if doc is None or doc.version != version:
            return
        self.results[uri] = (result, cfg)
        diagnostics = [to_diagnostic(f, doc, self.docs_url, cfg.lang) for f in result.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics,
                                                                              version=version))

    def changed(self, uri: str) -> None:
        """A change: the lint of the text before it is cancelled at once, and the new text is linted when
        the user pauses typing for about one lint's time (`debounce.py`); every change restarts the wait."""
        self.workers.cancel(uri)
        self._stop_timer(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce.delay(uri), self.lint_now, uri)

    def _stop_timer(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def forget(self, uri: str) -> None:
        """A closed document: no lint running or pending, no kept result, no diagnostics left in the editor."""
        self._stop_timer(uri)
        self.workers.cancel(uri)
        self.debounce.forget(uri)
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # ── requests ────────────────────────────────────────────────────────────────────
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
            rng = client_range(doc, f.line, f.column, f.end_line or f.line, f.end_column or f.column)
            if contains(rng, params.position) and f.rule in rules:
                parts.append(rule_markdown(rules[f.rule], cfg.lang))
                where = where or rng
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=where)


def make_server(workers: LintWorkers) -> ReportLintServer:
    """The server with its features registered; each handler hands its request to a method of the server."""
    server = ReportLintServer(workers)
    server.feature(types.INITIALIZE)(lambda ls, params: ls.configure(params.initialization_options))
    server.feature(types.TEXT_DOCUMENT_DID_OPEN)(lambda ls, params: ls.lint_now(params.text_document.uri))
    # an unopened document is ignored (`opened`)
    server.feature(types.TEXT_DOCUMENT_DID_SAVE)(lambda ls, params: ls.lint_now(params.text_document.uri))
    server.feature(types.TEXT_DOCUMENT_DID_CHANGE)(lambda ls, params: ls.changed(params.text_document.uri))
    server.feature(types.TEXT_DOCUMENT_DID_CLOSE)(lambda ls, params: ls.forget(params.text_document.uri))
    kinds = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=kinds))(
        lambda ls, params: ls.code_actions(params))
    server.feature(types.TEXT_DOCUMENT_HOVER)(lambda ls, params: ls.hover(params))
    return server


def run(workers: LintWorkers, stdin, stdout) -> int:
    """Serve over the binary streams until the client says exit or closes them; the exit code."""
    server = make_server(workers)
    server.protocol.set_writer(_StdoutWriter(stdout))
    try:
        asyncio.run(_read_loop(server, stdin))
    except SystemExit as exc:  # the client said exit
        return exc.code if isinstance(exc.code, int) else 0
    except (KeyboardInterrupt, BrokenPipeError):
        pass
    return 0


# A message may carry a whole document: the size limit, JSON-escaped (a CJK character is up to 6 bytes, \uXXXX).
MAX_MESSAGE_BYTES = 6 * Config().max_bytes + (1 << 20)


async def _read_loop(server: ReportLintServer, stdin) -> None:
    """pygls' stdio loop, with our framing: a message that cannot be framed or parsed is logged (and a
    JSON parse error answered as JSON-RPC asks) and the loop goes on."""
    import json

    from linter.lsp.framing import FrameError, FrameReader

    reader = FrameReader(stdin, MAX_MESSAGE_BYTES)
    loop = asyncio.get_running_loop()
    server.workers.start(loop)
    try:
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
    finally:
        server.workers.close()


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
