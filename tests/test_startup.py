"""Start-up: the fast paths never import what they do not use (Rich, PyYAML, the validators).

Import time is most of what a command costs, so these are checked by name in a fresh process,
not by timing (bench/run.py does the timing).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Modules that cost tens of milliseconds to import and that a fast path must not need.
HEAVY = {
    "rich",
    "yaml",
    "jsonschema",
    "jsonschema_rs",
    "importlib.resources",
    # Only `hxq browse` may import Textual (about 250 ms).
    "textual",
}

_DRIVER = """\
import atexit, json, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n"))
from hxq_cli.cli import main
sys.exit(main(sys.argv[1:]))
"""


def imported(
    args: list[str], cache: Path | None, extra_env: dict[str, str] | None = None
) -> set[str]:
    """The heavy modules imported by one run of hxq in a new interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HXQ_", "_HXQ_", "COMP_"))}
    env["COLUMNS"] = "80"
    if cache is None:
        env["HXQ_NO_CACHE"] = "1"
    else:
        env["XDG_CACHE_HOME"] = str(cache)
    env.update(extra_env or {})
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("MODULES "))
    modules = set(json.loads(line.removeprefix("MODULES ")))
    return {name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY}


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A cache that already holds the shipped framework."""
    imported(["show", "--json"], tmp_path)
    return tmp_path


def test_json_from_the_cache_imports_nothing_heavy(warm: Path) -> None:
    assert imported(["show", "4", "--json"], warm) == set()


def test_json_on_a_first_run_never_imports_rich(tmp_path: Path) -> None:
    heavy = imported(["show", "4", "--json"], None)
    assert not any(name.startswith("rich") for name in heavy)
    # A miss does parse and check: the test would be vacuous if it did not. The fast check
    # (jsonschema-rs) accepts the file, so the reference validator is not imported.
    assert "yaml" in heavy and "jsonschema_rs" in heavy and "jsonschema" not in heavy


def test_view_from_the_cache_imports_rich_but_no_parser(warm: Path) -> None:
    heavy = imported(["show", "4"], warm)
    assert "rich" in heavy
    assert "textual" not in heavy
    assert not heavy & {"yaml", "jsonschema", "jsonschema_rs"}


@pytest.mark.parametrize("words", ["hxq show ", "hxq sh"])
def test_completion_imports_nothing_heavy(warm: Path, words: str) -> None:
    env = {"_HXQ_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "2"}
    if words == "hxq sh":
        env["COMP_CWORD"] = "1"
    assert imported([], warm, env) == set()


@pytest.mark.parametrize("args", [["show"], ["facts"], ["search", "专利"], ["browse", "--help"]])
def test_only_browse_imports_textual(warm: Path, args: list[str]) -> None:
    assert not any(name.startswith("textual") for name in imported(args, warm))


def test_browse_without_a_terminal_stops_before_textual(warm: Path) -> None:
    # A browse that cannot run (stdout is a pipe here) says so without loading Textual.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env["XDG_CACHE_HOME"] = str(warm)
    done = subprocess.run(
        [sys.executable, "-c", _DRIVER, "browse"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert '"textual' not in done.stderr
