"""The smaller points of issue 12: narrow help, the --lang message, CSV on a terminal, the tree."""

from __future__ import annotations

import io

import pytest

from conftest import Run, environment
from hxq_cli.cli.stdout import emit_text
from hxq_cli.text import cells


def test_help_at_40_columns_loses_no_word(hxq: Run) -> None:
    result = hxq("show", "--help", width=40)
    assert "…" not in result.out
    words = " ".join(result.out.split())
    assert "Write JSON to stdout instead of a view." in words


def _epilog_lines(command: str) -> list[str]:
    """The example (or exit code) lines of a command's help epilog, as written in the code."""
    import importlib

    from hxq_cli.cli.app import COMMANDS, EXIT_CODES

    epilog = EXIT_CODES
    if command:
        module = importlib.import_module(f"hxq_cli.cli.{dict(COMMANDS)[command]}")
        epilog = getattr(module, f"{command.upper()}_EPILOG")
    return [line.strip() for line in epilog.splitlines()[1:]]


HELP_COMMANDS = ["", "show", "facts", "search", "terms", "verify", "validate", "diff", "export"]


@pytest.mark.parametrize("width", [40, 50, 59, 60, 80])
@pytest.mark.parametrize("command", HELP_COMMANDS)
def test_help_keeps_each_example_on_its_own_lines(hxq: Run, command: str, width: int) -> None:
    """Each example (or exit code) starts its own line and folds only between words, its later
    lines indented under it: no file name or option broken at a hyphen, nothing wider than the
    terminal. Below 60 columns help is Click's plain help, which ran them into one paragraph;
    from 60 Rich's, which wrapped them back to the margin."""
    out = hxq(*([command] if command else []), "--help", width=width).out
    tail = out[out.index("Examples:" if command else "Exit codes:") :].splitlines()[1:]
    tail = [line for line in tail if line.strip()]
    margin = len(tail[0]) - len(tail[0].lstrip())
    expected = _epilog_lines(command)
    starts = [line for line in tail if len(line) - len(line.lstrip()) == margin]
    assert len(starts) == len(expected), tail
    assert all(len(line) - len(line.lstrip()) > margin for line in tail if line not in starts)
    # The lines of each entry, joined, are the entry: every word whole.
    entries = " ".join(line.strip() for line in tail)
    for line in expected:
        assert line in entries, line
    assert all(cells(line) <= width for line in tail)


@pytest.mark.parametrize("width", [40, 50, 59])
def test_narrow_help_lists_each_command_with_its_whole_summary(hxq: Run, width: int) -> None:
    """Click cut each summary to one line below 60 columns ("Show the framework as...")."""
    out = hxq("--help", width=width).out
    listed = " ".join(out[out.index("Commands:") : out.index("Exit codes:")].split())
    assert "..." not in listed and "…" not in listed
    assert "show Show the framework as a tree, or one node with its parts and figures." in listed
    assert "(draft-07): of framework files, or of a command's --json output." in listed


def test_a_typed_lang_is_named_without_the_env_var(
    hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = hxq("show", "--lang", "fr")
    assert typed.code == 2
    assert "Invalid value for '--lang':" in typed.err and "env var" not in typed.err
    monkeypatch.setenv("HXQ_LANG", "fr")
    from_env = hxq("show")
    assert "(env var: 'HXQ_LANG')" in from_env.err


def test_csv_on_a_terminal_has_plain_line_ends() -> None:
    screen = io.StringIO()
    emit_text(environment(stdout=screen, stdout_isatty=True), "a,b\r\n1,2\r\n")
    assert screen.getvalue() == "a,b\n1,2\n"


def test_csv_to_a_file_keeps_crlf(hxq: Run) -> None:
    assert "\r\n" in hxq("facts", "--csv").out


def test_tree_says_what_its_counts_are(hxq: Run) -> None:
    out = hxq("show", width=120).out
    assert "[1]" not in out and "[5]" not in out
    assert "(1 figure)" in out
    assert " — " in out  # the role is set off from the title
    assert "项数据)" in hxq("show", "--lang", "zh", width=120).out


@pytest.mark.parametrize(
    ("text", "limit", "shortened"),
    [
        ("截至2025年底的累计研发投入", 12, "截至2025年…"),  # 11 cells and the ellipsis
        ("科创赋能 · Empowerment through sci-tech innovation", 13, "科创赋能 · E…"),
        ("short", 12, "short"),
        ("科创赋能科创", 12, "科创赋能科创"),  # exactly 12 cells: whole
    ],
)
def test_shorten_counts_terminal_cells(text: str, limit: int, shortened: str) -> None:
    """A Chinese character takes two cells: a message cut to 12 characters of Chinese would be
    twice as wide as one cut to 12 of English."""
    from hxq_cli.text import shorten

    assert shorten(text, limit) == shortened
    assert cells(shorten(text, limit)) <= limit


def test_shorten_with_words_cuts_before_a_word() -> None:
    from hxq_cli.text import shorten

    title = "科创赋能 · Empowerment through sci-tech innovation"
    assert shorten(title, 24, words=True) == "科创赋能 · Empowerment…"
    assert shorten(title, 20, words=True) == "科创赋能…"  # not "Empowerm…"
    assert shorten(title, 25) == "科创赋能 · Empowerment t…"


def test_shorten_path_cuts_from_the_left_at_a_folder() -> None:
    from hxq_cli.text import shorten_path

    assert shorten_path("/home/用户/框架/framework.yaml", 21) == "…/框架/framework.yaml"
    assert shorten_path("/a/framework-with-a-long-name.yaml", 12) == "…g-name.yaml"
    assert shorten_path("/a/b.yaml", 20) == "/a/b.yaml"


@pytest.mark.parametrize(
    "text", ["café", "cafe\u0301", "科创赋能", "e\u0301\u0302x", "4.2 · 名片", ""]
)
def test_cells_counts_as_rich_does(text: str) -> None:
    """The core's cell count (it may not import Rich) agrees with Rich's, combining marks
    included, so that a message is measured and folded by the same count."""
    from rich.cells import cell_len

    assert cells(text) == cell_len(text)
