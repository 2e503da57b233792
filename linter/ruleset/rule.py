"""A rule: one entry of a rule file, validated — its id, category, severity, scope, check kind and
parameters, messages, legal basis and examples.  The vocabularies a rule is written in live here too."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = ("input", "structure", "table", "arithmetic", "consistency", "disclosure", "date", "wording",
              "suppression")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

REQUIRED_KEYS = ("id", "category", "severity", "scope", "check", "message", "basis", "examples")
OPTIONAL_KEYS = (
    "params", "message_en", "description", "description_en", "fix", "when", "title", "title_en", "tags",
)
SCOPES_FIXED = ("document", "title", "preamble", "closing", "body", "tables")
WHEN_KEYS = ("agency_kind", "agency_level", "agency_name", "year_min", "year_max", "since", "table_cell")
ID_RE = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


class RuleError(Exception):
    """A rule file is invalid: the message starts with `path:line:`."""


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    scope: str
    check: str
    message: str
    basis: str
    examples: dict[str, list[Any]]
    params: dict[str, Any] = field(default_factory=dict)
    message_en: str = ""
    description: str = ""
    description_en: str = ""
    title: str = ""
    title_en: str = ""
    fix: str = "none"
    when: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    line: int = 0
    ruleset: str = ""

    def text(self, lang: str, name: str) -> str:
        """A text field in the requested language, falling back to Chinese."""
        if lang == "en":
            value = getattr(self, f"{name}_en", "")
            if value:
                return value
        return getattr(self, name)
