"""Counts written into Chinese titles ("四张名片", "5条底线") and whether the tree agrees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hxq_cli.model import Framework

_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
#: The characters of a Chinese numeral that `chinese_integer` reads.
ZH_NUMERAL = "[零〇一二两三四五六七八九十百千]+"
# Measure words that make a leading number a count of parts: 四张名片, 5条底线, 六大目标,
# 三期叠加, 3个转变, 四项任务. (名 is left out: 百名博士 names a programme, not its parts.)
_ZH_COUNT = re.compile(rf"^[“\"「《]?([0-9]+|{ZH_NUMERAL})(?:张|条|大|期|个|项|种|类|方面)")


def chinese_integer(text: str) -> int | None:
    """The value of a Chinese numeral below ten thousand (一, 两, 十二, 一百零四, 三千五百,
    and the spoken 一百五 = 150) or of ASCII digits; None for anything else."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text in ("零", "〇"):
        return 0
    total = 0
    digit: int | None = None  # a digit still waiting for its unit
    last_unit = 10_000  # units come in falling order
    gap = False  # 零 was written: the next digit skips a unit (一百零四)
    spoken = False  # the last digit follows its unit directly
    for char in text:
        unit = _ZH_UNITS.get(char)
        if unit is not None:
            if unit >= last_unit or gap:
                return None
            if digit is None:
                if unit != 10:
                    return None  # only 十 goes without its digit (十五, 一百十五)
                digit = 1
            total += digit * unit
            digit, last_unit = None, unit
        elif char in ("零", "〇"):
            if digit is not None or gap or not total:
                return None
            gap = True
        elif char in _ZH_DIGITS:
            if digit is not None:
                return None
            digit, spoken, gap = _ZH_DIGITS[char], not gap, False
        else:
            return None
    if gap or (digit is None and not total):
        return None
    if digit is not None:
        # A last digit straight after 百 or 千 counts the next unit down: 一百五 is 150.
        total += digit * (last_unit // 10 if spoken and 100 <= last_unit <= 1000 else 1)
    return total


def title_count(title: str) -> int | None:
    """The number of parts a Chinese title announces ("四张名片" → 4), or None."""
    match = _ZH_COUNT.match(title.strip())
    return chinese_integer(match.group(1)) if match else None


def is_numbered(node_id: str) -> bool:
    """Whether an ID names a numbered part (4.2), not a named supplement (4.synergy)."""
    return node_id.rsplit(".", 1)[-1].isdigit()


@dataclass(frozen=True, slots=True)
class CountMismatch:
    """A title that announces a number of parts the node does not have."""

    node_id: str
    title: str
    announced: int
    actual: int

    def __str__(self) -> str:
        return (
            f"{self.node_id} {self.title!r} announces {self.announced} parts "
            f"but has {self.actual} numbered children"
        )


def count_mismatches(framework: Framework) -> Iterator[CountMismatch]:
    """Every node whose Chinese title announces a count that its numbered children do not match.

    English titles are not read: "Three plus one" names a tactic, not three parts.
    """
    for node in framework.walk():
        mismatch = count_mismatch(node.id, node.title.zh, [child.id for child in node.children])
        if mismatch is not None:
            yield mismatch


def count_mismatch(node_id: str, title_zh: str, child_ids: list[str]) -> CountMismatch | None:
    """The mismatch, if a node's Chinese title announces a count its numbered children miss."""
    announced = title_count(title_zh)
    if announced is None:
        return None
    actual = sum(1 for child_id in child_ids if is_numbered(child_id))
    return None if announced == actual else CountMismatch(node_id, title_zh, announced, actual)
