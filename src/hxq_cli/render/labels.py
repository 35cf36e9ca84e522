"""Labels of the terminal views in one or both languages."""

from __future__ import annotations

from hxq_cli.model import Bilingual, Lang
from hxq_cli.text import colon


def label(text: Bilingual, lang: Lang, *, stacked: bool = False, separator: str = " ") -> str:
    """A label in one language, or Chinese then English (on two lines when `stacked`, else
    joined by `separator`)."""
    return text.pick(lang, "\n" if stacked else separator)


def lead(text: Bilingual, lang: Lang) -> str:
    """A label before its value on the same line: 数值：, Value: (see `text.colon`)."""
    return label(text, lang) + colon(lang)
