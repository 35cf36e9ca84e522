"""The private Typer API that hxq_cli.cli.typer_compat uses: fails loudly when a Typer release
moves it, so that an upgrade is a decision, not a surprise."""

from __future__ import annotations

import typer

from hxq_cli.cli import typer_compat


def test_typer_is_a_release_the_compat_module_was_written_for() -> None:
    major, minor = (int(part) for part in typer.__version__.split(".")[:2])
    assert (major, minor) == (0, 28), (
        f"check hxq_cli/cli/typer_compat.py against {typer.__version__}"
    )


def test_the_vendored_click_exceptions_are_what_typer_raises() -> None:
    assert issubclass(typer.BadParameter, typer_compat.ClickUsageError)
    assert issubclass(typer_compat.ClickUsageError, typer_compat.ClickException)
    assert issubclass(typer_compat.NoArgsIsHelpError, typer_compat.ClickUsageError)


def test_completion_help_is_sent_as_written() -> None:
    from typer import _completion_classes

    typer_compat.plain_completion_help()
    assert _completion_classes._sanitize_help_text("[bold]x[/bold]") == "[bold]x[/bold]"
