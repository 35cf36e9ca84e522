"""`hxq export` and `hxq schema`: the framework in other formats, and its file format."""

from __future__ import annotations

from typing import Annotated

import typer

from hxq_cli.cli.files import (
    refuse_companion_beside,
    refuse_input,
    write_file,
    write_files,
    write_folder,
)
from hxq_cli.cli.options import DataOption, LangChoice, environment, examples, id_argument
from hxq_cli.cli.stdout import emit_json, emit_pieces
from hxq_cli.errors import UsageError
from hxq_cli.formats import (
    FORMATS,
    export_bytes,
    export_companion,
    export_files,
    export_pieces,
    find_format,
    format_names,
    names_of,
)
from hxq_cli.queries.export import subtree
from hxq_cli.queries.resolve import resolve_id
from hxq_cli.read import OUTPUT_SCHEMAS, STDIN, default_data_path, load_framework

EXPORT_EPILOG = examples(
    "hxq export --format md -o briefing.md",
    "hxq export --format csv > facts.csv",
    "hxq export --format mermaid 4",
    "hxq export --format dot | dot -Tsvg -o framework.svg",
    "hxq export --format yaml 4.2 -o innovation.yaml",
    "hxq export --format datapackage -o facts-package/",
    "hxq export --format html -o framework.html --open",
    "hxq export --format sqlite -o facts.db && datasette facts.db -m facts.db.metadata.json",
    "hxq export --format xlsx -o facts.xlsx",
    "hxq export --format opml --lang en -o framework.opml",
    "hxq export --format opml 4 --ids",
    "hxq export --format dot --depth 2 --ids | dot -Tpng -o framework.png",
)


def _complete_format(incomplete: str) -> list[tuple[str, str]]:
    return [(f.name, f.summary) for f in FORMATS if f.name.startswith(incomplete.lower())]


_FORMAT_HELP = "; ".join(f"{f.name} ({f.summary})" for f in FORMATS) + "."


def export(
    ctx: typer.Context,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            # The help names every format; the list as a metavar was cut mid-name at 60 columns.
            metavar="FORMAT",
            help=f"The format: {_FORMAT_HELP} A file or folder format needs -o.",
            show_default=False,
            autocompletion=_complete_format,
        ),
    ],
    node_id: Annotated[
        str | None,
        id_argument("Export only this node and its parts (dotted ID, alias or title)."),
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
    lang: Annotated[
        LangChoice,
        typer.Option(
            "--lang",
            envvar="HXQ_LANG",
            help="Languages of the formats people read (md, mermaid, dot, opml; html's "
            "default); the data formats always keep both.",
            case_sensitive=False,
        ),
    ] = LangChoice.both,
    open_: Annotated[
        bool,
        typer.Option("--open", help="Open the written file in the web browser (needs -o FILE)."),
    ] = False,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            min=1,
            metavar="N",
            help="Levels of the tree a diagram (mermaid, dot) draws below its root "
            "(mermaid: 2 unless given, so that its boxes do not overlap).",
            show_default=False,
        ),
    ] = None,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids",
            help="Show node IDs in the labels of a diagram (mermaid, dot) or outline (opml).",
        ),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="csv: start with a byte-order mark, so that Excel reads UTF-8."
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write the framework, or one part of it, as a briefing, a table, a diagram or a database.

    Markdown, CSV, Mermaid, DOT, OPML, JSON, YAML, HTML, a Data Package, a SQLite database or an Excel workbook (see --format)."""
    fmt = find_format(format_)
    if fmt is None:
        choices = ", ".join(format_names())
        raise UsageError(f"unknown format {format_!r} (choose from {choices})")
    destination = None if output is None or output == STDIN else output
    if fmt.kind == "folder" and destination is None:
        raise UsageError(f"--format {fmt.name} writes a folder: give it with -o DIR")
    if fmt.kind == "file" and destination is None:
        raise UsageError(f"--format {fmt.name} writes a binary file: give it with -o FILE")
    if depth is not None and not fmt.diagram:
        diagrams = names_of(tuple(f for f in FORMATS if f.diagram))
        raise UsageError(f"--depth is for the diagrams ({diagrams})")
    if ids and not fmt.ids:
        raise UsageError(f"--ids is for {names_of(tuple(f for f in FORMATS if f.ids))}")
    if excel and fmt.name != "csv":
        raise UsageError("--excel is for --format csv")
    # The input is known before anything is read, so `-o` naming it is refused up front.
    source = str(default_data_path()) if data is None else None if data == STDIN else data
    if destination is not None and fmt.kind != "folder":
        refuse_input(destination, source)
        if fmt.companion is not None:
            refuse_companion_beside(destination, destination + fmt.companion)
    if open_ and destination is None:
        raise UsageError("--open opens the written file: give it with -o FILE")
    framework = load_framework(data)
    selected = subtree(framework, resolve_id(framework, node_id) if node_id is not None else None)
    if fmt.kind == "folder":
        write_folder(
            str(destination),
            export_files(fmt, selected, lang.value),
            force=force,
            protected=source,
        )
        return
    if fmt.kind == "file":
        assert destination is not None
        contents: dict[str, str | bytes] = {destination: export_bytes(fmt, selected, lang.value)}
        if fmt.companion is not None:
            contents[destination + fmt.companion] = export_companion(fmt, selected, destination)
        # Both are checked before either is written.
        write_files(contents, protected=source)
        return
    options: dict[str, object] = {}
    if fmt.diagram:
        options = {"depth": depth, "ids": ids}
    elif fmt.ids:
        options = {"ids": ids}
    elif fmt.name == "csv":
        options = {"excel": excel}
    pieces = export_pieces(fmt, selected, lang.value, **options)
    if destination is None:
        emit_pieces(environment(ctx), pieces, fold=fmt.prose)
        return
    write_file(destination, pieces, protected=source)
    if open_:
        import webbrowser
        from pathlib import Path

        webbrowser.open(Path(destination).resolve().as_uri())


SCHEMA_EPILOG = examples(
    "hxq schema > framework.schema.json",
    "hxq schema | jq '.definitions.fact.required'",
    "hxq schema facts > facts.schema.json",
)


def _complete_output(incomplete: str) -> list[str]:
    return [name for name in OUTPUT_SCHEMAS if name.startswith(incomplete.lower())]


def schema(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help="The command whose --json output to describe: " + ", ".join(OUTPUT_SCHEMAS) + ".",
            show_default=False,
            autocompletion=_complete_output,
        ),
    ] = None,
) -> None:
    """Print a JSON Schema (draft-07): of framework files, or of a command's --json output."""
    from hxq_cli.read import framework_schema, output_schema

    env = environment(ctx)
    if name is None:
        emit_json(env, framework_schema())
        return
    if name.lower() not in OUTPUT_SCHEMAS:
        raise UsageError(f"no schema named {name!r} (choose from {', '.join(OUTPUT_SCHEMAS)})")
    emit_json(env, output_schema(name.lower()))
