"""A subtree exported as YAML or JSON is a framework file of its own: `hxq validate` accepts it
and every command reads it, with the IDs of the whole (so `verify` and `diff` name the same
nodes and facts in both)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, Run, load_framework, load_raw
from hxq_cli.cli import main
from hxq_cli.cli.environment import Environment
from hxq_cli.errors import ExitCode
from hxq_cli.formats import export_text, find_format
from hxq_cli.queries.export import subtree
from test_data import source_path

FRAMEWORK = load_framework(str(SHIPPED))
EVERY_NODE = [node.id for node in FRAMEWORK.walk()]


@pytest.fixture(scope="module")
def whole_verified() -> dict[str, Any]:
    """`hxq verify --json` of the whole shipped framework, read once."""
    out = io.StringIO()
    env = Environment(stdout=out, stderr=io.StringIO(), stdin=sys.stdin, width=80)
    assert main(["verify", "--source", str(source_path()), "--json"], env=env) == 0
    report: dict[str, Any] = json.loads(out.getvalue())
    return report


def _export(hxq: Run, fmt: str, node_id: str, path: Path, *more: str) -> None:
    result = hxq("export", "--format", fmt, node_id, "-o", str(path), *more)
    assert (result.code, result.err) == (0, ""), result.err


def test_every_node_of_the_shipped_data_has_ids_to_export() -> None:
    assert len(EVERY_NODE) > 90 and len(set(EVERY_NODE)) == len(EVERY_NODE)


@pytest.mark.parametrize("node_id", EVERY_NODE)
def test_every_subtree_export_is_a_framework_every_command_reads(
    hxq: Run, tmp_path: Path, node_id: str, whole_verified: dict[str, Any]
) -> None:
    located = FRAMEWORK.locate(node_id)
    fact_ids = [fact.id for node in located.node.walk() for fact in node.facts]
    nodes_under = {node.id for node in located.node.walk()}
    part = subtree(FRAMEWORK, located)
    for fmt in ("json", "yaml"):
        # What `hxq export --format FMT ID` writes (the CLI's own runs are tested below).
        path = tmp_path / f"part.{fmt}"
        writer = find_format(fmt)
        assert writer is not None
        path.write_text(export_text(writer, part, "both"), encoding="utf-8")
        checked = hxq("validate", str(path), "--json")
        assert checked.code == 0, checked.out
        assert json.loads(checked.out)["valid"] is True

        document = json.loads(hxq("show", "--json", "--data", str(path)).out)
        assert document["subtree"] == node_id
        assert [node["id"] for node in document["nodes"]] == [node_id]
        assert document["nodes"][0] == located.node.to_dict()

    facts = json.loads(hxq("facts", "--json", "--data", str(path)).out)
    assert [fact["id"] for fact in facts["facts"]] == fact_ids
    # The IDs are the whole's, so verify's findings are the whole's, fact by fact.
    verified = hxq("verify", "--source", str(source_path()), "--json", "--data", str(path))
    assert verified.code == 0, verified.err
    report = json.loads(verified.out)
    assert report["facts"] == [f for f in whole_verified["facts"] if f["id"] in fact_ids]
    assert report["counts"] == [c for c in whole_verified["counts"] if c["node"] in nodes_under]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_cli_writes_a_subtree_that_validate_accepts(hxq: Run, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"part.{fmt}"
    _export(hxq, fmt, "4.outcomes", path)
    result = hxq("validate", str(path))
    assert (result.code, result.out) == (0, f"{path}: valid: 1 node, 5 facts, 1 source\n")
    shown = hxq("show", "4.outcomes.gdp-per-mu", "--data", str(path))
    assert shown.code == 0 and "亩均GDP" in shown.out


def test_a_subtree_diffed_against_the_whole_differs_only_by_what_is_outside(
    hxq: Run, tmp_path: Path
) -> None:
    path = tmp_path / "innovation.yaml"
    _export(hxq, "yaml", "innovation", path)
    result = hxq("diff", str(SHIPPED), str(path), "--json")
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert report["framework"] == [{"field": "subtree", "old": None, "new": "4.2"}]
    # Nothing inside 4.2 differs: the IDs are kept, so every node and fact is matched.
    assert report["nodes"]["edited"] == report["nodes"]["moved"] == []
    assert report["nodes"]["retitled"] == report["nodes"]["added"] == []
    assert report["facts"]["changed"] == report["facts"]["added"] == []
    # The whole's other parts are removed; 4, which held 4.2, with its other parts.
    removed = report["nodes"]["removed"]
    assert {entry["id"] for entry in removed if entry["within"] is None} == {
        node.id for node in FRAMEWORK.nodes
    }
    kept = {node.id for node in FRAMEWORK.locate("4.2").node.walk()}
    assert {entry["id"] for entry in removed} == {node.id for node in FRAMEWORK.walk()} - kept


def test_a_subtree_of_a_subtree_names_its_own_node(hxq: Run, tmp_path: Path) -> None:
    part, smaller = tmp_path / "part.yaml", tmp_path / "smaller.yaml"
    _export(hxq, "yaml", "4", part)
    _export(hxq, "yaml", "4.2.industries", smaller, "--data", str(part))
    assert hxq("validate", str(smaller)).code == 0
    assert load_framework(str(smaller)).subtree == "4.2.industries"
    # The whole file of a subtree, exported again, stays that subtree.
    again = tmp_path / "again.yaml"
    result = hxq("export", "--format", "yaml", "--data", str(part), "-o", str(again))
    assert result.code == 0
    assert again.read_text(encoding="utf-8") == part.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # Without `subtree`, a dotted top-level ID is refused, with the way to say what it is.
        (
            lambda text: text.replace('subtree: "4.2"\n', ""),
            "nodes[0].id: top-level ID '4.2' should be one number or word, without dots "
            "(a file that holds one part of a larger framework says so: subtree: '4.2')",
        ),
        (
            lambda text: text.replace('subtree: "4.2"', 'subtree: "4.3"'),
            "nodes[0].id: top-level ID '4.2' should be the file's subtree, '4.3'",
        ),
    ],
)
def test_validate_holds_a_subtree_file_to_its_subtree(
    hxq: Run, tmp_path: Path, edit: Any, message: str
) -> None:
    path = tmp_path / "part.yaml"
    _export(hxq, "yaml", "4.2", path)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = hxq("validate", str(path))
    assert result.code == ExitCode.NO
    assert message in result.out + result.err


def test_a_subtree_file_holds_one_top_level_node(hxq: Run, tmp_path: Path) -> None:
    raw = load_raw(str(SHIPPED))
    raw["subtree"] = "1"
    path = tmp_path / "many.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = hxq("validate", str(path))
    assert result.code == ExitCode.NO
    assert "nodes[1].id: a subtree file holds one top-level node, '1': '2' is a second" in (
        result.out + result.err
    )
