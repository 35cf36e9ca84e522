"""Counts written into Chinese titles ("四张名片", "5条底线") and whether the tree agrees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hxq_cli.model import Framework
from hxq_cli.zh.numerals import ZH_NUMERAL, chinese_integer

# Measure words that make a leading number a count of parts: 四张名片, 5条底线, 六大目标,
# 三期叠加, 3个转变, 四项任务. (名 is left out: 百名博士 names a programme, not its parts.)
_ZH_COUNT = re.compile(rf"^[“\"「《]?([0-9]+|{ZH_NUMERAL})(?:张|条|大|期|个|项|种|类|方面)")


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
        children = [child.id for child in node.children]
        mismatch = count_mismatch(node.id, node.title.zh, children, node.count)
        if mismatch is not None:
            yield mismatch


def count_mismatch(
    node_id: str, title_zh: str, child_ids: list[str], stated: int | None = None
) -> CountMismatch | None:
    """The mismatch, if a node's Chinese title announces a count (or its `count` states one)
    that its numbered children miss."""
    announced = stated if stated is not None else title_count(title_zh)
    if announced is None:
        return None
    actual = sum(1 for child_id in child_ids if is_numbered(child_id))
    return None if announced == actual else CountMismatch(node_id, title_zh, announced, actual)
