"""Exit codes, one meaning each (issue 12): 0 success or "yes", 1 a negative answer, 2 trouble.

Every command is run through the real CLI for each code it can give.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, SHIPPED, Run, run_installed
from hxq_cli.errors import ExitCode

MISSING = "no-such-file.yaml"
GOOD_SOURCE = FIXTURES / "verify-source.txt"


def test_the_codes_read_as_the_issue_says() -> None:
    assert (ExitCode.OK, ExitCode.NO, ExitCode.TROUBLE) == (0, 1, 2)
    assert (ExitCode.INTERRUPTED, ExitCode.BROKEN_PIPE) == (130, 141)


@pytest.mark.parametrize(
    "args",
    [
        ("show",),
        ("show", "4"),
        ("facts",),
        ("search", "名片"),
        ("terms",),
        ("validate",),
        ("diff", str(SHIPPED), str(SHIPPED)),
        ("export", "--format", "json"),
        ("schema",),
    ],
)
def test_success_is_0(hxq: Run, args: tuple[str, ...]) -> None:
    assert hxq(*args).code == ExitCode.OK


def test_verify_success_is_0(hxq: Run) -> None:
    result = hxq(
        "verify", "--source", str(GOOD_SOURCE), "--data", str(FIXTURES / "verify-good.yaml")
    )
    assert result.code == ExitCode.OK, result.err


@pytest.mark.parametrize(
    "args",
    [
        ("search", "zzzznothing"),
        ("search", "zzzznothing", "--json"),
        ("search", "名片", "--under", "6"),
        # Every query or filter that matches nothing, in every output, as `search`.
        ("facts", "--search", "zzzznothing"),
        ("facts", "--search", "zzzznothing", "--json"),
        ("facts", "--search", "zzzznothing", "--json", "--sort", "value"),
        ("facts", "--search", "zzzznothing", "--csv"),
        ("facts", "--search", "zzzznothing", "--chart"),
        ("facts", "1"),
        ("facts", "--under", "1"),
        ("facts", "--chart", "--under", "4.2"),
        ("terms", "zzzznothing"),
        ("terms", "zzzznothing", "--json"),
        ("terms", "--data", str(FIXTURES / "minimal.yaml")),
        ("draft", str(FIXTURES / "draft" / "no-figures.txt")),
        ("diff", str(SHIPPED), str(FIXTURES / "minimal.yaml")),
        ("diff", str(SHIPPED), str(FIXTURES / "minimal.yaml"), "--json"),
        ("verify", "--source", str(GOOD_SOURCE), "--data", str(FIXTURES / "verify-bad.yaml")),
    ],
)
def test_a_negative_answer_is_1(hxq: Run, args: tuple[str, ...]) -> None:
    result = hxq(*args)
    assert result.code == ExitCode.NO
    if args[0] in ("search", "facts", "terms", "draft"):
        # Nothing matched: one line on stderr says so.
        assert result.err.count("\n") == 1 and result.err.startswith("hxq: "), result.err


def test_validate_problems_is_1(hxq: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    assert hxq("validate", str(broken)).code == ExitCode.NO


@pytest.mark.parametrize(
    "args",
    [
        ("show", "--data", MISSING),
        ("show", "9.9"),
        ("show", "--bogus"),
        ("facts", "--data", MISSING),
        ("facts", "--under", "9.9"),
        ("search", "x", "--data", MISSING),
        ("search", "x", "--under", "9.9"),
        ("terms", "--data", MISSING),
        ("validate", MISSING),
        ("diff", MISSING, str(SHIPPED)),
        ("diff", str(SHIPPED), MISSING),
        ("verify", "--source", MISSING),
        ("verify", "--source", str(GOOD_SOURCE), "--data", MISSING),
        ("export", "--format", "pdf"),
        ("export", "--format", "json", "--data", MISSING),
        ("export", "--format", "json", "-o", "no-such-folder/out.json"),
        ("schema", "--bogus"),
        (),
    ],
)
def test_trouble_is_2(hxq: Run, args: tuple[str, ...]) -> None:
    result = hxq(*args)
    assert result.code == ExitCode.TROUBLE, result


def test_diff_epilog_example_works_through_the_installed_hxq(tmp_path: Path) -> None:
    """`hxq diff old nwe > /dev/null || echo …`: a missing file is 2, not "they differ"."""
    missing = run_installed("diff", str(SHIPPED), str(tmp_path / "nwe.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("hxq: error:")
    differ = run_installed("diff", str(SHIPPED), str(FIXTURES / "minimal.yaml"))
    assert differ.returncode == 1


def test_help_texts_document_the_codes(hxq: Run) -> None:
    root = hxq("--help", width=200).out
    assert "1 a negative answer" in root and "2 trouble" in root
    diff_help = hxq("diff", "--help", width=200).out
    assert "1 when they differ, 2 when a file cannot be read" in diff_help
