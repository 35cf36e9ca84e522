"""Files hxq writes (`export -o`): atomically, never over the input, with one clear error."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from hxq_cli.errors import OutputError, UsageError


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
