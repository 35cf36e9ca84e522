"""The headings of a Chinese policy text: 一、… (a part), （一）… or 第一，… (a section of it).

A draft framework's tree follows them. No I/O, no terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hxq_cli.zh.numerals import chinese_integer

_NUMERAL = "[一二三四五六七八九十]{1,3}"
# 一、 at the start of a line; （一） or (一); 第一， or 第一、 standing alone as a line's start.
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[ \t\u3000]*(?P<n>{_NUMERAL})、(?P<title>\S.*)")),
    (2, re.compile(rf"[ \t\u3000]*[（(](?P<n>{_NUMERAL})[)）](?P<title>\S.*)")),
    (2, re.compile(rf"[ \t\u3000]*第(?P<n>{_NUMERAL})[，、,](?P<title>\S.*)")),
)
#: A heading's title is its line up to the first full stop, at most this long.
MAX_TITLE = 60


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the text: its level (1 a part, 2 a section), number and title, and where
    its line starts (a character offset and a 1-based line number)."""

    level: int
    number: int
    title: str
    offset: int
    line: int


def _title(rest: str) -> str:
    rest = rest.strip()
    stop = min((i for i in (rest.find("。"), rest.find("；")) if i > 0), default=len(rest))
    title = rest[:stop].rstrip("，,：:")
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def headings(text: str) -> list[Heading]:
    """The headings of `text` in order. A numbered line counts as a heading only where its
    numbers run on from the heading before it at its level (一、 二、 三、 …), so that a
    list inside a paragraph (一、二、三 written inline) is not read as a part."""
    found: list[Heading] = []
    expected = {1: 1, 2: 1}
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for level, pattern in _PATTERNS:
            match = pattern.match(line)
            if match is None:
                continue
            value = chinese_integer(match["n"])
            if value is None:
                continue
            if value == 1 or value == expected[level]:
                title = _title(match["title"])
                if not title:
                    break
                found.append(Heading(level, value, title, offset, number))
                expected[level] = value + 1
                if level == 1:
                    expected[2] = 1
            break
        offset += len(line)
    return found
