"""Chinese numerals: 一, 十二, 一百零四, 两千 … as integers."""

from __future__ import annotations

import re

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
#: Traditional characters of numerals (點 the decimal point, 萬, 億, 兩), of measure words (個, 項,
#: 條 …), of hedges (約, 餘, 超過, 將近, 以內) and of the words the figure rules read around a
#: number (這兩個, 過去兩年, 幾十, 第一個五年計劃, 一年來, 週年, 節約), each with its simplified form:
#: one character for one, so that offsets into a text stay where they were. A report of the
#: 1950s (gwr1954) writes 四點二倍 and 一萬三千五百十三台.
_TRADITIONAL_FORMS = "點萬億兩個項條張種噸臺計劃規約餘過將內這幾與數屆來週節簽協預違"
_TRADITIONAL = str.maketrans(
    _TRADITIONAL_FORMS, "点万亿两个项条张种吨台计划规约余过将内这几与数届来周节签协预违"
)
_ANY_TRADITIONAL = re.compile(f"[{_TRADITIONAL_FORMS}]")


def simplified(text: str) -> str:
    """`text` with the traditional characters of numerals and measure words simplified,
    character for character (四點二倍 → 四点二倍); every other character as it was."""
    # A text in simplified characters, nearly every one, is returned as it is: looking for
    # one of these characters costs a hundredth of translating the text.
    return text if _ANY_TRADITIONAL.search(text) is None else text.translate(_TRADITIONAL)


#: The characters of a Chinese numeral that `chinese_integer` reads.
ZH_NUMERAL = "[零〇一二两三四五六七八九十百千]+"


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


#: A Chinese number as `chinese_number` reads it: a numeral that may hold 万 and 亿 groups
#: and a decimal part after 点 (四百二十七亿四千万, 十四点七, 零点八).
ZH_NUMBER = "[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+(?:万亿|亿|万)?)?"
_GROUPS = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_DECIMAL_DIGITS = {"零": "0", "〇": "0", **{k: str(v) for k, v in _ZH_DIGITS.items() if k != "两"}}


def chinese_number(text: str) -> tuple[int | float, int] | None:
    """A Chinese number and the largest group it is written in: 四百二十七亿四千万 is
    (427.4, 10**8), 一千二百四十四万 (1244, 10**4), 十四点七 (14.7, 1), 六万万 (6, 10**8).

    The value is given in that group, as a reader says it (427.4亿); None when the text is no
    number (a year read digit by digit, 一九五二, is none)."""
    whole, point, fraction = text.partition("点")
    group = 1
    if point:
        # 四点五亿: the group written after the decimals applies to the whole number.
        for name, size in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
            if fraction.endswith(name):
                fraction, group = fraction[: -len(name)], size
                break
        if not fraction or any(c not in _DECIMAL_DIGITS for c in fraction):
            return None
    total = 0
    largest = 1
    rest = whole.replace("万万", "亿")
    for name in _GROUPS:
        if name not in rest:
            continue
        head, _, rest = rest.partition(name)
        head = head.lstrip("零〇")
        if name in rest or not head or (name == "亿" and head.endswith("万")):
            return None
        # 千亿, 百亿: a round number of a group needs no digit before its unit.
        value = chinese_integer("一" + head if head in ("千", "百") else head)
        if value is None:
            return None
        total += value * _GROUPS[name]
        largest = max(largest, _GROUPS[name])
    if rest:
        tail = (
            chinese_integer(rest.lstrip("零〇") or "零")
            if rest.startswith(("零", "〇"))
            else chinese_integer(rest)
        )
        if tail is None:
            return None
        if largest > 1 and not rest.startswith(("零", "〇")) and tail < 10 and len(rest) == 1:
            # 一万五 is 15,000: a last digit straight after a group counts the next unit down.
            tail *= largest // 10
        total += tail
    elif not whole:
        return None
    if point:
        if largest != 1:
            return None
        return float(f"{total}.{''.join(_DECIMAL_DIGITS[c] for c in fraction)}"), group
    if largest == 1:
        return total, 1
    scaled = total / largest
    return (int(scaled) if scaled.is_integer() else round(scaled, 8)), largest
