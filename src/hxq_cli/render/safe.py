"""Make untrusted text safe to show: no control sequences from data ever reach a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, the bidi embedding,
# override and isolate characters that can reorder what a reader sees, and lone
# surrogates (from file names that are not UTF-8), which no UTF-8 stream can hold.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control or bidi-override character shown as an escape like \\x1b."""
    return _UNSAFE.sub(_visible, text.replace("\t", " "))


def escape_for_json(text: str) -> str:
    """JSON text with the characters json.dumps leaves raw (C1, bidi) written as \\u escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a control or bidi character that `visible` would escape."""
    return _UNSAFE.search(text) is not None
