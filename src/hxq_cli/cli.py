"""The `hxq` command line: Typer wiring only. Parse, ask the core, hand the result to a renderer."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer import _completion_classes
from typer._click import exceptions as click_exceptions

from hxq_cli import __version__
from hxq_cli.complete import complete_node_id
from hxq_cli.errors import ExitCode, HxqError, UsageError
from hxq_cli.loader import STDIN, display_name, load_framework
from hxq_cli.model import Framework, Lang
from hxq_cli.render.jsonout import (
    diff_document,
    facts_document,
    framework_document,
    node_document,
    search_document,
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
UnderOption = Annotated[
    str | None,
    typer.Option(
        "--under",
        metavar="ID",
        help="Only this node and its parts (dotted ID, alias or title).",
        show_default=False,
        autocompletion=complete_node_id,
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


class ExportFormat(str, Enum):
    md = "md"
    csv = "csv"
    mermaid = "mermaid"
    dot = "dot"
    json = "json"
    yaml = "yaml"
    html = "html"
    datapackage = "datapackage"


def emit_text(text: str) -> None:
    """Text to stdout; on a terminal, control characters from the data are shown as escapes."""
    if sys.stdout.isatty():
        from hxq_cli.render.safe import visible

        text = visible(text)
    with _stdout_guard():
        sys.stdout.write(text)


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
            autocompletion=complete_node_id,
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
    under: UnderOption = None,
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
            note("no ratios, shares or percentages among these facts")
            return
        from hxq_cli.render.facts_view import facts_chart

        emit_view(facts_chart(rows, language))
        return
    if not rows:
        note("no facts match")
        return
    from hxq_cli.render.facts_view import fact_rows_table

    emit_view(fact_rows_table(rows, language))


@app.command(
    epilog=examples(
        "hxq search 名片",
        "hxq search innovation",
        "hxq search 'name card' --lang en",
        "hxq search 亿元 --under 4",
        "hxq search patent --json | jq -r '.hits[].node.id'",
    )
)
def search(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help="Chinese matches anywhere; other text matches at the start of words, any case.",
            show_default=False,
        ),
    ],
    under: UnderOption = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
) -> None:
    """Find text in titles, aliases, descriptions and facts (exit 1 when nothing matches)."""
    from hxq_cli.loader import build_lazily, load_document
    from hxq_cli.search import search as find

    # The plain document, not the model: search walks it, and builds only what the hits show.
    document = load_document(data)
    path = resolve_id(build_lazily(document), under).path if under is not None else ()
    hits = find(document, text, path)
    if json_:
        emit_json(search_document(document.head["id"], text, hits))
    elif hits:
        from hxq_cli.render.search_view import search_view

        emit_view(search_view(hits, lang.value))
    else:
        note(f"no match for {text!r}")
    if not hits:
        raise typer.Exit(int(ExitCode.DATA))


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
        note(f"warning: {warning}")
    if json_:
        emit_json(verify_document(framework, report))
    else:
        from hxq_cli.render.verify_view import verify_view

        emit_view(verify_view(report, lang.value))
    note(report.summary())
    return ExitCode.OK if report.ok else ExitCode.DATA


@app.command(
    epilog=examples(
        "hxq validate",
        "hxq validate examples/riverton-321.yaml",
        "hxq validate my-zone.yaml --json | jq '.problems[] | .message'",
        "cat my-zone.yaml | hxq validate -",
    )
)
def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="[PATH]",
            help="Framework file to check ('-' for stdin). Default: --data, else the shipped one.",
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
    data: DataOption = None,
) -> None:
    """Check a framework file: the schema, then IDs, numbering, counts, sources, aliases, languages."""
    from hxq_cli.loader import default_data_path
    from hxq_cli.validate import validate_file

    target = path if path is not None else data
    report = validate_file(str(default_data_path()) if target is None else target)
    if json_:
        from hxq_cli.render.jsonout import validation_document

        emit_json(validation_document(report))
    else:
        from hxq_cli.render.validation import validation_text

        emit_text(validation_text(report))
    if not report.valid:
        raise typer.Exit(int(ExitCode.DATA))


@app.command(
    epilog=examples(
        "hxq diff framework-2025.yaml framework-2026.yaml",
        "hxq diff old.yaml new.yaml --lang en",
        "hxq diff old.yaml new.yaml --json | jq '.facts.changed'",
        "hxq diff old.yaml new.yaml > /dev/null || echo 'the editions differ'",
    )
)
def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The earlier framework file ('-' for stdin).", show_default=False
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="The later framework file ('-' for stdin).", show_default=False
        ),
    ],
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
) -> None:
    """Compare two framework files: nodes added, removed, moved, retitled; figures changed.

    Exit 0 when they are the same framework, 1 when they differ (or a file cannot be read).
    """
    from hxq_cli.diff import diff_frameworks

    if old == STDIN and new == STDIN:
        raise UsageError("OLD and NEW cannot both be standard input ('-')")
    before, after = _load(old), _load(new)
    report = diff_frameworks(before, after)
    if json_:
        emit_json(diff_document(report, (display_name(old), before), (display_name(new), after)))
    elif report.identical:
        note("no differences")
    else:
        from hxq_cli.render.diff_view import diff_view

        emit_view(diff_view(report, display_name(old), display_name(new), lang.value))
    if not report.identical:
        raise typer.Exit(int(ExitCode.DATA))


@app.command(
    epilog=examples(
        "hxq export --format md -o briefing.md",
        "hxq export --format csv > facts.csv",
        "hxq export --format mermaid 4",
        "hxq export --format dot | dot -Tsvg -o framework.svg",
        "hxq export --format yaml 4.2 -o innovation.yaml",
        "hxq export --format html -o framework.html --open",
        "hxq export --format datapackage -o facts-package/",
    )
)
def export(
    format_: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="md (briefing), csv (facts), mermaid (mindmap), dot (Graphviz), json, yaml, "
            "html (one offline page to explore), or datapackage (a folder; needs -o).",
            case_sensitive=False,
            show_default=False,
        ),
    ],
    node_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Export only this node and its parts (dotted ID, alias or title).",
            show_default=False,
            autocompletion=complete_node_id,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write ('-' for stdout, the default); a folder for datapackage.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write a datapackage into a folder that is not empty.")
    ] = False,
    # Not HXQ_LANG: that sets the language of terminal views; an exported document keeps
    # both languages unless asked on its own command line.
    lang: Annotated[
        LangChoice,
        typer.Option(
            "--lang",
            help="Languages in md, mermaid and dot, and html's default (the data formats always "
            "keep both).",
            case_sensitive=False,
        ),
    ] = LangChoice.both,
    open_: Annotated[
        bool,
        typer.Option("--open", help="Open the written file in the web browser (needs -o FILE)."),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write the framework, or one part of it, as Markdown, CSV, Mermaid, DOT, JSON, YAML, HTML or a Data Package."""
    from hxq_cli.export import FOLDER_FORMATS, subtree, write_file, write_folder

    fmt = format_.value
    destination = None if output is None or output == STDIN else output
    if fmt in FOLDER_FORMATS and destination is None:
        raise UsageError(f"--format {fmt} writes a folder: give it with -o DIR")
    if open_ and destination is None:
        raise UsageError("--open opens the written file: give it with -o FILE")
    framework = _load(data)
    selected = subtree(framework, resolve_id(framework, node_id) if node_id is not None else None)
    if fmt in FOLDER_FORMATS:
        from hxq_cli.render.datapackage import datapackage_files

        write_folder(str(destination), datapackage_files(selected), force=force)
        return
    from hxq_cli.render.exports import export_text

    text = export_text(fmt, selected, lang.value)
    if destination is None:
        emit_text(text)
    else:
        write_file(destination, text)
        if open_:
            import webbrowser
            from pathlib import Path

            webbrowser.open(Path(destination).resolve().as_uri())


@app.command(
    epilog=examples(
        "hxq schema > framework.schema.json",
        "hxq schema | jq '.definitions.fact.required'",
    )
)
def schema() -> None:
    """Print the JSON Schema (draft-07) of framework files, for editors and other tools."""
    from hxq_cli.loader import schema as framework_schema

    emit_json(framework_schema())


def _error(message: str) -> None:
    from hxq_cli.render.safe import visible

    # Click lists choices on lines of their own; an error stays one line.
    one_line = re.sub(r"\s*\n\s*", " ", message)
    sys.stderr.write(f"hxq: error: {visible(one_line)}\n")


def note(message: str) -> None:
    """A line for people on stderr (a summary, a hint), never mixed into stdout's data."""
    from hxq_cli.render.safe import visible

    sys.stderr.write(f"hxq: {visible(message)}\n")


def _silence_stdout() -> None:
    # Later writes (and the interpreter's final flush) must not fail on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _plain_completion_help(text: str) -> str:
    return text


def main(argv: list[str] | None = None) -> int:
    """Run hxq; returns the exit code (see `ExitCode`).

    With no argv (hxq as a program: the console script, `python -m hxq_cli`), hxq owns the
    process: the cycle collector stays off and the process ends here, output flushed.
    """
    if argv is not None:
        return _run(argv)
    # A run is one short command that makes no reference cycles worth collecting, and the
    # collector's passes over a large framework's objects cost more than building them.
    gc.disable()
    try:
        code = _run(None)
    except SystemExit as exc:
        # Shell completion ends with sys.exit() inside Click.
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            sys.stderr.write(f"{exc.code}\n")
            code = 1
    _exit_now(code)


def _exit_now(code: int) -> NoReturn:
    # Skip the interpreter's teardown, which frees every module and object one at a time:
    # 10 ms of a 77 ms `hxq show 4 --json`, 20 ms more after a large framework. Nothing in hxq
    # or its libraries registers atexit work; the output is flushed here.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        code = int(ExitCode.BROKEN_PIPE)
    sys.stderr.flush()
    os._exit(code)


def _run(argv: list[str] | None) -> int:
    command = typer.main.get_command(app)
    # typer 0.28 passes every zsh/fish/PowerShell completion description through
    # `_completion_classes._sanitize_help_text`, which imports typer.rich_utils (and with it
    # Rich, ~100 ms on every TAB) to render markup away, and so would also read markup in
    # titles taken from the data. Our descriptions are plain text already made safe by
    # hxq_cli.complete, so they go to the shell as they are.
    _completion_classes._sanitize_help_text = _plain_completion_help
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
    except SystemExit as exc:
        # Help is written by Typer and Rich, which end a write to a closed pipe with exit 1
        # (raised while handling the BrokenPipeError); a closed pipe is 141 here.
        if isinstance(exc.__context__, BrokenPipeError):
            _silence_stdout()
            return int(ExitCode.BROKEN_PIPE)
        raise
    except KeyboardInterrupt:
        _error("interrupted")
        return int(ExitCode.INTERRUPTED)
    if result == ExitCode.INTERRUPTED:
        # Typer turns Ctrl-C inside a command into a silent exit 130.
        _error("interrupted")
    return int(result) if isinstance(result, int) else int(ExitCode.OK)
