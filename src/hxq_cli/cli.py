"""The `hxq` command line: Typer wiring only. Parse, ask the core, hand the result to a renderer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click import exceptions as click_exceptions

from hxq_cli import __version__
from hxq_cli.errors import ExitCode, HxqError, UsageError
from hxq_cli.loader import load_framework
from hxq_cli.model import Framework, Lang
from hxq_cli.render.jsonout import (
    facts_document,
    framework_document,
    node_document,
    verify_document,
    write_json,
)
from hxq_cli.resolve import resolve_id

if TYPE_CHECKING:
    from hxq_cli.render import Renderable


class LangChoice(str, Enum):
    zh = "zh"
    en = "en"
    both = "both"


class SortChoice(str, Enum):
    doc = "doc"
    id = "id"
    value = "value"


class OutputClosed(Exception):
    """The reader of stdout has gone away (a closed pipe)."""


app = typer.Typer(
    name="hxq",
    help='Explore and check the Pingdingshan High-tech Zone\'s "123456" framework '
    "(or any framework file of the same shape).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
        "--lang", envvar="HXQ_LANG", help="Language of the terminal view.", case_sensitive=False
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout instead of a view.")]


def _load(data: str | None) -> Framework:
    return load_framework(data)


@contextmanager
def _stdout_guard() -> Iterator[None]:
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def emit_json(document: Any) -> None:
    with _stdout_guard():
        write_json(document, sys.stdout)


def emit_text(text: str) -> None:
    with _stdout_guard():
        sys.stdout.write(text)


def note(message: str) -> None:
    """A line for people on stderr (a summary, a hint); never mixed into stdout's data."""
    from hxq_cli.render.safe import visible

    sys.stderr.write(f"{visible(message)}\n")


def emit_view(renderable: Renderable) -> None:
    from hxq_cli.render.terminal import print_renderable

    with _stdout_guard():
        print_renderable(renderable)


def examples(*lines: str) -> str:
    """The epilog of a command's --help: one example per line."""
    return "Examples:\n" + "\n".join(f"  $ {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hxq {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Explore and check numbered policy frameworks (提法), starting with Pingdingshan's "123456".

    Exit codes: 0 ok, 1 data error or failed check, 2 usage error, 130 interrupted.
    """


@app.command(
    epilog=examples(
        "hxq show 4",
        "hxq show innovation --lang en",
        "hxq show 4.2 --json | jq '.node.facts'",
        "hxq show --data other-zone.yaml",
    )
)
def show(
    node_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Dotted ID, alias or title: 4.2, innovation, 科创赋能. Omit it for the whole tree.",
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
) -> None:
    """Show the framework as a tree, or one node with its parts and figures."""
    framework = _load(data)
    language: Lang = lang.value
    if node_id is None:
        if json_:
            emit_json(framework_document(framework))
            return
        from hxq_cli.render.terminal import framework_tree

        emit_view(framework_tree(framework, language))
        return
    located = resolve_id(framework, node_id)
    if json_:
        emit_json(node_document(framework, located))
        return
    from hxq_cli.render.terminal import node_view

    emit_view(node_view(located, language))


@app.command(
    "facts",
    epilog=examples(
        "hxq facts",
        "hxq facts --under 4.2",
        "hxq facts --search 专利 --sort value",
        "hxq facts --chart",
        "hxq facts --csv > facts.csv",
        "hxq facts --json | jq '.facts[].normalized'",
    ),
)
def facts_command(
    under: Annotated[
        str | None,
        typer.Option(
            "--under",
            metavar="ID",
            help="Only the facts of this node and its subtree (ID, alias or title).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Only facts whose statement holds TEXT, in Chinese or English (case aside).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        SortChoice,
        typer.Option(
            "--sort",
            help="Order: doc (as in the framework), id, or value (within each base unit).",
            case_sensitive=False,
        ),
    ] = SortChoice.doc,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    chart: Annotated[
        bool,
        typer.Option("--chart", help="Draw the ratios, shares and percentages as bars."),
    ] = False,
    csv_: Annotated[
        bool, typer.Option("--csv", help="Write CSV (UTF-8, header row) to stdout instead.")
    ] = False,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
) -> None:
    """List the framework's facts (figures) as a table, a bar chart, CSV or JSON."""
    if sum((chart, csv_, json_)) > 1:
        raise UsageError("choose one of --chart, --csv and --json")
    from hxq_cli.facts import fact_rows

    framework = _load(data)
    rows = fact_rows(framework, under=under, search=search, sort=sort.value)
    if reverse:
        rows.reverse()
    if json_:
        emit_json(facts_document(framework, rows))
        return
    if csv_:
        from hxq_cli.render.csvout import facts_csv

        emit_text(facts_csv(rows))
        return
    language: Lang = lang.value
    if chart:
        rows = [row for row in rows if row.chartable]
        if not rows:
            note("hxq: no ratios, shares or percentages among these facts")
            return
        from hxq_cli.render.facts_view import facts_chart

        emit_view(facts_chart(rows, language))
        return
    if not rows:
        note("hxq: no facts match")
        return
    from hxq_cli.render.facts_view import fact_rows_table

    emit_view(fact_rows_table(rows, language))


@app.command(
    "verify",
    epilog=examples(
        "hxq verify --source interview-sun-guoquan-2026.zh.txt",
        "hxq verify --source interview.txt --json | jq '.facts[] | select(.status != \"found\")'",
        "HXQ_SOURCE=interview.txt hxq verify --data other-zone.yaml",
    ),
)
def verify_command(
    source: Annotated[
        str,
        typer.Option(
            "--source",
            envvar="HXQ_SOURCE",
            metavar="FILE",
            help="The source text to check against (UTF-8; '-' for stdin).",
            show_default=False,
        ),
    ],
    source_id: Annotated[
        str | None,
        typer.Option(
            "--source-id",
            metavar="ID",
            help="Which of the framework's sources FILE is (needed only when it cannot be told).",
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
) -> int:
    """Check every fact's anchor and figure against the source text, and the counts in titles.

    Exit 1 when a fact is missing, ambiguous or mismatched, or a title's count is wrong.
    The summary line goes to stderr.
    """
    from hxq_cli.verify import read_source, verify

    if source == "-" and data == "-":
        raise UsageError("--source and --data cannot both read stdin")
    framework = _load(data)
    report = verify(framework, read_source(source), source_id)
    warning = report.edition_warning()
    if warning is not None:
        note(f"hxq: warning: {warning}")
    if json_:
        emit_json(verify_document(framework, report))
    else:
        from hxq_cli.render.verify_view import verify_view

        emit_view(verify_view(report, lang.value))
    note(report.summary())
    return ExitCode.OK if report.ok else ExitCode.DATA


def _error(message: str) -> None:
    from hxq_cli.render.safe import visible

    sys.stderr.write(f"hxq: error: {visible(message)}\n")


def _silence_stdout() -> None:
    # Later writes (and the interpreter's final flush) must not fail on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run hxq; returns the exit code (see `ExitCode`)."""
    command = typer.main.get_command(app)
    run: Callable[..., Any] = command.main
    try:
        result = run(args=argv, prog_name="hxq", standalone_mode=False)
    except HxqError as exc:
        _error(str(exc))
        return int(exc.exit_code)
    except click_exceptions.NoArgsIsHelpError:
        # `hxq` alone: the help is already printed, and is the message.
        return int(ExitCode.USAGE)
    except click_exceptions.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _error(f"{exc.format_message()}{hint}")
        return int(ExitCode.USAGE)
    except click_exceptions.ClickException as exc:
        _error(exc.format_message())
        return int(exc.exit_code)
    except typer.Abort:
        _error("aborted")
        return int(ExitCode.INTERRUPTED)
    except OutputClosed:
        _silence_stdout()
        return int(ExitCode.BROKEN_PIPE)
    except KeyboardInterrupt:
        _error("interrupted")
        return int(ExitCode.INTERRUPTED)
    if result == ExitCode.INTERRUPTED:
        # Typer turns Ctrl-C inside a command into a silent exit 130.
        _error("interrupted")
    return int(result) if isinstance(result, int) else int(ExitCode.OK)
