"""`hxq validate` as text: one line per problem (`FILE:LINE:COL: path: message`), then a summary.

Plain lines, not Rich: editors and CI parse them, so they must never be wrapped.
"""

from __future__ import annotations

from collections import Counter

from hxq_cli.queries.validate import Report
from hxq_cli.text import visible


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def summary(report: Report) -> str:
    """The last line: what was checked and found."""
    if report.valid:
        return (
            f"{report.file}: valid: {_plural(report.nodes, 'node')}, "
            f"{_plural(report.facts, 'fact')}, {_plural(report.sources, 'source')}"
        )
    by_rule = Counter(problem.rule for problem in report.problems)
    rules = ", ".join(f"{rule} {count:,}" for rule, count in sorted(by_rule.items()))
    listed = len(report.problems)
    if report.truncated:
        return f"{report.file}: more than {listed:,} problems; the first {listed:,} are listed ({rules})"
    return f"{report.file}: {_plural(listed, 'problem')} ({rules})"


def validation_text(report: Report) -> str:
    """Every problem on its own line, then the summary; control characters made visible."""
    lines = [problem.format(report.file) for problem in report.problems]
    lines += [f"warning: {warning.format(report.file)}" for warning in report.warnings]
    lines.append(summary(report))
    return "".join(visible(line).replace("\n", "\\n") + "\n" for line in lines)
