"""Files hxq writes (`export -o`): atomically, never over the input, never a file hxq should not
replace, checked before a byte is written, with one clear error."""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from hxq_cli.errors import OutputError, UsageError

#: The signals that end a run whose temporary files are then removed (Ctrl-C raises
#: KeyboardInterrupt, which the writer's own `finally` handles).
_ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: What a temporary file's name holds between the target's name and the process ID:
#: `.facts.csv.hxq-4242-k3j2l1.tmp`. A later run removes one whose process is gone.
_TEMP_MARK = ".hxq-"


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


@dataclass(frozen=True, slots=True)
class _Target:
    """Where one output goes, as checked before anything is written."""

    #: The path as the user gave it, for messages.
    shown: str
    #: The path written: a link's target for a file replaced through a link.
    path: str
    #: The file there now, if any (a link followed).
    existing: os.stat_result | None

    @property
    def replaced(self) -> bool:
        """Whether the output is a new file renamed over the path (else written into it:
        a FIFO or a character device such as /dev/stdout)."""
        return self.existing is None or stat.S_ISREG(self.existing.st_mode)


def _refuse_planted_link(shown: str) -> None:
    """OutputError for a link another user made in a shared sticky folder (/tmp), which the
    kernel itself would not follow (fs.protected_symlinks): else a link planted in /tmp could
    make hxq replace any file the user may write."""
    try:
        link = os.lstat(shown)
        folder = os.stat(os.path.dirname(shown) or ".")
    except OSError:
        return
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise OutputError(
            f"{shown}: is a link another user made in a shared folder; refusing to follow it"
        )


def _check(path: str | Path, protected: str | Path | None) -> _Target:
    """The target of one output path, or the error that refuses it: nothing is written yet."""
    shown = os.fspath(path)
    if not shown:
        raise UsageError("an empty output path names no file")
    refuse_input(shown, protected)
    if os.path.islink(shown):
        _refuse_planted_link(shown)
    try:
        existing: os.stat_result | None = os.stat(shown)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _failure(shown, exc) from None
    if existing is None or stat.S_ISREG(existing.st_mode):
        # A file is replaced where it is: through a link, the file the link names.
        written = os.path.realpath(shown) if os.path.islink(shown) else shown
        folder = os.path.dirname(written) or "."
        if not os.path.isdir(folder):
            raise _failure(shown, FileNotFoundError())
        if existing is not None:
            _refuse_others_file(shown, existing)
        return _Target(shown, written, existing)
    mode = existing.st_mode
    if stat.S_ISDIR(mode):
        raise _failure(shown, IsADirectoryError())
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return _Target(shown, shown, existing)  # written into, through any link
    kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else None
    raise OutputError(f"{shown}: is {kind or 'not a regular file'}, not a file hxq writes")


def refuse_companion_beside(path: str, companion: str) -> None:
    """OutputError when `path` is not a regular file or a new one (a FIFO, a device such as
    /dev/null): a file written beside it (`companion`) would be planted in /dev or next to a
    pipe. Checked before anything is written."""
    try:
        existing = os.stat(path)
    except OSError:
        return  # nothing there yet, or a path `write_files` refuses in its own words
    if not stat.S_ISREG(existing.st_mode) and not stat.S_ISDIR(existing.st_mode):
        raise OutputError(
            f"{path}: is not a regular file, and this format writes a second file beside it "
            f"({companion}): give a file path"
        )


def _refuse_others_file(shown: str, existing: os.stat_result) -> None:
    # The new file is hxq's own: only root can give it the old file's owner.
    if existing.st_uid != os.geteuid() and os.geteuid() != 0:
        raise OutputError(
            f"{shown}: belongs to another user, and the file hxq writes in its place would be "
            "yours; remove it first or write elsewhere"
        )


def _encoded(content: str | bytes | Iterable[str]) -> Iterator[bytes]:
    """The bytes to write: text as UTF-8, bytes as they are, text made a piece at a time piece
    by piece (never held whole)."""
    if isinstance(content, bytes):
        yield content
    elif isinstance(content, str):
        yield content.encode("utf-8")
    else:
        for piece in content:
            yield piece.encode("utf-8")


#: What one output holds: text, bytes, or pieces of text written one after the other.
Content = str | bytes | Iterable[str]


def write_file(path: str | Path, content: Content, *, protected: str | Path | None = None) -> None:
    """Write `content` to `path` (text as UTF-8, "\\n" line ends; bytes as they are; pieces of
    text one after the other), replacing
    a file there; OutputError if that cannot be done. Missing parent folders are not created: a
    typo should fail. See `write_files`."""
    write_files({os.fspath(path): content}, protected=protected)


def write_files(contents: Mapping[str, Content], *, protected: str | Path | None = None) -> None:
    """Write each content to its path, every path checked before any is written.

    Each file goes to a temporary file in its folder, flushed to disk and renamed over the path,
    so a failed write (full disk, size limit) leaves the old file whole. The new file keeps the
    old one's permissions without set-user-ID, set-group-ID and sticky bits, and its owner and
    group where hxq may give them; a file of another user is refused (unless hxq runs as
    root), as are a path that is the file `protected` (the input, UsageError), a folder, a
    block device, a socket, and a link another user planted in a shared folder. A FIFO or a
    character device (`-o /dev/stdout`) is written into; a FIFO that no process reads is
    refused rather than waited on. A temporary file is removed when hxq fails, is
    interrupted or is ended by SIGTERM or SIGHUP, and one left by a killed hxq is removed by
    the next write beside it.
    """
    targets = [(_check(path, protected), content) for path, content in contents.items()]
    temps: list[str] = []
    with _temps_removed_on_signal(temps):
        try:
            ready = [(target, _staged(target, data, temps)) for target, data in targets]
            for target, temp in ready:
                if temp is None:
                    continue
                try:
                    os.replace(temp, target.path)
                except OSError as exc:
                    raise _failure(target.shown, exc) from None
                temps.remove(temp)
        finally:
            for temp in temps:
                with suppress(OSError):
                    os.unlink(temp)


def _staged(target: _Target, content: Content, temps: list[str]) -> str | None:
    """The temporary file that holds `content`, ready to be renamed over the target; None when
    the target is written into at once (a FIFO, a device)."""
    data = _encoded(content)
    if not target.replaced:
        _write_into(target, data)
        return None
    import tempfile

    folder = os.path.dirname(target.path) or "."
    name = _temp_stem(os.path.basename(target.path))
    _remove_stale_temps(folder, name)
    try:
        handle, temp = tempfile.mkstemp(
            dir=folder, prefix=f".{name}{_TEMP_MARK}{os.getpid()}-", suffix=".tmp"
        )
    except OSError as exc:
        raise _failure(target.shown, exc) from None
    temps.append(temp)
    try:
        with os.fdopen(handle, "wb") as out:
            _take_owner_and_mode(out.fileno(), target.existing)
            out.writelines(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise _failure(target.shown, exc) from None
    return temp


#: The longest file name most file systems take, in bytes.
_NAME_MAX = 255


def _temp_stem(name: str) -> str:
    """As much of the target's name as a temporary file's name can hold: with the mark, the
    process ID, mkstemp's 8 letters and ".tmp", a name of 250 bytes would be too long."""
    room = _NAME_MAX - len(f".{_TEMP_MARK}{os.getpid()}-") - 8 - len(".tmp")
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return name


def _take_owner_and_mode(fd: int, existing: os.stat_result | None) -> None:
    if existing is None:
        os.fchmod(fd, _new_file_mode())
        return
    # The owner and group first (chown may clear permission bits), then the mode without the
    # set-ID and sticky bits: an export is data, never a program that runs as its owner.
    if os.geteuid() == 0:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    else:
        with suppress(PermissionError):  # a group the user is not in: the user's own
            os.fchown(fd, -1, existing.st_gid)
    os.fchmod(fd, stat.S_IMODE(existing.st_mode) & 0o777)


def _write_into(target: _Target, data: Iterable[bytes]) -> None:
    """Write into a FIFO or a device, without waiting for a reader that is not there."""
    try:
        fd = os.open(target.path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO with no reader
            raise OutputError(f"{target.shown}: is a FIFO that no process is reading") from None
        raise _failure(target.shown, exc) from None
    try:
        os.set_blocking(fd, True)
        for piece in data:
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view) :]
    except OSError as exc:
        raise _failure(target.shown, exc) from None
    finally:
        os.close(fd)


def _remove_stale_temps(folder: str, name: str) -> None:
    """Remove the temporary files of `name` that killed runs of hxq left in `folder` (their
    process is gone); only the user's own regular files, never another run's in progress."""
    prefix = f".{name}{_TEMP_MARK}"
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid.isascii() or not pid.isdigit() or _running(int(pid)):
            continue
        with suppress(OSError):
            found = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(found.st_mode) and found.st_uid == os.geteuid():
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; no PID: left alone
        return True
    return True


@contextmanager
def _temps_removed_on_signal(temps: list[str]) -> Iterator[None]:
    """While files are staged: SIGTERM or SIGHUP removes them, then ends hxq as that signal
    would have (the default action, so the parent sees the signal)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def remove_then_end(signum: int, _frame: FrameType | None) -> None:
        for temp in temps:
            with suppress(OSError):
                os.unlink(temp)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    previous = {ending: signal.signal(ending, remove_then_end) for ending in _ENDING_SIGNALS}
    try:
        yield
    finally:
        for ending, handler in previous.items():
            signal.signal(ending, handler)


def write_folder(
    path: str,
    files: Mapping[str, str],
    *,
    force: bool = False,
    protected: str | Path | None = None,
) -> None:
    """Write each named text into the folder `path` (created if missing, parent must exist).

    A folder that already holds anything is refused unless `force`; with it, the named files
    are replaced (each atomically, see `write_files`) and any other file in the folder is left
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
    write_files(
        {os.fspath(folder / name): text for name, text in files.items()}, protected=protected
    )
