"""The language server (`report-lint lsp`, pygls, stdio): findings as diagnostics while a report is written.

* Diagnostics on open, save and change.  A change is linted when the user pauses for about one lint's time
  (`debounce.py`); the lint of the text before it is cancelled, not finished.
* Lints run in the killable worker processes of `check`, under the same time and memory budgets
  (`workers.py`): a document that runs over one gets a single diagnostic saying it was not checked and why,
  and the server keeps answering.  The workers are forked warm — rules, grammars and the tokenizer loaded —
  so a re-lint costs only the document's own analysis.
* Code actions: the rule's safe replacement (findings with a `fix`), "ignore this finding here", which
  inserts `<!-- report-lint: ignore RULE 理由 -->` before the block (text, Markdown, HTML), and
  `source.fixAll`: every safe fix of a text or Markdown document at once (what `check --fix` applies).
* Documents sync incrementally; a diagnostic's `codeDescription` links to its rule's documentation.
* Hover on a diagnostic: the rule's title, description and legal basis (`ruledocs.rule_markdown`).
* Configuration: the closest `.report-lint.yaml` / `pyproject.toml` above the document, or the
  workspace root for unsaved documents; `initializationOptions.config` names a file explicitly, and
  `initializationOptions.timeout` the seconds a lint may take (as `check --timeout`).

A client is not trusted: the server works only on documents the client opened (a `didSave`, hover or code
action for any other URI reads nothing from disk), a document larger than the size limit gets one
diagnostic instead of a lint, messages are framed defensively (`framing.py`), and error responses carry a
plain message, never a traceback.

Only the `lsp` command imports this package, so pygls never slows down `check`.  The modules: `workers`
(lints in worker processes), `debounce`, `server` (pygls), `actions` (diagnostics, quick fixes), `framing`.
"""
from __future__ import annotations

from importlib.util import find_spec

# pygls is imported only once the first worker is forked (`serve`); without the `lsp` extra, importing this
# package fails at once, as the `lsp` command expects, to say which extra to install.
for _needed in ("pygls", "lsprotocol"):
    if find_spec(_needed) is None:
        raise ImportError(f"No module named {_needed!r}", name=_needed)


def serve() -> None:
    """Run the server over stdio until the client says exit."""
    import logging
    import os
    import sys

    from linter.lsp.workers import LintWorkers
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    load_rules(Config())  # validated once, for the configuration checks here and the first worker's lints
    workers = LintWorkers()  # the first worker is forked now, while this process has one thread
    from linter.lsp.server import run

    # Standard input is read unbuffered: a buffered reader holds its lock while it waits for the client, and a
    # worker forked meanwhile would inherit it held (its start closes sys.stdin, and would wait for ever).
    stdin = open(sys.stdin.fileno(), "rb", buffering=0, closefd=False)
    code = run(workers, stdin, sys.stdout.buffer)
    # Leave at once: a thread waiting on stdin must not keep the process.
    logging.shutdown()
    os._exit(code)
