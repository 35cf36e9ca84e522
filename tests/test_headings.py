"""A text's headings (numbered and on lines of their own), and the titles and quotations a
draft makes of its paragraphs."""

from __future__ import annotations

import pytest

from hxq_cli.zh.headings import headings, paragraph_title, quotation

PARAGRAPH = "平顶山高新区坚持把党的政治优势、组织优势转化为发展优势，推动项目建设周期平均缩短20%。"


def _said(text: str) -> list[tuple[int, int, str, bool]]:
    return [(h.level, h.number, h.title, h.numbered) for h in headings(text)]


def test_an_interview_s_subheadings_are_its_parts() -> None:
    text = "\n\n".join(
        [
            "“四张名片”筑生态 再次创业启新程",  # the title
            "——专访平顶山高新区党工委书记孙国权",  # a byline: among short lines
            PARAGRAPH,
            "“四张名片”协同发力: 打出高质量发展的“王牌”组合",
            PARAGRAPH,
            "**展望“十五五”:\n在变局中锚定新坐标**",  # one heading over two lines
            PARAGRAPH,
            "平顶山高新火炬园",  # photo captions, one after the other
            "伊顿平顶山工厂",
            PARAGRAPH,
            "平顶山高新区供图",  # a credit at the end
        ]
    )
    assert _said(text) == [
        (1, 1, "“四张名片”协同发力: 打出高质量发展的“王牌”组合", False),
        (1, 2, "展望“十五五”:在变局中锚定新坐标", False),
    ]


def test_unnumbered_headings_are_sections_of_a_part_that_numbers_none() -> None:
    text = "\n\n".join(
        [
            "一、关于社会主义建设",
            PARAGRAPH,
            "关于向科学进军",
            PARAGRAPH,
            "二、关于人民生活",
            "（一）就业",
            PARAGRAPH,
            "关于工资制度问题",  # part 二 numbers its own sections: left out
            PARAGRAPH,
        ]
    )
    assert _said(text) == [
        (1, 1, "关于社会主义建设", True),
        (2, 1, "关于向科学进军", False),
        (1, 2, "关于人民生活", True),
        (2, 1, "就业", True),
    ]


def test_sentences_between_paragraphs_are_no_headings() -> None:
    for line in ("经济运行总体平稳。", "经济运行总体平稳，", "一", "2024"):
        assert _said("\n\n".join([PARAGRAPH, line, PARAGRAPH])) == [], line


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ("其中,破解债务困境,最能彰显平顶山高新区“多方共赢”的解题思路。针对", "其中,破解债务困境"),
        ("如今,这“四张名片”环环相扣,产生强大的“化学反应”。", "如今,这“四张名片”环环相扣"),
        (
            "告诉记者,“四张名片”是平顶山高新区的核心抓手,更是其在全国",
            "告诉记者,“四张名片”是平顶山高新区的核心抓手",
        ),
        ("营商环境好不好,企业最有发言权。美资企业", "营商环境好不好,企业最有发言权"),
        # One clause too long for a title: cut where a word ends (before 和), marked with …
        (
            "我们要坚持以经济建设为中心不动摇并且大力推进改革开放和现代化建设事业的各项工作。",
            "我们要坚持以经济建设为中心不动摇并且大力推进改革开放…",
        ),
    ],
)
def test_a_paragraph_s_title_is_its_opening_cut_at_a_clause(paragraph: str, title: str) -> None:
    assert paragraph_title(paragraph) == title


def test_a_long_quotation_ends_at_a_clause_boundary() -> None:
    sentence = (
        "“党建引领、科创赋能、质量强区、营商环境”，这“四张名片”是平顶山高新区“123456”体系中最具辨识度的核心，"
        * 2
    )
    quoted = quotation(sentence, limit=60)
    assert quoted.endswith("核心…") and len(quoted) <= 61
    assert quotation("增长5%。") == "增长5%。"
