"""Shell completion of node IDs: the callback itself, and the shells' protocol end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXTURES,
    SHIPPED,
    installed_hxq,
    load_framework,
)
from hxq_cli.cli.complete import complete_node_id, id_candidates
from hxq_cli.model import Bilingual, Framework, Node

DOCUMENT = load_framework(SHIPPED)
MINIMAL = FIXTURES / "minimal.yaml"


@dataclass
class FakeContext:
    params: Mapping[str, Any] = field(default_factory=dict)


def values(candidates: list[tuple[str, str]]) -> list[str]:
    return [value for value, _ in candidates]


def test_empty_word_offers_the_top_two_levels() -> None:
    offered = values(id_candidates(DOCUMENT, ""))
    assert offered[:3] == ["1", "2", "2.1"]
    assert {"4", "4.2", "6.6", "outlook", "background"} <= set(offered)
    assert all(value.count(".") <= 1 for value in offered)


def test_typed_id_offers_one_level_below() -> None:
    assert values(id_candidates(DOCUMENT, "4.2")) == [
        "4.2",
        "4.2.industries",
        "4.2.incubation",
        "4.2.phd",
        "4.2.finance",
    ]
    assert values(id_candidates(DOCUMENT, "4.2.finance.")) == [
        "4.2.finance.1",
        "4.2.finance.2",
    ]
    assert id_candidates(DOCUMENT, "9") == []


def test_titles_are_the_descriptions() -> None:
    assert (
        dict(id_candidates(DOCUMENT, "4"))["4.2"]
        == "科创赋能 · Empowerment through sci-tech innovation"
    )


def test_aliases_and_chinese_titles_complete_too() -> None:
    by_alias = dict(id_candidates(DOCUMENT, "innov"))
    assert by_alias == {"innovation": "4.2 科创赋能 · Empowerment through sci-tech innovation"}
    by_title = dict(id_candidates(DOCUMENT, "科创"))
    assert by_title == {"科创赋能": "4.2 Empowerment through sci-tech innovation"}
    assert dict(id_candidates(DOCUMENT, "质量")) == {
        "质量认证贷": "4.2.finance.2 Quality Certification Loan",
        "质量强区": "4.3 Strengthening the zone through quality",
    }


def test_help_is_one_safe_line() -> None:
    node = Node("1", Bilingual("甲\n乙", "[bold]x\x1b[31m"), Bilingual("d", "d"))
    framework = Framework(1, "f", Bilingual("t", "t"), Bilingual("d", "d"), (), (node,))
    assert id_candidates(framework, "") == [("1", "甲 乙 · [bold]x\\x1b[31m")]


def test_a_file_the_schema_refuses_completes_nothing(tmp_path: Path) -> None:
    # Completion reads the checked document (from the cache when it can), so names that could
    # carry shell syntax ("1'; touch x; '", "$(touch x)") never reach a shell.
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        MINIMAL.read_text(encoding="utf-8").replace(
            'aliases: ["first"]', 'aliases: ["$(touch x)"]'
        ),
        encoding="utf-8",
    )
    assert complete_node_id(FakeContext({"data": str(hostile)}), "") == []
    assert complete_node_id(FakeContext({"data": str(hostile)}), "$") == []


def test_callback_reads_the_data_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert values(complete_node_id(FakeContext({"data": str(MINIMAL)}), "")) == ["1", "1.1", "1.2"]
    monkeypatch.setenv("HXQ_DATA", str(MINIMAL))
    assert values(complete_node_id(FakeContext({"data": None}), "1.")) == ["1.1", "1.2"]
    monkeypatch.delenv("HXQ_DATA")
    assert "4.2" in values(complete_node_id(FakeContext(), "4"))


def test_callback_never_reads_stdin_nor_fails(tmp_path: Path) -> None:
    assert complete_node_id(FakeContext({"data": "-"}), "") == []
    broken = tmp_path / "broken.yaml"
    broken.write_text("nodes: [unclosed\n", encoding="utf-8")
    assert complete_node_id(FakeContext({"data": str(broken)}), "") == []
    assert complete_node_id(FakeContext({"data": str(tmp_path / "missing.yaml")}), "") == []


# --------------------------------------------------------------------------- through the shells


def complete(shell: str, line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Ask the installed hxq for completions the way the shell scripts Typer installs do.

    The child runs `python -X importtime` so that stderr lists every module it imported.
    """
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("HXQ_", "_TYPER"))}
    full_env["HXQ_NO_CACHE"] = "1"  # never the user's own cache
    full_env["_HXQ_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        words = line.split(" ")
        full_env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        full_env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            full_env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hxq_cli"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_through_the_environment_variable(shell: str) -> None:
    result = complete(shell, "hxq show 4.")
    assert result.returncode == 0, result.stderr
    modules = imported(result)
    assert "hxq_cli.cli.complete" in modules
    assert not {m for m in modules if m == "rich" or m.startswith(("rich.", "typer.rich"))}
    # The reference validator (pure Python, slow to import) explains failures only.
    assert not {m for m in modules if m == "jsonschema" or m.startswith("jsonschema.")}
    if shell == "bash":
        assert result.stdout.splitlines()[:2] == ["4.1", "4.1.system"]
    elif shell == "zsh":
        assert result.stdout.startswith("_arguments '*: :((")
        assert '"4.2":"科创赋能 · Empowerment through sci-tech innovation"' in result.stdout
    else:
        assert (
            "4.2\t科创赋能 · Empowerment through sci-tech innovation" in result.stdout.splitlines()
        )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hxq show --data {minimal} 1", ["1", "1.1", "1.2"]),
        ("hxq search budget --under 1.", ["1.1", "1.2"]),
        ("hxq export --format md --data {minimal} ", ["1", "1.1", "1.2"]),
    ],
)
def test_completion_honours_data_on_the_line(line: str, expected: list[str]) -> None:
    result = complete("bash", line.format(minimal=MINIMAL), HXQ_DATA=str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == expected


def test_completion_with_data_from_stdin_offers_nothing() -> None:
    result = complete("zsh", "hxq show --data - 4")
    assert result.returncode == 0
    assert result.stdout.strip() == "_files"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_install_completion(shell: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env.update(
        HXQ_NO_CACHE="1", HOME=str(tmp_path), _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"
    )
    result = subprocess.run(
        [installed_hxq(), "--install-completion", shell],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{shell} completion installed in" in result.stdout
    scripts = [p for p in tmp_path.rglob("*") if p.is_file() and "_HXQ_COMPLETE" in p.read_text()]
    assert scripts, list(tmp_path.rglob("*"))


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_ids_for_real(tmp_path: Path) -> None:
    """Source the script hxq installs into a real bash and press TAB (call its function)."""
    hxq_dir = str(Path(installed_hxq()).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    env.update(
        HXQ_NO_CACHE="1",
        HOME=str(tmp_path),
        PATH=f"{hxq_dir}:{env.get('PATH', '')}",
        _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1",
    )
    script = subprocess.run(
        ["hxq", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    ).stdout
    (tmp_path / "hxq.sh").write_text(script, encoding="utf-8")
    probe = (
        f"source {tmp_path / 'hxq.sh'}\n"
        "COMP_WORDS=(hxq show 4.2.f); COMP_CWORD=2; COMP_LINE='hxq show 4.2.f'\n"
        "func=$(complete -p hxq | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
        '"$func" hxq 4.2.f show\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4.2.finance", "4.2.finance.1", "4.2.finance.2"]
