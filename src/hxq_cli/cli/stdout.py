"""Data to stdout: JSON, text and views, written whole (short writes retried), through the
pager on a terminal, and every failure of the stream turned into one exception of two."""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, cast

from hxq_cli.cli.messages import note
from hxq_cli.cli.pager import Pager, page_text, pager_for, warn_pager
from hxq_cli.text import visible

if TYPE_CHECKING:
    from hxq_cli.cli.environment import Environment
    from hxq_cli.render import Renderable


class OutputClosed(Exception):
    """The reader of stdout has gone away (a closed pipe)."""


class StdoutFailed(Exception):
    """Standard output cannot be written for another reason (closed, full disk, I/O error)."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(f"cannot write to standard output ({exc.strerror or exc})")


#: The errors a write to stdout can end in; EPIPE is a closed pipe, the rest a failed write.
STDOUT_ERRNOS = frozenset(
    {errno.EPIPE, errno.EBADF, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EAGAIN}
)


class ClosedStdout(io.TextIOBase):
    """What sys.stdout is when the process was started with it closed (`>&-`): every write
    fails as a write to a closed descriptor would, so it is reported, never a traceback."""

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


#: A colour code (SGR), which may stand among the spaces that end a line.
_COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")


def _line_end(line: str) -> int:
    """Where the run of spaces and colour codes that ends `line` starts (found from the end,
    so that a long run of spaces costs no more than its length)."""
    end = len(line)
    while end:
        if line[end - 1] == " ":
            end -= 1
            continue
        start = line.rfind("\x1b", 0, end) if line[end - 1] == "m" else -1
        if start < 0 or not _COLOUR_CODE.fullmatch(line, start, end):
            break
        end = start
    return end


def _trimmed(line: str) -> str:
    end = _line_end(line)
    return line[:end] + line[end:].replace(" ", "")


class TrimmedLines(io.TextIOBase):
    """A stream that writes to `stream` what it is given less the spaces that end each line
    (Rich pads every line of a table or a panel to the full width): piped output as git, gh
    and ripgrep write it. Colour codes among those spaces are kept. Spaces at the end of one
    write are held until the next shows whether a line ends there (and dropped if none does)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._held = ""

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # as a text stream fails (Click probes for bytes)
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if not text:
            return 0
        lines = (self._held + text).split("\n")
        last = lines.pop()
        end = _line_end(last)
        self._held = last[end:]
        done = "".join(f"{_trimmed(line)}\n" for line in lines)
        self.stream.write(done + last[:end])
        return len(text)

    def flush(self) -> None:
        # Colour codes held with the spaces are written (a reset must not be lost); the
        # spaces wait for what follows them.
        codes = self._held.replace(" ", "")
        if codes:
            self.stream.write(codes)
            self._held = " " * (len(self._held) - len(codes))
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


@contextmanager
def trimmed_process_stdout(env: Environment) -> Iterator[None]:
    """What Click and Typer write to the process's stdout themselves (help, --version) trimmed
    as views are (see `TrimmedLines`) when stdout is not a terminal. Not while a shell asks for
    completions, whose replies are read by the shell word for word."""
    completing = any(name.startswith("_HXQ_COMPLETE") for name in os.environ)
    if env.stdout_isatty or env.stdout is not sys.stdout or completing:
        yield
        return
    original = sys.stdout
    sys.stdout = TrimmedLines(original)
    try:
        yield
    finally:
        sys.stdout = original


def keep_standard_fds_open() -> None:
    """Open /dev/null on each of descriptors 0, 1 and 2 the process was started without
    (`hxq … 2>&-`), as git does: else the first files hxq opens would take their numbers, and
    what is written to "stderr" (the interpreter's own fatal errors, a pager or a browser
    hxq starts) would land in an output file. Python has already made the stream None."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def prepare_stdout() -> None:
    """On a stdout that cannot encode UTF-8 (PYTHONIOENCODING=ascii, a latin-1 locale), views
    degrade to backslash escapes instead of failing, and a note says what to set. The process's
    own stream, before the environment is built from it."""
    if sys.stdout is None:  # started with stdout closed (`hxq … >&-`)
        sys.stdout = ClosedStdout()
    if not isinstance(sys.stdout, io.TextIOWrapper):
        return
    if codecs.lookup(sys.stdout.encoding or "utf-8").name != "utf-8":
        sys.stdout.reconfigure(errors="backslashreplace")


def silence_stdout(env: Environment) -> None:
    """The process's stdout after its reader has gone: later writes (and the interpreter's
    final flush) go nowhere instead of failing on the closed pipe. Nothing to do when `env`
    writes elsewhere (a test's own stream), or stdout was closed from the start."""
    if env.stdout is not sys.stdout or isinstance(sys.stdout, ClosedStdout):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    # What is still buffered for the closed pipe goes nowhere.
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process ends


@contextmanager
def _stdout_guard(env: Environment) -> Iterator[None]:
    try:
        yield
        env.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:
        if exc.errno not in STDOUT_ERRNOS:
            raise
        raise StdoutFailed(exc) from None


def _write(env: Environment, text: str) -> None:
    """Write all of `text` to stdout's descriptor, retrying short writes.

    A blocking write into a pipe whose reader leaves part-way returns short instead of
    failing, and CPython's buffered stdout drops the rest silently; the retry meets the
    closed pipe (EPIPE) and so reports it.
    """
    stdout = env.stdout
    try:
        fd = stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured (tests) or closed: no descriptor
        stdout.write(text)
        return
    stdout.flush()
    data = memoryview(text.encode(env.encoding, getattr(stdout, "errors", None) or "strict"))
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _note_escapes(env: Environment) -> None:
    # JSON is escaped losslessly; a view or text loses what stdout cannot encode, so say so.
    if not env.utf8:
        note(
            env,
            f"standard output is {env.encoding}: characters it lacks are written as"
            " escapes (set PYTHONIOENCODING=utf-8 or a UTF-8 locale to see them)",
        )


#: Text held back before the first write: an output smaller than this is written whole or,
#: when making it fails, not at all; a larger one is written as it is made.
HELD = 8 << 20


def _write_pieces(env: Environment, pieces: Iterable[str]) -> None:
    """Write text made a piece at a time, the first `HELD` characters held back."""
    held: list[str] = []
    size = 0
    with _stdout_guard(env):
        for piece in pieces:
            if size < HELD:
                held.append(piece)
                size += len(piece)
                if size < HELD:
                    continue
                piece = "".join(held)
                held.clear()
            _write(env, piece)
        if held:
            _write(env, "".join(held))


def emit_json(env: Environment, document: Any) -> None:
    """JSON to stdout: UTF-8 as orjson writes it, or \\u escapes when stdout is not UTF-8;
    written in pieces as it is made (`formats.json.iter_dumps`), so that a large output is never
    held whole."""
    from hxq_cli.formats.json import iter_dumps

    _write_pieces(env, iter_dumps(document, ascii_only=not env.utf8))


def emit_pieces(env: Environment, pieces: Iterable[str], *, fold: bool = False) -> None:
    """Text made a piece at a time to stdout, written as it is made; on a terminal, gathered
    and shown as `emit_text` shows text."""
    if env.stdout_isatty:
        emit_text(env, "".join(pieces), fold=fold)
        return
    _note_escapes(env)
    _write_pieces(env, pieces)


def emit_view(env: Environment, renderable: Renderable) -> None:
    """A view to stdout, part by part; on a terminal, through the pager as soon as it is
    taller than the screen (the first screen is shown while the rest is still being made)."""
    from hxq_cli.render.stream import Stream
    from hxq_cli.render.terminal import make_console, text_renderer

    _note_escapes(env)
    parts = renderable.parts() if isinstance(renderable, Stream) else iter([renderable])
    with _stdout_guard(env):
        if env.pager is None or not env.stdout_isatty:
            # A text stream as Rich uses one (write, flush), not one of typing's TextIO.
            file = env.stdout if env.stdout_isatty else cast("TextIO", TrimmedLines(env.stdout))
            console = make_console(file, color=env.color, width=env.width)
            # Lines that fit need no cutting, and without colour skipping Rich's cut (which
            # measures every line again: a third of a long piped view) writes the same text.
            fit = isinstance(renderable, Stream) and renderable.lines_fit
            crop = not (fit and console.color_system is None)
            for part in parts:
                console.print(part, crop=crop)
            return
        render = text_renderer(width=env.width, color=env.color)
        held: list[str] = []
        lines = 0
        for part in parts:
            text = render(part)
            held.append(text)
            lines += text.count("\n")
            command = pager_for(env, lines)
            if command is None:
                continue
            pager = Pager.start(command, env)
            if pager is None:
                break
            try:
                if pager.write("".join(held)):
                    for part in parts:
                        if not pager.write(render(part)):
                            break
            finally:
                pager.finish()
            if pager.failure is None:
                return
            # The pager failed: all it was given, and the rest, directly.
            warn_pager(env, command, pager.failure)
            held = [pager.text()]
            break
        _write(env, "".join(held))
        for part in parts:  # the pager could not be started: the rest, directly
            _write(env, render(part))


def emit_text(env: Environment, text: str, *, page: bool = False, fold: bool = False) -> None:
    """Text to stdout; on a terminal, control characters from the data are shown as escapes,
    with `fold` (prose) long lines are folded between words, and with `page` a text taller
    than the screen goes through the pager (see `emit_view`)."""
    _note_escapes(env)
    if env.stdout_isatty:
        # CSV's CRLF line ends are for files; on a screen they would show as \x0d.
        text = visible(text.replace("\r\n", "\n"))
        if fold:
            # The terminal would cut a line wherever the screen ends, inside an ID or a number.
            from hxq_cli.render.whole_text import fold_lines

            text = fold_lines(text, env.width)
    with _stdout_guard(env):
        command = pager_for(env, text.count("\n")) if page else None
        if command is None or not page_text(command, env, text):
            _write(env, text)
