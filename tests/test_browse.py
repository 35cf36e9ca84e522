"""`hxq browse`: the full-screen view, driven headless with Textual's pilot, and once in tmux.

Screens are compared as text with files under tests/snapshots/ that a person has read; set
HXQ_UPDATE_SNAPSHOTS=1 to write them again after a deliberate change (then read the diff).
"""

from __future__ import annotations

import json
import os
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
        assert "四张名片" not in screen_text(app)  # zh: the table changed language with it
        assert "截至2025年年底的研发投入" in screen_text(app)


@pytest.mark.asyncio
async def test_the_facts_table_names_its_columns_as_every_view() -> None:
    """The figures screen's columns and title in the words of the table of labels, in the
    view's language (issue 21: its columns were "ID", "数据" and "Value" in every language)."""
    from hxq_cli.labels import Labels

    app = app_for(node="4.2", lang="both")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert "9 数据 figures · 4.2 科创赋能" in screen_text(app)
        await pilot.press("t")
        zh = screen_text(app).splitlines()
        assert zh[0].startswith(" 9 数据 · 4.2 科创赋能")
        assert zh[1].split() == [
            Labels.id.zh,
            Labels.statement.zh,
            Labels.value.zh,
            "时间",
            "比较对象",
        ]
        await pilot.press("t")
        en = screen_text(app).splitlines()
        assert en[1].split() == ["ID", "Fact", "Value", "As", "of", "Compared", "with"]


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
async def test_help_lists_every_key_and_q_quits_with_0() -> None:
    app = app_for()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        screen = screen_text(app)
        for key in ("↓ j", "→ l Enter", "J", "/", ": g", "t", "f", "y", "Y", "q Ctrl+C"):
            assert f"│{key}" in screen.replace("│ ", "│") or key in screen
        assert "↳ parts" in screen
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
    _wait_for(tmux_session, "language: both")
    _tmux("send-keys", "-t", tmux_session, "q")
    screen = _wait_for(tmux_session, "DONE")
    assert (tmp_path / "code").read_text() == "0\n"
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()
    assert "Empowerment through sci-tech" not in screen  # the alternate screen is gone
