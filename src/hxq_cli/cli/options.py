"""Options and arguments that several commands share, each declared once."""

from __future__ import annotations

import os
import re
from enum import Enum
from typing import Annotated

import typer

from hxq_cli.cli.complete import complete_node_id
from hxq_cli.cli.environment import Environment
from hxq_cli.errors import UsageError
from hxq_cli.text import cells, shorten

#: What Python makes of argument bytes its locale cannot decode (PEP 383's surrogate escapes):
#: under LC_ALL=C without UTF-8 mode, every byte of a Chinese argument.
_UNDECODED = re.compile("[\udc80-\udcff]")


def typed_text(value: str | None) -> str | None:
    """A text the user typed (an ID, a title, a search): its bytes read as UTF-8 where the
    locale left them undecoded (`LC_ALL=C`, `PYTHONUTF8=0`), so that 创新 is 创新 in any
    locale; UsageError for bytes that are not UTF-8. Paths are left alone: their bytes name
    the file as they are."""
    if value is None or not _UNDECODED.search(value):
        return value
    try:
        return os.fsencode(value).decode("utf-8")
    except UnicodeError:
        raise UsageError(f"{shorten(value)!r} is not UTF-8 text") from None


class LangChoice(str, Enum):
    zh = "zh"
    en = "en"
    both = "both"


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        envvar="HXQ_DATA",
        metavar="PATH",
        help="Framework file to read ('-' for stdin). Default: the one shipped with hxq.",
        show_default=False,
    ),
]
LangOption = Annotated[
    LangChoice,
    typer.Option(
        "--lang",
        envvar="HXQ_LANG",
        # A word as metavar, the choices in the help: <zh|en|both> was cut mid-choice at 60.
        metavar="LANG",
        help="Language of the terminal view: zh, en or both.",
        case_sensitive=False,
    ),
]
UnderOption = Annotated[
    str | None,
    typer.Option(
        "--under",
        metavar="ID",
        help="Only this node and its parts (dotted ID, alias or title).",
        show_default=False,
        autocompletion=complete_node_id,
        callback=typed_text,
    ),
]


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    ColorChoice,
    typer.Option(
        "--color",
        metavar="WHEN",
        help="Colour in views: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces"
        " it), always or never.",
        case_sensitive=False,
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--pager/--no-pager",
        help="On a terminal, send a view taller than the screen through HXQ_PAGER, else PAGER,"
        " else 'less -FRX' (HXQ_PAGER= turns it off).",
    ),
]
CsvOption = Annotated[
    bool, typer.Option("--csv", help="Write CSV (UTF-8, header row) to stdout instead.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a view.")]


def environment(
    ctx: typer.Context, color: ColorChoice = ColorChoice.auto, pager: bool = True
) -> Environment:
    """The run's environment, as `main` built it, with this command's --color and --pager."""
    env = ctx.find_object(Environment)
    if env is None:  # the app run by another caller than `main` (Typer's CliRunner)
        env = Environment.from_process()
    return env.for_view(color.value, pager)


def id_argument(help_text: str) -> typer.models.ArgumentInfo:
    """The optional `[ID]` argument of show and export (dotted ID, alias or title)."""
    info: typer.models.ArgumentInfo = typer.Argument(
        metavar="[ID]",
        help=help_text,
        show_default=False,
        autocompletion=complete_node_id,
        callback=typed_text,
    )
    return info


def examples(*lines: str) -> str:
    """The epilog of a command's --help: one example per line."""
    return "Examples:\n" + "\n".join(f"  $ {line}" for line in lines)


# A word of a shell command: quoted parts stay with the word they belong to.
_SHELL_WORD = re.compile(r"""(?:'[^']*'|"[^"]*"|[^\s'"])+|\S+""")


def _fold_command(line: str, width: int) -> list[str]:
    """`line` (an indented example or entry) folded between its words to `width` cells, its
    later lines indented two more; a quoted argument is split only if it alone is too wide."""
    # Not `fold_line`, which messages and Markdown share: a command line breaks only between
    # shell words (a quoted argument is one word with its spaces, and a break between Chinese
    # characters inside it would change what a pasted command says).
    body = line.lstrip(" ")
    first = line[: len(line) - len(body)]
    later = first + "  "  # under the command, after "$ "; under an entry's words
    words: list[str] = []
    for word in _SHELL_WORD.findall(body):
        room = width - cells(later)
        words.extend(word.split(" ") if cells(word) > room and " " in word else [word])
    lines: list[str] = []
    current = first
    for word in words:
        if current.strip() and cells(f"{current} {word}") > width:
            lines.append(current)
            current = later + word
        else:
            current = f"{current} {word}" if current.strip() else current + word
    lines.append(current)
    return lines


def fitted_epilog(epilog: str, width: int, *, plain: bool) -> str:
    """`epilog` with each line folded between words by hxq to `width` cells, its later lines
    indented under its words, so that no example runs into the next and no file name or option
    is split (Click's plain help re-flows lines into one paragraph and breaks at hyphens; Rich's
    wraps a line back to the margin). `plain`: for Click's plain help, marked with "\\b", Click's
    documented marker for a paragraph it must leave as it is."""
    lines = [part for line in epilog.splitlines() for part in _fold_command(line, width)]
    return ("\b\n" if plain else "") + "\n".join(lines)
