"""What a bench script reports to `bench/run.py`: figures it measured itself, and why it could not."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timed:
    """A figure measured by a script of its own (an interactive screen, a first screen).

    Scripts in `SCRIPTS` each have `timings(ctx) -> list[Timed]`; a script that cannot run here
    (no tmux, say) raises `Unavailable`, and its rows are reported as skipped, never as passed.
    """

    label: str
    seconds: float
    max_seconds: float | None = None
    #: A floor measured beside it, and the ratio the figure must stay under.
    floor_seconds: float | None = None
    floor: str | None = None
    max_ratio: float | None = None


class Unavailable(Exception):
    """A script's measurement cannot run on this machine; the message says why."""
