"""The check that sends text with very long lines to the pure-Python YAML parser."""

from __future__ import annotations

import re

import pytest

from hxq_cli.loader import _LONG_LINE

_UNANCHORED = re.compile(r"[^\n]{20000}")


@pytest.mark.parametrize(
    "text",
    [
        "x" * 20000,
        "x" * 19999,
        "a\n" + "x" * 19999 + "\nb",
        "a\n" + "x" * 20000,
        "\n" * 5 + "y" * 20001 + "\n",
        "ab\r" + "x" * 20000,
        "ab\r" + "x" * 19990 + "\r" + "y" * 20,
        ("short line\n" * 3000) + "z" * 20000,
        "",
    ],
)
def test_a_line_of_20000_characters_is_found_wherever_it_is(text: str) -> None:
    assert bool(_LONG_LINE.search(text)) == bool(_UNANCHORED.search(text))
