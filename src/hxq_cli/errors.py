"""The one family of errors hxq raises for things a user can get wrong, and its exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; documented in the README and tested one by one."""

    OK = 0
    #: A framework or source file is missing, unreadable or invalid; or a check found problems.
    DATA = 1
    #: The command line is wrong: unknown option, unknown ID, bad value.
    USAGE = 2
    #: Standard output cannot be written (closed, full disk, I/O error); the same code as USAGE.
    OUTPUT_FAILED = 2
    #: Interrupted by Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130
    #: The reader of stdout went away (128 + SIGPIPE), e.g. ``hxq show | head -1``.
    BROKEN_PIPE = 141


class HxqError(Exception):
    """An error a person can act on; printed as one line on stderr by the CLI."""

    exit_code: ExitCode = ExitCode.DATA


class DataError(HxqError):
    """A framework (or source) file cannot be read, decoded, parsed or is not of the expected shape."""

    exit_code = ExitCode.DATA


class OutputError(HxqError):
    """An output file or folder cannot be written (missing folder, no permission, not empty)."""

    exit_code = ExitCode.DATA


class UsageError(HxqError):
    """The user asked for something that does not exist or is malformed."""

    exit_code = ExitCode.USAGE


class UnknownIdError(UsageError):
    """An ID, alias or title that matches no node."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        # An ID can be any text the user typed: echo at most 80 characters of it.
        shown = query if len(query) <= 80 else f"{query[:79]}…"
        super().__init__(f"unknown ID {shown!r}{hint}")


class DocumentError(DataError):
    """A framework file's content is unusable (encoding, YAML, shape), at a known place if any.

    Printed as ``FILE:LINE:COL: path: problem``; `hxq validate` reports the same fields as a problem.
    """

    def __init__(
        self,
        name: str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: str = "",
    ) -> None:
        self.name = name
        self.problem = problem
        self.line = line
        self.column = column
        self.path = path
        where = name if line is None else f"{name}:{line}:{column}"
        super().__init__(f"{where}: {path}: {problem}" if path else f"{where}: {problem}")
