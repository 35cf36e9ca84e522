"""The command line as a whole: help with examples, the installed program, README coverage."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO, Run, environment, run_installed
from hxq_cli.cli.app import whole_app
from test_data import source_path

app = whole_app(80)

COMMANDS = sorted(
    command.name or ""
    for command in typer.main.get_command(app).commands.values()  # type: ignore[attr-defined]
)


def test_there_are_commands() -> None:
    assert "show" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert "Example" in result.output
    assert f"hxq {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"hxq {command}" in readme


def test_root_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_installed_entry_point_shows_the_cards() -> None:
    result = run_installed("show", "4", env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "科创赋能" in result.stdout and "24.24亿元" in result.stdout
    assert result.stderr == ""


def test_installed_entry_point_json_and_errors() -> None:
    result = run_installed("show", "4", "--json")
    assert json.loads(result.stdout)["node"]["id"] == "4"
    missing = run_installed("show", "9.9")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("hxq: error: unknown ID '9.9'")
    broken = run_installed("show", "--data", "/nonexistent/framework.yaml")
    assert broken.returncode == 2
    assert broken.stderr == "hxq: error: /nonexistent/framework.yaml: no such file\n"


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hxq_cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("hxq ")


def test_no_arguments_prints_help_and_exits_2(hxq: Run) -> None:
    result = hxq()
    assert result.code == 2
    assert "Usage" in result.out and "show" in result.out
    assert result.err == ""


# --------------------------------------------------------------------------- README samples

#: README blocks whose command needs a file that is not in the repository (or runs more than
#: hxq): their output is shown, not checked.
README_SAMPLES_NOT_RUN = {
    "$ hxq validate examples/riverton-321.yaml",
}


def readme_samples() -> list[tuple[str, str]]:
    """(command line, shown output) of each README ```console block that starts `$ hxq`."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    samples = []
    for match in re.finditer(r"```console\n(\$ hxq [^\n]*)\n(.*?)```", readme, re.S):
        if match.group(1) not in README_SAMPLES_NOT_RUN:
            samples.append((match.group(1), match.group(2)))
    return samples


#: README samples that name the interview text as the workspace has it, beside the clone
#: (../shared/sources/); they run in a clone's place with the text there (skipped when absent).
SOURCE_SAMPLES = {
    "$ hxq verify --source ../shared/sources/interview-sun-guoquan-2026.zh.txt --lang en"
}


def _workspace_folder(folder: Path) -> Path:
    """A clone's folder in a workspace whose shared folder holds the interview text."""
    sources = folder / "shared" / "sources"
    sources.mkdir(parents=True)
    shutil.copy(source_path(), sources / "interview-sun-guoquan-2026.zh.txt")
    clone = folder / "hxq"
    clone.mkdir()
    return clone


#: The README's diff sample compares the shipped file with a copy edited as the README says.
DIFF_SAMPLE = "$ hxq diff framework.yaml edited.yaml"


def _diff_sample_folder(folder: Path) -> Path:
    from test_diff import change_figure, drop_card, edited_copy, renumber_goal

    shutil.copy(REPO / "data" / "framework.yaml", folder / "framework.yaml")
    edited_copy(folder, renumber_goal, change_figure, drop_card, name="edited.yaml")
    return folder


#: The README's sample of a revision runs in a git work tree whose last commit changed the R&D
#: figure.
REVISION_SAMPLE = "$ hxq diff HEAD~1 --lang zh"


def _revision_sample_folder(folder: Path) -> Path:
    from test_diff import git_work_tree

    if shutil.which("git") is None:
        pytest.skip("needs git")
    return git_work_tree(folder, commit=True)


def _sample_output(hxq: Run, command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    # An export's date is the day it is made, unless SOURCE_DATE_EPOCH says (the README's day).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795996800")
    # A sample may end in `| head -N`: hxq's output cut to N lines.
    head = re.fullmatch(r"(.*) \| head -(\d+)", command)
    if head is not None:
        shown = _sample_output(hxq, head.group(1), monkeypatch, tmp_path)
        return "".join(shown.splitlines(keepends=True)[: int(head.group(2))])
    if command == DIFF_SAMPLE:
        monkeypatch.chdir(_diff_sample_folder(tmp_path))
    elif command == REVISION_SAMPLE:
        monkeypatch.delenv("HXQ_DATA", raising=False)
        monkeypatch.chdir(_revision_sample_folder(tmp_path))
    elif command in SOURCE_SAMPLES:
        monkeypatch.chdir(_workspace_folder(tmp_path))
    else:
        monkeypatch.chdir(REPO)
    result = hxq(*shlex.split(command)[2:], width=80)
    shown = result.out + "".join(line + "\n" for line in result.err.splitlines())
    return "".join(line.rstrip() + "\n" for line in shown.rstrip().splitlines())


@pytest.mark.parametrize("sample", readme_samples(), ids=lambda sample: sample[0])
def test_readme_sample_is_what_hxq_prints(
    hxq: Run, sample: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every README sample is produced by the tool (COLUMNS=80, no colour). To refresh one:
    UPDATE_README_SAMPLES=1 pytest -n0 tests/test_cli_meta.py -k readme_sample."""
    command, shown = sample
    actual = _sample_output(hxq, command, monkeypatch, tmp_path)
    if "\n…\n" in shown:
        # A line "…" stands for the lines a long sample leaves out; the rest must be as shown.
        pattern = "(?:.*\n)*".join(re.escape(part) for part in shown.split("…\n"))
        assert re.fullmatch(pattern, actual), actual
        return
    if os.environ.get("UPDATE_README_SAMPLES") == "1" and actual != shown:
        path = REPO / "README.md"
        readme = path.read_text(encoding="utf-8")
        path.write_text(readme.replace(f"{command}\n{shown}```", f"{command}\n{actual}```"))
        shown = actual
    assert actual == shown


def test_readme_says_how_to_put_hxq_on_path() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme and "pipx install ." in readme
    assert "--data data/framework.yaml" in readme


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("args", [["--help"], ["--no-such-option"], []])
def test_a_run_that_builds_one_command_answers_as_the_whole_app(
    command: str, args: list[str]
) -> None:
    """A run builds only the command it names (`make_app(only=…)`, for start-up time): its
    help and its errors are the same as from the app with every command."""
    from hxq_cli.cli.app import make_app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "HXQ_PAGER": ""}
    whole = CliRunner().invoke(app, [command, *args], env=env)
    alone = CliRunner().invoke(make_app(only=command), [command, *args], env=env)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert len(typer.main.get_command(make_app(only=command)).commands) == 1  # type: ignore[attr-defined]


def test_only_a_named_command_gets_an_app_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    from hxq_cli.cli.app import _app_for

    monkeypatch.delenv("_HXQ_COMPLETE", raising=False)
    for args in (["show", "4"], ["facts"], ["export", "--format", "md"]):
        assert [c.name for c in _app_for(args, 80).registered_commands] == [args[0]]
    for args in ([], ["--help"], ["--version"], ["shwo", "4"], ["-h"]):
        assert _app_for(args, 80) is app
    monkeypatch.setenv("_HXQ_COMPLETE", "complete_bash")
    for words, cword in (("hxq sh", "1"), ("hxq ", "1"), ("hxq show", "1"), ("hxq shwo ", "2")):
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", cword)
        assert _app_for([], 80) is app, words
    for words, cword in (("hxq show ", "2"), ("hxq facts --under 4", "3")):
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", cword)
        assert [c.name for c in _app_for([], 80).registered_commands] == [words.split()[1]]


@pytest.mark.parametrize(
    ("words", "cword"),
    [
        ("hxq ", "1"),
        ("hxq s", "1"),
        ("hxq show ", "2"),
        ("hxq show 4.", "2"),
        ("hxq facts --", "2"),
    ],
)
def test_completion_from_one_command_is_the_same_as_from_the_whole_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], words: str, cword: str
) -> None:
    from hxq_cli.cli.app import _run

    monkeypatch.setenv("_HXQ_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", cword)
    with pytest.raises(SystemExit):
        _run([], environment())
    built_alone = capsys.readouterr().out
    monkeypatch.setattr("hxq_cli.cli.app._completed_command", lambda: None)
    with pytest.raises(SystemExit):
        _run([], environment())
    whole = capsys.readouterr().out
    assert built_alone == whole and whole.strip()
