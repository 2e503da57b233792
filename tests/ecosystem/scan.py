"""The ecosystem check: every rule over the raw crawled reports of `tests/ecosystem/corpus/`, as an auditor
runs them, and every change of behaviour shown as a diff against the committed snapshot.

    python tests/ecosystem/scan.py            # per-rule table, frequent rules, then the diff (exit 1 if any)
    python tests/ecosystem/scan.py --update   # write the snapshot anew (commit it with the rule change)
    python tests/ecosystem/scan.py --jobs 2 --lang en

The reports are linted by the real command line (`report-lint check DIR --format json`, its worker pool, no
project configuration), so the scan sees what a user sees.  The snapshot holds file, rule, severity, line,
column and message of every finding; the diff groups what is new and what is gone by rule, the way a
reviewer reads it.  `tests/ecosystem/test_ecosystem.py` runs the comparison and holds the judged findings
(`judgements.yaml`) to their verdicts.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SNAPSHOT = HERE / "snapshot.json"
FREQUENT_SHARE = 1 / 3          # a rule firing in more reports than this is read with examples


def lint_corpus(jobs: int = 2, lang: str = "zh") -> list[dict]:
    """Every finding on every report of the corpus, as snapshot records sorted by file, line and column."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        cmd = [sys.executable, "-m", "linter", "check", str(CORPUS), "--isolated", "--format", "json",
               "--exit-zero", "--quiet", "--jobs", str(jobs), "--lang", lang, "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent.parent,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        if done.returncode != 0:
            raise SystemExit(f"report-lint failed ({done.returncode}): {done.stderr.strip()}")
        document = json.loads(out.read_text(encoding="utf-8"))
    records = []
    for entry in document["files"]:
        name = Path(entry["path"]).resolve().relative_to(CORPUS).as_posix()
        for f in entry["findings"]:
            records.append({"file": name, "rule": f["rule"], "severity": f["severity"], "line": f["line"],
                            "column": f["column"], "message": f["message"]})
    records.sort(key=lambda r: (r["file"], r["line"], r["column"], r["rule"], r["message"]))
    return records


def report_files() -> list[str]:
    """The reports of the corpus (relative paths), as INDEX.tsv lists them."""
    rows = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted(row.split("\t", 1)[0] for row in rows if row.strip())


def excerpt(record: dict, width: int = 24) -> str:
    """The text a finding points at, with a little around it (the reports' bodies are one line each)."""
    lines = (CORPUS / record["file"]).read_text(encoding="utf-8").split("\n")
    line = lines[record["line"] - 1] if 0 < record["line"] <= len(lines) else ""
    at = record["column"] - 1
    return line[max(0, at - width // 3): at + width].replace("\t", " ")


def rule_table(records: list[dict], reports: int) -> list[str]:
    """Per rule: severity, reports it fires in (and their share), findings — most frequent first."""
    files, counts, severities = defaultdict(set), defaultdict(int), defaultdict(set)
    for r in records:
        files[r["rule"]].add(r["file"])
        counts[r["rule"]] += 1
        severities[r["rule"]].add(r["severity"])
    out = [f"{'rule':34} {'severity':9} {'reports':>7} {'share':>6} {'findings':>8}"]
    for rule in sorted(files, key=lambda k: (-len(files[k]), k)):
        share = len(files[rule]) / reports
        out.append(f"{rule:34} {'/'.join(sorted(severities[rule])):9} {len(files[rule]):7d} {share:6.0%} "
                   f"{counts[rule]:8d}")
    return out


def frequent_rules(records: list[dict], reports: int, examples: int = 3) -> list[str]:
    """The rules that fire in more than a third of the reports, each with a few example lines."""
    by_rule = defaultdict(list)
    for r in records:
        by_rule[r["rule"]].append(r)
    out = []
    for rule, found in sorted(by_rule.items(), key=lambda kv: -len({r["file"] for r in kv[1]})):
        firing = {r["file"] for r in found}
        if len(firing) <= reports * FREQUENT_SHARE:
            continue
        out.append(f"{rule}: {len(firing)} of {reports} reports")
        seen = set()
        for r in found:
            if r["file"] in seen:
                continue
            seen.add(r["file"])
            out.append(f"  {r['file']}:{r['line']}:{r['column']}: {r['message']}  «{excerpt(r)}»")
            if len(seen) == examples:
                break
    return out


def key(record: dict) -> tuple:
    return record["file"], record["rule"], record["severity"], record["line"], record["column"], record["message"]


def diff(old: list[dict], new: list[dict]) -> list[str]:
    """What is new and what is gone, grouped by rule; empty when the two agree."""
    old_keys, new_keys = {key(r) for r in old}, {key(r) for r in new}
    changes = defaultdict(list)
    for sign, records, other in (("-", old, new_keys), ("+", new, old_keys)):
        for r in records:
            if key(r) not in other:
                changes[r["rule"]].append((sign, r))
    out = []
    for rule in sorted(changes):
        gone = sum(1 for sign, _ in changes[rule] if sign == "-")
        out.append(f"{rule}: {len(changes[rule]) - gone} new, {gone} gone")
        for sign, r in sorted(changes[rule], key=lambda c: (c[1]["file"], c[1]["line"], c[1]["column"], c[0])):
            out.append(f"  {sign} {r['file']}:{r['line']}:{r['column']}: {r['severity']}: {r['message']}")
    return out


def load_snapshot() -> list[dict]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))["findings"] if SNAPSHOT.exists() else []


def write_snapshot(records: list[dict]) -> None:
    body = ",\n".join("  " + json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    SNAPSHOT.write_text('{"version": 1, "findings": [\n' + body + "\n]}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write the snapshot from this run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    reports = len(report_files())
    records = lint_corpus(jobs=args.jobs)
    print(f"{reports} reports, {len(records)} findings\n")
    print("\n".join(rule_table(records, reports)))
    frequent = frequent_rules(records, reports)
    if frequent:
        print(f"\nRules firing in more than a third of the reports:\n" + "\n".join(frequent))
    if args.update:
        write_snapshot(records)
        print(f"\nwrote {SNAPSHOT.relative_to(Path.cwd()) if SNAPSHOT.is_relative_to(Path.cwd()) else SNAPSHOT}")
        return 0
    changes = diff(load_snapshot(), records)
    if not changes:
        print("\nno change against the snapshot")
        return 0
    print("\nChanges against the snapshot (python tests/ecosystem/scan.py --update to accept them):")
    print("\n".join(changes))
    return 1


if __name__ == "__main__":
    sys.exit(main())
