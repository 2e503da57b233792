"""Write results as they arrive, one file at a time, so a batch of thousands never sits in memory.

A format module may offer `Writer(out, rules, options)` with `add(result)` and `close()`; `out` is a text
stream, or a binary one when the module sets `BINARY = True`.  Formats without a writer get the whole
list at the end through their `render()`.
"""
from __future__ import annotations

import importlib
import json
from dataclasses import replace

from linter.engine.findings import FileResult
from linter.output import FORMATS
from linter.output.options import OutputOptions


def format_module(fmt: str):
    return importlib.import_module(FORMATS[fmt])


def is_binary(fmt: str) -> bool:
    return getattr(format_module(fmt), "BINARY", False)


def missing_extra(fmt: str) -> tuple[str, str] | None:
    """(package, extra) when the format needs an optional package that cannot be imported (`NEEDS`)."""
    needs = getattr(format_module(fmt), "NEEDS", None)
    if needs:
        try:
            importlib.import_module(needs[0])
        except ImportError:
            return needs
    return None


class TextWriter:
    def __init__(self, out, rules, options: OutputOptions) -> None:
        self.out, self.rules, self.options = out, rules, options
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.files = 0
        self.fixable = 0

    def add(self, result: FileResult) -> None:
        from linter.output.text import fixable, format_finding

        self.files += not result.supplement
        for finding in result.findings:
            self.counts[finding.severity] += 1
            self.fixable += fixable(result, finding, self.rules)
            lines = format_finding(result, finding, self.options, self.rules)
            if self.options.show_source:
                lines.append("")
            self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def close(self) -> None:
        from linter.output.text import summary_lines

        if self.options.summary:
            self.out.write("\n".join(summary_lines(self.counts, self.files, self.fixable, self.options.lang)) + "\n")


class JsonWriter:
    """The JSON contract (README, Contracts), written file by file (same document as `json_format.render`)."""

    def __init__(self, out, rules, options: OutputOptions) -> None:
        self.out, self.options = out, options
        self.summary = {"files": 0, "errors": 0, "warnings": 0, "infos": 0}
        self.out.write('{\n  "version": 1,\n  "files": [')

    def add(self, result: FileResult) -> None:
        from linter.output.json_format import document

        entry = document([result], self.options)["files"][0]
        for f in result.findings:
            self.summary[f"{f.severity}s"] += 1
        text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.out.write(("," if self.summary["files"] else "") + "\n    " + text)
        self.summary["files"] += 1

    def close(self) -> None:
        summary = json.dumps(self.summary, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.out.write(("\n  " if self.summary["files"] else "") + f'],\n  "summary": {summary}\n}}\n')


class _Collecting:
    """For formats that need every result at once."""

    def __init__(self, module, out, rules, options) -> None:
        self.module, self.out, self.rules, self.options = module, out, rules, options
        self.results: list[FileResult] = []

    def add(self, result: FileResult) -> None:
        self.results.append(result)

    def close(self) -> None:
        self.out.write(self.module.render(self.results, self.rules, self.options))


def open_writer(fmt: str, out, rules, options: OutputOptions):
    if fmt == "text":
        return TextWriter(out, rules, options)
    if fmt == "concise":
        return TextWriter(out, rules, replace(options, show_source=False))
    if fmt == "json":
        return JsonWriter(out, rules, options)
    module = format_module(fmt)
    if hasattr(module, "Writer"):
        return module.Writer(out, rules, options)
    return _Collecting(module, out, rules, options)
