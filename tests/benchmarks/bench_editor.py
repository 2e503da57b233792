"""Editor: what a user of the language server (`report-lint lsp`) waits for, on the largest corpus report.

* edit → diagnostics: from a `textDocument/didChange` (one character typed or deleted, sent as an
  incremental change) to the published diagnostics of that version, with the server's own debounce on —
  it adapts to the lint time — so the figure is what a user sees after a pause in typing.  Target ≤ 100 ms.
* first diagnostics: from starting the server process to the diagnostics of the report, opened right after
  `initialize`.  Target ≤ 1 s.

Each is printed as a ratio to its target, with the load average it was measured at.

    python tests/benchmarks/bench_editor.py [changes] [starts]
"""
from __future__ import annotations

import os
import statistics
import sys
import time

from _util import ROOT, figure, largest_corpus_report

sys.path.insert(0, str(ROOT / "tests"))

EDIT_TARGET = 0.100
FIRST_TARGET = 1.0


def _start(text: str, name: str):
    """A server started, initialised, the report opened; (client, uri, seconds to its first diagnostics)."""
    from lsp_client import LspClient

    start = time.perf_counter()
    client = LspClient(ROOT)
    client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    uri = (ROOT / "bench-editor" / name).as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": text}})
    client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 1)
    return client, uri, time.perf_counter() - start


def first_diagnostics(text: str, name: str, starts: int) -> list[float]:
    times = []
    for _ in range(starts + 1):  # the first start also fills the per-user caches, if they are empty
        client, _, seconds = _start(text, name)
        client.close()
        times.append(seconds)
    return times[1:]


def edit_to_diagnostics(text: str, name: str, changes: int) -> list[float]:
    """Type a character at the end of the report's first line and delete it again, `changes` times in all."""
    client, uri, _ = _start(text, name)
    line = text.split("\n")[0]
    at = {"line": 0, "character": len(line)}
    after = {"line": 0, "character": len(line) + 1}
    times = []
    try:
        for version in range(2, changes + 2):
            typed = version % 2 == 0
            change = {"range": {"start": at, "end": at}, "text": "。"} if typed else {"range": {"start": at, "end": after}, "text": ""}
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                      "contentChanges": [change]})
            client.wait_notification("textDocument/publishDiagnostics",
                                     lambda p, v=version: p["uri"] == uri and p.get("version") == v)
            times.append(time.perf_counter() - start)
            time.sleep(0.05)  # a pause in typing
    finally:
        client.close()
    return times[1:]  # the first follows the open, while the server still warms itself


def main() -> None:
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    starts = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    path = largest_corpus_report()
    text = path.read_text(encoding="utf-8")
    os.environ.pop("REPORT_LINT_LSP_DEBOUNCE", None)  # the server's own debounce, as a user has it
    size = f"{path.name}, {len(text.encode()) // 1000} KB"
    edits = statistics.median(edit_to_diagnostics(text, path.name, changes))
    figure(f"editor didChange→diagnostics ({size}, debounce on)", edits,
           ratio=edits / EDIT_TARGET, against="100 ms (target ≤ 1)")
    first = statistics.median(first_diagnostics(text, path.name, starts))
    figure(f"editor start→first diagnostics ({size})", first, ratio=first / FIRST_TARGET, against="1 s (target ≤ 1)")
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", flush=True)


if __name__ == "__main__":
    main()
