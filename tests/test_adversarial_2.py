"""The second adversarial pass (issue 26, "a fresh adversarial pass"): each finding of the
severity that must be fixed, pinned by a test that failed before its fix
(docs/adversarial-review-2.md lists every finding)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import Run
from hxq_cli.errors import ExitCode


def one_error_line(result: object, *needles: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding every needle, no traceback."""
    assert result.code == ExitCode.TROUBLE, result  # type: ignore[attr-defined]
    assert result.out == ""  # type: ignore[attr-defined]
    lines = result.err.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, result.err  # type: ignore[attr-defined]
    assert lines[0].startswith("hxq: error: ")
    assert all(needle in lines[0] for needle in needles), lines[0]


# --------------------------------------------------------------------------- files written


def test_sqlite_into_a_fifo_plants_no_metadata_file_beside_it(hxq: Run, tmp_path: Path) -> None:
    # `-o /dev/null` or `-o /dev/stdout` wrote FILE.metadata.json into /dev; a FIFO likewise
    # got a regular file planted beside it. A device or FIFO has no "beside": refused first.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = hxq("export", "--format", "sqlite", "-o", str(fifo))
    one_error_line(result, "pipe", "pipe.metadata.json", "not a regular file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_sqlite_into_a_device_is_refused_before_anything_is_written(hxq: Run) -> None:
    planted = Path("/dev/null.metadata.json")
    existed = planted.exists()
    result = hxq("export", "--format", "sqlite", "-o", "/dev/null")
    one_error_line(result, "/dev/null", "not a regular file")
    assert planted.exists() == existed
