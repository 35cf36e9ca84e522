"""`hxq validate` as text: one line per problem and warning (`FILE:LINE:COL: error: path: message`,
`FILE:LINE:COL: warning: …`, as gcc, ruff and mypy write them), then a summary.

Plain lines, not Rich: editors and CI parse them, so they must never be wrapped.
"""

from __future__ import annotations

from collections import Counter

from hxq_cli.queries.validate import Problem, Report, WarningGroup, group_warnings, place
from hxq_cli.text import cells, shorten_path, visible


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


#: The summary's file name is never cut below this many cells to fit a line.
MIN_SHOWN_PATH = 12


def summary(report: Report, width: int | None = None) -> str:
    """The last line: what was checked and found; within `width` cells when given (a terminal),
    the file name cut from the left so that the line stays one line and its counts whole."""
    if report.valid:
        said = (
            f"valid: {_plural(report.nodes, 'node')}, "
            f"{_plural(report.facts, 'fact')}, {_plural(report.sources, 'source')}"
        )
        if any(isinstance(item, WarningGroup) for item in group_warnings(report.warnings)):
            said += f"; {_plural(len(report.warnings), 'warning')} (each one: --json)"
    else:
        by_rule = Counter(problem.rule for problem in report.problems)
        rules = ", ".join(f"{rule} {count:,}" for rule, count in sorted(by_rule.items()))
        listed = len(report.problems)
        if report.truncated:
            said = f"more than {listed:,} problems; the first {listed:,} are listed ({rules})"
        else:
            said = f"{_plural(listed, 'problem')} ({rules})"
    name = visible(report.file)
    if width is not None:
        room = width - cells(f": {said}")
        if room >= MIN_SHOWN_PATH:
            name = shorten_path(name, room)
    return f"{name}: {said}"


#: A group's line names this many of its subjects, then how many more.
SHOWN_SUBJECTS = 6


def _warning(item: Problem | WarningGroup, file: str) -> str:
    """One warning, or a group of one kind as one line: what is left, how many, which (the
    first few), and what to do; at the place of the first."""
    if isinstance(item, Problem):
        return item.format(file, "warning")
    first = item.first
    where = f"{place(file, first.line, first.column)}: warning"
    subjects = [s for s in item.subjects if s]
    named = ", ".join(subjects[:SHOWN_SUBJECTS])
    if len(subjects) > SHOWN_SUBJECTS:
        named += f" and {len(subjects) - SHOWN_SUBJECTS:,} more"
    return f"{where}: {item.what}: {len(item.subjects):,} ({named}): {item.action}"


def validation_text(report: Report, width: int | None = None) -> str:
    """Every problem on its own line, then the summary (see `summary` for `width`); control
    characters made visible. Problem lines are never cut: editors and CI read them."""
    lines = [problem.format(report.file) for problem in report.problems]
    lines += [_warning(item, report.file) for item in group_warnings(report.warnings)]
    lines.append(summary(report, width))
    return "".join(visible(line).replace("\n", "\\n") + "\n" for line in lines)
