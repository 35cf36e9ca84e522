"""The output formats of `hxq export`, listed once: the CLI, its help and completion read this
registry. Each format is one module with one entry point, imported only when it is used."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from hxq_cli.model import Framework, Lang


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: its name, what it is for, and whether it is one text or a folder."""

    name: str
    summary: str
    #: "text": one text, to stdout or a file; "folder": several files, into a folder (-o).
    kind: Literal["text", "folder"]
    #: Whether --lang chooses its languages (the data formats always keep both).
    languages: bool = False

    def module(self) -> str:
        return f"hxq_cli.formats.{self.name}"


FORMATS: tuple[Format, ...] = (
    Format("md", "a briefing in Markdown", "text", languages=True),
    Format("csv", "the facts as CSV", "text"),
    Format("mermaid", "a Mermaid mindmap", "text", languages=True),
    Format("dot", "a Graphviz graph", "text", languages=True),
    Format("json", "the framework as JSON", "text"),
    Format("yaml", "the framework as a framework file", "text"),
    Format("html", "one offline page to explore and share", "text", languages=True),
    Format("datapackage", "a Frictionless Data Package (a folder)", "folder"),
)


def format_names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def find_format(name: str) -> Format | None:
    """The format of that name (any case), or None."""
    wanted = name.lower()
    return next((f for f in FORMATS if f.name == wanted), None)


def export_text(fmt: Format, framework: Framework, lang: Lang) -> str:
    """The framework in a text format, by the format module's `export` entry point."""
    text: str = import_module(fmt.module()).export(framework, lang)
    return text


def export_files(fmt: Format, framework: Framework, lang: Lang) -> dict[str, str]:
    """File name → text of every file of a folder format, by its `export` entry point."""
    files: dict[str, str] = import_module(fmt.module()).export(framework, lang)
    return files
