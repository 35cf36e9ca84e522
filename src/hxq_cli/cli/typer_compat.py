"""The only module that touches Typer's private API: each use, why no public way exists, and
`tests/test_typer_compat.py`, which fails loudly when a Typer release moves what is used here.

Typer vendors Click as `typer._click`; its exception classes are not re-exported by Typer
(only `BadParameter`, `Exit` and `Abort` are), and hxq needs them to turn every usage error
into one line on stderr with exit code 2 instead of Click's multi-line usage block.
"""

from __future__ import annotations

from typer import _completion_classes
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError

__all__ = ["ClickException", "ClickUsageError", "NoArgsIsHelpError", "plain_completion_help"]


def _plain(text: str) -> str:
    return text


def plain_completion_help() -> None:
    """Send completion descriptions to the shell as they are.

    Typer passes every zsh/fish/PowerShell completion description through
    `_completion_classes._sanitize_help_text`, which imports Rich (a large share of a TAB's time)
    to render markup away, and so would also read markup in titles taken from the data. hxq's
    descriptions are plain text already made safe (`hxq_cli.cli.complete`). Typer offers no
    setting for this.
    """
    _completion_classes._sanitize_help_text = _plain
