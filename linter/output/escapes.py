"""Text taken from a document, made safe for where it is written.

A report can contain any character.  XML 1.0 forbids most control characters (a JUnit file holding one is
not well-formed, and CI viewers reject the whole file), and a terminal executes escape sequences (ESC …)
found in the text it prints — colours, cursor moves, a rewritten title, hidden lines.  Both are replaced
by visible stand-ins of the same width, so columns and underlines stay where they were.
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (U+009B is a one-byte CSI on many terminals).
_TERMINAL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What XML 1.0 does not allow: C0 controls but tab, newline and carriage return; surrogates; U+FFFE/U+FFFF.
_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _picture(m: re.Match) -> str:
    """The Unicode control picture of a C0 control (␛ for ESC), ␡ for DEL, � for the rest."""
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def terminal_safe(text: str) -> str:
    """`text` without anything a terminal would act on (escape sequences, carriage returns, bells)."""
    return _TERMINAL_RE.sub(_picture, text) if text else text


def xml_safe(text: str) -> str:
    """`text` without characters XML 1.0 forbids (each becomes a visible stand-in)."""
    return _XML_RE.sub(lambda m: _picture(m) if ord(m.group()) < 0x20 else "\ufffd", text) if text else text
