"""The sentence of a source text around a fact's anchor, found as `hxq verify` finds anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hxq_cli.tui.hxq_api import SourceText, fold

#: Where a sentence ends, in Chinese or English text (a blank line ends one too).
_ENDS = frozenset("。！？；!?;\n")
#: Longest stretch of context shown on either side of an anchor.
_REACH = 120
_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence of the source cut in three: before the anchor, the anchor, after it."""

    before: str
    anchor: str
    after: str


def _tidy(text: str) -> str:
    # A source hard-wrapped at the line ends: the break is no break in Chinese, a space in English.
    def join(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        left = text[start - 1] if start > 0 else ""
        right = text[end] if end < len(text) else ""
        return " " if left.isascii() and right.isascii() and left and right else ""

    return _BREAK.sub(join, text)


class SourceQuotes:
    """Finds the sentence around an anchor in one source text (folded once, searched often)."""

    def __init__(self, source: SourceText) -> None:
        self.name = source.name
        self.text = source.text
        self.folded = fold(source.text)

    def quote(self, anchor: str) -> Quote | None:
        """The first sentence holding `anchor` (whitespace and full-width forms aside), or None."""
        needle = fold(anchor).text
        if not needle:
            return None
        at = self.folded.text.find(needle)
        if at == -1:
            return None
        origin, text = self.folded.origin, self.text
        start = origin[at]
        end = origin[at + len(needle) - 1] + 1
        # A full stop inside the anchor ("98.5") is not the end of its sentence.
        begin = start
        while begin > 0 and start - begin < _REACH and text[begin - 1] not in _ENDS:
            begin -= 1
        finish = end
        while finish < len(text) and finish - end < _REACH and text[finish] not in _ENDS:
            finish += 1
        if finish < len(text) and text[finish] != "\n":
            finish += 1  # keep the sentence's own full stop
        return Quote(
            _tidy(text[begin:start]).lstrip(), _tidy(text[start:end]), _tidy(text[end:finish])
        )
