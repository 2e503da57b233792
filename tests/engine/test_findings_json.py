"""The JSON form of a finding."""
from __future__ import annotations


def test_finding_json_equals_what_asdict_gives():
    """`Finding.to_json` builds the dict field by field; it must give what `asdict` minus the private keys gave."""
    from dataclasses import asdict

    from conftest import EXAMPLE, lint_text

    result = lint_text(EXAMPLE.read_text(encoding="utf-8"), "example.txt")
    assert result.findings
    for finding in result.findings:
        expected = asdict(finding)
        for key in ("start", "end", "data"):
            expected.pop(key)
        for key in ("page", "table", "cell", "fix", "location", "image", "related"):
            if expected[key] is None:
                expected.pop(key)
        got = finding.to_json()
        assert got == expected and list(got) == list(expected)
