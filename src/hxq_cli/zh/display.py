"""How a figure is said to a reader, in Chinese as the source writes it and in English as an
English report would: 近1亿元 / nearly CNY 100 million, 1/3 / one third (about 33%),
第1名 / ranked 1st, 最快15分钟 / as little as 15 minutes.

Every view, export and chart shows these forms; `--json` keeps the exact value and unit beside
them.
"""

from __future__ import annotations

from fractions import Fraction

from hxq_cli.model import Fact, Lang, Value
from hxq_cli.zh.figures import measure_word, normalize

#: How the source hedges a figure, with its Chinese and English wording.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "nearly": ("近", "nearly"),
    "about": ("约", "about"),
    "more_than": ("超过", "more than"),
    # 突破 is a mark passed (合格率突破98%), which Chinese does not write 超过.
    "passed": ("突破", "over"),
    "at_least": ("至少", "at least"),
    "at_most": ("最多", "at most"),
    "as_little_as": ("最快", "as little as"),
}
#: Older names still read in framework files.
QUALIFIER_ALIASES: dict[str, str] = {"approximately": "about", "as_low_as": "as_little_as"}
#: Every qualifier a file may hold (for schemas of exported tables).
QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    **QUALIFIERS,
    **{old: QUALIFIERS[new] for old, new in QUALIFIER_ALIASES.items()},
}

#: Units whose English is a word after the number (singular, plural).
_ENGLISH_UNITS: dict[str, tuple[str, str]] = {
    "分钟": ("minute", "minutes"),
    "小时": ("hour", "hours"),
    "天": ("day", "days"),
    "年": ("year", "years"),
    "个月": ("month", "months"),
    "亩": ("mu", "mu"),
    "公里": ("km", "km"),
    "千米": ("km", "km"),
    "米": ("metre", "metres"),
    "吨": ("tonne", "tonnes"),
    "倍": ("time", "times"),
}
#: Measure words of counts: English says the number alone (the statement says what it counts).
_COUNT_WORDS = frozenset("项家个名次条张件位人所份座台套户")
_FRACTION_WORDS = {
    Fraction(1, 2): "one half",
    Fraction(1, 3): "one third",
    Fraction(2, 3): "two thirds",
    Fraction(1, 4): "one quarter",
    Fraction(3, 4): "three quarters",
    Fraction(1, 5): "one fifth",
    Fraction(1, 10): "one tenth",
}


def format_number(value: Value) -> str:
    """A number as people write it: 1871, 24.24, 1/3 (never 1871.0 or 1e+06)."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


def _grouped(value: float | int) -> str:
    """A number in English: thousands grouped, no needless decimals (2.424, 10,000)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return f"{int(value):,}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _qualifier(fact: Fact) -> tuple[str, str] | None:
    if fact.qualifier is None:
        return None
    name = QUALIFIER_ALIASES.get(fact.qualifier, fact.qualifier)
    return QUALIFIERS.get(name, (fact.qualifier, fact.qualifier.replace("_", " ")))


def chinese(fact: Fact) -> str:
    """The figure as Chinese writes it: 24.24亿元, 近1亿元, 1/3, 第1名, 最快15分钟."""
    if fact.display is not None:
        return fact.display.zh
    number = format_number(fact.value)
    unit = fact.unit
    if unit == "名次":
        said = f"第{number}名"
    elif unit == "占比":
        said = number if isinstance(fact.value, Fraction) else f"{float(fact.value) * 100:g}%"
    else:
        sep = " " if unit[:1].isascii() and unit != "%" else ""
        said = f"{number}{sep}{unit}"
    hedge = _qualifier(fact)
    return f"{hedge[0]}{said}" if hedge else said


def _share(value: Value) -> str:
    percent = float(value) * 100
    if isinstance(value, Fraction) and value in _FRACTION_WORDS:
        return f"{_FRACTION_WORDS[value]} (about {percent:.0f}%)"
    if isinstance(value, Fraction):
        return f"{format_number(value)} (about {percent:.0f}%)"
    return f"{percent:g}%"


def _money(yuan: float | int) -> str:
    if abs(yuan) >= 1e9:
        return f"CNY {_grouped(yuan / 1e9)} billion"
    if abs(yuan) >= 1e6:
        return f"CNY {_grouped(yuan / 1e6)} million"
    return f"CNY {_grouped(yuan)}"


def _english_amount(fact: Fact) -> str:
    value, unit = fact.value, fact.unit
    if unit == "名次":
        return f"ranked {_ordinal(int(value))}" if float(value).is_integer() else f"rank {value}"
    if unit == "占比":
        return _share(value)
    if unit == "%":
        return f"{format_number(value)}%"
    normalized = normalize(value, unit)
    if normalized is not None and normalized.unit == "CNY":
        return _money(normalized.value)
    if normalized is not None and normalized.unit == "m2":
        return f"{_grouped(normalized.value)} m²"
    word = measure_word(unit)
    number = normalized.value if normalized is not None else value
    if isinstance(number, Fraction):
        number = float(number)
    if word in _COUNT_WORDS or (word == "" and normalized is not None):
        return _grouped(number)
    names = _ENGLISH_UNITS.get(word)
    if names is not None:
        if normalized is None or normalized.unit in ("ratio", "years", "minutes"):
            number = float(value) if isinstance(value, Fraction) else value
            return f"{_grouped(number)} {names[0] if number == 1 else names[1]}"
        return f"{_grouped(number)} {names[1]}"
    return f"{format_number(value)} {unit}"


def english(fact: Fact) -> str:
    """The figure as an English report writes it: CNY 2.424 billion, nearly CNY 100 million,
    one third (about 33%), ranked 1st, as little as 15 minutes."""
    if fact.display is not None:
        return fact.display.en
    said = _english_amount(fact)
    hedge = _qualifier(fact)
    return f"{hedge[1]} {said}" if hedge else said


def display(fact: Fact, lang: Lang) -> str:
    """The figure in one language, or Chinese / English for both (once when the same)."""
    if lang == "zh":
        return chinese(fact)
    if lang == "en":
        return english(fact)
    zh, en = chinese(fact), english(fact)
    return zh if zh == en else f"{zh} / {en}"


def amount(fact: Fact, lang: Lang) -> str:
    """The figure as a reader says it (see `display`)."""
    return display(fact, lang)
