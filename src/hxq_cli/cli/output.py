"""Where results go: data to stdout (JSON, views, text), messages to stderr, files to disk."""

from __future__ import annotations

import codecs
import errno
import functools
import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hxq_cli.errors import OutputError, UnknownIdError, UsageError
from hxq_cli.text import cells, shorten, visible

if TYPE_CHECKING:
    import subprocess

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


@contextmanager
def _stdout_guard() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None
    except OSError as exc:
        if exc.errno not in STDOUT_ERRNOS:
            raise
        raise StdoutFailed(exc) from None


def _write_stdout(text: str) -> None:
    """Write all of `text` to stdout's descriptor, retrying short writes.

    A blocking write into a pipe whose reader leaves part-way returns short instead of
    failing, and CPython's buffered stdout drops the rest silently; the retry meets the
    closed pipe (EPIPE) and so reports it.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured (tests) or closed: no descriptor
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    data = memoryview(text.encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict"))
    while data:
        written = os.write(fd, data)
        data = data[written:]


def stdout_is_utf8() -> bool:
    """Whether stdout encodes UTF-8 (else Chinese must be escaped to be written at all)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name == "utf-8"


def prepare_stdout() -> None:
    """On a stdout that cannot encode UTF-8 (PYTHONIOENCODING=ascii, a latin-1 locale), views
    degrade to backslash escapes instead of failing, and a note says what to set."""
    if stdout_is_utf8() or not isinstance(sys.stdout, io.TextIOWrapper):
        return
    sys.stdout.reconfigure(errors="backslashreplace")


def _note_escapes() -> None:
    # JSON is escaped losslessly; a view or text loses what stdout cannot encode, so say so.
    if not stdout_is_utf8():
        note(
            f"standard output is {sys.stdout.encoding}: characters it lacks are written as"
            " escapes (set PYTHONIOENCODING=utf-8 or a UTF-8 locale to see them)"
        )


def emit_json(document: Any) -> None:
    """JSON to stdout: UTF-8 as orjson writes it, or \\u escapes when stdout is not UTF-8."""
    if stdout_is_utf8():
        from hxq_cli.formats.json import dumps

        text = dumps(document)
    else:
        import json

        text = json.dumps(document, indent=2, ensure_ascii=True) + "\n"
    with _stdout_guard():
        _write_stdout(text)


@dataclass
class ViewSettings:
    """How views are drawn this run: `--color` and `--no-pager` (set by `configure_view`)."""

    color: str = "auto"
    pager: bool = True


_view = ViewSettings()

#: The pager when neither HXQ_PAGER nor PAGER is set: quit if one screen, keep colour, leave
#: the text on the screen (as git does).
DEFAULT_PAGER = "less -FRX"


def configure_view(color: str = "auto", pager: bool = True) -> None:
    """Set how this run draws views (`--color auto|always|never`, `--no-pager`)."""
    _view.color = color
    _view.pager = pager


def pager_command(
    environ: Mapping[str, str], *, enabled: bool, is_tty: bool, lines: int, height: int
) -> str | None:
    """The pager to send a view through, or None to print it directly: only on a terminal,
    only when the view is taller than the screen; HXQ_PAGER, else PAGER, else `less -FRX`;
    an empty HXQ_PAGER (or PAGER) or --no-pager turns paging off."""
    if not enabled or not is_tty or lines <= height:
        return None
    command = environ.get("HXQ_PAGER", environ.get("PAGER", DEFAULT_PAGER))
    return command if command.strip() else None


def _terminal_height() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (AttributeError, OSError, ValueError):
        import shutil

        return shutil.get_terminal_size().lines


class _Pager:
    """A running pager (a shell command, as git runs it) fed text as it is made."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.open = True

    @classmethod
    def start(cls, command: str) -> _Pager | None:
        """The pager started, or None when its program cannot be found (print directly)."""
        import shlex
        import shutil
        import subprocess

        try:
            program = shlex.split(command)[0]
        except (ValueError, IndexError):
            return None
        if shutil.which(program) is None and not any(c in command for c in "|>&;"):
            return None
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)  # noqa: S602
        return cls(process)

    def write(self, text: str) -> bool:
        """Send `text` on; False once the reader has quit (nothing more need be made)."""
        if self.open:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(
                    text.encode(sys.stdout.encoding or "utf-8", "backslashreplace")
                )
                self.process.stdin.flush()
            except BrokenPipeError:  # the reader quit before the end: nothing is wrong
                self.open = False
        return self.open

    def finish(self) -> None:
        """Close the pager's input and wait for the reader to quit it."""
        try:
            with suppress(BrokenPipeError):
                assert self.process.stdin is not None
                self.process.stdin.close()
            while True:
                try:
                    self.process.wait()
                    break
                except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                    continue
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _page(command: str, text: str) -> bool:
    """Send `text` through the pager `command`; False when its program cannot be found, so
    the caller prints directly."""
    pager = _Pager.start(command)
    if pager is None:
        return False
    try:
        pager.write(text)
    finally:
        pager.finish()
    return True


def emit_view(renderable: Renderable) -> None:
    """A view to stdout, part by part; on a terminal, through the pager as soon as it is
    taller than the screen (the first screen is shown while the rest is still being made)."""
    from hxq_cli.render.stream import Stream
    from hxq_cli.render.terminal import make_console, terminal_width, text_renderer

    _note_escapes()
    parts = renderable.parts() if isinstance(renderable, Stream) else iter([renderable])
    with _stdout_guard():
        is_tty = sys.stdout.isatty()
        if not (_view.pager and is_tty):
            console = make_console(sys.stdout, color=_view.color)
            for part in parts:
                console.print(part)
            return
        color = _view.color == "always" or (
            _view.color == "auto" and not os.environ.get("NO_COLOR")
        )
        render = text_renderer(width=terminal_width(), color=color)
        height = _terminal_height()
        held: list[str] = []
        lines = 0
        for part in parts:
            text = render(part)
            held.append(text)
            lines += text.count("\n")
            command = pager_command(
                os.environ, enabled=True, is_tty=True, lines=lines, height=height
            )
            if command is None:
                continue
            pager = _Pager.start(command)
            if pager is None:
                break
            try:
                if pager.write("".join(held)):
                    for part in parts:
                        if not pager.write(render(part)):
                            break
            finally:
                pager.finish()
            return
        _write_stdout("".join(held))
        for part in parts:  # the pager could not be started: the rest, directly
            _write_stdout(render(part))


def emit_text(text: str, *, page: bool = False, fold: bool = False) -> None:
    """Text to stdout; on a terminal, control characters from the data are shown as escapes,
    with `fold` (prose) long lines are folded between words, and with `page` a text taller
    than the screen goes through the pager (see `emit_view`)."""
    _note_escapes()
    is_tty = sys.stdout.isatty()
    if is_tty:
        # CSV's CRLF line ends are for files; on a screen they would show as \x0d.
        text = visible(text.replace("\r\n", "\n"))
        if fold:
            # The terminal would cut a line wherever the screen ends, inside an ID or a number.
            import shutil

            from hxq_cli.render.whole_text import fold_lines

            text = fold_lines(text, shutil.get_terminal_size().columns)
    with _stdout_guard():
        command = pager_command(
            os.environ,
            enabled=page and _view.pager,
            is_tty=is_tty,
            lines=text.count("\n"),
            height=_terminal_height() if is_tty else 0,
        )
        if command is None or not _page(command, text):
            _write_stdout(text)


def fold_words(line: str, width: int) -> str:
    """`line` broken between words or Chinese characters to fit `width` cells, later lines
    indented two spaces, as the views fold text (`fold_line`): the terminal itself would cut
    an ID or a number wherever the screen ends. A word wider than a line is left whole, for
    the terminal to wrap (a path stays one piece to copy)."""
    if cells(line) <= width:
        return line  # most messages fit: Rich's cell widths need not be loaded
    from hxq_cli.render.whole_text import fold_line

    return "\n".join(fold_line(line, width, "  ", cut_long=False))


def _stderr_width() -> int | None:
    """The width of the terminal stderr is, or None when stderr is not a terminal."""
    try:
        if sys.stderr.isatty():
            return os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return None


def _to_stderr(line: str) -> None:
    """One message on stderr: one line, folded between words when stderr is a terminal."""
    width = _stderr_width()
    if width is not None:
        line = fold_words(line, width)
    sys.stderr.write(f"{line}\n")


#: A suggested title is shortened to fit the error on one line, but never below this many
#: cells (the Chinese title and a few words); shorter, it is shown whole and the line folds.
MIN_SUGGESTED_TITLE = 24


def _shown_within(title: str, limit: int) -> str:
    return shorten(visible(title), limit, words=True)


def unknown_id_message(exc: UnknownIdError) -> str:
    """The error with each suggested title whole; on a terminal too narrow for that line, the
    titles shortened as little as puts it on one line, when that keeps them readable."""
    # Measured as it is shown: a control character in a title is written as an escape.
    whole = exc.message(visible)
    width = _stderr_width()
    prefix = "hxq: error: "
    if width is None or not exc.suggestions or cells(prefix + whole) <= width:
        return whole
    longest = max(cells(visible(title)) for _, title in exc.suggestions)
    for limit in range(longest - 1, MIN_SUGGESTED_TITLE - 1, -1):
        shortened = exc.message(functools.partial(_shown_within, limit=limit))
        if cells(prefix + shortened) <= width:
            return shortened
    return whole


def note(message: str) -> None:
    """A line for people on stderr (a summary, a hint), never mixed into stdout's data."""
    _to_stderr(f"hxq: {visible(message)}")


def error(message: str) -> None:
    """An error as one line on stderr: `hxq: error: WHAT`."""
    # Click lists choices on lines of their own; an error stays one line.
    one_line = re.sub(r"\s*\n\s*", " ", message)
    _to_stderr(f"hxq: error: {visible(one_line)}")


def _failure(path: str | Path, exc: OSError) -> OutputError:
    if isinstance(exc, FileNotFoundError):
        parent = Path(path).parent
        if not parent.is_dir():
            return OutputError(f"{path}: no such folder to write into ({parent})")
        return OutputError(f"{path}: cannot write there ({exc.strerror or exc})")
    if isinstance(exc, IsADirectoryError):
        return OutputError(f"{path}: is a folder, not a file")
    if isinstance(exc, NotADirectoryError):
        return OutputError(f"{path}: a part of the path is a file, not a folder")
    if isinstance(exc, PermissionError):
        return OutputError(f"{path}: permission denied")
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def refuse_input(path: str | Path, protected: str | Path | None) -> None:
    """UsageError when `path` is the file `protected` (the input) under any name or link."""
    if protected is None:
        return
    try:
        target, source = os.stat(path), os.stat(protected)
    except (OSError, ValueError):
        return
    if (target.st_dev, target.st_ino) == (source.st_dev, source.st_ino):
        raise UsageError(f"{path}: is the input file; refusing to write over it")


def _new_file_mode() -> int:
    # mkstemp creates 0600; an export gets the mode open() would have given it.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_file(
    path: str | Path, content: str | bytes, *, protected: str | Path | None = None
) -> None:
    """Write `content` to `path` (text as UTF-8, "\\n" line ends; bytes as they are), replacing
    a file there; OutputError if that cannot be done. Missing parent folders are not created: a typo should fail.

    The text goes to a temporary file in the same folder, is flushed to disk and renamed over
    `path`, so a failed write (full disk, size limit) leaves the old file whole. A path that is
    the file `protected` (the input) is refused with a UsageError.
    """
    target = os.fspath(path)
    if not target:
        raise UsageError("an empty output path names no file")
    refuse_input(target, protected)
    data = content.encode("utf-8") if isinstance(content, str) else content
    # Write through a link to the file it names; a device or FIFO is written into directly.
    if os.path.islink(target):
        target = os.path.realpath(target)
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _failure(path, exc) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise _failure(path, IsADirectoryError())
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        try:
            with open(target, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise _failure(path, exc) from None
        return
    folder = os.path.dirname(target) or "."
    temp: str | None = None
    try:
        import tempfile

        handle_fd, temp = tempfile.mkstemp(
            dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
        with os.fdopen(handle_fd, "wb") as out:
            mode = stat.S_IMODE(existing.st_mode) if existing else _new_file_mode()
            os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)


def write_folder(
    path: str,
    files: Mapping[str, str],
    *,
    force: bool = False,
    protected: str | Path | None = None,
) -> None:
    """Write each named text into the folder `path` (created if missing, parent must exist).

    A folder that already holds anything is refused unless `force`; with it, the named files
    are replaced (each atomically, see `write_file`) and any other file in the folder is left
    alone. A named file that is `protected` (the input) is refused before anything is written.
    """
    if not path:
        raise UsageError("an empty output path names no folder")
    folder = Path(path)
    for name in files:
        refuse_input(folder / name, protected)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: is a file, not a folder")
    try:
        if folder.is_dir() and any(folder.iterdir()) and not force:
            raise OutputError(f"{path}: folder is not empty (use --force to write into it)")
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _failure(path, exc) from None
    for name, text in files.items():
        write_file(folder / name, text, protected=protected)
