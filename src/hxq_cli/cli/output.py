"""Where results go: data to stdout (JSON, views, text), messages to stderr, files to disk."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hxq_cli.errors import OutputError
from hxq_cli.text import visible

if TYPE_CHECKING:
    from hxq_cli.render import Renderable


class OutputClosed(Exception):
    """The reader of stdout has gone away (a closed pipe)."""


@contextmanager
def _stdout_guard() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def emit_json(document: Any) -> None:
    from hxq_cli.formats.json import write_json

    with _stdout_guard():
        write_json(document, sys.stdout)


def emit_view(renderable: Renderable) -> None:
    from hxq_cli.render.terminal import print_renderable

    with _stdout_guard():
        print_renderable(renderable)


def emit_text(text: str) -> None:
    """Text to stdout; on a terminal, control characters from the data are shown as escapes."""
    if sys.stdout.isatty():
        text = visible(text)
    with _stdout_guard():
        sys.stdout.write(text)


def note(message: str) -> None:
    """A line for people on stderr (a summary, a hint), never mixed into stdout's data."""
    sys.stderr.write(f"hxq: {visible(message)}\n")


def error(message: str) -> None:
    """An error as one line on stderr: `hxq: error: WHAT`."""
    # Click lists choices on lines of their own; an error stays one line.
    one_line = re.sub(r"\s*\n\s*", " ", message)
    sys.stderr.write(f"hxq: error: {visible(one_line)}\n")


def _failure(path: str | Path, exc: OSError) -> OutputError:
    if isinstance(exc, FileNotFoundError):
        return OutputError(f"{path}: no such folder to write into ({Path(path).parent})")
    if isinstance(exc, IsADirectoryError):
        return OutputError(f"{path}: is a folder, not a file")
    if isinstance(exc, NotADirectoryError):
        return OutputError(f"{path}: a part of the path is a file, not a folder")
    if isinstance(exc, PermissionError):
        return OutputError(f"{path}: permission denied")
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})")


def write_file(path: str | Path, text: str) -> None:
    """Write `text` to `path` (UTF-8, "\\n" line ends), replacing a file there; OutputError if
    that cannot be done. Missing parent folders are not created: a typo should fail."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise _failure(path, exc) from None


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write `data` to `path`, replacing a file there; OutputError if that cannot be done."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _failure(path, exc) from None


def write_folder(path: str, files: Mapping[str, str], *, force: bool = False) -> None:
    """Write each named text into the folder `path` (created if missing, parent must exist).

    A folder that already holds anything is refused unless `force`; with it, the named files
    are replaced and any other file in the folder is left alone.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{path}: is a file, not a folder")
    try:
        if folder.is_dir() and any(folder.iterdir()) and not force:
            raise OutputError(f"{path}: folder is not empty (use --force to write into it)")
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise _failure(path, exc) from None
    for name, text in files.items():
        write_file(folder / name, text)
