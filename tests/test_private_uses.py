"""Every use of a library's private name in src/ is one that has been reviewed.

A private name is one that starts with an underscore (not a dunder): a module (`typer._click`),
a name imported from a library (`from typer import _completion_classes`), or an attribute that
hxq itself defines nowhere (`table._extra_width`, `getattr(x, "_name")`). Each use is allowed
below with why no public way serves and the test that fails the day the library moves it;
remove an entry together with the use it allows (a stale entry fails too).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache

from conftest import REPO

SOURCE = REPO / "src" / "hxq_cli"

#: (file under src/hxq_cli, the private name as written) → (why, the test that pins it).
ALLOWED: dict[tuple[str, str], tuple[str, str]] = {
    ("cli/typer_compat.py", "typer._click.exceptions"): (
        "Typer does not re-export Click's exception classes, which hxq catches to print a "
        "usage error as one line",
        "tests/test_typer_compat.py::test_the_vendored_click_exceptions_are_what_typer_raises",
    ),
    ("cli/typer_compat.py", "typer._completion_classes"): (
        "Typer passes every completion description through Rich, with no setting to turn it "
        "off (see the next entry)",
        "tests/test_typer_compat.py::test_completion_help_is_sent_as_written",
    ),
    ("cli/typer_compat.py", "_completion_classes._sanitize_help_text"): (
        "replaced so that a TAB does not import Rich and a title from the data is not read as "
        "markup",
        "tests/test_typer_compat.py::test_completion_help_is_sent_as_written",
    ),
    ("render/stream.py", "table._extra_width"): (
        "Rich lays out a table's columns only while rendering it; a long table streamed in "
        "parts keeps the first part's widths",
        "tests/test_pager.py::test_the_pager_gets_the_first_screen_before_the_rest_is_made",
    ),
    ("render/stream.py", "table._calculate_column_widths"): (
        "as table._extra_width",
        "tests/test_pager.py::test_the_pager_gets_the_first_screen_before_the_rest_is_made",
    ),
    ("render/stream.py", "table._get_padding_width"): (
        "as table._extra_width",
        "tests/test_pager.py::test_the_pager_gets_the_first_screen_before_the_rest_is_made",
    ),
    ("tui/widgets.py", "self._invalidate"): (
        "Textual's Tree keeps the lines it has drawn until then; the public way (every label "
        "set again) schedules a redraw per node",
        "tests/test_browse.py::test_t_cycles_the_language_everywhere",
    ),
    ("cli/app.py", "os._exit"): (
        "public and documented (the underscore marks it low-level): ends the process without "
        "the interpreter's teardown once the output is flushed",
        "tests/test_safety.py::test_more_than_64_kib_into_a_reader_that_leaves_exits_141",
    ),
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _defined_names(trees: list[ast.Module]) -> set[str]:
    """The names hxq defines: functions, classes, variables, fields, slots, and attributes set
    on `self` or `cls`."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
            elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "__slots__" for target in node.targets
            ):
                names.update(
                    item.value
                    for item in ast.walk(node.value)
                    if isinstance(item, ast.Constant) and isinstance(item.value, str)
                )
    return names


def private_uses(sources: dict[str, str]) -> Iterator[tuple[str, str, int]]:
    """(file, private name as written, line) of every use of a library's private name in
    these sources (file name → text)."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    defined = _defined_names(list(trees.values()))
    for name, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] == "hxq_cli":
                    continue
                if any(_private(part) for part in node.module.split(".")):
                    yield name, node.module, node.lineno
                for alias in node.names:
                    if _private(alias.name):
                        yield name, f"{node.module}.{alias.name}", node.lineno
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] != "hxq_cli" and any(_private(part) for part in parts):
                        yield name, alias.name, node.lineno
            elif isinstance(node, ast.Attribute):
                if _private(node.attr) and node.attr not in defined:
                    yield name, ast.unparse(node), node.lineno
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _private(node.args[1].value)
                and node.args[1].value not in defined
            ):
                yield name, f"{ast.unparse(node.args[0])}.{node.args[1].value}", node.lineno


@cache  # src/ is read and parsed once for the tests below
def _found() -> dict[tuple[str, str], list[str]]:
    sources = {
        path.relative_to(SOURCE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(SOURCE.rglob("*.py"))
    }
    found: dict[tuple[str, str], list[str]] = {}
    for file, name, line in private_uses(sources):
        found.setdefault((file, name), []).append(f"{file}:{line}")
    return found


def test_every_private_use_in_src_is_allowed() -> None:
    unreviewed = {key: places for key, places in _found().items() if key not in ALLOWED}
    assert not unreviewed, (
        "a library's private name is used: find a public way, or add it to ALLOWED with why "
        f"and the test that pins it: {unreviewed}"
    )


def test_every_allowed_use_is_still_made() -> None:
    stale = set(ALLOWED) - set(_found())
    assert not stale, f"no longer used: remove from ALLOWED: {sorted(stale)}"


def test_each_allowed_use_is_pinned_by_a_test_that_exists() -> None:
    for why, pinned_by in ALLOWED.values():
        assert why
        file, test = pinned_by.split("::")
        assert f"def {test}(" in (REPO / file).read_text(encoding="utf-8"), pinned_by


def test_the_scan_finds_each_kind_of_private_use() -> None:
    sample = {
        "a.py": (
            "import yaml._yaml\n"
            "from typer._click import exceptions\n"
            "from typer import _completion_classes\n"
            "from hxq_cli.model import _private_of_ours\n"
            "class Own:\n"
            "    __slots__ = ('_kept',)\n"
            "    def __init__(self) -> None:\n"
            "        self._kept = 1\n"
            "        self._set = 2\n"
            "    def use(self, table: object) -> None:\n"
            "        self._kept, self._set, self.__dict__\n"
            "        table._extra_width\n"
            "        getattr(table, '_hidden')\n"
            "        _completion_classes._sanitize_help_text = print\n"
        )
    }
    assert sorted((name, line) for _, name, line in private_uses(sample)) == [
        ("_completion_classes._sanitize_help_text", 14),
        ("table._extra_width", 12),
        ("table._hidden", 13),
        ("typer._click", 2),
        ("typer._completion_classes", 3),
        ("yaml._yaml", 1),
    ]
