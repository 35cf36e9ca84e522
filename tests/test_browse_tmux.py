"""`hxq browse` in a real terminal at 80x24 (tmux), one test for each part of issue 24's point 1:
the installed program, its own terminal driver, the keys as a terminal sends them, the screen
as a person sees it (`capture-pane`). All slow: they run with HXQ_TEST_PROFILE=ci.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HXQ = Path(sys.executable).parent / "hxq"
#: Punctuation a line never starts with (Chinese typesetting): an oracle of the test's own.
CLOSING = set("，。、；：？！）》」』】〕”’,.;:?!)")


class Terminal:
    """`hxq browse ARGS` in a tmux server of its own, 80x24, whose clipboard takes OSC 52."""

    def __init__(self, name: str, *args: str) -> None:
        self.tmux = ["tmux", "-L", name, "-f", os.devnull]
        self.run(
            "new-session", "-d", "-s", "browse", "-x", "80", "-y", "24",
            "-e", "HXQ_NO_CACHE=1", "-e", "TERM=xterm-256color", str(HXQ), "browse", *args,
        )  # fmt: skip
        # An application in tmux may set the clipboard (a paste buffer) with OSC 52.
        self.run("set-option", "-g", "set-clipboard", "on")

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*self.tmux, *args], capture_output=True, text=True, check=True, timeout=10
        )
        return done.stdout

    def screen(self) -> list[str]:
        return self.run("capture-pane", "-p", "-t", "browse").splitlines()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "browse", key)
            if key == "Escape":
                time.sleep(0.2)  # an Escape and the next key at once would read as Alt+key

    def wait_for(self, text: str, timeout: float = 15.0) -> list[str]:
        """The screen once it shows `text` (the app answers in its own time)."""
        return self.wait_until(lambda screen: text in "\n".join(screen), text, timeout)

    def wait_until(
        self,
        done: Callable[[list[str]], bool],
        what: str = "the screen asked for",
        timeout: float = 15.0,
    ) -> list[str]:
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while not done(screen):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what!r} never showed; the screen was:\n" + "\n".join(screen)
                )
            time.sleep(0.05)
            screen = self.screen()
        return screen

    def status(self) -> str:
        return self.screen()[-2].strip()

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def terminal(request: pytest.FixtureRequest) -> Iterator[type[Terminal]]:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is missing on CI: apt-get install -y tmux")
        pytest.skip("tmux is not installed (apt-get install -y tmux); CI must have it")
    opened: list[Terminal] = []
    name = f"hxq-browse-{os.getpid()}-{request.node.name}"[:100]

    class Opened(Terminal):
        def __init__(self, *args: str) -> None:
            super().__init__(name, *args)
            opened.append(self)

    yield Opened
    for one in opened:
        one.close()


def tree_width(screen: list[str]) -> int:
    """Where the tree's border ends on the top line, in cells (a Chinese title takes two)."""
    from rich.cells import cell_len

    top = screen[0]
    return cell_len(top[: top.index("╮╭")])


def details_pane(screen: list[str]) -> list[str]:
    """The lines of the details pane (right of the tree), without borders and margins."""
    out = []
    for line in screen[1:-3]:
        if "││" in line:
            out.append(line.split("││", 1)[1].rstrip("│ ").strip())
    return out


def changed(before: list[str], screen: list[str]) -> bool:
    """Whether the details pane shows something else than `before`."""
    return details_pane(screen) != before


def test_the_details_and_the_help_scroll_from_the_keyboard(terminal: type[Terminal]) -> None:
    term = terminal("4.2", "--lang", "en")
    screen = term.wait_for("Role: the core and the engine")
    last_figure = "1,871  Intellectual property rights"
    assert last_figure not in "\n".join(screen)
    term.keys("Tab")
    term.wait_for("Details · ↑ ↓ PgUp PgDn Home End scroll")
    term.keys("End")
    screen = term.wait_for(last_figure)
    assert "Role: the core and the engine" not in "\n".join(screen)
    term.keys("Home")
    term.wait_for("Role: the core and the engine")
    term.keys("PageDown")  # a page down, or to the end when less is left (the border says)
    term.wait_for("11–30/30 ─")
    term.keys("BTab", "?")
    term.wait_for("In the tree")
    assert "Mouse: click a line" not in "\n".join(term.screen())
    term.keys("End")
    term.wait_for("Mouse: click a line to open it")
    term.keys("Escape", "q")


def test_the_figures_show_their_values_first_and_an_id_is_copied(
    terminal: type[Terminal],
) -> None:
    from hxq_cli.queries.facts import fact_rows
    from hxq_cli.read import load_framework
    from hxq_cli.render.terminal import figure

    rows = fact_rows(load_framework(None), under="4.2")
    term = terminal("4.2", "--lang", "en")
    term.wait_for("Role: the core and the engine")
    term.keys("f")
    term.wait_for("4.2.innovation-platforms  104")
    screen = term.wait_until(lambda screen: screen[1].split()[:2] == ["Value", "Fact"], "Value")
    table = screen[2:10]
    for line, row in zip(table, rows, strict=False):
        assert line.strip().startswith(figure(row.fact, "en") + "  "), line
    # The chosen figure in full, below: its ID, statement, source and anchor.
    pane = "\n".join(screen[next(i for i, line in enumerate(screen) if "╭" in line) :])
    assert "4.2.innovation-platforms  104" in pane and "Anchor: 「创新平台104个」" in pane
    term.keys("Down", "y")
    term.wait_for("Copied 4.2.rd-investment (through the terminal, OSC 52")
    # The terminal (tmux, set to take it) got the ID through OSC 52.
    buffer = term.wait_until(
        lambda _: term.run("show-buffer").strip() == "4.2.rd-investment", "the paste buffer"
    )
    assert buffer
    term.keys("End")
    term.wait_for(f"{rows[-1].fact.id}  {figure(rows[-1].fact, 'en')}")
    term.keys("Escape", "q")


def test_the_tree_is_widened_and_narrowed(terminal: type[Terminal]) -> None:
    term = terminal("4.2", "--lang", "en")
    screen = term.wait_for("Role: the core and the engine")
    first = tree_width(screen)
    term.keys(">", ">")
    screen = term.wait_until(lambda screen: tree_width(screen) == first + 8, "a wider tree")
    # Kept after the figures and another language.
    term.keys("f")
    term.wait_for("Esc back")
    term.keys("Escape", "t")
    screen = term.wait_for("语言 Language: 中英 Both")
    assert tree_width(screen) == first + 8
    term.keys("<", "<", "<", "<")
    term.wait_until(lambda screen: tree_width(screen) == first - 8, "a narrower tree")
    term.keys("q")


def test_go_to_lists_each_candidate_once_and_the_arrows_choose(terminal: type[Terminal]) -> None:
    term = terminal("--lang", "en")
    term.wait_for("Language: English")
    term.keys(":", "4")
    screen = term.wait_for("4.1 Party building as the guide")
    # In English the tree holds no wide characters: a column is a character.
    box = next(line.index("│ Go to") for line in screen if "│ Go to" in line) + 2
    contents = [line[box:].rstrip("│ ") for line in screen]
    # The candidates, under the line typed in ("4" alone).
    candidates = [text for text in contents if text.startswith("4") and " " in text]
    shown = [line.split()[0] for line in candidates]
    assert shown[:3] == ["4", "4.1", "4.1.system"] and len(shown) == len(set(shown))
    assert not any(f" {id} {id} " in line for id, line in zip(shown, candidates, strict=True))
    term.keys(".1", "Down", "Down", "Enter")  # 4.1, 4.1.system: the second
    term.wait_for('› 4.1.system The "1+N+X"')
    term.keys("q")


def test_the_status_line_says_the_state(terminal: type[Terminal]) -> None:
    term = terminal("--lang", "en")
    term.wait_for("Language: English · t changes it")
    term.keys("/", "card")
    term.wait_for("7 hits for card · Enter jumps to the first")
    term.keys("Enter")
    term.wait_for("hit 1 of 7 for card · n next, N previous")
    term.keys("j")  # off the hits: the search's status goes
    term.wait_until(lambda screen: screen[-2].strip().startswith("Language: English"), "cleared")
    term.keys("n")
    term.wait_for("hit 2 of 7 for card")
    term.keys("/", "Eaton", "Enter")
    term.wait_for("hit 1 of 1 for Eaton")
    term.keys("t", "t")
    term.wait_for("语言：中文")
    term.keys("n")
    term.wait_for("第 1 个，共 1 个节点匹配“Eaton”")
    term.keys("y")
    term.wait_for("已复制 4.4.eaton（经终端 OSC 52 复制")
    term.keys("q")


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_no_line_of_the_details_starts_with_closing_punctuation(
    terminal: type[Terminal], lang: str
) -> None:
    """Down the tree node by node at 80x24, every line of the details pane as drawn."""
    from hxq_cli.read import load_framework

    term = terminal("--lang", lang)
    term.wait_for("? help")
    framework = load_framework(None)
    titles = [node.title.zh for node in framework.nodes]
    # The lines of the tree as it opens: every top node, expanded.
    lines = len(framework.nodes) + sum(len(node.children) for node in framework.nodes)
    seen: set[str] = set()
    for _ in range(lines - 1):
        screen = term.screen()
        pane = details_pane(screen)
        starts = [line for line in pane if line and line[0] in CLOSING]
        assert starts == [], "\n".join(screen)
        seen.update(line for line in pane if line)
        term.keys("j")
        term.wait_until(functools.partial(changed, pane), "the next node")
    assert any(title in line for title in titles for line in seen)
    term.keys("q")
