"""Counts announced by titles, and the check that the tree agrees with them."""

from __future__ import annotations

import pytest

from conftest import SHIPPED, load_framework
from hxq_cli.model import Bilingual, Framework, Node
from hxq_cli.zh.numerals import chinese_integer
from hxq_cli.zh.titles import count_mismatches, title_count


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("四张名片", 4), ("5条底线", 5), ("六大发展目标", 6), ("三期叠加", 3), ("四大导向", 4),
        ("3个转变", 3), ("两大主导产业", 2), ("十二项任务", 12), ("“百名博士进高新”行动", None),
        ("一百零八项举措", 108),
        ("“1+N+X”党建工作体系", None), ("双招双引", None), ("发展愿景", None),
    ],
)  # fmt: skip
def test_title_count(title: str, count: int | None) -> None:
    assert title_count(title) == count


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("三十五", 35), ("35", 35),
     ("零", 0), ("一百", 100), ("两百", 200), ("一百零四", 104), ("一百一十五", 115),
     ("一百十五", 115), ("一百五", 150), ("一千二", 1200), ("一千零五", 1005),
     ("一千零五十", 1050), ("三千五百", 3500), ("九千九百九十九", 9999), ("一〇五", None),
     ("百", None), ("千", None), ("十十", None), ("", None), ("四五", None), ("一百百", None),
     ("十百", None), ("一百零", None), ("一百零零一", None), ("一零", None), ("零一", None),
     ("一千二百三", 1230), ("二十一百", None), ("万", None)],
)  # fmt: skip
def test_chinese_integer(text: str, value: int | None) -> None:
    assert chinese_integer(text) == value


def _node(node_id: str, zh: str, children: tuple[Node, ...] = ()) -> Node:
    return Node(node_id, Bilingual(zh, zh), Bilingual("d", "d"), children=children)


def test_shipped_framework_counts_hold() -> None:
    assert list(count_mismatches(load_framework(str(SHIPPED)))) == []


def test_mismatch_is_reported_and_named_parts_do_not_count() -> None:
    parts = (_node("5.1", "甲"), _node("5.2", "乙"), _node("5.enforcement", "执法"))
    framework = Framework(
        1, "t", Bilingual("t", "t"), Bilingual("t", "t"), (), (_node("5", "5条底线", parts),)
    )
    (mismatch,) = count_mismatches(framework)
    assert (mismatch.node_id, mismatch.announced, mismatch.actual) == ("5", 5, 2)
    assert "announces 5 parts but has 2" in str(mismatch)
