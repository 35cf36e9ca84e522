"""Plain-text wording shared by every renderer (terminal, Markdown …): labels and figures."""

from __future__ import annotations

from hxq_cli.model import QUALIFIER_LABELS, Bilingual, Fact, Lang, format_number


def label(text: Bilingual, lang: Lang, *, stacked: bool = False) -> str:
    """A label in one language, or Chinese then English (on two lines when `stacked`)."""
    if lang != "both":
        return text.pick(lang)
    return f"{text.zh}\n{text.en}" if stacked else f"{text.zh} {text.en}"


def hedged_value(fact: Fact, lang: Lang) -> str:
    """The figure with the source's hedge spelled out: "over 98", "约 1", "超过/over 98"."""
    number = format_number(fact.value)
    if fact.qualifier is None:
        return number
    zh, en = QUALIFIER_LABELS.get(fact.qualifier, (fact.qualifier, fact.qualifier))
    # Both languages: one hedge in two words, so that it still reads as one phrase.
    hedge = f"{zh}/{en}" if lang == "both" else Bilingual(zh, en).pick(lang)
    return f"{hedge} {number}"


def amount(fact: Fact, lang: Lang) -> str:
    """Value and unit as Chinese writes them (24.24亿元, 98%), hedges spelled out."""
    sep = " " if fact.unit[:1].isascii() and fact.unit != "%" else ""
    return f"{hedged_value(fact, lang)}{sep}{fact.unit}"
