"""The one description of where a run's output goes and how it is drawn: the standard streams,
whether each is a terminal, the width and height views are drawn at, colour and the pager.

`main()` builds it once from the process (`Environment.from_process`) and hands it to every
writer (stdout, the pager, messages on stderr) and, through them, to the views; nothing else
asks `isatty()` or reads COLUMNS, NO_COLOR or PAGER. A test builds its own `Environment`
instead of patching the process (as httpie's tests do with theirs).
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from typing import TextIO

#: The pager when neither HXQ_PAGER nor PAGER is set: quit if one screen, keep colour, leave
#: the text on the screen (as git does).
DEFAULT_PAGER = "less -FRX"
#: The narrowest width views are drawn at (COLUMNS=1, or 0): Rich drops a double-width
#: Chinese character that does not fit, and a fold needs room for one.
MIN_WIDTH = 20
#: The width and height when no terminal says otherwise.
DEFAULT_WIDTH, DEFAULT_HEIGHT = 80, 24
#: The widest views (and help) are drawn: wider than any screen, and Rich's work grows with the
#: width (COLUMNS=10000000 made `hxq facts` take minutes and gigabytes).
MAX_WIDTH = 1000
#: The variables that say a terminal's size, which Rich, Click and Typer also read themselves.
_SIZE_VARIABLES = ("COLUMNS", "LINES", "TERMINAL_WIDTH")


def _whole_number(text: str) -> int | None:
    """`text` as a number when it is ASCII digits (str.isdigit() also takes "²" and "١"),
    at most 9 of them."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def tame_size_variables(environ: MutableMapping[str, str]) -> None:
    """COLUMNS, LINES and TERMINAL_WIDTH as the libraries that read them for themselves (the
    help, completion) can take them: a value that is not a whole number is dropped (Rich and
    Typer end in int()'s ValueError on "²" or "abc"), a width above MAX_WIDTH is MAX_WIDTH."""
    for name in _SIZE_VARIABLES:
        value = environ.get(name)
        if value is None:
            continue
        number = _whole_number(value)
        if number is None:
            del environ[name]
        elif name != "LINES" and number > MAX_WIDTH:
            environ[name] = str(MAX_WIDTH)


@dataclass(frozen=True)
class Environment:
    """Where this run writes and how: every field is decided once, when the run starts."""

    stdout: TextIO
    stderr: TextIO
    stdin: TextIO | None = None
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    stdin_isatty: bool = False
    #: The width views are drawn at, in terminal cells (MIN_WIDTH to MAX_WIDTH).
    width: int = DEFAULT_WIDTH
    #: The height of the screen stdout is: a view taller than this goes through the pager.
    height: int = DEFAULT_HEIGHT
    #: The width of the terminal stderr is (messages are folded to it), None when it is none.
    stderr_width: int | None = None
    #: Whether views are drawn with colour and styles.
    color: bool = False
    #: The pager to send a view taller than the screen through, None when paging is off.
    pager: str | None = None
    #: The environment variables a pager is started with.
    environ: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not MIN_WIDTH <= self.width <= MAX_WIDTH:
            object.__setattr__(self, "width", min(max(self.width, MIN_WIDTH), MAX_WIDTH))

    @property
    def encoding(self) -> str:
        """The encoding of stdout."""
        return getattr(self.stdout, "encoding", None) or "utf-8"

    @property
    def utf8(self) -> bool:
        """Whether stdout encodes UTF-8 (else Chinese must be escaped to be written at all)."""
        return codecs.lookup(self.encoding).name == "utf-8"

    @property
    def terminal(self) -> bool:
        """Whether both ends of an interactive view are a terminal: keys in, a screen out."""
        return self.stdin_isatty and self.stdout_isatty

    def for_view(self, color: str = "auto", pager: bool = True) -> Environment:
        """This environment as one command's `--color auto|always|never` and `--pager/--no-pager`
        leave it: "auto" keeps what the process said (see `color_wanted`)."""
        wanted = {"always": True, "never": False}.get(color, self.color)
        return replace(self, color=wanted, pager=self.pager if pager else None)

    @classmethod
    def from_process(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> Environment:
        """The environment of this process (its variables and standard streams), or of the
        variables and streams given."""
        environ = dict(os.environ if environ is None else environ)
        stdin = sys.stdin if stdin is None else stdin
        stdout = sys.stdout if stdout is None else stdout
        stderr = sys.stderr if stderr is None else stderr
        stdout_isatty = _isatty(stdout)
        stderr_isatty = _isatty(stderr)
        stderr_size = _size(stderr) if stderr_isatty else None
        return cls(
            stdout=stdout,
            stderr=stderr,
            stdin=stdin,
            stdout_isatty=stdout_isatty,
            stderr_isatty=stderr_isatty,
            stdin_isatty=_isatty(stdin),
            width=view_width(environ, (stdin, stdout, stderr), stdout_isatty=stdout_isatty),
            height=_height(environ, stdout),
            stderr_width=stderr_size.columns if stderr_size is not None else None,
            color=color_wanted(environ, stdout_isatty=stdout_isatty),
            pager=configured_pager(environ),
            environ=environ,
        )


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):  # closed, or no such method
        return False


def _size(stream: TextIO | None) -> os.terminal_size | None:
    """The size of the terminal `stream` is, or None when it is not one."""
    try:
        return os.get_terminal_size(stream.fileno()) if stream is not None else None
    except (AttributeError, OSError, ValueError):  # not a terminal, captured, closed
        return None


def view_width(
    environ: Mapping[str, str], streams: tuple[TextIO | None, ...], *, stdout_isatty: bool
) -> int:
    """The width views are drawn at, as Rich would take it: COLUMNS when it is a number, else
    the width of the first of `streams` that is a terminal, else 80 (and 80 on a dumb terminal,
    TERM=dumb or unknown). An `Environment` keeps it within MIN_WIDTH and MAX_WIDTH."""
    columns = _whole_number(environ.get("COLUMNS", ""))
    if stdout_isatty and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        width = DEFAULT_WIDTH
    elif columns is not None:
        width = columns
    else:
        sizes = (size for size in map(_size, streams) if size is not None)
        width = next((size.columns for size in sizes), 0) or DEFAULT_WIDTH
    return width


def _height(environ: Mapping[str, str], stdout: TextIO | None) -> int:
    """The height of the terminal stdout is, else LINES, else 24."""
    size = _size(stdout)
    if size is not None:
        return size.lines
    lines = _whole_number(environ.get("LINES", ""))
    return lines if lines else DEFAULT_HEIGHT


def color_wanted(environ: Mapping[str, str], *, stdout_isatty: bool) -> bool:
    """`--color auto`: colour on a terminal, never when NO_COLOR is set (to anything but "");
    FORCE_COLOR (set, not empty) and TTY_COMPATIBLE=1 claim a terminal, TTY_COMPATIBLE=0 denies
    one, as Rich reads them."""
    if environ.get("NO_COLOR", ""):
        return False
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    return force != "" if force is not None else stdout_isatty


def configured_pager(environ: Mapping[str, str]) -> str | None:
    """HXQ_PAGER, else PAGER, else `less -FRX`; None when the one set is empty (paging off)."""
    command = environ.get("HXQ_PAGER", environ.get("PAGER", DEFAULT_PAGER))
    return command if command.strip() else None
