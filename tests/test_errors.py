"""Every user error: one line on stderr, a documented exit code, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import (
    FIXTURES,
    Run,
    installed_hxq,
    run_installed,
)
from hxq_cli.errors import ExitCode

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def one_line_error(err: str, *needles: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hxq: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (b"", ["file is empty"]),
        (b"   \n\n", ["file is empty"]),
        (b"id: [unclosed\n", [":2:1:"]),
        (b"\xff\xfeyaml", ["not valid UTF-8 at byte 0"]),
        ("schema_version: 1\nid: 文".encode() + b"\xe9", ["not valid UTF-8 at byte 25"]),
        (b"- a\n- b\n", ["found a list"]),
        (b"just a scalar\n", ["found a single str value"]),
        (b"schema_version: 1\nid: x\nid: y\n", [":3:1:", "duplicate key 'id'"]),
        (b"a: &x [1]\nb: *x\n", ["anchors and aliases"]),
        (b"a: !!python/object/apply:os.system ['true']\n", ["python/object"]),
        (
            MINIMAL.replace('unit: "%"', "unit: 5").encode(),
            [":34:19:", "facts[0].unit", "not of type 'string'"],
        ),
        (
            MINIMAL.replace(
                '      - id: "1.1"\n', '      - id: "1.1"\n        colour: red\n'
            ).encode(),
            ["colour"],
        ),
    ],
)
def test_broken_framework_files(
    hxq: Run, tmp_path: Path, content: bytes, needles: list[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    result = hxq("show", "--data", str(path))
    assert result.code == ExitCode.TROUBLE
    assert result.out == ""
    one_line_error(result.err, str(path), *needles)


def test_missing_file(hxq: Run, tmp_path: Path) -> None:
    result = hxq("show", "4", "--data", str(tmp_path / "nope.yaml"))
    assert result.code == ExitCode.TROUBLE
    one_line_error(result.err, "nope.yaml: no such file")


def test_directory(hxq: Run, tmp_path: Path) -> None:
    result = hxq("show", "--data", str(tmp_path))
    assert result.code == ExitCode.TROUBLE
    one_line_error(result.err, "is a directory")


def test_unreadable(hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make open() refuse as it would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("builtins.open", refuse)
    result = hxq("show", "--data", str(path))
    assert result.code == ExitCode.TROUBLE
    one_line_error(result.err, "permission denied")


def test_bom_and_crlf_are_fine(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    result = hxq("show", "1", "--data", str(path))
    assert result.code == 0, result.err
    assert "两大任务" in result.out


def test_yaml11_words_stay_strings(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "norway.yaml"
    path.write_text(
        MINIMAL.replace('zh: "任务甲"', "zh: no").replace(
            'as_of: "2025-12-31"', "as_of: 2025-12-31"
        ),
        encoding="utf-8",
    )
    result = hxq("show", "1.1", "--data", str(path), "--lang", "zh")
    assert result.code == 0, result.err
    assert "no" in result.out


def test_size_limit(hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("HXQ_MAX_BYTES", "100")
    result = hxq("show", "--data", str(path))
    assert result.code == ExitCode.TROUBLE
    one_line_error(result.err, "100-byte limit")


def test_deep_nesting_is_refused_not_crashed(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = hxq("show", "--data", str(path))
    assert result.code == ExitCode.TROUBLE
    one_line_error(result.err, "nested more than")


def test_markup_and_control_sequences_in_data(hxq: Run, tmp_path: Path) -> None:
    hostile = MINIMAL.replace(
        'en: "Task A"', r'en: "[bold red]Task[/] \e[31mA\e]8;;http://x\e\\ \u202e"'
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    result = hxq("show", "1", "--data", str(path), "--lang", "en", width=200)
    assert result.code == 0, result.err
    assert "[bold red]Task[/]" in result.out
    assert "\x1b" not in result.out and "\u202e" not in result.out
    assert "\\x1b[31mA" in result.out and "\\u202e" in result.out
    as_json = hxq("show", "1", "--json", "--data", str(path))
    assert "\x1b" not in as_json.out and "\u202e" not in as_json.out
    import json

    child = json.loads(as_json.out)["node"]["children"][0]
    assert child["title"]["en"].startswith("[bold red]Task[/] \x1b[31mA")


def test_interrupt_is_one_line_and_130(hxq: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(path: str | None) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("hxq_cli.cli.read_commands.load_framework", interrupted)
    result = hxq("show", "4")
    assert result.code == ExitCode.INTERRUPTED
    one_line_error(result.err, "interrupted")


@pytest.mark.parametrize(
    "args",
    [("show", "--json"), ("--help",), ("show", "--help")],
    ids=["data", "help", "command-help"],
)
def test_closed_pipe_ends_quietly(args: tuple[str, ...]) -> None:
    proc = subprocess.Popen(
        [installed_hxq(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before hxq writes
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait(timeout=60) == ExitCode.BROKEN_PIPE
    assert err == b""


def test_head_of_a_pipe_ends_quietly(tmp_path: Path) -> None:
    result = subprocess.run(
        f"'{installed_hxq()}' show --json | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == "{\n"
    assert result.stderr == ""


_COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")


def test_no_color_and_force_color() -> None:
    forced = run_installed("show", "4", env={"FORCE_COLOR": "1"})
    assert _COLOUR.search(forced.stdout)
    no_color = run_installed("show", "4", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert no_color.returncode == 0
    assert not _COLOUR.search(no_color.stdout)
    piped = run_installed("show", "4")
    assert "\x1b" not in piped.stdout
