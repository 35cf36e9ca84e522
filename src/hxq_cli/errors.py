"""The one family of errors hxq raises for things a user can get wrong, and its exit codes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; documented in the README and tested one by one."""

    #: Success, or "yes": the search matched, the editions are the same, the check passed.
    OK = 0
    #: A negative answer: no match (search), the editions differ (diff), problems found
    #: (verify, validate). Nothing went wrong in hxq itself.
    NO = 1
    #: Trouble: a usage error (unknown option, ID or value), a file that is missing,
    #: unreadable or cannot be loaded, an output that cannot be written.
    TROUBLE = 2
    #: Interrupted by Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130
    #: The reader of stdout went away (128 + SIGPIPE), e.g. ``hxq show | head -1``.
    BROKEN_PIPE = 141


class HxqError(Exception):
    """An error a person can act on; printed as one line on stderr by the CLI."""

    exit_code: ExitCode = ExitCode.TROUBLE


class DataError(HxqError):
    """A framework (or source) file cannot be read, decoded, parsed or is not of the expected shape."""

    exit_code = ExitCode.TROUBLE


class OutputError(HxqError):
    """An output file or folder cannot be written (missing folder, no permission, not empty)."""

    exit_code = ExitCode.TROUBLE


class UsageError(HxqError):
    """The user asked for something that does not exist or is malformed."""

    exit_code = ExitCode.TROUBLE


class UnknownIdError(UsageError):
    """An ID, alias or title that matches no node; `suggestions` are (ID, title) pairs."""

    def __init__(
        self, query: str, suggestions: Sequence[tuple[str, str]] = (), *, hint: str = ""
    ) -> None:
        self.query = query
        self.suggestions = list(suggestions)
        self.hint = hint
        super().__init__(self.message())

    def message(self, title: Callable[[str], str] = str) -> str:
        """The message, each suggested ID with its title beside it, whole unless `title` (a
        function of the title) says how to shorten it."""
        if self.suggestions:
            named = ", ".join(f"{id_} ({title(text)})" for id_, text in self.suggestions)
            hint = f"; did you mean {named}?"
        elif self.hint:
            hint = f"; {self.hint}"
        else:
            hint = ""
        # An ID can be any text the user typed: echo at most 80 characters of it.
        query = self.query
        shown = query if len(query) <= 80 else f"{query[:79]}…"
        return f"unknown ID {shown!r}{hint}"


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
