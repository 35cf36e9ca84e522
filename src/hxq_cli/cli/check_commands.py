"""`hxq verify`, `hxq validate` and `hxq diff`: checking frameworks against sources, the
rules, and each other."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hxq_cli.cli.messages import note
from hxq_cli.cli.options import (
    ColorChoice,
    ColorOption,
    DataOption,
    JsonOption,
    LangChoice,
    LangOption,
    PagerOption,
    environment,
    examples,
)
from hxq_cli.cli.stdout import emit_json, emit_text, emit_view
from hxq_cli.errors import ExitCode, UsageError
from hxq_cli.read import STDIN, default_data_path, display_name, load_framework

if TYPE_CHECKING:
    from hxq_cli.model import Framework

VERIFY_EPILOG = examples(
    "hxq verify --source interview-sun-guoquan-2026.zh.txt",
    "hxq verify --source interview-sun-guoquan-2026.zh.txt --problems",
    "hxq verify --source interview.txt --json | jq '.facts[] | select(.status != \"found\")'",
    "HXQ_SOURCE=interview.txt hxq verify --data other-zone.yaml",
)


def verify(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            envvar="HXQ_SOURCE",
            metavar="FILE",
            help="The source text to check against (UTF-8; '-' for stdin): the file that the"
            " framework's source entry names in its `file` field.",
            show_default=False,
        ),
    ] = None,
    source_id: Annotated[
        str | None,
        typer.Option(
            "--source-id",
            metavar="ID",
            help="Which of the framework's sources FILE is (needed only when it cannot be told).",
            show_default=False,
        ),
    ] = None,
    problems: Annotated[
        bool,
        typer.Option("--problems", help="Show only what is wrong (not the facts found)."),
    ] = False,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> int:
    """Check every fact's anchor and figure against the source text, and the counts in titles.

    Exit 0 when everything is found, 1 when a fact is missing, ambiguous or mismatched or a title's count is wrong, 2 when a file cannot be read. In a draft (`draft: true`) a count whose parts are still to add is listed as 待补/to do and does not fail. The summary line goes to stderr.

    The source text is the file the framework's `sources` entry names in its `file` field (for the shipped framework, the interview interview-sun-guoquan-2026.zh.txt, which is not shipped with hxq); give its path with --source or HXQ_SOURCE.
    """
    env = environment(ctx, color, pager)
    from hxq_cli.queries.verify import verify as check
    from hxq_cli.read import read_text

    if source == STDIN and data == STDIN:
        raise UsageError("--source and --data cannot both read stdin")
    framework = load_framework(data)
    if source is None:
        raise _source_needed(framework)
    report = check(framework, read_text(source, digest=True), source_id)
    warning = report.edition_warning()
    if warning is not None:
        note(env, f"warning: {warning}")
    if json_:
        from hxq_cli.formats.json import verify_json

        emit_json(env, verify_json(framework, report))
        note(env, report.summary())
    else:
        from hxq_cli.render.verify_view import summary_lines, verify_view

        emit_view(env, verify_view(report, lang.value, problems=problems))
        for line in summary_lines(report, lang.value):
            note(env, line)
    return ExitCode.OK if report.ok else ExitCode.NO


def _source_needed(framework: Framework) -> UsageError:
    """What verify needs when no source text is given, said in one line: how to give it, the
    file the framework cites, and where the README says how to get it."""
    files = [source.file for source in framework.sources if source.file]
    cited = f"; this framework cites {', '.join(files)}" if files else ""
    return UsageError(
        f"verify needs the source text the facts are checked against: --source FILE or"
        f' HXQ_SOURCE=FILE{cited} (README.md, "hxq verify", says where to get it)'
    )


VALIDATE_EPILOG = examples(
    "hxq validate",
    "hxq validate examples/riverton-321.yaml",
    "hxq validate my-zone.yaml --json | jq '.problems[] | .message'",
    "cat my-zone.yaml | hxq validate -",
)


def validate(
    ctx: typer.Context,
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
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """Check a framework file: the schema, then IDs, numbering, counts, sources, aliases, languages.

    Exit 0 when valid, 1 when problems are found, 2 when the file cannot be read at all.
    """
    env = environment(ctx, color, pager)
    from hxq_cli.queries.validate import validate_file

    target = path if path is not None else data
    report = validate_file(str(default_data_path()) if target is None else target)
    if json_:
        from hxq_cli.formats.json import validation_json

        emit_json(env, validation_json(report))
    else:
        from hxq_cli.render.validation import validation_text

        # On a terminal the summary fits the screen; a file or pipe gets the whole path.
        width = env.width if env.stdout_isatty else None
        emit_text(env, validation_text(report, width), page=True)
    if not report.valid:
        raise typer.Exit(int(ExitCode.NO))


DIFF_EPILOG = examples(
    "hxq diff framework-2025.yaml framework-2026.yaml",
    "hxq diff HEAD~1",
    "hxq diff v1.0 --data my-zone.yaml",
    "hxq diff old.yaml new.yaml --lang en",
    "hxq diff old.yaml new.yaml --json | jq '.facts.changed'",
    "hxq diff old.yaml new.yaml > /dev/null || echo 'the editions differ'",
    "hxq diff old.yaml new.yaml > /dev/null; [ $? -eq 1 ] && echo 'the editions differ'",
)


def diff(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The earlier framework file ('-' for stdin), or alone a git revision (REV).",
            show_default=False,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="[NEW]", help="The later framework file ('-' for stdin).", show_default=False
        ),
    ] = None,
    json_: JsonOption = False,
    lang: LangOption = LangChoice.both,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            envvar="HXQ_DATA",
            metavar="PATH",
            help="With a revision: the framework file to compare with itself at REV. Default:"
            " data/framework.yaml in the git work tree you are in.",
            show_default=False,
        ),
    ] = None,
    color: ColorOption = ColorChoice.auto,
    pager: PagerOption = True,
) -> None:
    """Compare two framework files: nodes added, removed, moved, retitled; figures changed.

    `hxq diff REV` compares the framework file (--data, else data/framework.yaml in the git work tree you are in) with the same file at the git revision REV, read with `git show REV:PATH`.

    Exit 0 when they are the same framework, 1 when they differ, 2 when a file cannot be read or the revision cannot be (so `[ $? -eq 1 ]` means "they differ").
    """
    env = environment(ctx, color, pager)
    from hxq_cli.queries.diff import diff_frameworks

    if new is None:
        if old == STDIN or Path(old).is_file():
            raise UsageError(
                f"{old!r} is a file: give the file to compare it with, or one git revision"
            )
        from hxq_cli.read import load_at_revision

        new, new_name, old_name, before = load_at_revision(data, old)
        after = load_framework(new)
    else:
        if old == STDIN and new == STDIN:
            raise UsageError("OLD and NEW cannot both be standard input ('-')")
        before, after = load_framework(old), load_framework(new)
        old_name, new_name = display_name(old), display_name(new)
    report = diff_frameworks(before, after)
    if json_:
        from hxq_cli.formats.json import diff_json

        emit_json(env, diff_json(report, (old_name, before), (new_name, after)))
    elif report.identical:
        note(env, "no differences")
    else:
        from hxq_cli.render.diff_view import diff_view

        emit_view(env, diff_view(report, old_name, new_name, lang.value))
    if not report.identical:
        raise typer.Exit(int(ExitCode.NO))
