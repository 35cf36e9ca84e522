"""The `hxq` command line: Typer wiring only. Parse, ask the core, hand the result to a renderer."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click import exceptions as click_exceptions

from hxq_cli import __version__
from hxq_cli.errors import ExitCode, HxqError
from hxq_cli.loader import load_framework
from hxq_cli.model import Framework, Lang
from hxq_cli.render.jsonout import framework_document, node_document, write_json
from hxq_cli.resolve import resolve_id

if TYPE_CHECKING:
    from hxq_cli.render import Renderable


class LangChoice(str, Enum):
    zh = "zh"
    en = "en"
    both = "both"


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

    Exit codes: 0 ok, 1 data error, 2 usage error, 130 interrupted.
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


def _error(message: str) -> None:
    from hxq_cli.render.safe import visible

    sys.stderr.write(f"hxq: error: {visible(message)}\n")


def _silence_stdout() -> None:
    # Later writes (and the interpreter's final flush) must not fail on the closed pipe.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


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
    run: Callable[..., Any] = command.main
    try:
        result = run(args=argv, prog_name="hxq", standalone_mode=False)
    except HxqError as exc:
        _error(str(exc))
        return int(exc.exit_code)
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
