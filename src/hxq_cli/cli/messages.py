"""Lines for people on stderr: notes (a summary, a hint) and errors, one line each, folded
between words when stderr is a terminal; never mixed into stdout's data."""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import TYPE_CHECKING

from hxq_cli.text import cells, shorten, visible

if TYPE_CHECKING:
    from hxq_cli.cli.environment import Environment
    from hxq_cli.errors import UnknownIdError

#: A suggested title is shortened to fit the error on one line, but never below this many
#: cells (the Chinese title and a few words); shorter, it is shown whole and the line folds.
MIN_SUGGESTED_TITLE = 24
#: What every error line starts with.
ERROR_PREFIX = "hxq: error: "


def fold_words(line: str, width: int) -> str:
    """`line` broken between words or Chinese characters to fit `width` cells, later lines
    indented two spaces, as the views fold text (`fold_line`): the terminal itself would cut
    an ID or a number wherever the screen ends. A word wider than a line is left whole, for
    the terminal to wrap (a path stays one piece to copy)."""
    if cells(line) <= width:
        return line  # most messages fit: Rich's cell widths need not be loaded
    from hxq_cli.render.whole_text import fold_line

    return "\n".join(fold_line(line, width, "  ", cut_long=False))


def _to_stderr(env: Environment, line: str) -> None:
    """One message on stderr: one line, folded between words when stderr is a terminal.

    A message that cannot be written (stderr closed, full or a closed pipe) is lost, and the
    run goes on to the exit code that says what happened: a failed message is never turned
    into another failure (or a traceback, which could not be written either)."""
    if env.stderr_width is not None:
        line = fold_words(line, env.stderr_width)
    try:
        env.stderr.write(f"{line}\n")
        env.stderr.flush()
    except (OSError, ValueError):  # ValueError: a closed stream object
        pass


def prepare_stderr() -> None:
    """The process's stderr when it was started without one (`2>&-`): messages go nowhere."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


def note(env: Environment, message: str) -> None:
    """A line for people on stderr (a summary, a hint), never mixed into stdout's data."""
    _to_stderr(env, f"hxq: {visible(message)}")


def error(env: Environment, message: str) -> None:
    """An error as one line on stderr: `hxq: error: WHAT`."""
    # Click lists choices on lines of their own; an error stays one line.
    one_line = re.sub(r"\s*\n\s*", " ", message)
    _to_stderr(env, f"{ERROR_PREFIX}{visible(one_line)}")


def _shown_within(title: str, limit: int) -> str:
    return shorten(visible(title), limit, words=True)


def unknown_id_message(env: Environment, exc: UnknownIdError) -> str:
    """The error with each suggested title whole; on a terminal too narrow for that line, the
    titles shortened as little as puts it on one line, when that keeps them readable."""
    # Measured as it is shown: a control character in a title is written as an escape.
    whole = exc.message(visible)
    width = env.stderr_width
    if width is None or not exc.suggestions or cells(ERROR_PREFIX + whole) <= width:
        return whole
    longest = max(cells(visible(title)) for _, title in exc.suggestions)
    for limit in range(longest - 1, MIN_SUGGESTED_TITLE - 1, -1):
        shortened = exc.message(functools.partial(_shown_within, limit=limit))
        if cells(ERROR_PREFIX + shortened) <= width:
            return shortened
    return whole
