"""Long views on a large framework show their first screen before the rest is made (issue
24, point 9): the tree's labels and the facts' normalised figures are made part by part, and
the parts together are the lines the whole view draws."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.tree import Tree

from conftest import REPO, environment
from hxq_cli.cli import main, pager
from hxq_cli.model import Lang, Node
from hxq_cli.read import load_framework
from hxq_cli.render import terminal
from hxq_cli.render.stream import Block

sys.path.insert(0, str(REPO / "bench"))

from make_framework import make_file  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "gen.yaml"
    make_file(path, 600, 3, seed=5)
    return path


def _whole_tree(path: Path, lang: Lang, width: int) -> object:
    """The tree drawn whole, as `hxq show` drew it before it was printed in parts."""
    framework = load_framework(str(path))
    if width >= terminal.NARROW:
        tree = Tree(terminal.data_text(framework.title.pick(lang), "bold"), guide_style="dim")
        stack: list[tuple[Tree, Node]] = [(tree, node) for node in reversed(framework.nodes)]
        while stack:
            parent, node = stack.pop()
            branch = parent.add(terminal._tree_label(node, lang))
            stack.extend((branch, child) for child in reversed(node.children))
        return tree
    block = Block()
    block.add(terminal.data_text(framework.title.pick(lang), "bold"))
    nodes: list[tuple[int, Node]] = [(1, node) for node in reversed(framework.nodes)]
    while nodes:
        depth, node = nodes.pop()
        block.add(terminal._tree_label(node, lang), 2 * depth - 2, hang=2)
        nodes.extend((depth + 1, child) for child in reversed(node.children))
    return block


@pytest.mark.parametrize("width", [30, 59, 60, 80, 120])
@pytest.mark.parametrize("color", [False, True])
def test_the_tree_in_parts_is_the_tree_drawn_whole(
    generated: Path, width: int, color: bool
) -> None:
    lang: Lang = "both"
    whole = io.StringIO()
    terminal.make_console(whole, color=color, width=width).print(
        _whole_tree(generated, lang, width)
    )
    stream = terminal.framework_tree(load_framework(str(generated)), lang)
    in_parts = io.StringIO()
    console = terminal.make_console(in_parts, color=color, width=width)
    count = 0
    for part in stream.parts():
        console.print(part)
        count += 1
    assert in_parts.getvalue() == whole.getvalue()
    assert count > 5  # 600 nodes: in parts of 64 lines


class _FakePager:
    failure = None

    def __init__(self, at_first_write: list[int], made: list[object]) -> None:
        self.at_first_write = at_first_write
        self.made = made

    def write(self, text: str) -> bool:
        if not self.at_first_write:
            self.at_first_write.append(len(self.made))
        return True

    def finish(self) -> None:
        pass


def _made_before_first_screen(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], module: object, name: str, width: int = 80
) -> tuple[int, int]:
    """How many times `module.name` had been called when the pager got its first text, and
    in all."""
    made: list[object] = []
    original = getattr(module, name)

    def counting(*args: object, **kwargs: object) -> object:
        made.append(args)
        return original(*args, **kwargs)

    at_first_write: list[int] = []
    monkeypatch.setattr(module, name, counting)
    monkeypatch.setattr(
        pager.Pager,
        "start",
        classmethod(lambda cls, command, env: _FakePager(at_first_write, made)),
    )
    screen = environment(width, stdout=io.StringIO(), stdout_isatty=True, height=24, pager="fake")
    assert main(argv, screen) == 0
    return at_first_write[0], len(made)


def test_the_tree_shows_its_first_screen_before_the_last_label_is_made(
    monkeypatch: pytest.MonkeyPatch, generated: Path
) -> None:
    first, total = _made_before_first_screen(
        monkeypatch, ["show", "--data", str(generated)], terminal, "_tree_label"
    )
    assert total == 600
    assert first <= 200


def test_facts_normalise_the_figures_of_the_first_screen_before_the_others(
    monkeypatch: pytest.MonkeyPatch, generated: Path
) -> None:
    from hxq_cli.queries import facts

    for width in (80, 120):
        first, total = _made_before_first_screen(
            monkeypatch, ["facts", "--data", str(generated)], facts, "normalize", width
        )
        assert total >= 1800  # each of the 1,800 facts at least once
        assert first <= 300


class _AsciiFile(io.StringIO):
    """A stream whose encoding lacks the box-drawing characters: Rich draws ASCII guides."""

    encoding = "ascii"


@pytest.mark.parametrize("width", [60, 61, 80, 97, 120, 200])
@pytest.mark.parametrize("lang", ["zh", "en", "both"])
@pytest.mark.parametrize("ascii_only", [False, True])
def test_without_colour_the_tree_is_drawn_as_rich_draws_it(
    generated: Path, width: int, lang: Lang, ascii_only: bool
) -> None:
    """Piped, `hxq show` draws the tree's guides and labels itself (`FrameworkTree._plain_tree`):
    the same lines as Rich's `Tree`, at every width, in both guide sets."""
    files = [_AsciiFile() if ascii_only else io.StringIO() for _ in range(2)]
    consoles = [terminal.make_console(file, color=False, width=width) for file in files]
    consoles[0].print(_whole_tree(generated, lang, width))
    tree = terminal.FrameworkTree(load_framework(str(generated)), lang)
    # The tree is drawn by hxq, not by Rich.
    assert tree._drawn_plain(consoles[1], consoles[1].options)
    for part in terminal.framework_tree(load_framework(str(generated)), lang).parts():
        consoles[1].print(part)
    drawn = files[1].getvalue()
    assert drawn == files[0].getvalue()
    assert ("+-- " in drawn) is ascii_only and ("├── " in drawn) is not ascii_only


def test_a_tree_too_deep_for_its_guides_is_left_to_rich(tmp_path: Path) -> None:
    """A node with no cell left beside its guides (four columns a level) is left to Rich."""
    deep = tmp_path / "deep.yaml"
    make_file(deep, 16, 0, seed=1)
    framework = load_framework(str(deep))
    deepest = max(len(node.id.split(".")) for node in framework.walk())
    console = terminal.make_console(io.StringIO(), color=False, width=4 * deepest)
    assert not terminal.FrameworkTree(framework, "en")._drawn_plain(console, console.options)
    wider = terminal.make_console(io.StringIO(), color=False, width=4 * deepest + 1)
    assert terminal.FrameworkTree(framework, "en")._drawn_plain(wider, wider.options)
