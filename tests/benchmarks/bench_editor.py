"""Editor: time from a `textDocument/didChange` to the published diagnostics of that version, for a ~10 KB
report, in the language server (`report-lint lsp`, one warm process).

The server normally waits 0.3 s after the last change (debounce) before linting; this benchmark starts it
with `REPORT_LINT_LSP_DEBOUNCE=0`, so the figure is the time from the end of the debounce to the
diagnostics arriving at the client (lint + JSON-RPC round trip).  Add the debounce for what a user sees
after they stop typing.

    python tests/benchmarks/bench_editor.py [changes]
"""
from __future__ import annotations

import os
import statistics
import sys
import time

from _util import CORPUS, ROOT, figure

sys.path.insert(0, str(ROOT / "tests"))

TARGET_BYTES = 10_000


def ten_kb_report():
    reports = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"]
    return min(reports, key=lambda p: abs(p.stat().st_size - TARGET_BYTES))


def main() -> None:
    from lsp_client import LspClient

    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    path = ten_kb_report()
    text = path.read_text(encoding="utf-8")
    os.environ["REPORT_LINT_LSP_DEBOUNCE"] = "0"
    client = LspClient(ROOT)
    try:
        client.request("initialize", {"processId": None, "rootUri": ROOT.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        uri = (ROOT / "bench-editor" / path.name).as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                                "text": text}})
        client.wait_notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 1)
        times = []
        for version in range(2, changes + 3):
            edited = text + "\n" * (version % 2)  # a real change each time, the same size
            start = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                      "contentChanges": [{"text": edited}]})
            client.wait_notification("textDocument/publishDiagnostics",
                                     lambda p, v=version: p["uri"] == uri and p.get("version") == v)
            times.append(time.perf_counter() - start)
    finally:
        client.close()
    median = statistics.median(times[1:])  # the first change after opening warms the remaining lazy imports
    figure(f"editor didChange→diagnostics ({len(text.encode()) // 1000} KB, debounce 0)", median,
           ratio=median / 0.050, against="50 ms (target ≤ 1)")


if __name__ == "__main__":
    main()
