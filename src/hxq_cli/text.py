"""Text rules every layer shares: how untrusted text is made safe to show, folded for matching,
and shortened for messages. No I/O, no terminal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# C0 controls except tab and newline, DEL, C1 controls, the bidi embedding,
# override and isolate characters that can reorder what a reader sees, and lone
# surrogates (from file names that are not UTF-8), which no UTF-8 stream can hold.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# What a Chinese input method types for ID punctuation: the ideographic full stop.
_ID_STOPS = str.maketrans({"。": ".", "｡": "."})


#: Characters a terminal draws as nothing, so that two different texts look the same: Unicode's
#: default-ignorable code points (zero-width space and joiners, soft hyphen, word joiner,
#: Hangul fillers, variation selectors, tags) and the line and paragraph separators.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2028\u2029"
    "\u2060-\u2065\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE_CHARACTER = re.compile(f"[{_INVISIBLE}]")
#: What a terminal view escapes: the unsafe characters and the invisible ones.
_NOT_SHOWN = re.compile(f"{_UNSAFE.pattern[:-1]}{_INVISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every control, bidi-override or invisible character (zero-width space,
    U+2028 …) shown as an escape like \\x1b or \\u200b, so that two texts that differ look
    different."""
    return _NOT_SHOWN.sub(_escape, text.replace("\t", " "))


def first_invisible(text: str) -> str | None:
    """The first character of `text` that a terminal draws as nothing, if any."""
    found = _INVISIBLE_CHARACTER.search(text)
    return None if found is None else found.group()


def escape_for_json(text: str) -> str:
    """JSON text with the characters JSON encoders leave raw (C1, bidi) written as \\u escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def fold(text: str) -> str:
    """`text` as hxq compares what people type: NFKC (full-width to half-width), 。 as a dot,
    runs of spaces as one, case folded. Used by ID lookup, search, facts and validate alike."""
    normal = unicodedata.normalize("NFKC", text).translate(_ID_STOPS)
    return " ".join(normal.split()).casefold()


def colon(lang: str) -> str:
    """What follows a label before its value: a full-width colon in Chinese (定位：), a colon
    and a space in English and in both languages (the label then ends in English)."""
    return "：" if lang == "zh" else ": "


def cells(text: str) -> int:
    """How many terminal cells `text` takes: two for a wide (Chinese, full-width) character,
    none for a combining mark (as Rich's cell_len counts them; the core may not import Rich)."""
    return sum(_cells(char) for char in text)


def _cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fitting(chars: Iterable[str], limit: int) -> str:
    """The leading characters of `chars` that fit in `limit` cells."""
    kept: list[str] = []
    used = 0
    for char in chars:
        used += cells(char)
        if used > limit:
            break
        kept.append(char)
    return "".join(kept)


def shorten(text: str, limit: int = 40, *, words: bool = False) -> str:
    """`text`, cut to at most `limit` terminal cells with an ellipsis: the one shortener of
    messages and labels. With `words`, a word of Latin letters or digits is not cut in the
    middle (the cut moves back to the space before it)."""
    if cells(text) <= limit:
        return text
    head = _fitting(text, limit - 1)
    if not words:
        return head + "…"
    cut = len(head)
    inside_a_word = cut and all(c.isascii() and c.isalnum() for c in (head[-1], text[cut]))
    if inside_a_word and " " in head:
        head = head[: head.rfind(" ") + 1]
    return head.rstrip(" ·-,;:") + "…"


def shorten_path(path: str, limit: int) -> str:
    """`path`, cut from the left (as `shorten` cuts from the right) to at most `limit` cells,
    at a folder boundary when the rest still fits (`…/folder/file.yaml`)."""
    if cells(path) <= limit:
        return path
    kept = _fitting(reversed(path), limit - 1)[::-1]
    slash = kept.find("/")
    return f"…{kept[slash:]}" if 0 <= slash < len(kept) - 1 else f"…{kept}"


def short_repr(value: object, limit: int = 60) -> str:
    """The repr of a value, cut to `limit` characters: how messages quote data."""
    return shorten(repr(value), limit)


#: Needles are looked up at each offset by their first characters, at most this many.
_PREFIX = 8


def find_all(text: str, needles: Iterable[str], keep: int) -> dict[str, tuple[list[int], int]]:
    """For each needle: its first `keep` offsets in `text` and how many times it is there
    (overlapping occurrences included), as a `str.find` from each found offset + 1 finds them, in one pass over the text
    for all the needles (a search of the whole text per needle grows as needles × text)."""
    tables: dict[int, dict[str, list[str]]] = {}
    for needle in set(needles):
        if needle:
            width = min(len(needle), _PREFIX)
            tables.setdefault(width, {}).setdefault(needle[:width], []).append(needle)
    firsts: dict[str, list[int]] = {}
    totals: dict[str, int] = {}
    for table in tables.values():
        for group in table.values():
            for needle in group:
                firsts[needle], totals[needle] = [], 0
    by_width = sorted(tables.items())
    for at in range(len(text)):
        for width, table in by_width:
            candidates = table.get(text[at : at + width])
            if candidates is None:
                continue
            for needle in candidates:
                if len(needle) == width or text.startswith(needle, at):
                    totals[needle] += 1
                    if len(firsts[needle]) < keep:
                        firsts[needle].append(at)
    return {needle: (firsts[needle], totals[needle]) for needle in firsts}
