"""JUnit XML: one test suite per file, one test case per finding (CI test-report viewers).

Only a finding at or above the fail level — what makes the exit code 1 — is a failing test case; the others
are passing test cases with their message in `system-out`, so the report agrees with the exit code.  A file
without findings gets one passing test case, so the report shows it was checked; a file that could not be
read is an error.  Every text is passed through `escapes.xml_safe`, so the file is well-formed XML whatever
the report contains.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from linter.engine.findings import FileResult, Finding
from linter.output.escapes import xml_safe
from linter.output.options import OutputOptions
from linter.output.paths import shown_path
from linter.ruleset.rule import SEVERITY_RANK


def _fails(r: FileResult, f: Finding, options: OutputOptions) -> bool:
    level = r.fail_level or options.fail_level
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level]


def _case(suite, path: str, r: FileResult, f: Finding, options: OutputOptions) -> None:
    case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path,
                         file=path, line=str(f.line))
    body = f"{path}:{f.line}:{f.column}: {f.severity}[{f.rule}] {f.message}"
    if f.basis:
        body += f"\n{f.basis}"
    if r.error:
        element = ET.SubElement(case, "error", message=xml_safe(f.message), type=f.rule)
    elif _fails(r, f, options):
        element = ET.SubElement(case, "failure", message=xml_safe(f.message), type=f.rule)
    else:
        element = ET.SubElement(case, "system-out")
    element.text = xml_safe(body)


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    total = sum(max(1, len(r.findings)) for r in results)
    failures = sum(_fails(r, f, options) for r in results if not r.error for f in r.findings)
    errors = sum(1 for r in results if r.error)
    root = ET.Element("testsuites", name="report-lint", tests=str(total), failures=str(failures), errors=str(errors))
    for r in results:
        path = xml_safe(shown_path(r.path, options.base_dir))
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(r.findings))),
                              failures=str(0 if r.error else sum(_fails(r, f, options) for f in r.findings)),
                              errors="1" if r.error else "0", skipped="0")
        if not r.findings:
            ET.SubElement(suite, "testcase", name="report-lint", classname=path, file=path)
        for f in r.findings:
            _case(suite, path, r, f, options)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
