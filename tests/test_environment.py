"""The one Environment (issue 21): built once from the process, it alone decides the width,
colour and pager of a run; views and writers follow it, not the process's variables."""

from __future__ import annotations

import io
import re
import sys

import pytest

from conftest import Run, environment
from hxq_cli.cli import main
from hxq_cli.cli.environment import DEFAULT_PAGER, MIN_WIDTH, Environment

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A stream that says it is a terminal (its size unknown: no descriptor)."""

    def isatty(self) -> bool:
        return True


def of(environ: dict[str, str], *, tty: bool = False) -> Environment:
    stdout = Terminal() if tty else io.StringIO()
    return Environment.from_process(environ, stdin=io.StringIO(), stdout=stdout, stderr=stdout)


@pytest.mark.parametrize(
    ("columns", "width"),
    [("100", 100), ("5", MIN_WIDTH), ("0", MIN_WIDTH), ("-3", 80), ("abc", 80), ("", 80)],
)
def test_width_is_columns_when_it_is_a_number(columns: str, width: int) -> None:
    assert of({"COLUMNS": columns}).width == width


def test_a_dumb_terminal_is_80_columns_as_rich_takes_it() -> None:
    assert of({"COLUMNS": "120", "TERM": "dumb"}, tty=True).width == 80
    assert of({"COLUMNS": "120", "TERM": "dumb"}).width == 120


@pytest.mark.parametrize(
    ("environ", "tty", "color"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, True, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ({"TTY_COMPATIBLE": "1"}, False, True),
        ({"TTY_COMPATIBLE": "0"}, True, False),
    ],
)
def test_colour_on_a_terminal_unless_no_color(
    environ: dict[str, str], tty: bool, color: bool
) -> None:
    env = of(environ, tty=tty)
    assert env.color is color
    assert env.for_view("always").color and not env.for_view("never").color
    assert env.for_view("auto").color is color


def test_the_pager_is_hxq_pager_then_pager_then_less() -> None:
    assert of({}).pager == DEFAULT_PAGER
    assert of({"PAGER": "more", "HXQ_PAGER": "most"}).pager == "most"
    assert of({"HXQ_PAGER": "", "PAGER": "more"}).pager is None
    assert of({}).for_view(pager=False).pager is None


def test_views_follow_the_environment_not_the_process(
    hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view is drawn at the environment's width and in its colour, whatever the process's
    COLUMNS and NO_COLOR say."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    out = hxq("show", "4", width=50, color=True).out
    assert ANSI.search(out)
    assert max(len(line) for line in ANSI.sub("", out).splitlines()) <= 50


def test_no_color_on_a_terminal_draws_no_styles_with_or_without_the_pager() -> None:
    """NO_COLOR: no colour and no bold either, whether the view goes through the pager's path
    or straight to the terminal (--no-pager); --color always still draws them."""
    for args in (["show", "1"], ["show", "1", "--no-pager"]):
        screen = Terminal()
        env = Environment.from_process({"NO_COLOR": "1"}, stdout=screen, stderr=sys.stderr)
        assert env.pager is not None and env.stdout_isatty  # the first through the pager's path
        assert main(args, env=env) == 0
        assert "\x1b" not in screen.getvalue() and "发展愿景" in screen.getvalue()
    screen = Terminal()
    env = Environment.from_process({"NO_COLOR": "1"}, stdout=screen, stderr=sys.stderr)
    main(["show", "1", "--color", "always"], env=env)
    assert "\x1b[1" in screen.getvalue()


def test_messages_fold_to_the_width_of_stderr(hxq: Run) -> None:
    err = hxq("show", "9.9", stderr_width=40).err
    assert len(err.splitlines()) > 1 and all(len(line) <= 40 for line in err.splitlines())
    assert len(hxq("show", "9.9").err.splitlines()) == 1  # not a terminal: one line


def test_browse_needs_the_environment_to_be_a_terminal(hxq: Run) -> None:
    refused = hxq("browse", stdin_isatty=True)
    assert refused.code == 2 and "browse needs a terminal" in refused.err
    assert environment(stdin_isatty=True, stdout_isatty=True).terminal
