"""JUnit XML: one test suite per file, one failing test case per finding (CI test-report viewers).

A file without findings gets one passing test case, so the report shows it was checked.  Every text is
passed through `escapes.xml_safe`, so the file is well-formed XML whatever the report contains.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from linter.engine.findings import FileResult
from linter.output.escapes import xml_safe
from linter.output.options import OutputOptions
from linter.output.paths import shown_path


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    total = sum(max(1, len(r.findings)) for r in results)
    failures = sum(len(r.findings) for r in results)
    root = ET.Element("testsuites", name="report-lint", tests=str(total), failures=str(failures))
    for r in results:
        path = xml_safe(shown_path(r.path, options.base_dir))
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(r.findings))),
                              failures=str(len(r.findings)), errors="0", skipped="0")
        if not r.findings:
            ET.SubElement(suite, "testcase", name="report-lint", classname=path, file=path)
        for f in r.findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}", classname=path,
                                 file=path, line=str(f.line))
            failure = ET.SubElement(case, "failure", message=xml_safe(f.message), type=f.rule)
            body = f"{path}:{f.line}:{f.column}: {f.severity}[{f.rule}] {f.message}"
            if f.basis:
                body += f"\n{f.basis}"
            failure.text = xml_safe(body)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
