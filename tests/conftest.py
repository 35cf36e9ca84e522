"""Shared helpers: run hxq in-process (fast) or as the installed program (packaging)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hxq_cli.cli import main
from hxq_cli.cli.environment import Environment
from hxq_cli.errors import ExitCode
from hxq_cli.model import Framework
from hxq_cli.read import CheckedDocument, TextFile, build_framework, load
from hxq_cli.read import load_framework as read_framework

# Test modules load frameworks while they are collected, before any fixture runs: keep those
# loads (and everything else) out of the user's own cache. Tests of the cache set their own.
os.environ["HXQ_NO_CACHE"] = "1"
# The many runs of the installed hxq (and of helper interpreters) reuse compiled bytecode, as
# users' Pythons do; an environment that forbids writing it would recompile every module of
# hxq, Typer and Rich on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

#: The long fuzzing (more Hypothesis examples, and the tests marked `slow`) runs when
#: HXQ_TEST_PROFILE=ci, as .ci/run sets it; the default run stays quick.
FULL = os.environ.get("HXQ_TEST_PROFILE") == "ci"


def examples(count: int) -> int:
    """How many Hypothesis examples a property gets: `count` in CI, an eighth of it otherwise."""
    return count if FULL else max(5, count // 8)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if FULL:
        return
    skip = pytest.mark.skip(
        reason="slow (long fuzzing, a real terminal): runs with HXQ_TEST_PROFILE=ci"
    )
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "framework.yaml"


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No inherited HXQ_* settings, and none of the variables that Typer and Rich read for
    themselves: hxq's own output follows the `Environment` a test gives `main` (see `hxq`)."""
    for name in list(os.environ):
        if name.startswith("HXQ_") or name in {
            "COLUMNS",
            "LINES",
            "FORCE_COLOR",
            "NO_COLOR",
            "TTY_COMPATIBLE",
            "PAGER",
        }:
            monkeypatch.delenv(name)
    monkeypatch.setenv("HXQ_NO_CACHE", "1")


def environment(
    width: int = 80, *, stdout: Any = None, stderr: Any = None, **settings: Any
) -> Environment:
    """The environment of a run in a test: the captured streams (or those given), `width`
    columns, no terminal, no colour, no pager, unless `settings` say otherwise."""
    return Environment(
        stdout=sys.stdout if stdout is None else stdout,
        stderr=sys.stderr if stderr is None else stderr,
        stdin=sys.stdin,
        width=width,
        **settings,
    )


def one_error_line(result: Result, *needles: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding every needle, no traceback."""
    assert result.code == ExitCode.TROUBLE, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("hxq: error: ")
    assert all(needle in lines[0] for needle in needles), lines[0]


def _asks_for_help(args: tuple[str, ...]) -> bool:
    return not args or "--help" in args or "-h" in args


@pytest.fixture
def hxq(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """Run hxq in this process: hxq("show", "4", width=60) -> Result. `settings`: more of the
    `Environment` (color=True, stdout_isatty=True, stderr_width=60 …)."""

    def run(*args: str, width: int = 80, stdin: str | None = None, **settings: Any) -> Result:
        if stdin is not None:
            import io

            # The reader takes '-' from the process's stdin.
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        if _asks_for_help(args):
            # Typer lays out --help itself, from the process's COLUMNS.
            monkeypatch.setenv("COLUMNS", str(width))
        code = main(list(args), env=environment(width, **settings))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run


def installed_hxq() -> str:
    """The `hxq` console script installed beside this interpreter."""
    script = Path(sys.executable).with_name("hxq")
    assert script.exists(), f"hxq is not installed beside {sys.executable}"
    return str(script)


def run_installed(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    full_env.update({"COLUMNS": "80", "HXQ_NO_CACHE": "1"})
    full_env.update(env or {})
    return subprocess.run(
        [installed_hxq(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=stdin,
        timeout=60,
        check=False,
    )


def load_framework(path: str | Path | None = None) -> Framework:
    """The framework of a file, as every command loads it."""
    return read_framework(None if path is None else str(path))


def load_raw(path: str | Path | None = None) -> dict[str, Any]:
    """The checked document of a file as one plain mapping."""
    return load(None if path is None else str(path)).document()


def parse_text(text: str, name: str = "<test>") -> Any:
    """The YAML value of a text, as the reader reads a framework file (DocumentError if not)."""
    from hxq_cli.read.parse import parse

    return parse(TextFile(name, text))


def framework_of(raw: dict[str, Any]) -> Framework:
    """The framework of a checked document given as one plain mapping (not checked here)."""
    return build_framework(CheckedDocument.of(raw))


#: The columns of the facts sheet as released, in their order: a column may only be added after
#: them (`hxq facts --csv` and the Data Package's facts.csv).
RELEASED_COLUMNS = (
    "node_id",
    "node_title_zh",
    "node_title_en",
    "fact_id",
    "statement_zh",
    "statement_en",
    "qualifier",
    "value",
    "unit",
    "normalized_value",
    "normalized_unit",
    "compared_with_zh",
    "compared_with_en",
    "as_of",
    "source",
    "anchor",
    "display_zh",
    "display_en",
)


_MEASURED = """
import re, sys
from hxq_cli.cli.app import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)
print(peak, file=sys.stderr)
sys.exit(code)
"""


def run_measured(
    args: list[str], env: dict[str, str], stdout: Any = subprocess.PIPE
) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """Run hxq in a process of its own (Linux: it reads /proc); the run and its peak memory in
    MiB (the process's high-water mark of resident memory)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=env,
        timeout=900,
        check=False,
    )
    return done, int(done.stderr.split()[-1]) / 1024
