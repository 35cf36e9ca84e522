"""The output formats of `hxq export`, listed once: the CLI, its help and completion read this
registry. Each format is one module with one entry point, imported only when it is used."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from hxq_cli.model import Framework, Lang


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: its name, what it is for, and whether it is one text, a binary file
    or a folder."""

    name: str
    summary: str
    #: "text": one text, to stdout or a file; "file": bytes, into a file (-o);
    #: "folder": several files, into a folder (-o).
    kind: Literal["text", "file", "folder"]
    #: Whether it draws the tree, and so takes --depth (and --ids).
    diagram: bool = False
    #: Whether it can name each node by its ID before its title (--ids).
    ids: bool = False
    #: Whether it is prose, where a line break inside a paragraph means a space (Markdown): on
    #: a terminal its long lines are folded between words rather than cut by the terminal.
    prose: bool = False
    #: A file written beside a "file" format's output, named by this suffix on its name.
    companion: str | None = None
    #: Whether its module also writes the text a part at a time (`pieces`, with the same
    #: arguments as `export`), so that a large framework's text is never held whole.
    streamed: bool = False

    def module(self) -> str:
        return f"hxq_cli.formats.{self.name}"


FORMATS: tuple[Format, ...] = (
    Format("md", "a briefing in Markdown", "text", prose=True),
    Format("csv", "the facts as CSV", "text", streamed=True),
    Format("mermaid", "a Mermaid mindmap", "text", diagram=True, ids=True),
    Format("dot", "a Graphviz graph", "text", diagram=True, ids=True),
    Format("opml", "an outline for outliners and mind-map tools", "text", ids=True),
    Format("json", "the framework as JSON", "text", streamed=True),
    Format("yaml", "the framework as a framework file", "text", streamed=True),
    Format("html", "one offline page to explore and share", "text"),
    Format("datapackage", "a Frictionless Data Package, into a folder", "folder"),
    Format(
        "sqlite",
        "a SQLite database for Datasette, into a file",
        "file",
        companion=".metadata.json",
    ),
    Format("xlsx", "an Excel workbook, into a file", "file"),
)


def format_names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def names_of(formats: tuple[Format, ...]) -> str:
    """The names of some formats, for a message: "mermaid, dot"."""
    return ", ".join(f.name for f in formats)


def find_format(name: str) -> Format | None:
    """The format of that name (any case), or None."""
    wanted = name.lower()
    return next((f for f in FORMATS if f.name == wanted), None)


def export_text(fmt: Format, framework: Framework, lang: Lang, **options: Any) -> str:
    """The framework in a text format, by the format module's `export` entry point;
    `options`: depth for a diagram, ids for a format that takes them, excel for csv."""
    text: str = import_module(fmt.module()).export(framework, lang, **options)
    return text


def export_pieces(fmt: Format, framework: Framework, lang: Lang, **options: Any) -> Iterator[str]:
    """The text `export_text` gives, in pieces: from the module's `pieces` entry point for a
    streamed format, else the whole text at once."""
    if not fmt.streamed:
        yield export_text(fmt, framework, lang, **options)
        return
    pieces: Iterator[str] = import_module(fmt.module()).pieces(framework, lang, **options)
    yield from pieces


def export_bytes(fmt: Format, framework: Framework, lang: Lang) -> bytes:
    """The framework as the bytes of a "file" format, by its `export` entry point."""
    data: bytes = import_module(fmt.module()).export(framework, lang)
    return data


def export_companion(fmt: Format, framework: Framework, file_name: str) -> str:
    """The text of the file written beside a "file" format's `file_name` (its `companion`)."""
    text: str = import_module(fmt.module()).companion(framework, file_name)
    return text


def export_files(fmt: Format, framework: Framework, lang: Lang) -> dict[str, str]:
    """File name → text of every file of a folder format, by its `export` entry point."""
    files: dict[str, str] = import_module(fmt.module()).export(framework, lang)
    return files
