"""Which figures of a text a draft takes (zh.text_figures), on sentences of the kinds the
government work reports write: typeset digits, adverbs and names that hold a numeral, counts
without a measure word, and the numerals of named sets."""

from __future__ import annotations

import pytest

from hxq_cli.queries.draft import draft
from hxq_cli.queries.verify import fold_source
from hxq_cli.read import TextFile
from hxq_cli.zh.text_figures import figures_in


def _figures(text: str) -> list[tuple[str, object, str, str | None]]:
    folded = fold_source(text).text
    return [(f.text, f.value, f.unit, f.word) for f in figures_in(folded)]


def test_spaced_full_width_digits_are_read_with_exact_anchors() -> None:
    text = (
        "１ ９ ９ ７ 年国内生产总值达到７ ４ ７ ７ ２ 亿元，增长８ ．８ ％。\n"
        "人口自然增长率为１ ０ ．０ ６ ‰，出生率为1 6 ．5 7 ‰。\n"
    )
    found = draft(TextFile("t.txt", text, None))
    said = [(f.found.value, f.found.unit) for f in found.figures]
    assert said == [(74772, "亿元"), (8.8, "%"), (10.06, "‰"), (16.57, "‰")]
    for figure in found.figures:
        assert text.count(figure.anchor) == 1, figure.anchor


@pytest.mark.parametrize(
    "text",
    [
        "经济发展过程中，一度出现某些领域投资过热。",  # 一度: "at one time"
        "写了一篇很好的文章。",  # 一篇: "a"
        "反对“两个中国”、“一中一台”。",
        "粉碎“四人帮”以后。",
        "五届人大四次会议批准了计划。",  # a session, not four times
        "十三届全国人大五次会议。",
        "同第三世界国家团结合作，大力发展第三产业。",
        "列入第六个五年计划。",
        "在中美三个联合公报的基础上。",  # the numeral of a named set of documents
        "坚持“三个代表”重要思想，为实现“两个一百年”奋斗目标。",
        "统筹推进“五位一体”总体布局。",
        "严格落实中央八项规定精神，坚持四项基本原则。",
        "实现四个现代化，是我们的任务。加快四个现代化建设。",  # a name the text repeats
        "这两个指标虽然都低，上述三项任务要完成。",  # references to sets the text gives
        "今年要着重抓好以下四个方面的工作。",
        "超过1979年到1997年的总和。",  # years, hedged
        "解决好用水“最后一公里”问题。",
        "企业研发投入保持两位数增长。",
        "统一成为一个整体。",  # 统一 + 成为, not one tenth
        "围绕实现建军一百年奋斗目标。",
        "他们是在过去的五年中做到的。",
    ],
)
def test_words_that_hold_a_numeral_but_no_figure(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成裁减军队员额五十万的任务。", ("五十万", 50, "万", None)),
        ("数以亿计的城乡劳动者。", ("数以亿计", 1, "亿", "以…计")),
        ("一度电的价格。", ("一度", 1, "度", None)),
        ("参加国际条约187个。", ("187个", 187, "个", None)),  # 条约: no 约 ("about")
        ("比原计划至少节约百分之十。", ("百分之十", 10, "%", None)),
        ("动用了库存物资大约二十亿元。", ("约二十亿元", 20, "亿元", "约")),
        ("城镇住宅竣工面积达六亿三千多万平方米。", ("六亿三千多万平方米", 6.3, "亿平方米", "多")),
        ("重污染天数下降超过五成。", ("超过五成", 5, "成", "超过")),
        ("夏粮减产一成以上。", ("一成以上", 1, "成", "以上")),
        ("压缩到平均4个工作日以内。", ("4个工作日以内", 4, "个工作日", "以内")),
        ("从60类减少到10类。", ("60类", 60, "类", None)),
        ("纱锭七十万枚。", ("七十万枚", 70, "万枚", None)),
        ("有近2000年的历史。", ("近2000年", 2000, "年", "近")),
        ("在三个省试点，三个省的经验。", ("三个", 3, "个", None)),  # a count repeated
    ],
)
def test_figures_read(text: str, expected: tuple[str, object, str, str | None]) -> None:
    assert _figures(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # 。五年来 is once on line 1, and again across the break before line 2 (。\n五年来).
        (
            "农业生产稳定增长。五年来，粮食产量逐年提高。\n五年来，我们坚持改革开放，经济总量大幅增加。\n",
            2,
        ),
        # The heading on line 3 stands whole inside the outline on line 1: no anchor of its line
        # names its one place, so its figure is left out (the outline's is kept).
        (
            "报告分两个部分：一、三年来的工作和今后的任务。\n\n一、三年来的工作和今后的任务\n\n我们取得了很大成绩。\n",
            2,
        ),
    ],
    ids=["again-across-a-line-break", "a-heading-the-outline-repeats"],
)
def test_every_anchor_names_one_place_as_verify_reads_the_text(text: str, kept: int) -> None:
    """verify matches anchors with line breaks left out and holds each to one place."""
    found = draft(TextFile("t.txt", text, None))
    assert len(found.figures) == kept
    joined = fold_source(text).text
    for figure in found.figures:
        assert joined.count(fold_source(figure.anchor).text) == 1, figure.anchor
