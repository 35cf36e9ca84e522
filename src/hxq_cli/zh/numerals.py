"""Chinese numerals: 一, 十二, 一百零四, 两千 … as integers."""

from __future__ import annotations

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
