"""Any terminal encoding (issue 12): with an ASCII or Latin-1 stdout, no traceback; JSON stays
valid (escaped), views degrade to escapes with one note on stderr."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import installed_hxq, run_installed


def run_in(encoding: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed hxq with stdout in `encoding`, read back in that encoding."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env.update({"COLUMNS": "80", "HXQ_NO_CACHE": "1", "PYTHONIOENCODING": encoding})
    return subprocess.run(
        [installed_hxq(), *args],
        capture_output=True,
        text=True,
        encoding=encoding,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_is_escaped_and_valid(encoding: str) -> None:
    result = run_installed("show", "4", "--json", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert result.stdout.isascii()
    assert json.loads(result.stdout)["node"]["title"]["zh"] == "四张名片"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", [("show", "4"), ("facts", "--csv"), ("validate",)])
def test_views_degrade_with_one_note(encoding: str, args: tuple[str, ...]) -> None:
    result = run_in(encoding, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "PYTHONIOENCODING=utf-8" in result.stderr
    if args[0] == "show":
        assert "\\u56db\\u5f20" in result.stdout  # 四张, escaped


def test_errors_in_ascii_are_one_line() -> None:
    result = run_installed("show", "科创赋能x", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
