"""The figure parser on forms the interview uses, and unit normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hxq_cli.queries.verify import fold_source
from hxq_cli.zh.figures import Figure, Normalized, measure_word, normalize, parse_figures


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("24.24亿元", 24.24, "亿元", None),
        ("9.8亿元", 9.8, "亿元", None),
        ("1871项", 1871, "项", None),
        ("98%", 98, "%", None),
        ("1/3", 1 / 3, "占比", None),
        ("1.19倍", 1.19, "倍", None),
        ("15分钟", 15, "分钟", None),
        ("1万平方米", 1, "万平方米", None),
        ("近亿元", 1, "亿元", "nearly"),
        ("翻倍", 2, "倍", None),
        ("名列第一", 1, "名次", None),
        ("近一年", 1, "年", "nearly"),
        ("两年多", 2, "年", "more_than"),
        ("突破98%", 98, "%", "passed"),  # a mark passed, not 超过
        ("最快15分钟", 15, "分钟", "as_little_as"),
        ("179家", 179, "家", None),
        ("82名", 82, "名", None),
        ("139次", 139, "次", None),
        ("104个", 104, "个", None),
        ("深耕35年", 35, "年", None),
        # Forms the interview does not use but Chinese text does.
        ("1,871项", 1871, "项", None),
        ("百分之九十八", 98, "%", None),
        ("三分之一", 1 / 3, "占比", None),
        ("翻两番", 4, "倍", None),
        ("100余家", 100, "家", "more_than"),
        ("约5亿元", 5, "亿元", "about"),
        ("98%以上", 98, "%", "at_least"),
        ("3个百分点", 3, "个百分点", None),
        ("6个月", 6, "个月", None),
        ("1.5万人", 1.5, "万人", None),
        # A hedge a few words before a share is the share's: more than half of the world's.
        ("超过全球一半", 0.5, "占比", "more_than"),
        # Full-width digits and ％, and spaces inside, as a typeset text may have them.
        ("２４.２４亿元", 24.24, "亿元", None),
        ("98 ％", 98, "%", None),
        ("24.24 亿\n元", 24.24, "亿元", None),
    ],
)
def test_real_forms(text: str, value: float, unit: str, qualifier: str | None) -> None:
    figure = parse_figure(text)
    assert figure is not None
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    "text",
    ["万人发明专利", "一站式", "“十五五”", "四大导向", "市级以上", "亿元", "", "第十五五"],
)
def test_words_that_are_no_figures(text: str) -> None:
    assert [f for f in parse_figures(text) if f.unit] == []


def parse_figure(text: str) -> Figure | None:
    """The first figure in a short text, after NFKC and without spaces, as verify reads it."""
    found = parse_figures(fold_source(text).text)
    return found[0] if found else None


def test_recent_is_not_a_hedge() -> None:
    figure = parse_figure("最近3年")
    assert figure is not None and figure.qualifier is None and figure.text == "3年"


def test_figures_in_a_sentence_with_offsets() -> None:
    text = "累计培育创新平台104个,研发投入达24.24亿元,立项项目964个"
    figures = parse_figures(text)
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("104个", 104, "个"),
        ("24.24亿元", 24.24, "亿元"),
        ("964个", 964, "个"),
    ]
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text


def test_zero_denominator_is_no_figure() -> None:
    assert parse_figures("5/0") == []


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (24.24, "亿元", Normalized(2_424_000_000, "CNY")),
        (9.8, "亿元", Normalized(980_000_000, "CNY")),
        (350, "万元", Normalized(3_500_000, "CNY")),
        (1, "万平方米", Normalized(10_000, "m2")),
        (65, "%", Normalized(0.65, "fraction")),
        (98, "%", Normalized(0.98, "fraction")),
        (0.3333, "占比", Normalized(0.3333, "fraction")),
        (6.7, "倍", Normalized(6.7, "ratio")),
        (1871, "项", Normalized(1871, "count")),
        (61, "家", Normalized(61, "count")),
        (82, "名", Normalized(82, "count")),
        (104, "个", Normalized(104, "count")),
        (139, "次", Normalized(139, "count")),
        (15, "分钟", Normalized(15, "minutes")),
        (2, "小时", Normalized(120, "minutes")),
        (35, "年", Normalized(35, "years")),
        (1, "名次", Normalized(1, "rank")),
        (2, "万", Normalized(20_000, "count")),
    ],
)
def test_normalize(value: float, unit: str, expected: Normalized) -> None:
    assert normalize(value, unit) == expected
    assert type(normalize(value, unit).value) is type(expected.value)  # type: ignore[union-attr]


@pytest.mark.parametrize("unit", ["吨", "亩", "", "元/吨"])
def test_unknown_units_are_not_normalised(unit: str) -> None:
    assert normalize(5, unit) is None


def test_non_finite_values_are_not_normalised() -> None:
    assert normalize(float("inf"), "亿元") is None
    assert normalize(float("nan"), "%") is None


def test_measure_word() -> None:
    assert measure_word("万家") == "家"
    assert measure_word("亿元") == "元"
    assert measure_word("个百分点") == "个百分点"


@given(st.text(max_size=60))
def test_parser_never_crashes_and_offsets_hold(text: str) -> None:
    for figure in parse_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.text


@given(
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.sampled_from(["亿元", "万元", "项", "%", "倍", "分钟", "万平方米", "家"]),
)
def test_written_figures_parse_back(number: object, unit: str) -> None:
    written = f"{number}{unit}"
    figure = parse_figure(written)
    assert figure is not None
    assert figure.unit == unit
    assert figure.value == pytest.approx(float(str(number)))
