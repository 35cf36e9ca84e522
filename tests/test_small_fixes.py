"""The smaller points of issue 12: narrow help, the --lang message, CSV on a terminal, the tree."""

from __future__ import annotations

import io
import sys

import pytest

from conftest import Run
from hxq_cli.cli.output import emit_text


def test_help_at_40_columns_loses_no_word(hxq: Run) -> None:
    result = hxq("show", "--help", width=40)
    assert "…" not in result.out
    words = " ".join(result.out.split())
    assert "Write JSON to stdout instead of a view." in words


def test_a_typed_lang_is_named_without_the_env_var(
    hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = hxq("show", "--lang", "fr")
    assert typed.code == 2
    assert "Invalid value for '--lang':" in typed.err and "env var" not in typed.err
    monkeypatch.setenv("HXQ_LANG", "fr")
    from_env = hxq("show")
    assert "(env var: 'HXQ_LANG')" in from_env.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_csv_on_a_terminal_has_plain_line_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    emit_text("a,b\r\n1,2\r\n")
    assert screen.getvalue() == "a,b\n1,2\n"


def test_csv_to_a_file_keeps_crlf(hxq: Run) -> None:
    assert "\r\n" in hxq("facts", "--csv").out


def test_tree_says_what_its_counts_are(hxq: Run) -> None:
    out = hxq("show", width=120).out
    assert "[1]" not in out and "[5]" not in out
    assert "(1 figure)" in out
    assert " — " in out  # the role is set off from the title
    assert "项数据)" in hxq("show", "--lang", "zh", width=120).out
