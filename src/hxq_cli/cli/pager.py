"""The pager: a view or text taller than the screen goes through it, as git and gh do."""

from __future__ import annotations

import os
from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

    from hxq_cli.cli.environment import Environment


def pager_for(env: Environment, lines: int) -> str | None:
    """The pager to send `lines` lines through, or None to print them directly: only on a
    terminal, only when they are more than the screen holds, and only when paging is on."""
    if env.pager is None or not env.stdout_isatty or lines <= env.height:
        return None
    return env.pager


class Pager:
    """A running pager (a shell command, as git runs it) fed text as it is made.

    A pager that cannot start or fails (its program not found, a message on its stderr, a
    non-zero exit, or gone having read nothing) leaves `failure` saying why: the caller
    warns and shows the text itself, so that nothing is lost (`sent` holds all it was given).
    hxq keeps its own reading end of the pager's input pipe, to see what the pager left
    unread; with it open, writes never fail with EPIPE, so they are non-blocking and stop
    when the pager has gone.
    """

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        write_fd: int,
        look_fd: int | None,
        encoding: str,
    ) -> None:
        self.process = process
        self.write_fd = write_fd
        self.look_fd = look_fd
        self.encoding = encoding
        self.open = True
        self.sent: list[str] = []
        self.bytes_sent = 0
        self.failure: str | None = None
        self.complaint: list[str] = []
        import threading

        self._listener = threading.Thread(target=self._listen, daemon=True)
        self._listener.start()

    @classmethod
    def start(cls, command: str, env: Environment) -> Pager | None:
        """The pager started, or None when its program cannot be found (warned of: the
        caller prints directly)."""
        import shlex
        import shutil
        import subprocess

        try:
            program = shlex.split(command)[0]
        except (ValueError, IndexError):
            program = ""
        found = shutil.which(program, path=env.environ.get("PATH")) if program else None
        if found is None and not any(c in command for c in "|>&;"):
            warn_pager(env, command, f"{program or command!r} not found")
            return None
        variables = dict(env.environ)
        variables.setdefault("LESS", "FRX")
        read_fd, write_fd = os.pipe()
        try:
            process = subprocess.Popen(  # noqa: S602
                command, shell=True, stdin=read_fd, stderr=subprocess.PIPE, env=variables
            )
        except OSError as exc:
            os.close(read_fd)
            os.close(write_fd)
            warn_pager(env, command, exc.strerror or str(exc))
            return None
        look_fd: int | None = read_fd
        if not _can_count(read_fd):
            os.close(read_fd)
            look_fd = None
        os.set_blocking(write_fd, False)
        return cls(process, write_fd, look_fd, env.encoding)

    def _listen(self) -> None:
        """Read the pager's stderr; its first line is a complaint (less: "There is no …
        option"; sh: "not found"), and the pager, which may wait for a key, is stopped."""
        stream = self.process.stderr
        assert stream is not None
        for raw in stream:
            line = raw.decode(self.encoding, "backslashreplace").strip()
            if line and not self.complaint:
                self.complaint.append(line)
                with suppress(OSError):
                    self.process.terminate()

    def write(self, text: str) -> bool:
        """Send `text` on; False once the reader has quit (nothing more need be made)."""
        self.sent.append(text)
        if not self.open:
            return False
        import select

        data = memoryview(text.encode(self.encoding, "backslashreplace"))
        while data:
            try:
                done = os.write(self.write_fd, data)
            except BlockingIOError:
                done = 0
            self.bytes_sent += done
            data = data[done:]
            if data and (self.process.poll() is not None or self.complaint):
                self.open = False  # the reader quit before the end (or the pager failed)
                break
            if data:
                select.select([], [self.write_fd], [], 0.1)
        return self.open

    def finish(self) -> None:
        """Close the pager's input, wait for the reader to quit it, and tell whether it failed."""
        try:
            with suppress(OSError):
                os.close(self.write_fd)
            while True:
                try:
                    self.process.wait()
                    break
                except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                    continue
            self._listener.join()
            assert self.process.stderr is not None
            self.process.stderr.close()
            self.failure = self._failure()
        finally:
            if self.process.poll() is None:
                self.process.kill()
            if self.look_fd is not None:
                with suppress(OSError):
                    os.close(self.look_fd)

    def _failure(self) -> str | None:
        if self.complaint:
            return self.complaint[0]
        code = self.process.returncode
        if code is not None and code > 0:
            # A pager ended by a signal (Ctrl-C in `more`) was quit by its reader.
            return f"exit status {code}"
        if (
            self.look_fd is not None
            and self.bytes_sent
            and _unread(self.look_fd) >= self.bytes_sent
        ):
            return "it ended without reading anything"
        return None

    def text(self) -> str:
        """All the text the pager was given."""
        return "".join(self.sent)


def _can_count(fd: int) -> bool:
    try:
        _unread(fd)
    except (ImportError, OSError):
        return False
    return True


def _unread(fd: int) -> int:
    """How many bytes wait in the pipe `fd` reads from (FIONREAD)."""
    import fcntl
    import struct
    import termios

    held = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
    return int(struct.unpack("i", held)[0])


def warn_pager(env: Environment, command: str, why: str) -> None:
    """The one line that says the pager could not show the output, which follows on stdout."""
    from hxq_cli.cli.messages import note

    note(env, f"warning: the pager {command!r} could not show the output ({why}); printed here")


def page_text(command: str, env: Environment, text: str) -> bool:
    """Send `text` through the pager `command`; False when its program cannot be found, so
    the caller prints directly (a warning says why)."""
    pager = Pager.start(command, env)
    if pager is None:
        return False
    try:
        pager.write(text)
    finally:
        pager.finish()
    if pager.failure is not None:
        warn_pager(env, command, pager.failure)
        return False
    return True
