"""`hxq browse`: the interactive view, started from the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from hxq_cli.cli.options import (
    DataOption,
    LangChoice,
    LangOption,
    environment,
    examples,
    id_argument,
)

BROWSE_EPILOG = examples(
    "hxq browse",
    "hxq browse 4.2 --lang zh",
    "hxq browse --data examples/riverton-321.yaml",
    "hxq browse --source interview-sun-guoquan-2026.zh.txt",
)


def browse(
    ctx: typer.Context,
    node_id: Annotated[
        str | None, id_argument("Open with this node focused (dotted ID, alias or title).")
    ] = None,
    lang: LangOption = LangChoice.both,
    data: DataOption = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            envvar="HXQ_SOURCE",
            metavar="FILE",
            help="Source text: show the sentence around each figure's anchor.",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Explore the framework full-screen: a tree, the focused node, search, go to (press ? for keys).

    Needs a terminal: exit 2 at once when stdin or stdout is redirected.
    """
    from hxq_cli.tui import browse as run_browse

    return run_browse(data, node_id, lang.value, source, terminal=environment(ctx).terminal)
