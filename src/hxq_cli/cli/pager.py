"""The pager: a view or text taller than the screen goes through it, as git and gh do."""

from __future__ import annotations

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
    """A running pager (a shell command, as git runs it) fed text as it is made."""

    def __init__(self, process: subprocess.Popen[bytes], encoding: str) -> None:
        self.process = process
        self.encoding = encoding
        self.open = True

    @classmethod
    def start(cls, command: str, env: Environment) -> Pager | None:
        """The pager started, or None when its program cannot be found (print directly)."""
        import shlex
        import shutil
        import subprocess

        try:
            program = shlex.split(command)[0]
        except (ValueError, IndexError):
            return None
        found = shutil.which(program, path=env.environ.get("PATH"))
        if found is None and not any(c in command for c in "|>&;"):
            return None
        variables = dict(env.environ)
        variables.setdefault("LESS", "FRX")
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=variables)  # noqa: S602
        return cls(process, env.encoding)

    def write(self, text: str) -> bool:
        """Send `text` on; False once the reader has quit (nothing more need be made)."""
        if self.open:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(text.encode(self.encoding, "backslashreplace"))
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


def page_text(command: str, env: Environment, text: str) -> bool:
    """Send `text` through the pager `command`; False when its program cannot be found, so
    the caller prints directly."""
    pager = Pager.start(command, env)
    if pager is None:
        return False
    try:
        pager.write(text)
    finally:
        pager.finish()
    return True
