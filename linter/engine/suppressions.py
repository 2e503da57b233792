"""Suppressions: findings a person has looked at and accepted, with a reason.

In text, Markdown and HTML a comment says it (the rule id may be an id prefix; the rest is the reason):

    <!-- report-lint: ignore STRUCT-ORDINAL-MISSING 标题沿用本机关模板 -->   the next block only
    <!-- report-lint: disable WORD-OUTDATED 引用原文 -->  …  <!-- report-lint: enable WORD-OUTDATED -->
    <!-- report-lint: ignore-file STRUCT-TITLE-STANDARD 本机关统一标题 -->  the whole file

DOCX and PDF cannot carry such comments, so the configuration names rule + section + a quoted fragment
of the text (`ignores:` entries, see configfile.py).  A suppression that suppresses nothing, or names a
rule nobody knows, is itself a finding (rules with `check: suppression`), so stale ones do not pile up.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from linter.checks.hits import Hit
from linter.engine.findings import Finding
from linter.document.model import Document

DIRECTIVE_RE = re.compile(r"<!--\s*report-lint\s*:\s*(ignore-file|ignore|disable|enable)\b(.*?)-->", re.S)
_ID_RE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
# Formats whose source is the real file, where a comment can stand.
COMMENT_FORMATS = ("txt", "md", "html")
MAX_DIRECTIVES = 1000  # a report carries a handful; a file of nothing but comments must stay linear


@dataclass
class Directive:
    action: str            # ignore | ignore-file | disable | enable
    rules: list[str]       # rule ids or prefixes; empty for a bare `enable`
    reason: str
    start: int             # source offsets of the comment
    end: int
    used: set[str] = field(default_factory=set)


def parse_directives(source: str, limit: int | None = None) -> list[Directive]:
    """Every `<!-- report-lint: … -->` comment in a source text (the first `limit` of them)."""
    out = []
    for m in DIRECTIVE_RE.finditer(source):
        if limit is not None and len(out) >= limit:
            break
        rest = m.group(2).strip()
        rules: list[str] = []
        while True:
            idm = _ID_RE.match(rest)
            if not idm or (idm.end() < len(rest) and (rest[idm.end()].isascii() and rest[idm.end()].isalnum())):
                break
            rules.append(idm.group())
            rest = rest[idm.end():].lstrip(" ,，\t\n")
        out.append(Directive(m.group(1), rules, rest.strip(), m.start(), m.end()))
    return out


def _matches(rule_id: str, pattern: str) -> bool:
    return rule_id == pattern or rule_id.startswith(pattern + "-") or rule_id.startswith(pattern)


class _BlockSpans:
    """The document's non-empty block spans in source order, for finding the block after a comment."""

    def __init__(self, document: Document) -> None:
        spans = [b.span for b in document.blocks]
        self.spans = sorted((start, end) for start, end in spans if end > start)
        self.starts = [start for start, _ in self.spans]

    def after(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, offset)
        return self.spans[i] if i < len(self.spans) else None


def _ranges(document: Document, directives: list[Directive]) -> list[tuple[Directive, str, int, int]]:
    """(directive, rule, start, end): where each rule of each directive silences findings."""
    out = []
    end_of_file = len(document.source) + 1
    blocks = _BlockSpans(document) if any(d.action == "ignore" for d in directives) else None
    for i, d in enumerate(directives):
        if d.action == "ignore":
            span = blocks.after(d.end)
            if span:
                out += [(d, r, span[0], span[1]) for r in d.rules]
        elif d.action == "ignore-file":
            out += [(d, r, 0, end_of_file) for r in d.rules]
        elif d.action == "disable":
            for r in d.rules:
                stop = end_of_file
                for later in directives[i + 1:]:
                    if later.action == "enable" and (not later.rules or any(_matches(r, p) or p == r for p in later.rules)):
                        stop = later.start
                        break
                out.append((d, r, d.end, stop))
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _config_entry_matches(entry: dict, finding: Finding, document: Document) -> bool:
    if not _matches(finding.rule, entry["rule"]):
        return False
    if entry.get("section") and finding.section != entry["section"]:
        return False
    text = " ".join(document.line_text(n) for n in range(finding.line, max(finding.end_line, finding.line) + 1))
    return _norm(entry["text"]) in _norm(text) or _norm(entry["text"]) in _norm(finding.context)


@dataclass
class SuppressionResult:
    kept: list[Finding]
    unused: list[Hit]          # hits for the `unused` rule
    unknown: list[Hit]         # hits for the `unknown_rule` rule
    suppressed: int = 0


class Suppressor:
    """The suppressions of one document — its comments and the configuration's `ignores:` entries — asked
    finding by finding, so the engine can drop a suppressed finding before it keeps it."""

    def __init__(self, document: Document, config) -> None:
        self.document = document
        comments = document.format in COMMENT_FORMATS
        self.directives = parse_directives(document.source, MAX_DIRECTIVES) if comments else []
        self.ranges = _ranges(document, self.directives)
        self.entries = [e for e in config.ignores if not e.get("files") or _file_matches(document.path, e)]
        self.entry_used = [False] * len(self.entries)

    @property
    def needs_findings(self) -> bool:
        """Do `ignores:` entries apply (they match a finding's section and text, not only its place)?"""
        return bool(self.entries)

    def silences(self, rule_id: str, start: int) -> bool:
        """Does a comment silence `rule_id` at source offset `start` (all that comments look at)?"""
        hit = False
        for d, rule, lo, hi in self.ranges:
            if _matches(rule_id, rule) and lo <= start < hi:
                d.used.add(rule)
                hit = True
        return hit

    def suppresses(self, finding: Finding) -> bool:
        hit = self.silences(finding.rule, finding.start)
        for i, entry in enumerate(self.entries):
            if _config_entry_matches(entry, finding, self.document):
                self.entry_used[i] = True
                hit = True
        return hit

    def report(self, active: set[str], known: set[str]) -> tuple[list[Hit], list[Hit]]:
        """(unused, unknown): suppressions that silenced nothing of the `active` rules, and those naming
        no `known` rule."""
        unused: list[Hit] = []
        unknown: list[Hit] = []
        for d in self.directives:
            if not d.rules and d.action != "enable":  # `ignore 理由` without a rule id silences nothing
                unknown.append(Hit(d.start, d.end, {"rule": "（未写规则编号）", "rule_en": "(no rule id)", "reason": d.reason}))
            for rule in d.rules:
                if not any(_matches(k, rule) for k in known):
                    unknown.append(Hit(d.start, d.end, {"rule": rule, "reason": d.reason}))
                elif d.action != "enable" and rule not in d.used and any(_matches(a, rule) for a in active):
                    unused.append(Hit(d.start, d.end, {"rule": rule, "reason": d.reason}))
        for entry, used in zip(self.entries, self.entry_used):
            # Only an entry that names this file is known to be meant for it.
            if not used and entry.get("files") and any(_matches(a, entry["rule"]) for a in active):
                unused.append(Hit(0, 0, {"rule": entry["rule"], "reason": entry.get("reason", ""),
                                         "origin": entry.get("origin", "")}))
        return unused, unknown


def apply(findings: list[Finding], document: Document, config, active: set[str], known: set[str]) -> SuppressionResult:
    """Drop suppressed findings; say which suppressions were unused or name unknown rules.

    `active` are the rules that ran on this document (a suppression of a rule that did not run is not
    reported as unused: it may be off in this configuration), `known` every rule id loaded.
    """
    suppressor = Suppressor(document, config)
    kept = [f for f in findings if not suppressor.suppresses(f)]
    unused, unknown = suppressor.report(active, known)
    return SuppressionResult(kept, unused, unknown, len(findings) - len(kept))


def _file_matches(path: str, entry: dict) -> bool:
    from linter.settings.config import path_matches

    return path_matches(path, entry["files"], entry.get("root"))


def directive_text(rule: str, reason: str) -> str:
    """The comment that suppresses `rule` (one id, or several separated by spaces) at the next block."""
    return f"<!-- report-lint: ignore {rule} {reason} -->"


PLACEHOLDER_REASON = {"zh": "理由：请填写", "en": "reason: please fill in"}


def block_start(document: Document, offset: int) -> int:
    """Where the block that holds `offset` starts (a suppression comment goes before it)."""
    return next((b.span[0] for b in document.blocks if b.span[0] <= offset < max(b.span[1], b.span[0] + 1)), offset)


def suppression_insertion(document: Document, offset: int, rules: list[str], reason: str) -> tuple[int, str]:
    """(source offset, text): the comment that silences `rules` in the block holding `offset` — on a line of
    its own before the block's line in text and Markdown, just before the block in HTML."""
    start = block_start(document, offset)
    comment = directive_text(" ".join(rules), reason)
    if document.format == "html":
        return start, comment
    line_start = document.source.rfind("\n", 0, start) + 1
    return line_start, comment + "\n"


def suppressions_for(document: Document, findings: list[Finding], reason: str) -> list[tuple[int, str]]:
    """The comments that silence every finding given, one per block (its rules in order), sorted by offset.
    Findings about suppressions themselves, and files whose format holds no comments, get none."""
    if document.format not in COMMENT_FORMATS:
        return []
    by_block: dict[int, list[str]] = {}
    for f in findings:
        if f.category == "suppression":
            continue
        rules = by_block.setdefault(block_start(document, f.start), [])
        if f.rule not in rules:
            rules.append(f.rule)
    inserts = [suppression_insertion(document, start, rules, reason) for start, rules in by_block.items()]
    return sorted(inserts)


def insert_texts(source: str, inserts: list[tuple[int, str]]) -> str:
    """`source` with each (offset, text) inserted; offsets refer to the original source."""
    out, pos = [], 0
    for offset, text in sorted(inserts, key=lambda item: item[0]):
        out += [source[pos:offset], text]
        pos = offset
    out.append(source[pos:])
    return "".join(out)
