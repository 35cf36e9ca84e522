"""Block, the part of the long views that lays out texts line by line: drawn in colour as Rich
draws a text, and without colour as the same lines with the styles left out."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from conftest import Run
from hxq_cli.render.stream import Block
from hxq_cli.render.terminal import make_console
from hxq_cli.render.whole_text import WholeText, _breaks

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _drawn(block: Block, width: int, color: bool) -> str:
    out = io.StringIO()
    make_console(out, color=color, width=width).print(block)
    return out.getvalue()


def test_a_text_without_spans_is_drawn_in_its_style() -> None:
    block = Block()
    block.add(WholeText("4.2.industries", style="cyan"))
    block.add(WholeText("plain"), 2)
    drawn = _drawn(block, 40, True)
    assert "\x1b[36m4.2.industries\x1b[0m\n" in drawn
    assert "  plain\n" in drawn


def test_a_fact_id_keeps_its_colour_where_show_stacks_the_facts(hxq: Run) -> None:
    # 50 columns: too narrow for the facts table, so each fact is a block of lines.
    out = hxq("show", "4.2", "--color", "always", width=50).out
    assert "\x1b[36m4.2.industries\x1b[0m" in out


_WORDS = st.sampled_from(
    [
        "孵化载体",
        "2025年底",
        "4.2.rd-investment",
        "R&D",
        "，",
        "。",
        "（",
        "）",
        "24.24亿元",
        "patent",
        "high-tech",
        " ",
        "  ",
        "\n",
        "一二三四五六七八九十",
        "x" * 30,
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    texts=st.lists(
        st.tuples(
            st.lists(_WORDS, max_size=30).map("".join),
            st.integers(0, 6),
            st.booleans(),
            st.integers(0, 4),
            st.sampled_from(["", "bold", "dim cyan"]),
        ),
        min_size=1,
        max_size=5,
    ),
    width=st.integers(12, 90),
)
def test_without_colour_the_lines_are_those_drawn_in_colour(
    texts: list[tuple[str, int, bool, int, str]], width: int
) -> None:
    block = Block()
    for plain, indent, labelled, hang, style in texts:
        text = WholeText(plain, style=style)
        if plain[:3].strip():
            text.stylize("bold", 0, 3)
        label = Text("• ", style="red") if labelled else None
        block.add(text, indent, label, hang)
    coloured = _drawn(block, width, True)
    plain_lines = _drawn(block, width, False)
    assert "\x1b" not in plain_lines
    assert plain_lines == ANSI.sub("", coloured)


@settings(max_examples=300, deadline=None)
@given(
    plain=st.lists(
        _WORDS | st.sampled_from(["\t", "   ", "a b", "—", "é", "🙂", "\u2764\ufe0f", "\n"]),
        max_size=40,
    ).map("".join),
    width=st.integers(1, 90),
    overflow=st.sampled_from([None, "fold", "crop", "ellipsis", "ignore"]),
    justify=st.sampled_from([None, "default", "left", "full"]),
)
# A character wider than the line, cut as each overflow cuts it.
@example(plain="孵化", width=1, overflow="ellipsis", justify=None)
@example(plain="孵化", width=1, overflow="crop", justify=None)
def test_plain_lines_are_the_lines_wrap_gives(
    plain: str, width: int, overflow: str | None, justify: str | None
) -> None:
    text = WholeText(plain, overflow=overflow, justify=justify)  # type: ignore[arg-type]
    console = make_console(io.StringIO(), color=False, width=100)
    lines = text.plain_lines(width)
    if lines is None:
        assert "\t" in plain or overflow == "ignore" or justify not in (None, "default")
    else:
        assert lines == [line.plain for line in text.wrap(console, width)]


@settings(max_examples=300, deadline=None)
@given(
    plain=st.lists(
        _WORDS | st.sampled_from(["   ", "a b", "—", "é", "🙂", "\x01"]), max_size=40
    ).map("".join),
    width=st.integers(1, 90),
    cut_long=st.booleans(),
)
@example(plain="abc   ", width=3, cut_long=True)
@example(plain="ab 一二三   ", width=5, cut_long=True)
def test_the_cells_added_up_while_breaking_are_those_of_each_part(
    plain: str, width: int, cut_long: bool
) -> None:
    """`plain_lines` takes each part's cells from `_breaks` instead of measuring the part."""
    offsets, cells = _breaks(plain, width, cut_long=cut_long)
    assert all(0 < offset < len(plain) for offset in offsets)
    assert offsets == sorted(set(offsets))
    parts = [plain[a:b] for a, b in zip([0, *offsets], [*offsets, len(plain)], strict=True)]
    assert cells == [cell_len(part) for part in parts]


@pytest.mark.parametrize("width", [6, 10, 12])
def test_without_colour_a_block_narrower_than_its_indent_cuts_its_lines_itself(
    width: int,
) -> None:
    """Block's lines without colour fit the width even where the indent leaves no room (a
    search hit's label wider than the terminal), as Console.print would cut them: the long
    views print them without Rich's cut (`Stream.lines_fit`)."""
    block = Block()
    lead = WholeText("    ")
    lead.append("描述 · Description (zh)", style="dim")
    block.add(WholeText("孵化载体 4.2.rd-investment patent"), 12, lead)
    block.add(WholeText("high-tech zone"), 4, hang=4)
    console = make_console(io.StringIO(), color=False, width=width)
    lines = "".join(s.text for s in console.render(block, console.options)).splitlines()
    assert lines and all(cell_len(line) <= width for line in lines)
    assert "".join(line + "\n" for line in lines) == _drawn(block, width, False)
