"""The command line: Typer wiring only. Parse, call a query, hand the result to a view or a
format, map errors to exit codes."""

from hxq_cli.cli.app import main

__all__ = ["main"]
