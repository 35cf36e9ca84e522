"""Turning query results into output: Rich renderables for terminals, text for everything else.

This package is the only place that imports Rich, and it does so lazily (inside
`hxq_cli.render.terminal`), so the JSON and completion paths never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType as Renderable

__all__ = ["Renderable"]
