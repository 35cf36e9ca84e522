"""Figures as Chinese text writes them (24.24亿元, 98%, 1/3, 近亿元, 翻倍, 第一) and their units.

`parse_figures` finds every figure in a text with its value, its unit as written and the
hedge around it (近, 突破, 多 …); `normalize` turns a value and a unit as written into one
of a few base units (亿元 → CNY ×1e8, % → fraction /100, 倍 → ratio …). No I/O, no terminal.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Literal

from hxq_cli.model import Number, Value
from hxq_cli.zh.numerals import (
    ZH_NUMBER,
    ZH_NUMERAL,
    chinese_integer,
    chinese_number,
    simplified,
)

UnitKind = Literal["CNY", "m2", "fraction", "ratio", "count", "minutes", "years", "rank"]

#: The order in which base units are listed (and sorted) everywhere.
UNIT_KINDS: tuple[UnitKind, ...] = (
    "CNY",
    "m2",
    "count",
    "ratio",
    "fraction",
    "minutes",
    "years",
    "rank",
)

# A unit as written, once its magnitude (万, 亿 …) is taken off: its kind and factor.
_BASE_UNITS: dict[str, tuple[UnitKind, Fraction]] = {
    "元": ("CNY", Fraction(1)),
    "平方米": ("m2", Fraction(1)),
    "平方公里": ("m2", Fraction(10**6)),
    "%": ("fraction", Fraction(1, 100)),
    "‰": ("fraction", Fraction(1, 1000)),
    "个百分点": ("fraction", Fraction(1, 100)),
    # 五成: five tenths.
    "成": ("fraction", Fraction(1, 10)),
    "百分点": ("fraction", Fraction(1, 100)),
    "占比": ("fraction", Fraction(1)),
    "倍": ("ratio", Fraction(1)),
    "分钟": ("minutes", Fraction(1)),
    "小时": ("minutes", Fraction(60)),
    "年": ("years", Fraction(1)),
    "个月": ("years", Fraction(1, 12)),
    "名次": ("rank", Fraction(1)),
    **{word: ("count", Fraction(1)) for word in "项家个名次条张件位人"},
}
_MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
}

#: Measure words and units a figure is written in that `normalize` does not convert: a fact in
#: one of them agrees with a figure written in the same unit (吨, 亿美元, 万户).
MEASURE_WORDS: tuple[str, ...] = (
    *("吨", "公斤", "千克", "斤", "担", "亩", "公顷", "公里", "千米", "米", "立方米"),
    *("千瓦时", "千瓦", "美元", "欧元", "港元", "人次", "户", "套", "所", "座", "台", "辆"),
    *("艘", "架", "部", "种", "批", "场", "篇", "册", "本", "首", "支", "份", "轮", "档"),
    *("处", "头", "只", "株", "天", "周", "岁", "标准箱", "毫米", "度", "马力"),
    # As older reports count cloth (匹, 尺), spindles (枚), floor space (平方公尺) and lines (门).
    *("匹", "枚", "尺", "公尺", "平方公尺", "立方公尺", "箱", "门", "千伏", "匹马力"),
    *("类", "个工作日", "工作日", "件次", "架次"),
)
_DATE_WORDS = ("年", "个月")

#: How the words around a figure hedge it, in the vocabulary of `Fact.qualifier`.
HEDGES: dict[str, str] = {
    "近": "nearly",
    "接近": "nearly",
    "将近": "nearly",
    "上": "at_least",
    "以…计": "about",
    "不到": "at_most",
    "不足": "at_most",
    "低于": "at_most",
    "少于": "at_most",
    "以内": "at_most",
    "以下": "at_most",
    "内": "at_most",
    "约": "about",
    "左右": "about",
    "超过": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "突破": "passed",
    "多于": "more_than",
    "高于": "more_than",
    "多": "more_than",
    "余": "more_than",
    "至少": "at_least",
    "不少于": "at_least",
    "不低于": "at_least",
    "以上": "at_least",
    "不超过": "at_most",
    "最多": "at_most",
    "最快": "as_little_as",
    "最短": "as_little_as",
    "低至": "as_little_as",
}


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first (个百分点 before 个)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_ZH = ZH_NUMERAL
_UNITS = _alternatives([*_BASE_UNITS, *MEASURE_WORDS])
# 千 before 瓦, 米, 克 or 伏 belongs to the unit (5千瓦 is five kilowatts).
_MAG_AR = "|".join(
    "千(?![瓦米克伏])" if word == "千" else re.escape(word)
    for word in sorted(_MAGNITUDES, key=len, reverse=True)
)
_MAG_ZH = "万亿|亿|万"
# 最近 ("recent") is not a hedge; 近 alone is ("near", approximately).
# 条约, 节约, 公约 ("treaty", "save", "convention") hold no 约 ("about"), nor 附近, 就近 a 近.
_PREFIX = (
    r"不超过|超过|不少于|不低于|不到|不足|低于|少于|多于|高于|至少|最多|最快|最短|低至|突破"
    r"|(?<![最附邻亲就贴靠])近|(?<![条节公制签合特履违盟誓邀和契协预规隐])约|超|逾"
)
_SUFFIX = "以上|以内|以下|左右|多|余|内(?![容部外地需陆涵河蒙])"
# 上千万 ("upwards of ten million"), 以千万计 ("counted in the tens of millions").
_ROUND = "千万|百万|十万|万亿|亿|万|千|百"
# A count of ten thousands or more with no measure word after it (裁减军队员额五十万), tried
# after the forms with one; it starts with a digit, so that 千万 ("by all means") is none, and
# does not end a line (a draft reads line by line, and its measure word may stand on the next).
_BARE_COUNT = (
    "(?<![零〇一二两三四五六七八九十百千万亿])(?:[一二两三四五六七八九]|十(?=[一二三四五六七八九]))"
    "[零〇一二两三四五六七八九十百千万亿]*[万亿](?![零〇一二两三四五六七八九十百千万亿\n])"
)
# 五天半, 一年半: half a unit of time more (not 半导体, 半岛, 半数 after it).
_HALF = "(?<=[年天周时])半(?![导岛径价数边途场壁])"
# A list of figures that share their measure word, written once after the last (300万、500万元;
# 3、5万亿元): a member takes the measure, with its own magnitude where it writes one.
_SHARED_UNIT = re.compile(
    rf"(?:、(?:{_NUM})(?:{_MAG_AR})?)*、(?:{_NUM})(?P<magnitude>{_MAG_AR})?(?P<unit>{_UNITS})"
)
# The upper end of a range of percentages whose % is written once (百分之八至九, 百分之四到五).
_PERCENT_FROM = re.compile(f"(?:百分之(?:{ZH_NUMBER}|{_NUM})|(?:{_NUM})%)[至到]$")
# The lower end of a range whose unit stands after the upper end (5—6%, 700万到800万吨, 5到7元).
_RANGE_TO = re.compile(
    rf"[至到—－~～-]{{1,2}}(?:{_NUM})(?P<magnitude>{_MAG_AR})?(?P<unit>{_UNITS})"
)
# 近两年来, 近三年平均, 特别是近五年: the recent years, not "nearly" so many.
_RECENT_AFTER = ("来", "以来", "平均", "年均")
_RECENT_BEFORE = frozenset("，。；：,;:\n")
_ROUND_VALUES: dict[str, tuple[int, str]] = {
    "千万": (1000, "万"),
    "百万": (100, "万"),
    "十万": (10, "万"),
    "万亿": (1, "万亿"),
    "亿": (1, "亿"),
    "万": (1, "万"),
    "千": (1000, ""),
    "百": (100, ""),
}
# Every character a figure can start with: a digit, a Chinese numeral, the first of a hedge
# before the number, 翻 (doubled), 第 (a rank), 百 (百分之), 上 (上千万), 数 or 以 (数以万计), or a
# bare magnitude (万, 亿). The pattern looks ahead for one first, which lets the scan of a long
# text pass every other position at once (2.5 times as fast on a text thick with figures).
_FIRST = "".join(
    sorted(
        set(ZH_NUMERAL[1:-2])
        | {re.sub(r"\(\?<!\[?[^\]]*\]?\)", "", word)[0] for word in _PREFIX.split("|")}
        | set("翻第百上数以万亿")
    )
)


@cache
def _figure_pattern() -> re.Pattern[str]:
    """The grammar of a figure, compiled on first use: only `hxq verify` and `hxq draft` read
    figures out of text, and compiling it costs every other command's start-up several
    milliseconds."""
    return re.compile(
        rf"""
        (?=[0-9{_FIRST}])
        (?P<prefix>{_PREFIX})?
        (?:
            (?P<doubled>翻了?(?:倍|番|(?P<doublings>[0-9]+|{_ZH})番))
          | 第(?P<rank>[0-9]+|{_ZH})(?:名|位)?
          | 百分之(?P<percent>{_NUM}|{ZH_NUMBER})
          | (?P<denominator>[0-9]+|{_ZH})分之(?P<numerator>[0-9]+|{_ZH})
          | (?P<top>[0-9]+)/(?P<bottom>[0-9]+)
          | (?P<half>一半)
          | (?P<arabic>{_NUM})(?P<about>多|余)?(?P<magnitude>{_MAG_AR})?(?P<about2>多|余)?
            (?:个(?P<about4>多|余)(?P<points>百分点)|(?P<unit>{_UNITS})(?P<and_half>{_HALF})?)?
          | (?P<chinese>{ZH_NUMBER})(?P<about3>多|余)?(?P<zh_magnitude>{_MAG_ZH})?(?P<zh_unit>{_UNITS})
            (?P<zh_half>{_HALF})?
          | (?P<upward>上)(?P<up_magnitude>{_ROUND})(?P<up_unit>{_UNITS})?
          | (?P<counted>数?以(?P<counted_magnitude>{_ROUND})计)
          | (?P<bare_count>{_BARE_COUNT})
          | (?P<bare_magnitude>{_MAG_ZH})(?P<bare_unit>{_UNITS})?
          | (?<=[至到])(?P<upper>{_NUM}|{ZH_NUMBER})
        )
        (?P<suffix>{_SUFFIX})?
        """,
        re.VERBOSE,
    )


@dataclass(frozen=True, slots=True)
class Normalized:
    """A value in one of a few base units: CNY, m2, fraction, ratio, count, minutes, years, rank."""

    value: Number
    unit: UnitKind


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure found in a text: its value and unit as written, its hedge and where it is."""

    value: Number
    unit: str
    qualifier: str | None
    text: str
    start: int
    end: int
    #: False for a fraction (1/3, 三分之一), whose value no decimal writes exactly.
    exact: bool = True
    #: The hedge as the text writes it (近, 左右, 多 …), where `qualifier` names it.
    hedge: str | None = None

    @property
    def normalized(self) -> Normalized | None:
        return normalize(self.value, self.unit)


@cache
def split_unit(unit: str) -> tuple[int, str]:
    """A unit as written split into its magnitude and the rest: "万平方米" → (10000, "平方米").

    Remembered: a framework writes a handful of units over and over."""
    unit = unicodedata.normalize("NFKC", unit.strip())
    if unit in _BASE_UNITS:
        return 1, unit
    for word in sorted(_MAGNITUDES, key=len, reverse=True):
        if unit.startswith(word):
            return _MAGNITUDES[word], unit[len(word) :]
    return 1, unit


def _as_number(value: Fraction | int) -> Number | None:
    """The value as JSON holds it; None when it is beyond any float (a figure of a source text
    written with hundreds of digits: a framework's own values are bounded by the schema)."""
    # An integer too large for 64 bits (1e200 亿元) is written as a float, as JSON can hold.
    if value.denominator == 1 and -(2**63) <= value < 2**63:
        return int(value)
    try:
        return float(value)
    except OverflowError:
        return None


def normalize(value: Value, unit: str) -> Normalized | None:
    """The value in its base unit (24.24 亿元 → 2424000000 CNY, 98 % → 0.98 fraction), or None.

    None means the unit is not one hxq knows (a magnitude alone, 万 or 亿, counts things), or
    the figure in it is beyond any float.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    magnitude, rest = split_unit(unit)
    if rest in _BASE_UNITS:
        kind, factor = _BASE_UNITS[rest]
    elif rest == "" and magnitude != 1:
        kind, factor = "count", Fraction(1)
    else:
        return None
    if type(value) is int and factor.denominator == 1:
        # Whole numbers in a whole unit need no fractions (most figures).
        number = _as_number(value * factor.numerator * magnitude)
    else:
        exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        number = _as_number(exact * factor * magnitude)
    return None if number is None else Normalized(number, kind)


def measure_word(unit: str) -> str:
    """The unit without its magnitude: what a count counts (家, 名 …), or the base unit."""
    return split_unit(unit)[1]


#: Digits a figure of a source text may have: more is no figure (int() refuses over 4,300
#: digits, and a float holds about 308).
_MAX_FIGURE_DIGITS = 300
#: The most doublings 翻N番 may say: 2^1000 is still a float; 翻9999999番 would take minutes
#: and gigabytes to compute, and 翻<50 digits>番 forever.
_MAX_DOUBLINGS = 1000


def _integer(text: str) -> int | None:
    if not text.isascii():
        return chinese_integer(text)
    return int(text) if len(text) <= _MAX_FIGURE_DIGITS else None


def _ratio(top: int | None, bottom: int | None) -> float | None:
    """top / bottom, or None when either is missing or zero, or the quotient is beyond a float."""
    if not top or not bottom:
        return None
    try:
        return top / bottom
    except OverflowError:
        return None


def _decimal(text: str) -> Number | None:
    text = text.replace(",", "")
    if len(text) > _MAX_FIGURE_DIGITS:
        return None
    return float(text) if "." in text else int(text)


def _figure(match: re.Match[str]) -> Figure | None:
    """The figure a match of `_figure_pattern()` stands for, or None when the words are no figure after all."""
    group = match.group
    hedge = group("prefix") or group("about") or group("about2") or group("about3")
    hedge = hedge or group("about4")
    hedge = hedge or group("suffix") or group("upward") or ("以…计" if group("counted") else None)
    qualifier = HEDGES.get(hedge) if hedge else None
    value: Number | None
    if group("doubled"):
        times = _integer(group("doublings")) if group("doublings") else 1
        if times is None or times > _MAX_DOUBLINGS:
            return None
        value, unit = 2**times, "倍"
    elif group("rank"):
        value, unit = _integer(group("rank")), "名次"
    elif group("percent"):
        written = group("percent")
        value = _decimal(written) if written[0].isdigit() else _chinese_plain(written)
        unit = "%"
    elif group("half"):
        value, unit = 0.5, "占比"
    elif group("denominator"):
        value = _ratio(_integer(group("numerator")), _integer(group("denominator")))
        unit = "占比"
    elif group("top"):
        # 0/5 is a figure (none); 5/0 is not.
        top, bottom = _integer(group("top")), _integer(group("bottom"))
        value = 0.0 if top == 0 and bottom else _ratio(top, bottom)
        unit = "占比"
    elif group("arabic"):
        value = _decimal(group("arabic"))
        unit = (group("magnitude") or "") + (
            group("unit") or ("个百分点" if group("points") else "")
        )
        if not group("unit") and not group("points") and not hedge:
            unit = _shared_unit(match, unit)
        if group("and_half") and value is not None:
            value += 0.5
    elif group("chinese"):
        written = group("chinese")
        read = chinese_number(written)
        magnitude = group("zh_magnitude") or ""
        if read is not None and magnitude and read[1] > 1:
            # 六亿三千多万: the group after 多 belongs to the number (6.3亿, and more).
            read = chinese_number(written + magnitude)
            magnitude = ""
        if read is None or written in ("零", "〇"):  # 零部件, 零件: no figure
            return None
        value = read[0]
        unit = _GROUP_NAMES[read[1]] + magnitude + group("zh_unit")
        if group("zh_half"):
            value += 0.5
    elif group("bare_count"):
        read = chinese_number(group("bare_count"))
        if read is None or read[1] == 1:
            return None
        value, unit = read[0], _GROUP_NAMES[read[1]]
    elif group("upward") or group("counted"):
        value, unit = _ROUND_VALUES[group("up_magnitude") or group("counted_magnitude")]
        unit += group("up_unit") or ""
        if not unit:
            return None
    elif group("upper"):
        # 百分之八至九: the upper end of a range of percentages; any other number after 至 or 到
        # (到二十, 至3) is none.
        string, start = match.string, match.start()
        if _PERCENT_FROM.search(string, max(start - 24, 0), start) is None:
            return None
        written = group("upper")
        value = _decimal(written) if written[0].isdigit() else _chinese_plain(written)
        unit = "%"
    else:
        # 近亿元: a magnitude with no number is one of it, and only a hedge makes it a figure.
        if not group("prefix"):
            return None
        value = 1
        unit = group("bare_magnitude") + (group("bare_unit") or "")
    if value is None:
        return None
    if hedge == "近" and unit == "年" and _recent(match):
        hedge = qualifier = None
    exact = not (group("denominator") or group("top"))
    return Figure(value, unit, qualifier, group(0), match.start(), match.end(), exact, hedge)


def _shared_unit(match: re.Match[str], magnitude: str) -> str:
    """The unit of a list member or the lower end of a range that writes none (3、5万亿元;
    300万、500万元; 5—6%, 700万到800万吨): the measure written after the last member, after
    the member's own magnitude where it writes one (else the last member's); else the member's
    magnitude alone."""
    string, end = match.string, match.end()
    shared = (_SHARED_UNIT if string.startswith("、", end) else _RANGE_TO).match(string, end)
    if shared is None:
        return magnitude
    return (magnitude or shared["magnitude"] or "") + shared["unit"]


def _recent(match: re.Match[str]) -> bool:
    """Whether 近 before a number of years means "the last" (近两年来, 近三年平均, a clause that
    opens with 近三年), not "nearly" (将近十年, 经过近一年)."""
    string, start, end = match.string, match.start(), match.end()
    before = string[start - 1 : start]  # none at the start: a form read alone hedges
    if before in ("将", "接"):
        return False
    return (
        string.startswith(_RECENT_AFTER, end)
        or before in _RECENT_BEFORE
        or (string.endswith("特别是", 0, start))
    )


_GROUP_NAMES = {1: "", 10**4: "万", 10**8: "亿", 10**12: "万亿"}
#: A hedge a few words before a share: 超过全球一半 is more than half of the world's.
_SHARE_HEDGE = re.compile("(超过|接近|将近|不到|近|约)[^，。；,;0-9]{1,4}$")


def _chinese_plain(text: str) -> Number | None:
    """A Chinese number with no group left over (百分之十四点七 is 14.7)."""
    read = chinese_number(text)
    return read[0] * read[1] if read is not None else None


def figure_matches(text: str) -> Iterator[re.Match[str]]:
    """Every stretch of `text` that reads as a figure, left to right, as `parse_figures` reads
    them: `read_figure` says which figure each is (None: the words are no figure after all).
    Traditional numerals read as simplified ones (四點二倍 is 4.2倍); offsets are the text's."""
    return _figure_pattern().finditer(simplified(text))


def reads_alone(match: re.Match[str]) -> bool:
    """Whether a match of `figure_matches` reads as the same figure wherever its words stand, so
    that a reader may remember the figure by its words. Most do; a number that writes no unit
    (the 300万 of 300万、500万元, the 5 of 5—6%), the upper end of a range (the 九 of 百分之八至九)
    and 近 (近两年来 against 经过近两年) are read with the words around them."""
    group = match.group
    if group("upper") or group("prefix") == "近":
        return False
    return not (group("arabic") and not group("unit") and not group("points"))


def read_figure(match: re.Match[str]) -> Figure | None:
    """The figure a match of `figure_matches` stands for, or None when it is none after all."""
    return _figure(match)


def parse_figures(text: str) -> list[Figure]:
    """Every figure in `text`, left to right, with offsets into `text`.

    `text` should be NFKC-normalised (full-width digits and ％ become ASCII) with
    whitespace removed, as `hxq_cli.queries.verify.fold_source` leaves it.
    """
    figures = []
    for match in figure_matches(text):
        figure = _figure(match)
        if figure is None:
            continue
        if not match.group().isascii():
            # The figure as written (四點二倍), where its reading simplified it.
            figure = dataclasses.replace(figure, text=text[figure.start : figure.end])
        if figure.unit == "占比" and figure.hedge is None:
            before = _SHARE_HEDGE.search(text, max(figure.start - 6, 0), figure.start)
            if before is not None:
                hedge = before[1]
                figure = dataclasses.replace(figure, qualifier=HEDGES[hedge], hedge=hedge)
        figures.append(figure)
    return figures
