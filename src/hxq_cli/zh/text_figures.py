"""Which figures of a Chinese policy text a draft framework takes as facts, and how it says them.

`figures_in` reads every figure of a text with `parse_figures` (the grammar `hxq verify` reads
anchors with, so a drafted anchor verifies by construction) and keeps those that measure
something: not dates (2024年, 3月), anniversaries (75周年), ordinals and list markers (第二批,
一是), version and model names (5G, 3.0版, C919), the 一 of 一个/一项 ("a", "one such"), or
the number inside a numbered formulation (the 两 of 两个毫不动摇). Each kept figure gets the
date the text gives it (截至2025年底 governs the rest of its sentence) and an anchor: a short
span around it that occurs once in the text as verify reads it. No I/O, no terminal.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from hxq_cli.model import Value
from hxq_cli.text import find_all
from hxq_cli.zh.figures import HEDGES, Figure, measure_word, normalize, parse_figures, split_unit
from hxq_cli.zh.numerals import simplified

#: Anchors are at most this long (characters of the folded text).
MAX_ANCHOR = 40
#: An anchor starts with the figure and at least this many characters of its clause.
MIN_CONTEXT = 6

#: Characters that end a clause: an anchor stays inside its clause while it can.
_CLAUSE_ENDS = frozenset("，。；：！？,;:!?\n")
#: Characters that end a sentence: a date given by 截至 holds until one of them.
_SENTENCE_ENDS = frozenset("。！？!?\n")
#: Measure words of plain counts: 一 before one of them means "a", not the number one.
_COUNT_WORDS = frozenset(
    "个项件种次批场条张家位名座所套户部支道份本首处轮档只头人类篇册台辆艘架株栋枚"
)
_TIME_UNITS = ("年", "个月", "天", "周")
#: Words before a time that say by how long something moved: 提前一年 is a duration, not "a year".
_SHIFTED = ("提前", "推迟", "延迟", "延长", "缩短", "提早")
#: Words before 第一, 第二 … that make it a rank (名列第一, 位居世界第二), not an ordinal; 列入
#: ("put on a list") is none.
_RANKED = re.compile("名列|位列|列[世全第]|居|排名|排在|排第|世界|全国|全省|全市|升到|升至|提升到")
#: Words after 第一, 第三 … that make it part of a name: 第三世界, 第一产业, 第三方, 第一线.
_ORDINAL_NAMES = ("世界", "产业", "方", "线", "梯队", "代")
#: Words just before a small count that refer to a set the text gives (这两个, 以下四项): the
#: text's own structure, not a measured figure.
_REFERENCES = ("上述", "以上", "以下", "下列", "如下", "前述", "上面", "下面", "前面")
#: Nouns that a repeated small count counts rather than names (三个单位, 两个年度计划).
_COUNTED_NOUNS = ("单位", "年度", "五年", "项目", "企业", "国家", "地区", "城市", "省", "县", "市")
#: Nouns after a small count that make it a named set of rules (四项基本原则, 中央八项规定).
_SET_NOUNS = ("原则", "规定", "主张", "方针", "纪律", "公报", "基本")
#: Measure words of a named set's numeral (三个代表, 四项基本原则, 两条道路).
_SET_WORDS = frozenset("个项条种件点类")
#: A short quotation that starts with a Chinese numeral: a name (“三个代表”, “两个一百年”,
#: “五位一体”), whatever numbers it holds.
_QUOTED_NAME = re.compile(
    r"[“‘\"「『]([一二两三四五六七八九十双][^“‘「『，。；：、”’\"」』,;:!?\n]{0,9})[”’\"」』]"
)
_HAN = re.compile("[\u4e00-\u9fff]")
#: Two countries (中美, 美中, 中日 …), as a set of documents between them is named (中美三个联合公报).
_COUNTRIES = re.compile(
    "(?:中[美日英法德俄苏印朝韩越欧]|[美日英法德俄苏印朝韩越欧]中)(?:之间|关系|两国)?$"
)
_AS_OF = re.compile(
    r"(?:截至|截止到|截止|至)(?P<year>[0-9]{4})年(?:(?P<month>[0-9]{1,2})月)?(?P<end>年?底|年?末)?"
)
_LEADING_DATE = re.compile(
    r"(?P<year>[0-9]{4})年(?:(?P<month>[0-9]{1,2})月)?(?P<end>年?底|年?末)[，,]"
)
_MONTH_ENDS = {
    1: 31,
    2: 28,
    3: 31,
    4: 30,
    5: 31,
    6: 30,
    7: 31,
    8: 31,
    9: 30,
    10: 31,
    11: 30,
    12: 31,
}
#: Idioms whose numbers count nothing (三番五次: "again and again").
_IDIOMS = (
    *("三番五次", "三天两头", "一年四季", "千家万户", "三百六十行", "两条腿走路", "十年磨一剑"),
    *("成千上万", "千千万万", "最后一公里", "两位数", "个位数", "一成不变", "一年比一年"),
    # Names that hold a number: 四人帮 (the Gang of Four), 一中一台 ("one China, one Taiwan").
    *("四人帮", "一中一台", "两个中国", "三次产业", "三个世界", "三门峡"),
)

#: How an idiom of growth is said: 翻倍 / doubled.
_DOUBLINGS = {1: "doubled", 2: "quadrupled", 3: "increased eightfold"}


@dataclass(frozen=True, slots=True)
class TextFigure:
    """A figure of the text as a draft takes it: value and unit as a reader reads them, the
    hedge as written and in hxq's vocabulary, the date the text gives it, and where it is."""

    value: Value
    unit: str
    #: The hedge as the text writes it (近, 左右, 翻倍 …), or None.
    word: str | None
    #: The hedge in the vocabulary of `Fact.qualifier` (nearly, about …), or None.
    qualifier: str | None
    #: The figure as a reader says it, where number and unit cannot (翻一番 / doubled).
    display: tuple[str, str] | None
    as_of: str | None
    #: The figure as written, and its span in the folded text.
    text: str
    start: int
    end: int
    #: The anchor's span in the folded text.
    anchor_start: int
    anchor_end: int
    #: What a person should check: "unit" (a bare magnitude such as 万), "qualifier".
    unsure: tuple[str, ...] = ()


_SLASHED = re.compile("([0-9]+)/([0-9]+)")


def _value(figure: Figure) -> Value:
    """The exact value: 1/3 as a fraction, 一半 as 1/2."""
    slashed = _SLASHED.search(figure.text)
    if slashed is not None:
        return Fraction(int(slashed[1]), int(slashed[2]))
    if figure.unit == "占比" and not figure.exact or figure.text.startswith("一半"):
        return Fraction(figure.value).limit_denominator(1000)
    return figure.value


def _is_share(figure: Figure) -> bool:
    """1/3 is a share; 1994/1995 (a span of years) and 3/2 are none."""
    slashed = _SLASHED.search(figure.text)
    return slashed is None or 0 < int(slashed[1]) < int(slashed[2]) <= 1000


def _is_date(folded: str, figure: Figure) -> bool:
    after = folded[figure.end : figure.end + 2]
    before = folded[max(figure.start - 1, 0) : figure.start]
    value = figure.value
    if figure.unit == "年":
        # A year: 2024年, 1978年以来, 超过1979年到1997年 (the total of those years); not 近2000年
        # or 2000多年, durations.
        written = figure.text.lstrip("超过突破逾至少不到")
        vague = figure.hedge in ("多", "余", "近", "约", "左右")
        if isinstance(value, int) and 1000 <= value <= 2200 and written[:1].isdigit():
            return not vague
        if after[:1] in ("代", "级", "度") or before == "第":
            return True  # 80年代, 2023年级, 第三年
    if figure.unit.endswith("周") and after[:1] == "年":
        return True  # an anniversary: 75周年
    # A plan's name (第十四个五年规划), a goal named for a year (建军一百年奋斗目标).
    if figure.unit == "年" and folded.startswith("奋斗目标", figure.end):
        return True
    return figure.unit == "年" and after in ("规划", "计划") and before == "个"


def _is_name_or_ordinal(folded: str, figure: Figure) -> bool:
    before = folded[max(figure.start - 1, 0) : figure.start]
    after = folded[figure.end : figure.end + 1]
    if before.isascii() and before.isalnum() or after.isascii() and after.isalpha():
        return True  # 5G, C919, PM2.5, G20
    if figure.text.startswith("第"):
        # 名列第一, 位居世界第二 are ranks; 第二批, 第十四届, 放在第一位 are ordinals.
        preceding = folded[max(figure.start - 4, 0) : figure.start]
        if folded.startswith(_ORDINAL_NAMES, figure.end):
            return True
        return not _RANKED.search(preceding) or "放在" in preceding
    if figure.unit == "次" and "届" in folded[max(figure.start - 6, 0) : figure.start]:
        return True  # a session: 五届人大四次会议, 十三届全国人大五次会议
    if before in ("第", "几", "数") or folded[max(figure.start - 2, 0) : figure.start] == "若干":
        return True  # an ordinal (第十四), or a vague number (几十年, 数百)
    preceding = folded[max(figure.start - 3, 0) : figure.start]
    # 过去五年, 这两年: the period a report covers, named like 过去一年, not a measured duration.
    return figure.unit == "年" and (
        preceding.endswith("过去") or preceding == "过去的" or before == "这"
    )


def _is_a_not_one(folded: str, figure: Figure) -> bool:
    """一个, 一项, 一次性, 一年: 'a', 'one such', not a figure (unless hedged or 一年来); 一度
    ("at one time") is an adverb unless a kilowatt-hour follows (一度电)."""
    text = figure.text.lstrip("近约超过突破逾")
    if text[:1] != "一" or text[1:2] in "零〇一二两三四五六七八九十百千万亿点":
        return False  # not 一 alone: 一百二十个 is a figure
    unit = figure.unit
    if unit in _COUNT_WORDS:
        return True  # 一批, 突破一批: vague, however hedged
    if unit == "度":
        return folded[figure.end : figure.end + 1] != "电"
    if figure.qualifier is not None:
        return False
    if unit == "成":
        return True  # 统一成为: "unify into"; 减产一成以上 is hedged
    if unit in _TIME_UNITS:
        after = folded[figure.end : figure.end + 2]
        if folded.endswith(_SHIFTED, 0, figure.start):
            return False  # 提前一年, 推迟一年: by how long, a duration
        return not after.startswith(("来", "多", "内", "以来", "半"))
    return False


def _small_chinese_count(figure: Figure) -> bool:
    """两个, 三项, 十条: a count of up to twelve in Chinese numerals, as sets are named."""
    return (
        figure.hedge is None
        and not any(c.isdigit() for c in figure.text)
        and isinstance(figure.value, int)
        and 2 <= figure.value <= 12
    )


def _in_quoted_name(folded: str, figure: Figure) -> bool:
    """Whether a figure in Chinese numerals stands inside a short quoted name (“两个一百年”)."""
    if any(c.isdigit() for c in figure.text):
        return False
    window_start = max(figure.start - 11, 0)
    for match in _QUOTED_NAME.finditer(folded, window_start, figure.end + 11):
        if match.start(1) <= figure.start and figure.end <= match.end(1):
            return True
    return False


def _refers_or_names(folded: str, figure: Figure, repeats: dict[str, int]) -> bool:
    """A small count that is no measurement: a reference to a set the text gives (这两个,
    以下四项), or the numeral of a named set, whatever the formulation finder makes of it:
    quoted (“三个代表”), of two countries' documents (中美三个联合公报), or a name the text
    repeats (四个现代化, two or more times with the same words after it)."""
    if _in_quoted_name(folded, figure):
        return True
    if not _small_chinese_count(figure):
        return False
    before = folded[max(figure.start - 6, 0) : figure.start]
    if before[-1:] in ("这", "那") or before.endswith(_REFERENCES):
        return True
    if measure_word(figure.unit) not in _SET_WORDS:
        return False
    if _COUNTRIES.search(before) or folded.startswith(_SET_NOUNS, figure.end):
        return True
    after = folded[figure.end : figure.end + 2]
    return (
        len(after) == 2
        and all(_HAN.match(c) for c in after)
        and not after.startswith(_COUNTED_NOUNS)
        and _count(folded, figure.text + after, repeats) >= 2
    )


def _count(folded: str, phrase: str, seen: dict[str, int]) -> int:
    """How often `phrase` occurs in the text, remembered: a long text repeats its names, and
    counting each place again would make it quadratic."""
    count = seen.get(phrase)
    if count is None:
        count = seen[phrase] = folded.count(phrase)
    return count


def _in_idiom(folded: str, figure: Figure) -> bool:
    window = folded[max(figure.start - 4, 0) : figure.end + 4]
    return any(idiom in window for idiom in _IDIOMS)


def _threshold(figure: Figure) -> bool:
    """60岁以上: an age that defines a group, not a measured figure."""
    return figure.unit.endswith("岁") and figure.hedge in ("以上", "以下")


def _as_of(year: str, month: str | None, end: str | None) -> str:
    if month is None:
        return f"{year}-12-31" if end else year
    m = int(month)
    if not 1 <= m <= 12:
        return year
    if end:
        day = _MONTH_ENDS[m] + (m == 2 and int(year) % 4 == 0)
        return f"{year}-{m:02d}-{day:02d}"
    return f"{year}-{m:02d}"


def _dates(folded: str) -> list[tuple[int, int, str]]:
    """Spans of the folded text that a date governs: from 截至2025年底 to the sentence's end."""
    spans = []
    for pattern in (_AS_OF, _LEADING_DATE):
        for match in pattern.finditer(folded):
            stop = match.end()
            while stop < len(folded) and folded[stop] not in _SENTENCE_ENDS:
                stop += 1
            spans.append((match.end(), stop, _as_of(match["year"], match["month"], match["end"])))
    return sorted(spans)


def _hedge_word(figure: Figure, folded: str) -> str | None:
    if figure.unit == "倍" and figure.text.lstrip("近约超过").startswith("翻"):
        return figure.text[figure.text.index("翻") :]
    if figure.hedge == "近" and folded[max(figure.start - 1, 0) : figure.start] in ("接", "将"):
        return folded[figure.start - 1] + "近"
    return figure.hedge


def _display(figure: Figure) -> tuple[str, str] | None:
    if figure.unit == "倍" and "翻" in figure.text:
        doublings = {2: 1, 4: 2, 8: 3}.get(int(figure.value), 0)
        english = _DOUBLINGS.get(doublings, f"multiplied {figure.value}-fold")
        return figure.text[figure.text.index("翻") :], english
    return None


def _unsure(figure: Figure) -> tuple[str, ...]:
    why = []
    magnitude, rest = split_unit(figure.unit)
    if rest == "" and magnitude != 1:
        why.append("unit")  # 6600多万: ten thousands of what the text says next
    if figure.hedge in ("内", "上", "以…计", "以下", "余"):
        why.append("qualifier")
    return tuple(why)


class _Spans:
    """Spans of the text that hold no figure, asked whether they overlap a figure in log time."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlap(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0 and self.starts[index] > start - self.longest:
            if self.spans[index][1] > start:
                return True
            index -= 1
        return False


def is_figure(
    folded: str, figure: Figure, skip: _Spans | None = None, repeats: dict[str, int] | None = None
) -> bool:
    """Whether a figure of the folded text measures something a draft should record."""
    if not figure.unit or not _is_share(figure):
        return False  # a bare number (a list marker, a code, part of a date), a span of years
    if _is_date(folded, figure) or _is_name_or_ordinal(folded, figure):
        return False
    if _is_a_not_one(folded, figure) or _in_idiom(folded, figure) or _threshold(figure):
        return False
    if _refers_or_names(folded, figure, {} if repeats is None else repeats):
        return False
    return skip is None or not skip.overlap(figure.start, figure.end)


def figures_in(
    folded: str, skip: Sequence[tuple[int, int]] = (), unanchored: list[str] | None = None
) -> list[TextFigure]:
    """Every figure of `folded` (text as `fold_source` leaves it) that a draft takes, in order,
    each with an anchor that occurs once in the text (a figure with none is left out, and its
    text added to `unanchored` when that is given, so that a caller can say why).

    `skip` holds spans that hold no figure (the names of numbered formulations)."""
    written = folded
    # The rules read traditional numerals and measure words as simplified ones (第一個五年計劃
    # is a plan's name as 第一个五年计划 is); anchors and figures keep the text as written.
    folded = simplified(folded)
    dates = _dates(folded)
    spans = _Spans(skip)
    repeats: dict[str, int] = {}
    kept = [f for f in parse_figures(folded) if is_figure(folded, f, spans, repeats)]
    anchors = Anchors(folded)
    anchors.expect(folded[f.start : f.end] for f in kept)
    found = []
    date_index = 0
    for figure in kept:
        while date_index < len(dates) and dates[date_index][1] <= figure.start:
            date_index += 1
        as_of = None
        for start, stop, date in dates[date_index:]:
            if start > figure.start:
                break
            if start <= figure.start < stop:
                as_of = date
        a_start, a_end = anchors.around(figure.start, figure.end)
        if not anchors.unique(a_start, a_end):
            # Its whole line stands elsewhere too (a heading the text's outline repeats): no
            # anchor could name its one place, and verify holds an anchor to one place.
            if unanchored is not None:
                unanchored.append(written[figure.start : figure.end])
            continue
        display = _display(figure)
        word = _hedge_word(figure, folded)
        found.append(
            TextFigure(
                value=_value(figure),
                # Units and hedges are few words said many times: one string each, not one per
                # figure (a text of many figures holds them all).
                unit=sys.intern(figure.unit),
                word=None if word is None else sys.intern(word),
                qualifier=figure.qualifier or HEDGES.get(word or ""),
                display=display,
                as_of=as_of,
                text=written[figure.start : figure.end],
                start=figure.start,
                end=figure.end,
                anchor_start=a_start,
                anchor_end=a_end,
                unsure=_unsure(figure) + (() if normalize(1, figure.unit) or display else ()),
            )
        )
    return found


#: Characters an anchor does not start with.
_NO_START = frozenset("，。；：！？、）》”’,;:!?)")
_NUMBERISH = frozenset("0123456789.,%零〇一二两三四五六七八九十百千万亿点")


#: How many needles of one length make one pass over the text for all of them cheaper than a
#: `str.find` pass for each (a Python step per character against a C scan).
_ONE_PASS_FROM = 48


class Anchors:
    """Short spans of a text that occur in it once: the anchors of a draft's figures and names.

    An anchor never crosses a line, starts at a word rather than inside a number or after a
    comma, and is at most `MAX_ANCHOR` characters long."""

    def __init__(self, folded: str) -> None:
        self.text = folded
        #: The text as verify matches anchors in it: with no line breaks, so that a span may
        #: occur again across one (。 at a line's end, 五年来 at the next one's start).
        self._joined = folded.replace("\n", "")
        self._breaks = [i for i, char in enumerate(folded) if char == "\n"]
        self._places: dict[str, list[int]] = {}
        self._core = (0, 0)

    def expect(self, needles: Iterable[str]) -> None:
        """Find every occurrence of the needles to come (the figures' texts) at once.

        Searching the text once per needle (`_occurrences`) costs a pass over the whole text
        for each: on a text of tens of thousands of distinct figures, minutes. Here needles of
        a length that many share are found in one pass over the text for that length, a set
        looked up at each offset; the few of other lengths are still searched one by one,
        which is faster for them."""
        by_length: dict[int, set[str]] = {}
        for needle in needles:
            if needle and needle not in self._places:
                by_length.setdefault(len(needle), set()).add(needle)
        many = [n for group in by_length.values() if len(group) >= _ONE_PASS_FROM for n in group]
        if many:
            every = len(self._joined) + 1
            for needle, (found, _) in find_all(self._joined, many, every).items():
                self._places[needle] = found

    def _occurrences(self, needle: str) -> list[int]:
        """Every offset of the joined text where `needle` starts (remembered: a report repeats
        its figures)."""
        found = self._places.get(needle)
        if found is None:
            found = []
            at = self._joined.find(needle)
            while at != -1:
                found.append(at)
                at = self._joined.find(needle, at + 1)
            self._places[needle] = found
        return found

    def unique(self, start: int, end: int) -> bool:
        """Whether `start:end` (a span of one line) occurs once in the text as verify reads it,
        line breaks left out: it holds the figure or name being anchored, so only the other
        places of that core need be compared (a long text is not searched again for every
        character an anchor grows by)."""
        core_start, core_end = self._core
        before = core_start - start
        span = self.text[start:end]
        joined = self._joined
        here = core_start - bisect.bisect_left(self._breaks, core_start)
        for place in self._occurrences(self.text[core_start:core_end]):
            other = place - before
            if place != here and other >= 0 and joined[other : other + len(span)] == span:
                return False
        return True

    def _line(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        return text.rfind("\n", 0, start) + 1, (text.find("\n", end) % (len(text) + 1))

    def around(self, start: int, end: int) -> tuple[int, int]:
        """A span that holds `start:end`, reads as a phrase and occurs once where it can."""
        text = self.text
        self._core = (start, end)
        floor, ceiling = self._line(start, end)
        if ceiling < end:
            ceiling = len(text)

        def left(a: int, ends: bool) -> int:
            if a <= floor or (ends and text[a - 1] in _CLAUSE_ENDS):
                return a
            a -= 1
            while a > floor and text[a] in _NUMBERISH and text[a - 1] in _NUMBERISH:
                a -= 1  # never start inside a number
            return a

        def right(b: int, ends: bool) -> int:
            if b >= ceiling or (ends and text[b] in _CLAUSE_ENDS):
                return b
            return b + 1

        a, b = start, end
        for _ in range(MIN_CONTEXT):
            a = left(a, True)
        while b - a < MIN_CONTEXT and right(b, True) != b:
            b = right(b, True)
        while a < start and text[a] in _NO_START:
            a += 1
        for ends in (True, False):
            while not self.unique(a, b):
                grown = left(a, ends), b
                if grown[0] == a or (b - a) % 3 == 2:
                    grown = a, right(b, ends)
                    if grown[1] == b:
                        grown = left(a, ends), b
                if grown == (a, b) or grown[1] - grown[0] > MAX_ANCHOR:
                    break
                a, b = grown
        while a < start and text[a] in _NO_START and self.unique(a + 1, b):
            a += 1
        return a, b
