"""Labels of the terminal views in one or both languages."""

from __future__ import annotations

from hxq_cli.model import Bilingual, Lang


def label(text: Bilingual, lang: Lang, *, stacked: bool = False, separator: str = " ") -> str:
    """A label in one language, or Chinese then English (on two lines when `stacked`, else
    joined by `separator`)."""
    return text.pick(lang, "\n" if stacked else separator)


def lead(text: Bilingual, lang: Lang) -> str:
    """A label before its value on the same line: with a full-width colon in Chinese
    (数值：), with a colon and a space in English and in both languages."""
    return f"{label(text, lang)}{'：' if lang == 'zh' else ': '}"
