"""One table of labels (issue 21): every label a reader sees is written once, in
`hxq_cli.labels`, and every view takes it from there. These tests fail when a view writes a
label of its own: in its source (a Chinese word, a `Bilingual` of literals, a column headed by a
literal), in what it draws (a column header that is not in the table), or in the page's script.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, REPO, SHIPPED, Run
from hxq_cli.labels import Labels, table

PACKAGE = REPO / "src" / "hxq_cli"
#: The modules that draw what a reader sees: every terminal view, `hxq browse`, the Markdown
#: briefing and the page's builder.
VIEWS = sorted(
    [
        *(PACKAGE / "render").glob("*.py"),
        *(PACKAGE / "tui").glob("*.py"),
        PACKAGE / "formats" / "md.py",
        PACKAGE / "formats" / "html.py",
    ]
)
PAGE = PACKAGE / "formats" / "html_assets"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Chinese a view may write itself, and why.
NOT_LABELS = {
    "4.2, innovation, 科创赋能": "an example of what to type in browse's go-to line",
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants of a module and of its classes and functions."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def stray_labels(source: str) -> list[str]:
    """Each label a module's `source` writes of its own, as `line: what`:

    - a string with Chinese in it, unless it is part of an f-string (a sentence that counts
      something: 8 处匹配) or a docstring;
    - a `Bilingual` made of literals;
    - a table column headed by a literal (`add_column("Value")`, `add_column(Text("ID"))`).
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
    found: list[str] = []
    for node in ast.walk(tree):
        text = _text(node)
        chinese = text is not None and HAN.search(text) is not None and text not in NOT_LABELS
        if isinstance(node, ast.Constant) and chinese and id(node) not in skip:
            found.append(f"{node.lineno}: {text!r}")
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "Bilingual" and any(_text(arg) is not None for arg in node.args):
            found.append(f"{node.lineno}: a Bilingual of its own")
        if name == "add_column" and node.args:
            header: ast.expr | None = node.args[0]
            if isinstance(header, ast.Call) and getattr(header.func, "id", None) == "Text":
                header = header.args[0] if header.args else None
            if _text(header):
                found.append(f"{node.lineno}: a column headed {_text(header)!r}")
    return found


@pytest.mark.parametrize("path", VIEWS, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_view_writes_a_label_of_its_own(path: Path) -> None:
    assert stray_labels(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_label_a_view_writes() -> None:
    """The check above fails on a stray label, whichever way it is written."""
    source = """
def view(lang):
    \"\"\"A docstring may say 数值.\"\"\"
    table.add_column("Value")
    table.add_column(Text("编号"))
    heading = "来源" if lang == "zh" else "Source"
    pair = Bilingual("原文", "Anchor")
    sentence = f"{count}项数据"
    return [label(Labels.value, lang), ("名称", "Title")]
"""
    assert sorted(stray_labels(source)) == [
        "4: a column headed 'Value'",
        "5: '编号'",
        "5: a column headed '编号'",
        "6: '来源'",
        "7: '原文'",
        "7: a Bilingual of its own",
        "9: '名称'",
    ]


def _page_script_strings(script: str) -> Iterator[str]:
    """The string literals of the page's script, its comments left out."""
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.DOTALL)
    script = re.sub(r"(?m)^\s*//.*$", "", script)
    yield from re.findall(r'"((?:[^"\\\n]|\\.)*)"', script)


def test_the_page_takes_its_words_from_the_table() -> None:
    script = (PAGE / "page.js").read_text(encoding="utf-8")
    assert [text for text in _page_script_strings(script) if HAN.search(text)] == []
    assert "var LABELS = DATA.labels;" in script
    # Every word the page asks for is in the table (a missing one would show "undefined").
    html = (PAGE / "page.html").read_text(encoding="utf-8")
    asked = set(re.findall(r'data-l="(\w+)"', html))
    asked |= set(re.findall(r'\b(?:label|sentence)\("(\w+)"', script))
    asked |= set(re.findall(r'putLabel\(\w+, "(\w+)"\)', script))
    for one, many in re.findall(r'counted\(\w+, "(\w+)", "(\w+)"\)', script):
        asked |= {one, many}
    asked |= set(re.findall(r'\[\["(\w+)", n\.\w+\], \["(\w+)", n\.\w+\]\]', script)[0])
    assert asked and asked <= set(table()), sorted(asked - set(table()))
    # The template holds no words of its own where the script puts the table's.
    assert re.findall(r'data-l="\w+"[^<>]*>([^<]+)<', html) == []


def test_the_page_receives_the_table_as_data() -> None:
    from hxq_cli.formats.html import page_data
    from hxq_cli.read import load_framework

    labels = page_data(load_framework(str(SHIPPED)), "both")["labels"]
    assert labels == {name: [text.zh, text.en] for name, text in table().items()}
    assert labels["anchor"] == ["原文", "Anchor"] and labels["source"] == ["来源", "Source"]


def test_one_word_for_each_thing() -> None:
    """An English label has one Chinese word, and a Chinese label one English word (or its
    singular or plural); 一致 is the status of a fact found and of a title's count that is ok."""
    chinese: dict[str, set[str]] = defaultdict(set)
    english: dict[str, set[str]] = defaultdict(set)
    for text in table().values():
        chinese[text.en.lower()].add(text.zh)
        english[text.zh].add(text.en.lower().removesuffix("s"))
    assert {en: zh for en, zh in chinese.items() if len(zh) > 1} == {}
    assert {zh: en for zh, en in english.items() if len(en) > 1} == {"一致": {"found", "ok"}}


# ------------------------------------------------------------------------- what views draw


def _sides() -> set[str]:
    """Each label in either language, and in both."""
    return {side for text in table().values() for side in (text.zh, text.en, text.pick("both"))}


def _is_labelled(header: str) -> bool:
    """Whether a column header is made of labels of the table (stacked or joined by " · ")."""
    sides = _sides()
    return all(piece in sides for line in header.split("\n") for piece in line.split(" · "))


ARGS = [
    ("show", "4"),
    ("show", "4.2"),
    ("facts",),
    ("facts", "--chart"),
    ("terms",),
    ("verify", "--source", "SOURCE"),
    ("validate",),
]


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
@pytest.mark.parametrize("width", [60, 140])
def test_every_column_header_drawn_is_a_label(
    hxq: Run, monkeypatch: pytest.MonkeyPatch, lang: str, width: int
) -> None:
    from rich.table import Table

    from test_data import source_path

    headers: list[str] = []
    add_column = Table.add_column

    def recorded(self: Table, header: Any = "", *args: Any, **kwargs: Any) -> None:
        headers.append(str(header))
        add_column(self, header, *args, **kwargs)

    monkeypatch.setattr(Table, "add_column", recorded)
    source = str(source_path())
    for args in ARGS:
        args = tuple(source if arg == "SOURCE" else arg for arg in args)
        if args[0] != "validate":
            args = (*args, "--lang", lang)
        assert hxq(*args, width=width).code in (0, 1)
    hxq("diff", str(SHIPPED), str(FIXTURES / "minimal.yaml"), "--lang", lang, width=width)
    assert headers
    assert [header for header in headers if header and not _is_labelled(header)] == []


def test_the_check_of_headers_finds_a_header_of_its_own() -> None:
    assert _is_labelled("编号 · 所属节点\nID · Node") and _is_labelled("数值\nValue")
    assert not _is_labelled("数值\nFigure") and not _is_labelled("Bar")


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_every_markdown_table_header_and_lead_is_a_label(hxq: Run, lang: str) -> None:
    out = hxq("export", "--format", "md", "--lang", lang).out
    lines = out.splitlines()
    headers = [
        cell.strip()
        for line, below in zip(lines, lines[1:], strict=False)
        if line.startswith("| ") and below.startswith("| ---")
        for cell in line.strip("|").split("|")
    ]
    leads = re.findall(r"^\*\*(.+?)[：:]\*\*", out, flags=re.MULTILINE)
    title_block = out.split("\n## ")[0]
    leads += re.findall(r"^- ([^:\[]+): ", title_block, flags=re.MULTILINE)
    assert headers and leads
    assert [text for text in headers + leads if not _is_labelled(text)] == []


def test_the_words_a_reader_saw_twice_now_agree(hxq: Run) -> None:
    """The labels that disagreed before the table: the same word in every view."""
    md = hxq("export", "--format", "md", "--lang", "en").out
    assert f"| {Labels.statement.en} | {Labels.value.en} |" in md and "Figure |" not in md
    shown = hxq("show", "4.2.rd-investment").out
    assert (
        "原文 Anchor: 「研发投入达24.24亿元」" in shown and "来源 Source: interview-2026" in shown
    )
    found = hxq("search", "研发", "--lang", "en").out
    assert "Anchor" in found and "Fact (zh)" in found and "anchor" not in found
