"""Stage 9 — the drafters' web page (`report-lint serve`, extra `serve`): drop a report in, see each finding
where it is, take back a reviewed Word copy, the text with its safe fixes, or the findings as JSON, CSV, XLSX.

Starlette (an ASGI framework) served by uvicorn; uploads streamed through python-multipart into a private
temporary directory; pages from Jinja2 templates, autoescaped.  Each upload is checked as `report-lint check`
checks a file — the batch's worker pool, its time and memory budgets (`checking.py`) — and its report is drawn
by the renderer the HTML report shares (`linter/output/marked.py`).  Nothing here is imported unless the
server starts.
"""
from __future__ import annotations

# (module, the package that provides it): what the `serve` extra installs
NEEDS = (("starlette", "starlette"), ("uvicorn", "uvicorn"), ("python_multipart", "python-multipart"),
         ("jinja2", "jinja2"))


def missing_package() -> str | None:
    """The first package of the `serve` extra that is not installed (its pip name), or None."""
    import importlib

    for module, package in NEEDS:
        try:
            importlib.import_module(module)
        except ImportError:
            return package
    return None
