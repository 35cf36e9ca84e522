"""The `hxq` Typer app: the commands, and the one place where errors become exit codes."""

from __future__ import annotations

import contextlib
import gc
import importlib
import inspect
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, NoReturn

import typer

from hxq_cli import __version__
from hxq_cli.cli import typer_compat
from hxq_cli.cli.environment import DEFAULT_WIDTH, Environment, tame_size_variables
from hxq_cli.cli.messages import error, prepare_stderr, unknown_id_message
from hxq_cli.cli.options import fitted_epilog
from hxq_cli.cli.stdout import (
    STDOUT_ERRNOS,
    OutputClosed,
    StdoutFailed,
    keep_standard_fds_open,
    prepare_stdout,
    silence_stdout,
    trimmed_process_stdout,
)
from hxq_cli.errors import ExitCode, HxqError, UnknownIdError

#: Every command: its name and the module of `hxq_cli.cli` that holds its function (of the same
#: name) and the examples under its help (NAME_EPILOG). A module is imported only when one of
#: its commands is built: a run builds the command it names (`_app_for`).
COMMANDS: tuple[tuple[str, str], ...] = (
    ("show", "read_commands"),
    ("facts", "read_commands"),
    ("search", "read_commands"),
    ("terms", "read_commands"),
    ("verify", "check_commands"),
    ("validate", "check_commands"),
    ("diff", "check_commands"),
    ("export", "export_commands"),
    ("browse", "browse_command"),
    ("draft", "draft_command"),
    ("schema", "export_commands"),
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hxq {__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Explore and check numbered policy frameworks (提法), starting with Pingdingshan's "123456"."""


#: The root's epilog: what each exit code means.
EXIT_CODES = (
    "Exit codes:\n"
    '  0 success, or "yes"\n'
    "  1 a negative answer: no match, the editions differ, problems found\n"
    "  2 trouble: usage error, missing or unloadable file, output not writable\n"
    "  130 interrupted (Ctrl-C), 141 stdout closed by its reader"
)
#: Below this many columns Rich's help panels cut words off ("inste…"); Click's plain help
#: wraps them whole instead.
NARROW_HELP = 60


def _summary(function: Callable[..., Any]) -> str:
    """A command's summary in the list of commands: the first paragraph of its help, whole."""
    return " ".join((inspect.getdoc(function) or "").split("\n\n")[0].split())


def make_app(only: str | None = None, width: int = DEFAULT_WIDTH) -> typer.Typer:
    """The `hxq` app with every command, or with only the command named `only`, its help laid
    out for `width` columns: Click's plain help below NARROW_HELP columns, and at any width the
    examples of an epilog folded by hxq, one example per line."""
    plain = width < NARROW_HELP
    settings: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
    layout: dict[str, Any] = {}
    if plain:
        # Click's plain help is never narrower than 50 columns unless told the width (commands
        # take it from the root's context); it writes the epilog two columns in.
        settings["terminal_width"] = max(width - 1, 20)
        layout["rich_markup_mode"] = None
    # Rich pads the help by one column on each side.
    epilog_width = width - 3
    made = typer.Typer(
        name="hxq",
        help='Explore and check the Pingdingshan High-tech Zone\'s "123456" framework '
        "(or any framework file of the same shape).",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings=settings,
        epilog=fitted_epilog(EXIT_CODES, epilog_width, plain=plain),
        **layout,
    )
    made.callback()(root)
    for name, module_name in COMMANDS:
        if only is None or name == only:
            module = importlib.import_module(f"hxq_cli.cli.{module_name}")
            function = getattr(module, name)
            made.command(
                name,
                epilog=fitted_epilog(
                    getattr(module, f"{name.upper()}_EPILOG"), epilog_width, plain=plain
                ),
                # Click cuts a command's summary in the list to one line ("Show the framework
                # as..."); given as short_help, it is wrapped whole, as Rich's panel shows it.
                short_help=_summary(function) if plain else None,
            )(function)
    return made


@cache
def whole_app(width: int = DEFAULT_WIDTH) -> typer.Typer:
    """The app with every command (help, completion of a command's name, a misspelt one)."""
    return make_app(width=width)


def _app_for(args: list[str], width: int) -> typer.Typer:
    """The app a run needs. Typer makes a Click command of every command of an app on each run
    (the signature and type hints of every option), which was most of a short run's own time;
    a run that names a command needs that command only. Help, completion, --version and a
    misspelt command get the whole app."""
    completing = any(variable.startswith("_HXQ_COMPLETE") for variable in os.environ)
    name = _completed_command() if completing else (args[0] if args else "")
    if name is not None and any(name == known for known, _ in COMMANDS):
        return make_app(only=name, width=width)
    return whole_app(width)


def _completed_command() -> str | None:
    """The command whose arguments a shell asks to complete (`hxq show <TAB>`); None while the
    command's own name is being completed (`hxq sh<TAB>`), which needs every command."""
    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    import shlex

    try:
        words = shlex.split(line)
    except ValueError:
        return None
    if os.environ.get("COMP_CWORD", "2") in ("0", "1") or len(words) < 2:
        return None
    # The name is whole once a word follows it (the word being completed may be empty).
    return words[1] if len(words) > 2 or line.endswith(" ") else None


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run hxq; returns the exit code (see `ExitCode`). `env`: where output goes and how it is
    drawn, the process's own unless given (tests give theirs).

    With no argv (hxq as a program: the console script, `python -m hxq_cli`), hxq owns the
    process: the cycle collector stays off and the process ends here, output flushed.
    """
    if argv is not None:
        return _run(argv, env if env is not None else Environment.from_process())
    keep_standard_fds_open()
    tame_size_variables(os.environ)
    prepare_stdout()
    prepare_stderr()
    env = Environment.from_process()
    # A run is one short command that makes no reference cycles worth collecting, and the
    # collector's passes over a large framework's objects cost more than building them.
    gc.disable()
    try:
        code = _run(None, env)
    except SystemExit as exc:
        # Shell completion ends with sys.exit() inside Click.
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            with contextlib.suppress(OSError, ValueError):  # as messages.error
                env.stderr.write(f"{exc.code}\n")
            code = int(ExitCode.TROUBLE)
    _exit_now(env, code)


def _exit_now(env: Environment, code: int) -> NoReturn:
    # Skip the interpreter's teardown, which frees every module and object one at a time (a
    # measurable share of a short run); nothing in hxq or its libraries registers atexit work,
    # and the output is flushed here.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout(env)
        code = int(ExitCode.BROKEN_PIPE)
    except OSError as exc:
        if exc.errno not in STDOUT_ERRNOS:
            raise
        silence_stdout(env)
        error(env, str(StdoutFailed(exc)))
        code = int(ExitCode.TROUBLE)
    with contextlib.suppress(OSError):
        env.stderr.flush()
    os._exit(code)


def _stdout_failure(env: Environment, exc: OSError) -> int:
    """The exit code for a failed write to stdout (a closed pipe is silent); others re-raised."""
    if exc.errno not in STDOUT_ERRNOS:
        raise exc
    silence_stdout(env)
    if isinstance(exc, BrokenPipeError):
        return int(ExitCode.BROKEN_PIPE)
    error(env, str(StdoutFailed(exc)))
    return int(ExitCode.TROUBLE)


def _typed_hint(exc: typer_compat.ClickUsageError, args: list[str]) -> str:
    """The usage error's message; "(env var: …)" only when the value came from it, not when
    the user typed the option."""
    message = exc.format_message()
    param = getattr(exc, "param", None)
    opts = getattr(param, "opts", [])
    if any(arg == opt or arg.startswith(f"{opt}=") for arg in args for opt in opts):
        message = re.sub(r" \(env var: '[^']*'\)", "", message)
    return message


def _run(argv: list[str] | None, env: Environment) -> int:
    typed = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(_app_for(typed, env.width))
    typer_compat.plain_completion_help()
    run: Callable[..., Any] = command.main
    try:
        # The environment reaches each command as its context's object (see `options.environment`).
        with trimmed_process_stdout(env):
            result = run(args=argv, prog_name="hxq", standalone_mode=False, obj=env)
    except UnknownIdError as exc:
        error(env, unknown_id_message(env, exc))
        return int(exc.exit_code)
    except HxqError as exc:
        error(env, str(exc))
        return int(exc.exit_code)
    except typer_compat.NoArgsIsHelpError:
        # `hxq` alone: the help is already printed, and is the message.
        return int(ExitCode.TROUBLE)
    except typer_compat.ClickUsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        error(env, f"{_typed_hint(exc, typed)}{hint}")
        return int(ExitCode.TROUBLE)
    except typer_compat.ClickException as exc:
        error(env, exc.format_message())
        return int(exc.exit_code)
    except typer.Abort:
        error(env, "aborted")
        return int(ExitCode.INTERRUPTED)
    except OutputClosed:
        silence_stdout(env)
        return int(ExitCode.BROKEN_PIPE)
    except StdoutFailed as exc:
        silence_stdout(env)
        error(env, str(exc))
        return int(ExitCode.TROUBLE)
    except SystemExit as exc:
        # Help is written by Typer and Rich, which end a write to a closed pipe with exit 1
        # (raised while handling the BrokenPipeError); a closed pipe is 141 here.
        if isinstance(exc.__context__, OSError):
            return _stdout_failure(env, exc.__context__)
        raise
    except OSError as exc:
        # Help and completion are written by Click and Rich, outside the guarded writers.
        return _stdout_failure(env, exc)
    except KeyboardInterrupt:
        error(env, "interrupted")
        return int(ExitCode.INTERRUPTED)
    if result == ExitCode.INTERRUPTED:
        # Typer turns Ctrl-C inside a command into a silent exit 130.
        error(env, "interrupted")
    return int(result) if isinstance(result, int) else int(ExitCode.OK)
