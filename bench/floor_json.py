"""Floor for `hxq show ID --json`: a one-command Typer app (one argument, one flag) printing JSON.

Nothing but Typer and the json module: the least a Typer CLI that answers in JSON can cost.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

app = typer.Typer(pretty_exceptions_enable=False)


@app.command()
def show(
    node_id: Annotated[str, typer.Argument(help="An ID.")],
    json_: Annotated[bool, typer.Option("--json", help="Write JSON.")] = False,
) -> None:
    """Print a small JSON object."""
    document = {
        "schema_version": 1,
        "id": node_id,
        "json": json_,
        "title": {"zh": "四张名片", "en": "Four name cards"},
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    app()
