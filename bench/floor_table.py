"""Floor for `hxq show ID` (a view): a one-command Typer app printing a 4-row Rich table.

Typer plus Rich's Console and Table: the least a Typer CLI that draws a table can cost.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(pretty_exceptions_enable=False)

ROWS = [
    ("4.1", "党建引领", "Party-building leadership"),
    ("4.2", "科创赋能", "Innovation empowerment"),
    ("4.3", "质量强区", "Building the zone on quality"),
    ("4.4", "营商环境", "Business environment"),
]


@app.command()
def show(
    node_id: Annotated[str, typer.Argument(help="An ID.")],
    json_: Annotated[bool, typer.Option("--json", help="Write JSON.")] = False,
) -> None:
    """Print a table of four rows."""
    table = Table(title=node_id)
    for name in ("ID", "名称", "Title"):
        table.add_column(name, overflow="fold")
    for row in ROWS:
        table.add_row(*row)
    Console(highlight=False, markup=False).print(table)


if __name__ == "__main__":
    app()
