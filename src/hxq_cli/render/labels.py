"""Labels of the terminal views in one or both languages."""

from __future__ import annotations

from hxq_cli.model import Bilingual, Lang


def label(text: Bilingual, lang: Lang, *, stacked: bool = False, separator: str = " ") -> str:
    """A label in one language, or Chinese then English (on two lines when `stacked`, else
    joined by `separator`)."""
    return text.pick(lang, "\n" if stacked else separator)
