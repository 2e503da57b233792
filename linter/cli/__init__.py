"""Stage 10 — the command line (`report-lint`), built on click."""
from linter.cli.main import main

__all__ = ["main"]
