"""`hxq browse`: the full-screen view, driven headless with Textual's pilot, and once in tmux.

Screens are compared as text with files under tests/snapshots/ that a person has read; set
HXQ_UPDATE_SNAPSHOTS=1 to write them again after a deliberate change (then read the diff).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from conftest import FIXTURES, REPO, Run
from hxq_cli.model import Framework, Lang
from hxq_cli.queries.resolve import resolve_id
from hxq_cli.tui.app import BrowseApp
from hxq_cli.tui.hxq_api import load_framework, read_source
from hxq_cli.tui.widgets import FactsScreen, FrameworkTree, GotoScreen, HelpScreen

SNAPSHOTS = Path(__file__).parent / "snapshots"
EXAMPLE = REPO / "examples" / "riverton-321.yaml"
HOSTILE = FIXTURES / "hostile.yaml"
# Read once at import: the autouse fixture in conftest clears HXQ_* variables for each test.
UPDATE = os.environ.get("HXQ_UPDATE_SNAPSHOTS") == "1"


def app_for(
    path: Path | None = None,
    node: str | None = None,
    lang: Lang = "both",
    source: Path | None = None,
) -> BrowseApp:
    framework: Framework = load_framework(None if path is None else str(path))
    start = resolve_id(framework, node) if node is not None else None
    text = read_source(str(source)) if source is not None else None
    return BrowseApp(framework, lang=lang, start=start, source=text)


def screen_text(app: BrowseApp) -> str:
    """The screen as plain text, one line per row, as a terminal would show it (no styles)."""
    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    lines = ("".join(strip.text for strip in line).rstrip() for line in update.strips)
    return "\n".join(lines) + "\n"


def region_text(app: BrowseApp, widget: Any) -> str:
    """What the screen shows inside a widget's content region, one line per row."""
    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, LayoutUpdate)
    region = widget.content_region
    rows = [Strip.join(line) for line in update.strips[region.y : region.bottom]]
    return "\n".join(strip.crop(region.x, region.right).text.rstrip() for strip in rows) + "\n"


async def settled(pilot: Any) -> None:
    """After the scrolling a key started (Textual animates it) has ended."""
    await pilot.wait_for_scheduled_animations()
    await pilot.wait_for_animation()
    await pilot.pause()


def focus_of(app: BrowseApp) -> object:
    """The focused widget (a function: a type checker does not keep it from before a key)."""
    return app.focused


def focused_id(app: BrowseApp) -> str:
    node = app.focused_node()
    assert node is not None
    return node.id


async def screen_with(pilot: Any, app: BrowseApp, *needles: str) -> str:
    """The screen once it shows every needle: the view draws after its own events, which a
    loaded machine may take many frames to run. Gives up (and returns the screen) after 200."""
    screen = screen_text(app)
    for _ in range(200):
        if all(needle in screen for needle in needles):
            break
        await pilot.pause()
        screen = screen_text(app)
    return screen


def details_text(app: BrowseApp) -> str:
    return "\n".join(line.rstrip() for line in screen_text(app).splitlines())


# --------------------------------------------------------------------------- moving


@pytest.mark.asyncio
async def test_moving_and_expanding_the_tree() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(FrameworkTree)
        assert focused_id(app) == "1"
        await pilot.press("j", "down")
        assert focused_id(app) == "2.1"
        await pilot.press("k")
        assert focused_id(app) == "2"
        await pilot.press("J", "J")
        assert focused_id(app) == "4"
        await pilot.press("K")
        assert focused_id(app) == "3"
        await pilot.press("h")  # an expanded node collapses first
        assert tree.cursor_node is not None and not tree.cursor_node.is_expanded
        await pilot.press("l")  # and opens again
        assert tree.cursor_node.is_expanded
        await pilot.press("l")  # then goes into its first part
        assert focused_id(app) == "3.1"
        await pilot.press("h")  # a leaf goes to its parent
        assert focused_id(app) == "3"
        # Children of 4.2 are added only when it is first expanded.
        located = resolve_id(app.framework, "4.2")
        child = located.node.children[0]
        assert tree.shown(child) is None
        await pilot.press("J", "l", "l", "J")
        assert focused_id(app) == "4.2"
        await pilot.press("enter")
        assert tree.shown(child) is not None
        await pilot.press("right")
        assert focused_id(app) == child.id
        await pilot.press("left", "left")
        assert focused_id(app) == "4.2"


@pytest.mark.asyncio
async def test_opens_on_the_given_node_with_its_details() -> None:
    app = app_for(node="innovation", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert focused_id(app) == "4.2"
        screen = screen_text(app)
        assert "Empowerment through sci-tech innovation" in screen
        assert "4 Four calling cards › 4.2 Empowerment through sci-tech innovation" in screen
        # Figures in their English display form: no Chinese unit.
        assert "CNY 2.424 billion  R&D investment as of the end of 2025" in screen
        assert "亿元" not in screen
        assert "As of: 2025-12-31" in screen


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_a_mouse_click_opens_a_node() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.query_one(FrameworkTree)
        four_one = tree.shown(resolve_id(app.framework, "4.1").node)
        assert four_one is not None and not four_one.is_expanded
        await pilot.click(FrameworkTree, offset=(8, four_one.line - tree.scroll_offset.y + 1))
        await pilot.pause()
        assert four_one.is_expanded
        assert focused_id(app) == "4.1"


# --------------------------------------------------------------------------- search, go to


@pytest.mark.asyncio
async def test_search_marks_hits_and_n_moves_between_them() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"card")
        hits = [app.index().nodes[i].id for i in app.hits]
        assert hits == [
            "4", "4.synergy", "4.synergy.1", "4.synergy.2", "4.synergy.3", "4.synergy.4",
            "4.outcomes",
        ]  # fmt: skip
        tree = app.query_one(FrameworkTree)
        assert {n.id for n in app.index().nodes if id(n) in tree.hits} == set(hits)
        await pilot.press("enter")
        assert isinstance(app.focused, FrameworkTree)
        assert focused_id(app) == "4"
        await pilot.press("n", "n")
        assert focused_id(app) == "4.synergy.1"  # inside a node that was not expanded yet
        await pilot.press("N", "N", "N")
        assert focused_id(app) == "4.outcomes"  # round the end
        await pilot.press("n")
        assert focused_id(app) == "4"
        assert "hit 1 of 7 for card" in screen_text(app)


@pytest.mark.asyncio
async def test_letters_that_come_at_once_after_slash_reach_the_search_line() -> None:
    """A terminal often delivers "/card" in one read: all five keys are queued before "/" is
    handled, and the letters must still go to the search line, not the tree."""
    from textual import events
    from textual.widgets import Input

    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, character in (("slash", "/"), ("c", "c"), ("a", "a"), ("r", "r"), ("d", "d")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.query_one("#search", Input).value == "card"
        assert len(app.hits) == 7
        # In the search line, "/" is a character (a fraction, say).
        await pilot.press("slash", "x")
        assert app.query_one("#search", Input).value == "card/x"
        await pilot.press("escape")
        for key, character in (("colon", ":"), ("4", "4"), ("full_stop", "."), ("2", "2")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.screen.query_one("#goto-input", Input).value == "4.2"
        await pilot.press("g", "enter")  # "g" is a character in the line
        assert app.screen.query_one("#goto-input", Input).value == "4.2g"


def marked_lines(app: BrowseApp) -> list[str]:
    """The tree lines on screen drawn as search hits (bold and underlined), as plain text."""
    tree = app.query_one(FrameworkTree)
    marked = []
    for strip in tree.render_lines(Region(0, 0, tree.size.width, tree.size.height)):
        text = "".join(
            segment.text
            for segment in strip
            if segment.style is not None and segment.style.underline and segment.style.bold
        )
        if text.strip():
            marked.append(text.strip())
    return marked


@pytest.mark.asyncio
async def test_search_marks_are_drawn_again_as_the_query_changes() -> None:
    app = app_for(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"card")
        assert marked_lines(app) == [
            "▼ 4 Four calling cards  ↳6 #1",
            "▶ 4.synergy How the cards are play",
            "4.outcomes Combined results  #5",
        ]
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"safety")
        safety = ["5.1 Work safety", "▶ 5.enforcement Check-up-style reg"]
        assert marked_lines(app) == safety
        await pilot.press("backspace")
        assert marked_lines(app) == safety  # "safet": the same hits, drawn as they were
        await pilot.press("backspace")
        assert marked_lines(app) == [*safety[:1], "5.4 Debt resolution", *safety[1:]]
        await pilot.press("escape", "t")  # English to both: still marked, in the new language
        assert marked_lines(app) == [
            "5.1 安全生产 Work safety",
            "5.4 债务化解 Debt resolution",
            "▶ 5.enforcement 体检式监管+服务型",
        ]


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
@pytest.mark.parametrize("query", ["card", "calling card", "专利", "亿元", "R&D", "24"])
async def test_search_finds_the_nodes_hxq_search_finds(hxq: Run, query: str) -> None:
    found = json.loads(hxq("search", query, "--json").out)
    expected = list(dict.fromkeys(hit["node"]["id"] for hit in found["hits"]))
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        index = app.index()
        assert sorted(index.nodes[i].id for i in index.search(query)) == sorted(expected)


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_search_follows_hxq_search_rules() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        index = app.index()
        assert index.search("ard") == []  # English matches at the start of a word only
        # Full-width input is folded, as people type it with a Chinese input method.
        assert index.search("ｃａｒｄ") == index.search("card") != []
        await pilot.press("slash", "n", "o", "p", "e", "x")
        assert app.hits == [] and "0 hits for nopex" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.focused, FrameworkTree)


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_goto_completes_and_jumps() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("colon")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"innov", "tab")
        assert "innovation" in screen_text(app)
        await pilot.press("enter")
        assert not isinstance(app.screen, GotoScreen)
        assert focused_id(app) == "4.2"
        await pilot.press("g", *"营商环境", "enter")
        assert focused_id(app) == "4.4"
        await pilot.press("g", *"4.9", "enter")
        assert isinstance(app.screen, GotoScreen)
        assert "unknown ID '4.9'" in screen_text(app)
        await pilot.press("escape")
        assert focused_id(app) == "4.4"


# --------------------------------------------------------------------------- language, copy


@pytest.mark.asyncio
async def test_t_cycles_the_language_everywhere() -> None:
    app = app_for(node="4.2", lang="both")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "4 四张名片 Four calling cards" in screen_text(app)
        await pilot.press("t")
        screen = screen_text(app)
        assert app.lang == "zh"
        assert "4 四张名片" in screen and "Four calling cards" not in screen
        assert "Empowerment" not in screen and "CNY" not in screen
        assert "24.24亿元" in screen
        await pilot.press("t")
        screen = screen_text(app)
        assert "四张名片" not in screen and "科创赋能" not in screen
        assert "4 Four calling cards" in screen
        assert "CNY 2.424 billion" in screen and "亿元" not in screen
        await pilot.press("f")
        assert isinstance(app.screen, FactsScreen)
        await pilot.press("t", "t")
        screen = screen_text(app)  # zh: the table and the figure's pane changed with it
        assert "截至2025年年底的研发投入" in screen and "R&D investment" not in screen
        assert "数值" in screen and "Value" not in screen


@pytest.mark.asyncio
async def test_the_facts_table_names_its_columns_as_every_view() -> None:
    """The figures screen's columns and title in the words of the table of labels, in the
    view's language (issue 21: its columns were "ID", "数据" and "Value" in every language)."""
    from hxq_cli.labels import Labels

    app = app_for(node="4.2", lang="both")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert "9 数据 figures · 按原文顺序 in document order · 4.2 科创赋能" in screen_text(app)
        await pilot.press("t")
        zh = screen_text(app).splitlines()
        assert zh[0].startswith(" 9 数据 · 按原文顺序 · 4.2 科创赋能")
        # The value first (issue 24): at 80 columns it shows beside what it measures.
        assert zh[1].split() == [
            Labels.value.zh,
            Labels.statement.zh,
            Labels.id.zh,
            "时间",
            "比较对象",
        ]
        await pilot.press("t")
        en = screen_text(app).splitlines()
        assert en[1].split() == ["Value", "Fact", "ID", "As", "of", "Compared", "with"]


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_facts_table_sorts_by_value() -> None:
    app = app_for(node="4.2", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        screen = screen_text(app)
        assert "in document order" in screen
        first = screen.index("4.2.innovation-platforms")
        assert first < screen.index("4.2.rd-investment")
        await pilot.press("v")
        screen = screen_text(app)
        assert "by value" in screen
        await pilot.press("escape")
        assert not isinstance(app.screen, FactsScreen)


@pytest.mark.asyncio
async def test_y_and_Y_copy_the_id_and_the_json_of_hxq_show(hxq: Run) -> None:
    app = app_for(node="4.2")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == "4.2"
        await pilot.press("Y")
        copied = app.clipboard
    assert copied == hxq("show", "4.2", "--json").out


# --------------------------------------------------------------------------- help, quit


@pytest.mark.asyncio
async def test_help_lists_every_key_scrolls_and_q_quits_with_0() -> None:
    """At 80x24 the help is taller than the screen: it scrolls from the keyboard, and every
    key of every table shows on one of its pages, with what it does."""
    from hxq_cli.tui.widgets import HELP, HelpText

    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        pane = app.screen.query_one(HelpText)
        assert app.screen.focused is pane
        assert pane.max_scroll_y > 0  # taller than the screen
        seen = region_text(app, pane)
        assert "In the tree" in seen and "Mouse: click" not in seen
        while pane.scroll_y < pane.max_scroll_y:
            before = pane.scroll_y
            await pilot.press("pagedown")
            await settled(pilot)
            assert pane.scroll_y > before
            seen += region_text(app, pane)
        assert "Mouse: click a line to open it" in region_text(app, pane)
        lines = [" ".join(line.split()) for line in seen.splitlines()]
        for _, keys in HELP:
            for key in keys:
                shown = " ".join(key.shown.split())
                assert any(line.startswith(shown + " ") for line in lines), key
        await pilot.press("home")
        await settled(pilot)
        assert pane.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_ctrl_c_quits_with_0() -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
    assert app.return_code == 0


# --------------------------------------------------------------------------- other files


@pytest.mark.slow  # a browser/pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_the_riverton_example() -> None:
    app = app_for(EXAMPLE, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Riverton" in screen_text(app)
        await pilot.press("slash", *"river")
        assert app.hits
        await pilot.press("enter", "y")
        assert app.clipboard == focused_id(app)


@pytest.mark.asyncio
async def test_hostile_strings_show_as_written() -> None:
    app = app_for(HOSTILE, node="1", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await screen_with(pilot, app, "Click [@click=app.quit]here[/]", "5 [b]个")
        assert "[bold]x[/]" in screen  # title, in the tree and the details
        assert "Click [@click=app.quit]here[/]" in screen
        assert "Escape \\x1b[31mred" in screen
        assert "\x1b" not in screen
        assert "5 [b]个  Escape" in screen
        await pilot.press("l", "j")
        screen = await screen_with(pilot, app, "[@click=app.quit]quit", "B\\u202ereversed")
        assert "[@click=app.quit]quit" in screen
        assert "\\x1b]52;c;aGk=\\x07clipboard" in screen
        assert "B\\u202ereversed" in screen
        await pilot.press("h", "f")
        assert "[b]个" in await screen_with(pilot, app, "[b]个")
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code is None or app.return_code == 0


@pytest.mark.asyncio
async def test_source_sentence_with_the_anchor() -> None:
    app = app_for(FIXTURES / "verify-good.yaml", lang="en", source=FIXTURES / "verify-source.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "“" in screen and "”" in screen
        await pilot.press("f")  # the chosen figure's pane quotes its sentence too
        pane = app.screen.query_one("#fact")
        assert "“" in region_text(app, pane) and "”" in region_text(app, pane)


# --------------------------------------------------------------------------- 80x24 (issue 24)
# At 80x24 a reader can reach every field of every node and of every figure without leaving
# browse: each pane takes the focus and scrolls from the keyboard.

SMALL = (80, 24)


def pane_text(pane: Any) -> str:
    """Every line a pane of text holds (not only those on screen), as plain text."""
    return "\n".join(strip.text.rstrip() for strip in pane._lines)


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: a field folded over lines is found whole."""
    return "".join(text.split())


@pytest.mark.asyncio
async def test_tab_moves_between_the_panes_and_the_keys_scroll_the_focused_one() -> None:
    from textual.widgets._footer import FooterKey

    from hxq_cli.tui.widgets import Details

    app = app_for(node="4.2", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        details = app.query_one("#details", Details)
        assert details.max_scroll_y > 0  # 4.2 is taller than the pane at 80x24
        assert "Language: English" in screen_text(app).splitlines()[-2]
        keys = list(app.query(FooterKey))
        await pilot.press("tab")
        assert app.focused is details
        # The footer shows the same keys: it is not built again (most of what Tab cost).
        assert list(app.query(FooterKey)) == keys
        assert screen_text(app).splitlines()[-2].startswith(" Details · ↑ ↓ PgUp PgDn")
        await pilot.press("pagedown")
        await settled(pilot)
        page = details.scrollable_content_region.height
        assert details.scroll_y == min(page, details.max_scroll_y) > 0
        await pilot.press("end")
        await settled(pilot)
        assert details.scroll_y == details.max_scroll_y
        # The last figure of 4.2, and the border says the last lines show.
        screen = screen_text(app)
        assert "1,871  Intellectual property rights" in screen  # the last figure
        border = screen.splitlines()[-3]
        total = len(details._lines)
        assert f" {total - details.size.height + 1}–{total}/{total} ─" in border
        assert "↓" not in border
        await pilot.press("home", "j", "j")
        await settled(pilot)
        assert details.scroll_y == 2
        await pilot.press("k")
        await settled(pilot)
        assert details.scroll_y == 1
        assert focused_id(app) == "4.2"  # the keys scrolled the details, not the tree
        await pilot.press("shift+tab")
        assert isinstance(app.focused, FrameworkTree)
        await pilot.press("pagedown")
        assert focused_id(app) not in ("4.2", "4.3")  # a page, not a line
        await pilot.press("end")
        tree = app.framework_tree
        assert tree.cursor_line == tree.last_line > 20
        await pilot.press("home")
        assert focused_id(app) == "1"


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
async def test_every_field_of_every_node_is_in_its_details(lang: Lang) -> None:
    """Each node's title, aliases, role, action, target, description and figures (with what
    each is compared with and its date) are in the lines of its details pane at 80x24."""
    from hxq_cli.labels import roles
    from hxq_cli.render.terminal import figure
    from hxq_cli.tui.widgets import Details

    app = app_for(lang=lang)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        index = app.index()
        details = app.query_one("#details", Details)
        for position, node in enumerate(index.nodes):
            app.framework_tree.reveal(tuple(index.nodes[i] for i in index.path(position)))
            text = squeezed(pane_text(details))
            fields = [node.id, node.title.pick(lang), *node.aliases]
            fields += [value.pick(lang) for _, value in roles(node)]
            fields.append(node.description.pick(lang))
            for fact in node.facts:
                fields += [figure(fact, lang), fact.statement.pick(lang), fact.as_of or ""]
                if fact.compared_with is not None:
                    fields.append(fact.compared_with.pick(lang))
            missing = [field for field in fields if squeezed(field) not in text]
            assert missing == [], node.id


@pytest.mark.asyncio
async def test_the_figures_table_shows_the_value_first_and_the_chosen_figure_in_full() -> None:
    from hxq_cli.render.terminal import figure
    from hxq_cli.tui.widgets import Details, FigureTable

    app = app_for(node="4.2", lang="both")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        table = screen.query_one(FigureTable)
        assert app.focused is table
        lines = screen_text(app).splitlines()
        assert lines[1].split()[:4] == ["数值", "Value", "事实", "Fact"]
        # Every row begins with its whole value, then what it measures.
        for row, fact_row in enumerate(screen.rows[: table.size.height - 2]):
            fact = fact_row.fact
            assert lines[2 + row].lstrip().startswith(figure(fact, "zh") + " "), row
            assert fact.statement.zh[:6] in lines[2 + row]
        pane = screen.query_one("#fact", Details)
        for step in range(len(screen.rows)):
            fact = screen.rows[step].fact
            assert table.cursor_row == step
            text = squeezed(pane_text(pane))
            for field in (fact.id, fact.statement.zh, fact.statement.en, fact.anchor or ""):
                assert squeezed(field) in text, (fact.id, field)
            await pilot.press("j")
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == len(screen.rows) - 1
        await pilot.press("enter")
        assert focus_of(app) is pane
        await pilot.press("tab")
        assert focus_of(app) is table
        await pilot.press("escape")
        assert not isinstance(app.screen, FactsScreen)


@pytest.mark.asyncio
async def test_a_figure_is_chosen_and_its_id_copied_and_said(hxq: Run) -> None:
    shown = hxq("show", "4.2.rd-investment", "--json").out
    app = app_for(node="4.2", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f", "j", "y")
        assert app.clipboard == "4.2.rd-investment"
        status = screen_text(app).splitlines()[-2]
        assert status.startswith(
            " Copied 4.2.rd-investment (through the terminal, OSC 52; some terminals ignore"
        )
        await pilot.press("Y")
        assert app.clipboard == shown
        assert screen_text(app).splitlines()[-2].startswith(" Copied the JSON of 4.2.rd-inv")
        await pilot.press("j")  # another figure: the message has gone
        assert "Copied" not in screen_text(app)
        await pilot.press("t")  # zh: the copy is said in Chinese
        await pilot.press("y")
        assert app.clipboard == "4.2.projects"
        assert screen_text(app).splitlines()[-2].startswith(" 已复制 4.2.projects（经终端")


@pytest.mark.slow  # a pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_sorting_by_value_keeps_the_chosen_figure() -> None:
    from hxq_cli.tui.widgets import FigureTable

    app = app_for(node="4", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f", "j", "j", "j")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        chosen = screen.rows[3].fact
        document_order = [row.fact.id for row in screen.rows]
        await pilot.press("v")
        assert "by value" in screen_text(app).splitlines()[0]
        assert [row.fact.id for row in screen.rows] != document_order
        assert sorted(row.fact.id for row in screen.rows) == sorted(document_order)
        table = screen.query_one(FigureTable)
        assert screen.rows[table.cursor_row].fact is chosen
        assert f" {chosen.id} " in screen_text(app)  # scrolled to it, in the table


@pytest.mark.slow  # a pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_a_click_chooses_a_figure_and_a_double_click_reads_it() -> None:
    from hxq_cli.tui.widgets import Details, FigureTable

    app = app_for(node="4.2", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f")
        table = app.screen.query_one(FigureTable)
        await pilot.click(FigureTable, offset=(5, 3))  # the header, then rows 0, 1, 2
        assert table.cursor_row == 2 and focus_of(app) is table
        await pilot.click(FigureTable, offset=(5, 4), times=2)
        assert table.cursor_row == 3 and isinstance(focus_of(app), Details)


@pytest.mark.slow  # a pilot test on a generated framework of 2,000 nodes
@pytest.mark.asyncio
async def test_the_figures_of_a_large_subtree_open_and_move(tmp_path: Path) -> None:
    """A subtree of thousands of figures opens with its rows counted, not laid out."""
    from hxq_cli.tui.widgets import FigureTable

    sys.path.insert(0, str(REPO / "bench"))
    from make_framework import make_file

    path = tmp_path / "large.yaml"
    make_file(path, nodes=2000, facts_per_node=5)
    app = app_for(path, lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        assert len(screen.rows) > 1000
        table = screen.query_one(FigureTable)
        await pilot.press("end")
        assert table.cursor_row == len(screen.rows) - 1
        assert f" {screen.rows[-1].fact.id} " in screen_text(app)


@pytest.mark.slow  # a pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_the_tree_is_widened_and_narrowed_and_keeps_its_width() -> None:
    from hxq_cli.tui.widgets import Details

    app = app_for(node="4.2", lang="en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        tree = app.framework_tree
        details = app.query_one("#details", Details)
        first, beside = tree.size.width, details.size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert tree.size.width == first + 8  # two steps of 5% of 80 columns
        assert details.size.width == beside - 8
        wider = tree.size.width
        # Kept for the session: over the figures and back, in another language.
        await pilot.press("f", "escape", "t")
        await pilot.pause()
        assert tree.size.width == wider
        for _ in range(20):
            await pilot.press("less_than_sign")
        assert tree.outer_size.width == 24  # the narrowest tree that shows IDs and titles
        await pilot.press("greater_than_sign")  # the steps past the narrowest were not kept
        assert tree.outer_size.width == 28
        for _ in range(20):
            await pilot.press("greater_than_sign")
        assert tree.outer_size.width == 60 and details.outer_size.width == 20


@pytest.mark.slow  # a pilot test: the quick run keeps a few, CI runs all
@pytest.mark.asyncio
async def test_goto_lists_each_candidate_once_and_arrows_choose() -> None:
    from textual.widgets import Input

    from hxq_cli.tui.widgets import Choices

    app = app_for(lang="both")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("colon", "4")
        screen = app.screen
        assert isinstance(screen, GotoScreen)
        choices = screen.query_one(Choices)
        shown = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert shown[0] == "4 四张名片 Four calling cards"  # the ID once, not "4  4 四张名片"
        ids = [line.split()[0] for line in shown]
        assert len(ids) == len(set(ids)) == len(shown) > 3
        assert all(line.count(line.split()[0]) == 1 for line in shown)
        assert choices.highlighted is None  # Enter goes to what was typed, until an arrow
        await pilot.press("down", "down", "down", "up")
        assert choices.highlighted == 1
        await pilot.press("enter")
        assert focused_id(app) == ids[1]
        await pilot.press("colon", *"inno")
        screen = app.screen
        assert isinstance(screen, GotoScreen)
        choices = screen.query_one(Choices)
        first = str(choices.get_option_at_index(0).prompt)
        # The alias that found it is said when neither the ID nor the title shows it.
        assert first.startswith("4.2 科创赋能") and first.endswith(" · innovation")
        second = screen.candidates[1][0]
        await pilot.press("down", "down", "tab")
        assert screen.query_one(Input).value == second == "Innovation Points Loan"
        await pilot.press("escape")


@pytest.mark.asyncio
async def test_the_status_line_says_the_state_of_the_moment() -> None:
    app = app_for(node="4.4", lang="en")

    def status() -> str:
        return screen_text(app).splitlines()[-2].strip()

    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert ": go to" in screen_text(app).splitlines()[-1]
        await pilot.press("slash", *"card")
        assert status().startswith("7 hits for card")
        # The footer follows the keys: in the search line ":" is a character.
        assert ": go to" not in screen_text(app).splitlines()[-1]
        await pilot.press("enter")
        assert status().startswith("hit 1 of 7 for card · n next")
        assert ": go to" in screen_text(app).splitlines()[-1]
        await pilot.press("j")  # 4.1: no hit, so no word of the search
        assert "card" not in status() and status().startswith("Language: English")
        await pilot.press("n")
        assert status().startswith("hit 2 of 7 for card")
        await pilot.press("slash", *"Eaton", "enter")
        assert status().startswith("hit 1 of 1 for Eaton")
        await pilot.press("slash", *"Eato")  # the line's text is chosen: typing replaces it
        assert status().startswith("1 hit for Eato ")  # one hit: no plural
        await pilot.press("escape", "t")
        assert status().startswith("语言 Language: 中英 Both")  # the change is confirmed
        await pilot.press("t")
        assert status().startswith("语言：中文")
        await pilot.press("n")
        assert status().startswith("第 1 个，共 1 个节点匹配“Eato”")
        await pilot.press("slash", *"card")
        assert status().startswith("7 个节点匹配“card”")
        await pilot.press("escape", "y")
        assert status().startswith(f"已复制 {focused_id(app)}（")
        await pilot.press("k")
        assert "已复制" not in status()


# Punctuation a line never starts with (Chinese typesetting): an oracle of the test's own.
CLOSING = set("，。、；：？！）》」』】〕”’,.;:?!)")


@pytest.mark.parametrize("path", [None, EXAMPLE], ids=["shipped", "example"])
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
@pytest.mark.parametrize("width", [30, 42, 60, 100])
def test_details_fold_as_the_terminal_views_fold(path: Path | None, lang: Lang, width: int) -> None:
    """The details of every node, at every width: no line starts with closing punctuation,
    and every ID and every figure (each of its words) stays on one line."""
    from rich.console import Console

    from hxq_cli.render.terminal import figure
    from hxq_cli.tui.index import FrameworkIndex
    from hxq_cli.tui.views import details

    framework = load_framework(None if path is None else str(path))
    console = Console(width=width, record=False, markup=False, color_system=None)
    index = FrameworkIndex(framework)
    from hxq_cli.model import Located

    for position, node in enumerate(index.nodes):
        located = Located(tuple(index.nodes[i] for i in index.path(position)))
        lines = [
            "".join(segment.text for segment in line).strip()
            for line in console.render_lines(details(located, lang, None), pad=False)
        ]
        starts = [line for line in lines if line and line[0] in CLOSING]
        assert starts == [], node.id
        words = [n.id for n in located.path]
        words += [word for fact in node.facts for word in figure(fact, lang).split()]
        for word in words:
            if len(word) <= width:
                assert any(word in line for line in lines), (node.id, word)


def test_only_the_figure_and_the_labels_are_bold() -> None:
    """In the details a figure stands out in bold, not the statement after it; a label, not
    the role or action it names."""
    from rich.console import Console

    from hxq_cli.tui.views import details

    located = resolve_id(load_framework(None), "4.2")
    console = Console(width=60, markup=False, color_system="truecolor")
    segments = [
        segment
        for line in console.render_lines(details(located, "en", None), pad=False)
        for segment in line
        if segment.text.strip()
    ]
    bold = {segment.text.strip() for segment in segments if segment.style and segment.style.bold}
    assert {"104", "CNY 2.424 billion", "Role:"} <= bold
    assert not any("Innovation platforms" in text or "the core" in text for text in bold)


def test_the_readme_names_every_key() -> None:
    """Every key of every table (the bindings and the help) is in the README's table."""
    from hxq_cli.tui.widgets import HELP

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## `hxq browse`", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([^`]+)`", section))
    for _, keys in HELP:
        for key in keys:
            missing = [word for word in key.shown.split() if word not in named]
            assert missing == [], key


# --------------------------------------------------------------------------- snapshots


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_snapshot(size: tuple[int, int], lang: Lang) -> None:
    app = app_for(node="4.2", lang=lang)
    async with app.run_test(size=size) as pilot:
        # The start node is revealed after the first refresh: let layout and scrolling settle.
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        text = screen_text(app)
    expected = SNAPSHOTS / f"browse-4.2-{lang}-{size[0]}x{size[1]}.txt"
    if UPDATE:
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the command


def test_not_a_terminal_stops_at_once(hxq: Run) -> None:
    result = hxq("browse")
    assert result.code == 2
    assert result.err == (
        "hxq: error: browse needs a terminal: stdin and stdout must not be redirected\n"
    )
    assert result.out == ""


@pytest.mark.parametrize(
    "args",
    [["--data", "no-such-file.yaml"], ["--data", str(FIXTURES / "verify-bad.yaml"), "9.9"]],
    ids=["missing file", "unknown id"],
)
def test_errors_are_those_of_show(hxq: Run, args: list[str]) -> None:
    shown = hxq("show", *args)
    browsed = hxq("browse", *args, stdin_isatty=True, stdout_isatty=True)
    assert (browsed.code, browsed.err) == (shown.code, shown.err)
    assert browsed.err.count("\n") == 1


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True, timeout=10)
    return done.stdout


def _wait_for(session: str, predicate: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if predicate in screen:
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{predicate!r} never showed; the screen was:\n{screen}")


@pytest.fixture
def tmux_session(tmp_path: Path) -> Iterator[str]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing on CI: apt-get install -y tmux")
        pytest.skip("tmux is not installed (apt-get install -y tmux); CI must have it")
    name = f"hxq-browse-{os.getpid()}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


@pytest.mark.slow
def test_in_a_real_terminal(tmux_session: str, tmp_path: Path) -> None:
    hxq = Path(sys.executable).parent / "hxq"
    script = (
        f"stty -g > {tmp_path}/before; {shlex.quote(str(hxq))} browse 4.2 --lang en; "
        f"echo $? > {tmp_path}/code; stty -g > {tmp_path}/after; echo DONE; sleep 60"
    )
    _tmux(
        "new-session", "-d", "-s", tmux_session, "-x", "100", "-y", "30",
        "-e", "HXQ_NO_CACHE=1", "-e", "TERM=xterm-256color", "sh", "-c", script,
    )  # fmt: skip
    # The longer English description leaves the figures below the fold at 100x30.
    screen = _wait_for(tmux_session, "Role: the core and the engine")
    assert "Empowerment through sci-tech" in screen and "Four calling cards" in screen
    _tmux("send-keys", "-t", tmux_session, "t")
    _wait_for(tmux_session, "Language: 中英 Both")
    _tmux("send-keys", "-t", tmux_session, "q")
    screen = _wait_for(tmux_session, "DONE")
    assert (tmp_path / "code").read_text() == "0\n"
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    assert "Empowerment through sci-tech" not in screen  # the alternate screen is gone
