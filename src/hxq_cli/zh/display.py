"""How a figure is said to a reader: its number, unit and hedge, in Chinese or English."""

from __future__ import annotations

from hxq_cli.model import Bilingual, Fact, Lang, Number

#: How the source hedges a figure ("近", "突破", "最快" …), and how to say it.
QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    "approximately": ("约", "approx."),
    "more_than": ("超过", "over"),
    "at_least": ("至少", "at least"),
    "as_low_as": ("最快", "as little as"),
}


def format_number(value: Number) -> str:
    """A number as people write it: 1871, 24.24, 0.3333 (never 1871.0 or 1e+06)."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


def hedged_value(fact: Fact, lang: Lang) -> str:
    """The figure with the source's hedge spelled out: "over 98", "约 1", "超过/over 98"."""
    number = format_number(fact.value)
    if fact.qualifier is None:
        return number
    zh, en = QUALIFIER_LABELS.get(fact.qualifier, (fact.qualifier, fact.qualifier))
    # Both languages: one hedge in two words, so that it still reads as one phrase.
    hedge = Bilingual(zh, en).pick(lang, "/")
    return f"{hedge} {number}"


def amount(fact: Fact, lang: Lang) -> str:
    """Value and unit as Chinese writes them (24.24亿元, 98%), hedges spelled out."""
    sep = " " if fact.unit[:1].isascii() and fact.unit != "%" else ""
    return f"{hedged_value(fact, lang)}{sep}{fact.unit}"
