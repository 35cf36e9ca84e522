"""Every ID form works everywhere (issue 12): node and fact IDs, aliases and titles, folded alike."""

from __future__ import annotations

import json

import pytest

from conftest import Run
from hxq_cli.errors import ExitCode

FACT = "4.2.rd-investment"


def test_show_a_fact(hxq: Run) -> None:
    result = hxq("show", FACT)
    assert result.code == ExitCode.OK, result.err
    assert FACT in result.out
    assert "24.24亿元" in result.out and "CNY 2.424 billion" in result.out
    assert "2025-12-31" in result.out
    assert "研发投入达24.24亿元" in result.out


def test_show_a_fact_as_json(hxq: Run) -> None:
    document = json.loads(hxq("show", FACT, "--json").out)
    assert set(document) == {"schema_version", "framework", "path", "fact"}
    assert document["fact"]["id"] == FACT
    assert [step["id"] for step in document["path"]] == ["4", "4.2"]
    assert document["fact"]["display"]["zh"] == "24.24亿元"


@pytest.mark.parametrize("typed", ["４.２", "４．２", "4。2", " 4.2 ", "innovation", "科创赋能"])
def test_every_form_is_folded_alike(hxq: Run, typed: str) -> None:
    result = hxq("show", typed, "--json")
    assert result.code == ExitCode.OK, result.err
    assert json.loads(result.out)["node"]["id"] == "4.2"


@pytest.mark.parametrize("typed", [FACT, "4。2.RD-Investment", "４．２.rd-investment"])
def test_a_fact_id_in_any_form(hxq: Run, typed: str) -> None:
    assert json.loads(hxq("show", typed, "--json").out)["fact"]["id"] == FACT


def test_facts_takes_the_id_as_an_argument(hxq: Run) -> None:
    positional = hxq("facts", "4.2", "--json")
    option = hxq("facts", "--under", "4.2", "--json")
    assert positional.code == ExitCode.OK
    assert positional.out == option.out
    one = json.loads(hxq("facts", FACT, "--json").out)
    assert [fact["id"] for fact in one["facts"]] == [FACT]


def test_search_and_export_take_a_fact_id_as_its_node(hxq: Run) -> None:
    assert hxq("search", "研发", "--under", FACT).code == ExitCode.OK
    exported = hxq("export", FACT, "--format", "json")
    assert exported.code == ExitCode.OK, exported.err


def test_suggestions_show_titles(hxq: Run) -> None:
    result = hxq("show", "4.2x")
    assert result.code == ExitCode.TROUBLE
    assert "did you mean 4.2 (科创赋能 · " in result.err


@pytest.mark.parametrize("typed", ["4.2.rd-invest", "4.2.rd-investmen", "rd-investment"])
@pytest.mark.parametrize("command", ["show", "facts", "export"])
def test_a_misspelt_fact_id_suggests_the_fact(hxq: Run, command: str, typed: str) -> None:
    """Not 2.1.1 (招商引资, whose alias is 'investment') or 4.1.red-chain, as before."""
    args = [command, typed] + (["--format", "json"] if command == "export" else [])
    result = hxq(*args)
    assert result.code == ExitCode.TROUBLE
    assert result.err.startswith(
        f"hxq: error: unknown ID '{typed}'; did you mean 4.2.rd-investment (截至2025年年底的"
        "研发投入 · R&D investment as of the end of 2025)"
    )


def test_an_unknown_top_level_id_lists_the_top_level(hxq: Run) -> None:
    result = hxq("show", "9")
    assert result.code == ExitCode.TROUBLE
    assert "the top-level IDs are 1, 2, 3, 4, 5, 6" in result.err


def test_search_for_an_id_hints_at_show(hxq: Run) -> None:
    result = hxq("search", FACT)
    assert result.code == ExitCode.NO
    assert f"did you mean `hxq show {FACT}`?" in result.err


def test_completion_offers_fact_ids() -> None:
    from hxq_cli.cli.complete import id_candidates
    from hxq_cli.read import build_framework, load

    values = [value for value, _ in id_candidates(build_framework(load(None)), "4.2.r")]
    assert FACT in values
