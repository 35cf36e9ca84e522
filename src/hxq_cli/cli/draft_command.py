"""`hxq draft`: a first framework from a Chinese policy text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hxq_cli.cli.files import refuse_input, write_file
from hxq_cli.cli.messages import note
from hxq_cli.cli.options import JsonOption, environment, examples
from hxq_cli.cli.stdout import emit_json, emit_pieces
from hxq_cli.errors import DataError, ExitCode
from hxq_cli.read import STDIN

if TYPE_CHECKING:
    from hxq_cli.queries.draft import Draft

DRAFT_EPILOG = examples(
    "hxq draft report.txt -o report.yaml",
    "hxq validate report.yaml",
    "hxq verify --data report.yaml --source report.txt",
    "hxq draft report.txt --json | jq '.formulations[] | {name, count, parts}'",
    "cat report.txt | hxq draft - > report.yaml",
)


def draft(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="The text to draft from (UTF-8; '-' for stdin).",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write the draft to ('-' for stdout, the default); never SOURCE.",
            show_default=False,
        ),
    ] = None,
    json_: JsonOption = False,
) -> int:
    """Draft a framework file from a Chinese policy text: its numbered formulations (提法) with
    their parts, and every figure as a fact anchored in the text.

    The draft is a framework file every command reads as it is; its English is left for you
    ([untranslated]) and its Chinese statements quote the source (原文：) for you to rewrite.
    `hxq validate` lists what is left to do. A summary, and the items to look at first, go to
    stderr. Exit 0 when something was drafted, 1 when the text holds no formulation and no
    figure, 2 when the text cannot be read (not UTF-8, not text, too large).
    """
    from hxq_cli.queries.draft import draft as make_draft
    from hxq_cli.read import read_text

    env = environment(ctx)
    destination = None if output is None or output == STDIN else output
    if destination is not None and source != STDIN:
        refuse_input(destination, source)
    text = read_text(source, digest=True)
    if "\x00" in text.text:
        raise DataError(f"{text.name}: not a text file (it holds NUL bytes)")
    result = make_draft(text)
    if result.empty:
        note(env, f"{text.name}: {_nothing_found(result)}; nothing drafted")
        return ExitCode.NO
    # The summary is said after the output, but made first: the YAML writer frees the draft.
    summary = summary_lines(result, destination)
    # Written a piece at a time as it is made: the output is many times the text.
    if json_:
        from hxq_cli.formats.json import draft_json, iter_dumps

        document = draft_json(result)
        if destination is None:
            emit_json(env, document)
        else:
            written = iter_dumps(document)
            write_file(destination, written, protected=None if source == STDIN else source)
    else:
        from hxq_cli.formats.draft_file import draft_yaml

        # Handed over: the draft is freed once the framework is made of it (draft_yaml).
        pieces = draft_yaml(result)
        del result
        if destination is None:
            emit_pieces(env, pieces)
        else:
            write_file(destination, pieces, protected=None if source == STDIN else source)
    for line in summary:
        note(env, line)
    return ExitCode.OK


def _nothing_found(result: Draft) -> str:
    """Why a draft holds nothing: no figure at all, or figures none of which can be anchored."""
    if not result.unanchored:
        return "no numbered formulation and no figure found"
    figures = "1 figure" if result.unanchored == 1 else f"{result.unanchored} figures"
    return (
        f"no numbered formulation, and {figures} found but none stands in one place only,"
        " so none can be anchored"
    )


def summary_lines(result: Draft, destination: str | None) -> list[str]:
    """The summary on stderr: counts, then the items a person should look at first."""
    guessed = [f for f in result.formulations if f.parts_guessed]
    differ = [f for f in result.formulations if f.count_differs]
    unsure = [f for f in result.figures if f.found.unsure]
    where = f" into {destination}" if destination else ""
    lines = [
        f"drafted {len(result.formulations)} formulations and {len(result.figures)} figures "
        f"from {result.source}{where} ({len(result.sections)} sections"
        + (f"; spine: {result.spine.name}" if result.spine else "")
        + ")"
    ]
    for formulation in guessed:
        parts = "、".join(formulation.parts)
        lines.append(f"check: {formulation.where.at} {formulation.name}: parts guessed ({parts})")
    for formulation in differ:
        lines.append(
            f"check: {formulation.where.at} {formulation.name}: count {formulation.count}, "
            f"{len(formulation.parts)} parts found"
        )
    for figure in unsure:
        lines.append(
            f"check: {figure.where.at} {figure.found.text}: {' and '.join(figure.found.unsure)}"
            " unsure"
            f" ({figure.anchor})"
        )
    return lines
