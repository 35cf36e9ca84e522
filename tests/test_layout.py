"""Layout at every width (issue 24): captures of the views at 60, 80, 120 and 200 columns keep
IDs, figures and dates whole and start no line with closing punctuation; `verify` stacks its
checks rather than fold a figure or a note word by word; piped output ends no line in a space;
the README's layout claims hold."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Group
from rich.table import Table

from conftest import REPO, SHIPPED, Run, installed_hxq
from hxq_cli.cli.stdout import TrimmedLines
from hxq_cli.errors import ExitCode
from hxq_cli.read import OUTPUT_SCHEMAS, build_framework, load
from hxq_cli.render.fit import TableOrStacked
from hxq_cli.render.terminal import make_console
from hxq_cli.render.whole_text import FigureText, WholeText
from hxq_cli.zh.display import chinese, english
from test_data import source_path
from test_widths import broken

WIDTHS = (60, 80, 120, 200)

#: Punctuation that closes what comes before it, Chinese (full-width) and ASCII.
CLOSING = "，。、；：！？）」』》〉】”’,.;:!?)]"
#: What a line may start with before its text: indents and tree guides.
GUIDES = " │├└─"
#: What may open a figure or a quotation in a cell (“24.24亿元”).
OPENING = "“‘（《「『〈【(["


# --------------------------------------------------------------------------- the checks


def _column_text(line: str, column: int) -> str | None:
    """What `line` holds from terminal column `column` on, when a cell can start there (at the
    line's start or after a space); None otherwise."""
    index = used = 0
    while index < len(line) and used < column:
        used += cell_len(line[index])
        index += 1
    if used != column or (index and line[index - 1] != " "):
        return None
    return line[index:]


def _continuation_columns(before: str) -> set[int]:
    """The columns where the rest of a token that starts after `before` may go on, on the next
    line: under the token itself, under the opening punctuation before it, or at the start of
    its table cell (after the last run of two spaces)."""
    columns = {cell_len(before)}
    opened = re.search(rf"[{OPENING}]+$", before)
    if opened:
        columns.add(cell_len(before[: opened.start()]))
    cell = re.search(r"(?:^|  )(?=\S)(?:(?!  ).)*$", before)
    if cell:
        columns.add(cell_len(before[: cell.start()]) + (2 if cell.group().startswith("  ") else 0))
    return columns


def _split_at(line: str, following: str, head: str, tail: str) -> bool:
    """Whether `line` ends a piece of text in `head` (at a word's start) that `following` goes
    on with `tail`: at its start (prose) or in the same table cell."""
    start = 0
    while (index := line.find(head, start)) >= 0:
        start = index + 1
        end = index + len(head)
        before = line[:index]
        if line[end : end + 1] not in ("", " ") or (before and before[-1] not in " " + OPENING):
            continue
        if not line[end:].strip() and following.lstrip(GUIDES).lstrip(OPENING).startswith(tail):
            return True
        for column in _continuation_columns(before):
            rest = _column_text(following, column)
            if rest is not None and rest.lstrip(OPENING).startswith(tail):
                return True
    return False


def split_tokens(output: str, tokens: set[str], width: int) -> list[str]:
    """The tokens (of three characters or more, no wider than `width`) that `output` breaks
    across two lines: in prose (the line ends with the first piece, the next starts with the
    rest) or in a table (the rest goes on under the first piece, in the same cell)."""
    lines = output.splitlines()
    found: set[str] = set()
    for token in tokens:
        if len(token) < 3 or cell_len(token) > width:
            continue
        pieces = [(token[:k].rstrip(), token[k:].lstrip()) for k in range(1, len(token))]
        pieces = [(head, tail) for head, tail in pieces if head and tail]
        for line, following in zip(lines, lines[1:], strict=False):
            if any(_split_at(line, following, head, tail) for head, tail in pieces):
                found.add(token)
                break
    return sorted(found)


def closing_starts(output: str) -> list[str]:
    """The lines that start (after indents and tree guides) with closing punctuation."""
    return [line for line in output.splitlines() if line.lstrip(GUIDES).startswith(tuple(CLOSING))]


def _tokens(path: Path) -> set[str]:
    """The IDs, figures (in both languages) and dates of a framework file."""
    framework = build_framework(load(str(path)))
    tokens = {node.id for node in framework.walk()}
    for _, fact in framework.facts():
        tokens |= {fact.id, chinese(fact), english(fact)}
        if fact.as_of:
            tokens.add(fact.as_of)
    return tokens


def test_the_split_check_finds_a_figure_split_in_a_cell_and_in_prose() -> None:
    tokens = {"24.24亿元", "CNY 2.424 billion", "4.2.rd-investment"}
    cell = "found   “24.24亿   23:238\n        元”\n"
    prose = "  R&D investment was CNY 2.424\n  billion by 2025\n"
    whole = "found   “24.24亿元”   CNY 2.424 billion\n        4.2.rd-investment\n"
    assert split_tokens(cell, tokens, 80) == ["24.24亿元"]
    assert split_tokens(prose, tokens, 80) == ["CNY 2.424 billion"]
    assert split_tokens(whole, tokens, 80) == []
    assert closing_starts("一行\n  ，下一行\n") == ["  ，下一行"]


# --------------------------------------------------------------------------- captures


def _edited(tmp_path: Path) -> Path:
    """The shipped framework with a wrong figure (24.24 becomes 25.1) and an anchor that is not
    in the interview."""
    text = SHIPPED.read_text(encoding="utf-8")
    edited = text.replace("value: 24.24\n", "value: 25.1\n", 1).replace(
        'anchor: "立项项目964个"', 'anchor: "立项项目九百六十四个"', 1
    )
    assert edited.count("\n") == text.count("\n") and edited != text
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8")
    return path


def _captures(tmp_path: Path) -> dict[str, list[str]]:
    edited = str(_edited(tmp_path))
    source = str(source_path())
    return {
        "show": ["show"],
        "show node": ["show", "4"],
        "show node en": ["show", "4.4", "--lang", "en"],
        "facts": ["facts"],
        "facts en": ["facts", "--lang", "en"],
        "search": ["search", "研发"],
        "search en": ["search", "patent"],
        "verify": ["verify", "--source", source, "--data", edited],
        "verify problems": ["verify", "--source", source, "--data", edited, "--problems"],
        "verify en": ["verify", "--source", source, "--data", edited, "--lang", "en"],
        "diff": ["diff", str(SHIPPED), edited],
        "terms": ["terms"],
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_captures_keep_ids_figures_and_dates_whole(hxq: Run, width: int, tmp_path: Path) -> None:
    """Each view at each width: no ID, figure or date split across lines, and no line that
    starts with closing punctuation."""
    tokens = _tokens(SHIPPED) | {"25.1亿元", "CNY 2.51 billion"}
    for name, args in _captures(tmp_path).items():
        result = hxq(*args, width=width)
        assert result.code in (ExitCode.OK, ExitCode.NO), (name, result.err)
        assert result.out.strip(), name
        assert split_tokens(result.out, tokens, width) == [], (name, result.out)
        assert broken(result.out, width) == [], (name, result.out)
        assert closing_starts(result.out) == [], (name, result.out)
        if name.startswith("verify"):
            assert "4.2.rd-investment" in result.out and "4.2.projects" in result.out


# --------------------------------------------------------------------------- verify


def _problems(hxq: Run, tmp_path: Path, width: int, lang: str = "both") -> str:
    edited = str(_edited(tmp_path))
    result = hxq(
        "verify",
        "--source",
        str(source_path()),
        "--data",
        edited,
        "--problems",
        "--lang",
        lang,
        width=width,
    )
    assert result.code == ExitCode.NO, result.err
    return result.out


@pytest.mark.parametrize("width", WIDTHS)
def test_verify_keeps_each_figure_and_note_line_readable(
    hxq: Run, tmp_path: Path, width: int
) -> None:
    """The figure at the anchor is whole, and a note is never folded a word or two to a line:
    where the table's columns cannot hold them, the checks are stacked."""
    lines = _problems(hxq, tmp_path, width).splitlines()
    assert any("“24.24亿元”" in line for line in lines)
    assert any("anchor not in the source;" in line for line in lines)
    for line in lines:
        words = line.split()
        # A note's line in the table column holds several words, or is the note's last one.
        assert not (len(words) == 1 and words[0] in {"anchor", "not", "the", "source;", "its"})


def test_verify_stacks_at_80_columns_and_is_a_table_at_200(hxq: Run, tmp_path: Path) -> None:
    narrow = _problems(hxq, tmp_path, 80)
    assert "数值 Value: 25.1亿元 / CNY 2.51 billion" in narrow
    wide = _problems(hxq, tmp_path, 200)
    assert "Line:col" in wide
    row = next(line for line in wide.splitlines() if "4.2.rd-investment" in line)
    assert "25.1亿元 / CNY 2.51 billion" in row and "“24.24亿元”" in row


def test_verify_without_a_source_says_what_it_needs_in_one_line(hxq: Run) -> None:
    result = hxq("verify")
    assert result.code == ExitCode.TROUBLE and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith("hxq: error: verify needs the source text")
    assert "--source FILE" in line and "HXQ_SOURCE" in line
    assert "interview-sun-guoquan-2026.zh.txt" in line and "README" in line


def test_the_readme_says_where_the_interview_text_goes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `hxq verify`")[1].split("\n## ")[0]
    assert "../shared/sources/interview-sun-guoquan-2026.zh.txt" in section
    assert "$ hxq verify --source ../shared/sources/interview-sun-guoquan-2026.zh.txt" in section


# --------------------------------------------------------------------------- figures


def test_a_figure_breaks_only_between_its_forms() -> None:
    figure = FigureText("最快15分钟 / as little as 15 minutes")
    console = make_console(io.StringIO(), color=False, width=80)
    assert [line.plain.rstrip() for line in figure.wrap(console, 30)] == [
        "最快15分钟 /",
        "as little as 15 minutes",
    ]
    assert figure.plain_lines(30) == ["最快15分钟 / ", "as little as 15 minutes"]
    # A form wider than the line is broken as any text is, rather than cut off.
    assert [line.plain for line in figure.wrap(console, 12)][-1] == "15 minutes"


def test_a_figure_asks_its_column_for_its_widest_form() -> None:
    table = Table()
    table.add_column("Value")
    table.add_row(FigureText("近亿元 / nearly CNY 100 million"))
    table.add_row(WholeText("x"))
    # A column narrower than "nearly CNY 100 million" would break the figure: stacked instead.
    drawn = io.StringIO()
    make_console(drawn, color=False, width=20).print(
        TableOrStacked(table, lambda: Group(WholeText("stacked")))
    )
    assert drawn.getvalue() == "stacked\n"


def test_a_column_below_its_minimum_width_stacks_the_table() -> None:
    table = Table()
    table.add_column("Note", min_width=24)
    table.add_column("ID", no_wrap=True)
    table.add_row(WholeText("anchor not in the source"), WholeText("4.2.rd-investment"))
    for width, expected in ((60, False), (30, True)):
        drawn = io.StringIO()
        make_console(drawn, color=False, width=width).print(
            TableOrStacked(table, lambda: Group(WholeText("stacked")))
        )
        assert (drawn.getvalue() == "stacked\n") is expected, drawn.getvalue()


# --------------------------------------------------------------------------- trailing spaces


def _trimmed(*writes: str) -> str:
    out = io.StringIO()
    stream = TrimmedLines(out)
    for text in writes:
        stream.write(text)
    stream.flush()
    return out.getvalue()


def test_trimmed_lines_drop_the_spaces_that_end_a_line() -> None:
    assert _trimmed("a  \nb \n", "c   ") == "a\nb\nc"
    # Spaces at the end of one write wait for the next to say whether a line ends there.
    assert _trimmed("a  ", "b  ", "\n") == "a  b\n"
    # Colour codes among the spaces are kept; the spaces are not.
    assert _trimmed("\x1b[1mID  \x1b[0m  \n") == "\x1b[1mID\x1b[0m\n"
    assert _trimmed("a \x1b[2m", " \x1b[0m", "b\n") == "a \x1b[2m \x1b[0mb\n"
    # Spaces inside a line are data.
    assert _trimmed("a  b\n  c\n") == "a  b\n  c\n"


def _views(tmp_path: Path) -> dict[str, list[str]]:
    edited = str(_edited(tmp_path))
    views = {
        "show": ["show"],
        "show node": ["show", "4"],
        "show fact": ["show", "4.2.rd-investment"],
        "facts": ["facts"],
        "facts chart": ["facts", "--chart"],
        "search": ["search", "patent"],
        "diff": ["diff", str(SHIPPED), edited],
        "terms": ["terms"],
        "validate": ["validate"],
        "schema": ["schema"],
        "schema facts": ["schema", "facts"],
        "export md": ["export", "--format", "md"],
        "help": ["--help"],
        "show help": ["show", "--help"],
        "verify help": ["verify", "--help"],
    }
    source = source_path()
    views["verify"] = ["verify", "--source", str(source), "--data", edited]
    return views


@pytest.mark.parametrize("width", [60, 80, 200])
def test_piped_views_end_no_line_in_a_space(hxq: Run, tmp_path: Path, width: int) -> None:
    for name, args in _views(tmp_path).items():
        out = hxq(*args, width=width).out
        assert out, name
        spaced = [line for line in out.splitlines() if line.endswith(" ")]
        assert spaced == [], (name, spaced[:3])


def test_piped_colour_ends_no_line_in_a_space(hxq: Run) -> None:
    out = hxq("show", "4", "--color", "always", width=80).out
    assert "\x1b[" in out
    assert [
        line for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines() if line.endswith(" ")
    ] == []


def test_the_installed_hxq_piped_ends_no_line_in_a_space() -> None:
    """Through a real pipe: a view, and the help that Typer and Rich write themselves."""
    for args in (["show", "4"], ["--help"], ["facts", "--help"], ["terms"]):
        done = subprocess.run(
            [installed_hxq(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={"COLUMNS": "80", "HXQ_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout and not [line for line in done.stdout.splitlines() if line.endswith(" ")]


def test_a_view_on_a_terminal_is_drawn_as_rich_draws_it(hxq: Run) -> None:
    """Only output that is not a terminal is trimmed (a terminal shows no trailing space)."""
    shown = hxq("terms", width=80, stdout_isatty=True).out
    assert any(line.endswith(" ") for line in shown.splitlines())


# --------------------------------------------------------------------------- the README


def test_the_readme_schema_table_lists_every_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("`hxq schema NAME` prints the JSON Schema")[1].split("```")[0]
    names = re.findall(r"^\| `([a-z]+)` \|", table, re.M)
    assert names == list(OUTPUT_SCHEMAS)


def test_the_readme_says_from_what_width_facts_has_columns(hxq: Run) -> None:
    """The facts section's claim: its own column for each part from 130 columns for the shipped
    framework (its longest ID, 33 characters, counts as 30), and from 120 for short IDs."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "130 columns for the shipped framework" in readme
    assert "from 120 columns on" in readme
    minimal = str(REPO / "tests" / "fixtures" / "minimal.yaml")

    def has_columns(width: int, *args: str) -> bool:
        first = hxq("facts", *args, width=width).out.splitlines()[0]
        return first.startswith("编号")

    assert not has_columns(129) and has_columns(130)
    assert not has_columns(119, "--data", minimal) and has_columns(120, "--data", minimal)


def test_markdown_breaks_a_line_with_a_backslash_not_trailing_spaces() -> None:
    """The briefing's roles and a source's citations are lines of one paragraph or list item:
    a CommonMark reader still breaks them, and no line ends in a space."""
    from markdown_it import MarkdownIt

    from conftest import load_framework
    from hxq_cli.formats.md import export

    text = export(load_framework())
    assert not [line for line in text.splitlines() if line.endswith(" ")]
    html = MarkdownIt("commonmark").render(text)
    assert "Launch a second start-up<br />\n<strong>" in html
    assert "2026年。<br />\nLuo Xiaoyan" in html
    # A backslash ends only a line that another follows (at a paragraph's end it would show).
    assert "\\</p>" not in html and "\\\n\n" not in text


@pytest.mark.parametrize("width", [130, 135, 140, 150])
def test_the_facts_table_holds_each_figure_on_one_line(hxq: Run, width: int) -> None:
    # Rich squeezed the right-aligned value column of the wide table below its widest figure
    # where the row was tight: "nearly CNY 100" above "million" at 130 to 140 columns.
    shipped = build_framework(load(str(SHIPPED)))
    out = hxq("facts", "--lang", "en", width=width).out
    assert out.splitlines()[0].startswith("ID ")  # the wide table, in English
    for _, fact in shipped.facts():
        assert english(fact) in out, (english(fact), width)
